//! The UN's own PDFs (`shared/data/un-uniformed-personnel/source-pdf-samples`, one or more of
//! each layout) read by unpol, row for row against the CSVs extracted from the same PDFs by
//! another tool (pdfplumber, see that folder's SOURCE.md), and checked against the totals they
//! print.

use std::path::PathBuf;

use unpol_import::pdf::{Layout, PdfError, read_report};

fn data() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/un-uniformed-personnel")
}

fn sample(name: &str) -> (Vec<u8>, String) {
    let name = format!("UN_country_contributions_{name}.pdf");
    let path = data().join("source-pdf-samples").join(&name);
    (
        std::fs::read(&path).expect("the sample PDFs are in ../shared/data"),
        name,
    )
}

/// A row as both readers give it: mission, country and type as printed, men, women, total.
type Row = (String, String, String, i64, i64, i64);

/// The CSV's rows of one report date, from the mission-level file or the country-level one.
fn csv_rows(as_of: &str, with_missions: bool) -> Vec<Row> {
    let file = if with_missions {
        "un_uniformed_personnel_by_mission_country_type.csv"
    } else {
        "un_uniformed_personnel_by_country_type_2018-03_to_2019-08.csv"
    };
    let mut reader = csv::Reader::from_path(data().join(file)).expect("the published CSV");
    let headers = reader.headers().expect("a header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (date, mission, country, kind) = (
        column("report_date"),
        headers.iter().position(|h| h == "mission"),
        column("contributing_country"),
        column("personnel_type_as_printed"),
    );
    let (male, female, total) = (column("male"), column("female"), column("total"));
    let mut rows: Vec<Row> = reader
        .records()
        .map(|r| r.expect("a CSV record"))
        .filter(|r| &r[date] == as_of)
        .map(|r| {
            let count = |i: usize| r[i].parse::<i64>().expect("a count");
            (
                mission.map(|m| r[m].to_string()).unwrap_or_default(),
                r[country].to_string(),
                r[kind].to_string(),
                count(male),
                count(female),
                count(total),
            )
        })
        .collect();
    rows.sort();
    rows
}

