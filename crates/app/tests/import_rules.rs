//! Import rules: one transaction per file, idempotence, `FILE:LINE: reason` for bad rows, and XLSX
//! equal to CSV. On SQLite always, on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

use std::io::Write;
use std::path::{Path, PathBuf};

use unpol_app::import::{ImportError, ImportOptions, ImportSummary, import_file};
use unpol_app::stats::{self, Narrowing};
use unpol_app::testing::TestStore;
use unpol_domain::Month;
use unpol_import::read_path;
use unpol_storage::Database;
use unpol_storage::published::FigureFilter;
use unpol_storage::testing::TestDb;

fn shared_mission_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/un-uniformed-personnel/un_uniformed_personnel_by_mission_country_type.csv")
}

/// The header and the rows of January 2018 from the real file.
fn january_2018() -> (String, Vec<String>) {
    let text = std::fs::read_to_string(shared_mission_file()).expect("shared data");
    let mut lines = text.lines();
    let header = lines.next().expect("header").to_string();
    (
        header,
        lines
            .filter(|l| l.starts_with("2018-01-31,"))
            .map(str::to_string)
            .collect(),
    )
}

fn write_csv(dir: &Path, name: &str, header: &str, rows: &[String]) -> PathBuf {
    let path = dir.join(name);
    let mut file = std::fs::File::create(&path).expect("create");
    writeln!(file, "{header}").expect("write");
    for row in rows {
        writeln!(file, "{row}").expect("write");
    }
    path
}

const MISSION: usize = 1;
const MALE: usize = 7;
const TOTAL: usize = 9;

/// A CSV line of the shared file with one field replaced (its fields hold no commas).
fn with_field(line: &str, index: usize, value: &str) -> String {
    let mut fields: Vec<&str> = line.split(',').collect();
    fields[index] = value;
    fields.join(",")
}

async fn import(
    db: &unpol_app::Store,
    path: &Path,
    options: ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let parsed = read_path(path, &mut |_, _| {}).expect("readable file");
    import_file(db, &path.display().to_string(), &parsed, options).await
}

/// Everything stored, for before/after comparisons.
async fn snapshot(db: &Database) -> anyhow::Result<Vec<String>> {
    let mut all = Vec::new();
    for (month, level) in db.published_months().await? {
        for f in db
            .published_figures(month, level, &FigureFilter::default())
            .await?
        {
            all.push(format!("{f:?}"));
        }
    }
    all.sort();
    Ok(all)
}

