//! `unpol import published REPORT.pdf` as a user runs it, on the UN's own PDFs
//! (`shared/data/un-uniformed-personnel/source-pdf-samples`): the month's figures equal the
//! published CSV's, a second import changes nothing, `--dry-run` prints rows that import as they
//! are, a folder imports file by file, and a file that is not a report is one line and exit 1.

use std::path::{Path, PathBuf};

use unpol_app::testing::TestDb;

mod common;

use common::{stderr, unpol};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/un-uniformed-personnel")
}

fn sample(month: &str) -> String {
    data()
        .join(format!(
            "source-pdf-samples/UN_country_contributions_{month}.pdf"
        ))
        .display()
        .to_string()
}

/// Police (individual and formed units) and their women in the published CSV on one date.
fn csv_police(report_date: &str) -> (u64, u64) {
    let path = data().join("un_uniformed_personnel_by_mission_country_type.csv");
    let mut reader = csv::Reader::from_path(path).expect("the published CSV");
    let (mut total, mut women) = (0, 0);
    for record in reader.records() {
        let record = record.expect("a record");
        if &record[0] == report_date
            && ["Individual Police", "Formed Police Units"].contains(&&record[5])
        {
            total += record[9].parse::<u64>().expect("a total");
            women += record[8].parse::<u64>().expect("a count of women");
        }
    }
    (total, women)
}

fn police(url: &str, month: &str) -> (u64, u64) {
    let out = unpol(
        url,
        &[
            "stats",
            "contributions",
            "--month",
            month,
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let count = |key: &str| json["police"][key].as_u64().expect(key);
    (count("total"), count("women"))
}

#[tokio::test]
async fn a_report_imports_once_and_its_month_answers_as_the_published_csv() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let out = unpol(&t.url, &["import", "published", &sample("2025_07")]);
        assert!(out.status.success(), "{}", stderr(&out));
        let said = stderr(&out);
        assert!(
            said.contains("read as the UN's report as of 2025-07-31"),
            "{said}"
        );
        assert!(said.contains("printed totals checked"), "{said}");
        let (total, _) = csv_police("2025-07-31");
        assert_eq!(police(&t.url, "2025-07"), csv_police("2025-07-31"));
        let table = unpol(&t.url, &["stats", "contributions", "--month", "2025-07"]);
        let first = String::from_utf8_lossy(&table.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        let total = format!("{},{:03}", total / 1000, total % 1000);
        assert!(
            first.starts_with(&format!("2025-07: {total} police")),
            "{first}"
        );
        let readme = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
        )?;
        assert!(
            readme.contains(&format!("that report's {total} police")),
            "the README's example says what the command prints"
        );

        let again = unpol(&t.url, &["import", "published", &sample("2025_07")]);
        assert!(again.status.success(), "{}", stderr(&again));
        assert!(stderr(&again).contains("already imported: nothing changed"));
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_dry_run_prints_rows_that_import_as_they_are_and_writes_nothing() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let out = unpol(
        &t.url,
        &[
            "import",
            "published",
            &sample("2020_06"),
            "--dry-run",
            "--format",
            "csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the file name says 2020-06, the report is as of 2022-06-30"),
        "{}",
        stderr(&out)
    );
    let rows = String::from_utf8(out.stdout)?;
    assert_eq!(
        rows.lines().next(),
        Some(
            "report_date,mission,contributing_country,contributing_country_std,iso3,\
             personnel_type,personnel_type_as_printed,male,female,total,source_pdf"
        )
    );
    assert!(rows.lines().skip(1).all(|l| l.starts_with("2022-06-30,")));
    let nothing = unpol(&t.url, &["stats", "contributions", "--month", "2022-06"]);
    assert!(!nothing.status.success(), "a dry run imports nothing");

    let dir = tempfile::tempdir()?;
    let printed = dir.path().join("june-2022.csv");
    std::fs::write(&printed, &rows)?;
    let out = unpol(
        &t.url,
        &["import", "published", &printed.display().to_string()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(police(&t.url, "2022-06"), csv_police("2022-06-30"));
    let pdf = unpol(&t.url, &["import", "published", &sample("2020_06")]);
    assert!(
        stderr(&pdf).contains("already imported: nothing changed"),
        "the PDF holds exactly the rows its dry run printed: {}",
        stderr(&pdf)
    );
    t.cleanup().await
}

#[tokio::test]
async fn a_folder_imports_report_by_report_and_refuses_the_one_that_does_not_add_up()
-> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let dir = tempfile::tempdir()?;
    for month in ["2018_06", "2020_08"] {
        let from = sample(month);
        let name = Path::new(&from).file_name().expect("a file name");
        std::fs::copy(&from, dir.path().join(name))?;
    }
    std::fs::write(dir.path().join("notes.txt"), "not a report")?;
    let out = unpol(
        &t.url,
        &["import", "published", &dir.path().display().to_string()],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains("2018_06.pdf: imported (country level)"),
        "{said}"
    );
    assert!(
        said.contains("2020_08.pdf: page ") && said.contains("nothing imported"),
        "{said}"
    );
    assert!(!said.contains("notes.txt"), "{said}");
    let months = unpol(&t.url, &["stats", "contributions", "--month", "2020-08"]);
    assert!(!months.status.success(), "August 2020 is not imported");
    t.cleanup().await
}

#[tokio::test]
async fn a_file_that_is_not_a_readable_report_is_one_line_and_exit_1() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let dir = tempfile::tempdir()?;
    let text = dir.path().join("letter.pdf");
    std::fs::write(&text, "Dear colleague,")?;
    let bytes = std::fs::read(sample("2018_09"))?;
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 3])?;
    for (file, words) in [
        (&text, "not a PDF file, or a damaged one"),
        (&cut, "not a PDF file, or a damaged one"),
    ] {
        let out = unpol(
            &t.url,
            &["import", "published", &file.display().to_string()],
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let said = stderr(&out);
        let first = said.lines().next().unwrap_or_default();
        assert!(first.contains(words), "{said}");
        assert_eq!(said.lines().count(), 2, "one line, then the count: {said}");
    }
    t.cleanup().await
}