fn check_sample(name: &str, layout: Layout, as_of: &str) {
    let (bytes, file) = sample(name);
    let reading = read_report(&bytes, Some(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(reading.layout, layout, "{file}");
    assert_eq!(reading.as_of.to_string(), as_of, "{file}");
    let mut read: Vec<Row> = reading
        .rows
        .iter()
        .map(|r| {
            let mission = r.mission.clone().unwrap_or_default();
            (
                mission,
                r.country.clone(),
                r.category.clone(),
                r.male,
                r.female,
                r.total,
            )
        })
        .collect();
    read.sort();
    let expected = csv_rows(as_of, layout.has_missions());
    assert!(
        !expected.is_empty(),
        "{file}: the CSV has no rows for {as_of}"
    );
    let missing: Vec<_> = expected
        .iter()
        .filter(|r| !read.contains(r))
        .take(5)
        .collect();
    let extra: Vec<_> = read
        .iter()
        .filter(|r| !expected.contains(r))
        .take(5)
        .collect();
    assert_eq!(
        (read.len(), missing.len(), extra.len()),
        (expected.len(), 0, 0),
        "{file}: rows the CSV has and unpol did not read: {missing:?}; rows unpol read that the CSV lacks: {extra:?}"
    );
    assert_eq!(read, expected, "{file}");
    if layout != Layout::Flat {
        assert!(
            reading.totals_checked > 0,
            "{file}: no printed total was checked"
        );
    }
}

#[test]
fn layout_d_2015_and_2016() {
    check_sample("2015_05", Layout::CountryMissionDescription, "2015-05-31");
    check_sample("2016_09", Layout::CountryMissionDescription, "2016-09-30");
}

#[test]
fn layout_b_february_2018() {
    check_sample("2018_02", Layout::CountryMissionPost, "2018-02-28");
}

#[test]
fn layout_a_country_level_2018() {
    check_sample("2018_06", Layout::CountryPost, "2018-06-30");
    check_sample("2018_08", Layout::CountryPost, "2018-08-31");
    check_sample("2018_09", Layout::CountryPost, "2018-09-30");
}

#[test]
fn layout_w_october_2019_dated_by_its_file_name() {
    check_sample("2019_10", Layout::CountryMissionWide, "2019-10-31");
    let (bytes, file) = sample("2019_10");
    let reading = read_report(&bytes, Some(&file)).expect("readable");
    assert!(
        reading
            .notes
            .iter()
            .any(|n| n.contains("taken from the file name")),
        "{:?}",
        reading.notes
    );
    let renamed = read_report(&bytes, Some("report.pdf"));
    assert!(matches!(renamed, Err(PdfError::NoDate)), "{renamed:?}");
}

#[test]
fn layout_g_may_2020() {
    check_sample("2020_05", Layout::MissionContributor, "2020-05-31");
}

#[test]
fn layout_c_merged_country_cells_with_and_without_ruling_lines() {
    check_sample("2021_02", Layout::MissionCountryType, "2021-02-28");
    check_sample("2022_09", Layout::MissionCountryType, "2022-09-30");
    check_sample("2025_07", Layout::MissionCountryType, "2025-07-31");
}

#[test]
fn the_june_2020_file_is_the_june_2022_report_as_printed_inside() {
    check_sample("2020_06", Layout::MissionCountryType, "2022-06-30");
    let (bytes, file) = sample("2020_06");
    let reading = read_report(&bytes, Some(&file)).expect("readable");
    assert!(
        reading
            .notes
            .iter()
            .any(|n| n.contains("the file name says 2020-06")),
        "{:?}",
        reading.notes
    );
}

#[test]
fn layout_e_october_2024() {
    check_sample("2024_10", Layout::Flat, "2024-10-31");
}

#[test]
fn august_2020_is_refused_because_its_men_and_women_columns_are_mixed_up() {
    let (bytes, file) = sample("2020_08");
    match read_report(&bytes, Some(&file)) {
        Err(error @ PdfError::Unreadable { page, .. }) => {
            let text = error.to_string();
            assert!(text.starts_with(&format!("page {page}, line")), "{text}");
            assert!(text.contains("women of"), "{text}");
        }
        Err(other) => panic!("{file} must be refused for its men and women, got: {other}"),
        Ok(reading) => panic!("{file} must be refused, {} rows read", reading.rows.len()),
    }
}

/// A copy of a report with one figure changed: Argentina's contingent troops on page 1 of June
/// 2018, 219 men printed as 218.
fn tampered_june_2018() -> Vec<u8> {
    let (bytes, _) = sample("2018_06");
    let mut document = pdf_extract::Document::load_mem(&bytes).expect("a PDF");
    let first = *document.get_pages().get(&1).expect("page 1");
    let content = document.get_page_content(first).expect("page 1's content");
    let needle = b"[(219)] TJ";
    let at = content
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the figure 219 on page 1");
    let mut changed = content.clone();
    changed[at..at + needle.len()].copy_from_slice(b"[(218)] TJ");
    document
        .change_page_content(first, changed)
        .expect("page 1 rewritten");
    let mut out = Vec::new();
    document.save_to(&mut out).expect("saved");
    out
}

#[test]
fn a_copy_with_one_figure_changed_is_refused_naming_the_page() {
    let (bytes, file) = sample("2018_06");
    assert!(
        read_report(&bytes, Some(&file)).is_ok(),
        "the original reads"
    );
    match read_report(&tampered_june_2018(), Some("copy.pdf")) {
        Err(PdfError::Mismatch(mismatch)) => {
            assert_eq!(mismatch.page, 1, "{mismatch}");
            assert!(mismatch.what.contains("Argentina"), "{mismatch}");
            assert!(
                mismatch.to_string().starts_with("page 1, line "),
                "{mismatch}"
            );
        }
        other => panic!(
            "the changed copy must be refused, got {:?}",
            other.map(|r| r.rows.len())
        ),
    }
}