#[tokio::test]
async fn reimporting_a_file_inserts_nothing() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (header, rows) = january_2018();
    let path = write_csv(dir.path(), "jan.csv", &header, &rows);
    for t in TestDb::all().await? {
        let first = import(&t.store(), &path, ImportOptions::default()).await?;
        assert_eq!(first.inserted as usize, rows.len(), "{}", t.label);
        let before = snapshot(&t.db).await?;
        let second = import(&t.store(), &path, ImportOptions::default()).await?;
        assert_eq!(
            (second.inserted, second.unchanged as usize),
            (0, rows.len()),
            "{}",
            t.label
        );
        assert_eq!(snapshot(&t.db).await?, before, "{}", t.label);
        // Each import is in the audit trail, with what it did.
        let imports: Vec<String> = unpol_app::audit::entries(&t.store(), &Default::default())
            .await?
            .into_iter()
            .filter(|e| e.event.action == "published.import")
            .map(|e| e.event.detail)
            .collect();
        assert_eq!(imports.len(), 2, "{}: {imports:?}", t.label);
        assert!(
            imports[1].contains(&format!("0 figures new, {} unchanged", rows.len())),
            "{}: {imports:?}",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn one_bad_row_leaves_the_database_exactly_as_before() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (header, rows) = january_2018();
    let earlier = write_csv(dir.path(), "first.csv", &header, &rows[..100]);
    let mut bad = rows.clone();
    // Line 1 is the header, so rows[i] is on line i + 2.
    bad[10] = with_field(&bad[10], MISSION, "NOTAMISSION");
    bad[149] = with_field(&bad[149], TOTAL, "999999");
    let bad_path = write_csv(dir.path(), "bad.csv", &header, &bad);
    for t in TestDb::all().await? {
        import(&t.store(), &earlier, ImportOptions::default()).await?;
        let before = snapshot(&t.db).await?;
        let refused = import(&t.store(), &bad_path, ImportOptions::default()).await;
        let Err(ImportError::Invalid { file, rejected }) = refused else {
            panic!("{}: must be refused", t.label)
        };
        assert!(file.ends_with("bad.csv"));
        let lines: Vec<u64> = rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![12, 151], "{}: {rejected:?}", t.label);
        assert!(
            rejected[0].reason.contains("unknown mission"),
            "{:?}",
            rejected[0]
        );
        assert!(
            rejected[1].reason.contains("women + men != total"),
            "{:?}",
            rejected[1]
        );
        assert_eq!(
            snapshot(&t.db).await?,
            before,
            "{}: nothing written",
            t.label
        );

        let partial = import(
            &t.store(),
            &bad_path,
            ImportOptions {
                skip_invalid: true,
                ..Default::default()
            },
        )
        .await?;
        assert_eq!(partial.rejected.len(), 2, "{}", t.label);
        assert_eq!(
            partial.inserted as usize + partial.unchanged as usize + partial.merged as usize,
            rows.len() - 2
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_row_contradicting_stored_figures_is_refused_with_its_line() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (header, rows) = january_2018();
    let original = write_csv(dir.path(), "original.csv", &header, &rows[..20]);
    let mut changed_rows = rows[..20].to_vec();
    let fields: Vec<&str> = changed_rows[4].split(',').collect();
    let (men, total): (i64, i64) = (fields[MALE].parse()?, fields[TOTAL].parse()?);
    let one_more_man = with_field(&changed_rows[4], MALE, &(men + 1).to_string());
    changed_rows[4] = with_field(&one_more_man, TOTAL, &(total + 1).to_string());
    let changed = write_csv(dir.path(), "changed.csv", &header, &changed_rows);
    for t in TestDb::all().await? {
        import(&t.store(), &original, ImportOptions::default()).await?;
        let before = snapshot(&t.db).await?;
        let Err(ImportError::Invalid { rejected, .. }) =
            import(&t.store(), &changed, ImportOptions::default()).await
        else {
            panic!("{}: a published figure is never edited", t.label)
        };
        assert_eq!(rejected.len(), 1);
        assert_eq!(rejected[0].line, 6, "{}", t.label);
        assert!(rejected[0].reason.contains("already imported"));
        assert_eq!(snapshot(&t.db).await?, before);
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn xlsx_with_the_same_columns_imports_the_same_figures() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let (header, rows) = january_2018();
    let csv_path = write_csv(dir.path(), "jan.csv", &header, &rows);
    let xlsx_path = dir.path().join("jan.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, name) in header.split(',').enumerate() {
        sheet.write_string(0, col as u16, name)?;
    }
    let mut reader = csv::Reader::from_path(&csv_path)?;
    let date_format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (i, record) in reader.records().enumerate() {
        let record = record?;
        let row = i as u32 + 1;
        for (col, value) in record.iter().enumerate() {
            let col = col as u16;
            if col == 0 {
                let date = rust_xlsxwriter::ExcelDateTime::parse_from_str(value)?;
                sheet.write_datetime_with_format(row, col, &date, &date_format)?;
            } else if let Ok(n) = value.parse::<f64>() {
                sheet.write_number(row, col, n)?;
            } else {
                sheet.write_string(row, col, value)?;
            }
        }
    }
    book.save(&xlsx_path)?;

    let from_csv = TestDb::sqlite().await?;
    import(&from_csv.store(), &csv_path, ImportOptions::default()).await?;
    let from_xlsx = TestDb::sqlite().await?;
    let summary = import(&from_xlsx.store(), &xlsx_path, ImportOptions::default()).await?;
    assert_eq!(summary.rows_read as usize, rows.len());
    assert_eq!(
        snapshot(&from_xlsx.db).await?,
        snapshot(&from_csv.db).await?
    );
    let jan: Month = "2018-01".parse()?;
    let report = stats::contributions(&from_xlsx.store(), jan, &Narrowing::default()).await?;
    assert_eq!(report.police.total, 11_045);
    from_csv.cleanup().await?;
    from_xlsx.cleanup().await
}
