//! Reading the UN's monthly report of uniformed personnel from its PDF, in any of the seven
//! layouts it had between 2015 and 2025, and proving the reading against the totals the report
//! prints: a row that does not add up to its printed total refuses the whole file.
//!
//! The pipeline: [`text`] turns the PDF into lines of positioned cells; [`layout`] recognises
//! the table's header; a reader per family of layouts walks the lines as the table reads
//! (country first in [`by_country`], mission first in [`by_mission`]), emitting rows and
//! checking every printed total ([`checks`]). The rows then enter the same validation as a CSV.

mod by_country;
mod by_mission;
mod checks;
mod layout;
mod text;

use chrono::{Datelike, NaiveDate};
use unpol_domain::published::{Level, RawRow};

use crate::read::{ParsedFile, Places, sha256};
pub use checks::Mismatch;
pub use layout::Layout;
use layout::{Columns, is_furniture};
use text::Line;
pub use text::TextError;

/// One figure as printed: a row of the report's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfRow {
    pub page: u32,
    pub line: u32,
    pub mission: Option<String>,
    pub country: String,
    /// The personnel type as printed ("Individual Police", "FPU", "police", "UNPOL"...).
    pub category: String,
    pub male: i64,
    pub female: i64,
    pub total: i64,
}

/// What was read from one report.
#[derive(Debug, Clone)]
pub struct Reading {
    pub layout: Layout,
    /// The report's "as of" date.
    pub as_of: NaiveDate,
    pub rows: Vec<PdfRow>,
    /// How many printed totals the rows were checked against.
    pub totals_checked: usize,
    /// Things a reader should know: a month taken from the file name, a file name that
    /// disagrees with the printed date.
    pub notes: Vec<String>,
}

/// Why a PDF cannot be imported. Each is one line for the person importing it.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("not a UN report of contributions of uniformed personnel (no table of a known layout)")]
    NotAReport,
    #[error(
        "a UN report of contributions, but in a layout unpol does not know (page {page}, line {line}: {header})"
    )]
    UnknownLayout {
        page: u32,
        line: u32,
        header: String,
    },
    #[error(transparent)]
    Mismatch(#[from] Mismatch),
    #[error("page {page}, line {line}: {reason}; nothing imported")]
    Unreadable {
        page: u32,
        line: u32,
        reason: String,
    },
    #[error(
        "the report prints no \"as of\" date and the file name carries no month (..._YYYY_MM.pdf)"
    )]
    NoDate,
}

impl PdfError {
    /// A line where the layout has none of its kind: the file is not read further.
    fn unexplained(line: &Line) -> PdfError {
        PdfError::at(
            line,
            format!(
                "a line the report's layout does not explain: \"{}\"",
                line.text()
            ),
        )
    }

    fn at(line: &Line, reason: impl Into<String>) -> PdfError {
        PdfError::Unreadable {
            page: line.page,
            line: line.number,
            reason: reason.into(),
        }
    }
}

/// Reads a report. `file_name` is used only for the layout that prints no date.
pub fn read_report(bytes: &[u8], file_name: Option<&str>) -> Result<Reading, PdfError> {
    let lines = text::lines(bytes)?;
    let (header_at, layout) = lines
        .iter()
        .enumerate()
        .find_map(|(i, line)| Layout::of_header(line).map(|layout| (i, layout)))
        .ok_or_else(|| unknown(&lines))?;
    let header = &lines[header_at];
    let columns = Columns::from_header(header);
    let title: Vec<String> = lines[..header_at].iter().map(Line::text).collect();
    let body = table_lines(&lines, layout, &title);
    let mut table = match layout {
        Layout::CountryMissionDescription => by_country::described(&body, &columns)?,
        Layout::CountryMissionPost => by_country::by_post(&body, &columns, true)?,
        Layout::CountryPost => by_country::by_post(&body, &columns, false)?,
        Layout::CountryMissionWide => by_country::wide(&body, &columns)?,
        Layout::MissionContributor => by_mission::by_contributor(&body, &columns)?,
        Layout::MissionCountryType => by_mission::merged_country(&body, &columns)?,
        Layout::Flat => by_mission::flat(&body)?,
    };
    if table.rows.is_empty() {
        return Err(PdfError::at(header, "no rows under the table's header"));
    }
    checks::plausible(&table.rows, table.last_total)?;
    let mut notes = Vec::new();
    let printed = table
        .date
        .take()
        .or_else(|| printed_date(&lines[..=header_at]));
    let named = file_name.and_then(month_in_name);
    let as_of = match (printed, named) {
        (Some(date), Some((year, month))) => {
            if (date.year(), date.month()) != (year, month) {
                notes.push(format!(
                    "the file name says {year}-{month:02}, the report is as of {date}; the printed date is used"
                ));
            }
            date
        }
        (Some(date), None) => date,
        (None, Some((year, month))) => {
            let date = last_day(year, month).ok_or(PdfError::NoDate)?;
            notes.push(format!(
                "the report prints no date; {date} is taken from the file name"
            ));
            date
        }
        (None, None) => return Err(PdfError::NoDate),
    };
    if table.totals_checked == 0 {
        notes.push("this layout prints no totals: each row is checked on its own".into());
    }
    Ok(Reading {
        layout,
        as_of,
        rows: table.rows,
        totals_checked: table.totals_checked,
        notes,
    })
}

/// What a layout's reader found.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<PdfRow>,
    totals_checked: usize,
    /// The date printed on the rows, for the layout that prints one per row.
    date: Option<NaiveDate>,
    /// The page and line of the last total checked (the grand total, where one is printed).
    last_total: Option<(u32, u32)>,
}

impl Table {
    /// A row printed on `line`: men, women, total in `figures`.
    fn push(
        &mut self,
        line: &Line,
        mission: Option<&str>,
        country: &str,
        category: &str,
        figures: [i64; 3],
    ) {
        let [male, female, total] = figures;
        self.rows.push(PdfRow {
            page: line.page,
            line: line.number,
            mission: mission.map(str::to_string),
            country: country.to_string(),
            category: category.to_string(),
            male,
            female,
            total,
        });
    }

    fn checked(&mut self, line: &Line) {
        self.totals_checked += 1;
        self.last_total = Some((line.page, line.number));
    }
}

fn unknown(lines: &[Line]) -> PdfError {
    let about = |line: &&Line| {
        let text = line.text();
        text.contains("Peacekeeping") || text.contains("Uniformed Personnel")
    };
    match lines.iter().find(about) {
        Some(line) => {
            let header = lines
                .iter()
                .skip_while(|l| l.page == line.page && l.y <= line.y)
                .find(|l| l.cells.len() >= 4)
                .unwrap_or(line);
            PdfError::UnknownLayout {
                page: header.page,
                line: header.number,
                header: header.text(),
            }
        }
        None => PdfError::NotAReport,
    }
}

/// The lines of the table: on every page that repeats the header, what is above it and the
/// header itself are left out; on a page without one, the lines that repeat the first page's
/// title; everywhere, page numbers and generation stamps.
fn table_lines<'a>(lines: &'a [Line], layout: Layout, title: &[String]) -> Vec<&'a Line> {
    let mut body = Vec::new();
    let mut page_start = 0;
    while page_start < lines.len() {
        let page = lines[page_start].page;
        let page_end = lines[page_start..]
            .iter()
            .position(|l| l.page != page)
            .map_or(lines.len(), |n| page_start + n);
        let on_page = &lines[page_start..page_end];
        let first = on_page
            .iter()
            .position(|l| Layout::of_header(l) == Some(layout))
            .map_or(0, |i| i + 1);
        body.extend(on_page[first..].iter().filter(|l| {
            let text = l.text();
            !text.trim().is_empty() && !is_furniture(l) && !title.contains(&text)
        }));
        page_start = page_end;
    }
    body
}

/// The "as of" date in the title: `28/02/2021` or `Month of Report : 31-May-15`.
fn printed_date(title: &[Line]) -> Option<NaiveDate> {
    title
        .iter()
        .flat_map(|line| line.cells.iter())
        .flat_map(|cell| cell.text.split_whitespace())
        .find_map(parse_date)
}

pub(crate) fn parse_date(token: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(token, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(token, "%d-%b-%y"))
        .ok()
}

/// `UN_country_contributions_2019_10.pdf` → (2019, 10).
fn month_in_name(name: &str) -> Option<(i32, u32)> {
    let stem = name.rsplit(['/', '\\']).next()?.trim_end_matches(".pdf");
    let parts: Vec<&str> = stem.split(['_', '-', ' ']).collect();
    parts.windows(2).rev().find_map(|pair| {
        let (year, month) = (pair[0], pair[1]);
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let (year, month) = (year.parse().ok()?, month.parse().ok()?);
        ((2000..2200).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
    })
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// A PDF row's place in `ParsedFile` line numbers: the page in the high digits.
pub(crate) const LINES_PER_PAGE: u64 = 10_000;

impl Reading {
    /// The rows as the import reads every file: same validation, same messages.
    pub fn into_parsed(self, bytes: &[u8]) -> ParsedFile {
        let month = self.as_of.format("%Y-%m-%d").to_string();
        let mut notes = self.notes;
        notes.push(format!(
            "read as the UN's report as of {} (layout {}): {} rows, {} printed totals checked",
            self.as_of,
            self.layout.letter(),
            self.rows.len(),
            self.totals_checked
        ));
        let rows = self
            .rows
            .into_iter()
            .map(|row| {
                let line = u64::from(row.page) * LINES_PER_PAGE + u64::from(row.line);
                let raw = RawRow {
                    month: month.clone(),
                    mission: row.mission,
                    country: row.country,
                    iso3: None,
                    category: row.category,
                    women: row.female,
                    men: row.male,
                    total: row.total,
                };
                (line, Ok(raw))
            })
            .collect();
        ParsedFile {
            level: if self.layout.has_missions() {
                Level::Mission
            } else {
                Level::Country
            },
            sha256: sha256(bytes),
            rows,
            places: Places::PdfPages,
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{last_day, month_in_name, parse_date};

    #[test]
    fn dates_as_the_reports_print_them() {
        assert_eq!(
            parse_date("28/02/2021").map(|d| d.to_string()),
            Some("2021-02-28".into())
        );
        assert_eq!(
            parse_date("31-May-15").map(|d| d.to_string()),
            Some("2015-05-31".into())
        );
        assert_eq!(parse_date("Troops"), None);
    }

    #[test]
    fn the_month_of_a_file_name() {
        assert_eq!(
            month_in_name("dir/UN_country_contributions_2019_10.pdf"),
            Some((2019, 10))
        );
        assert_eq!(month_in_name("report-2025-07.pdf"), Some((2025, 7)));
        assert_eq!(month_in_name("report.pdf"), None);
        assert_eq!(
            last_day(2024, 2).map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        assert_eq!(
            last_day(2019, 12).map(|d| d.to_string()),
            Some("2019-12-31".into())
        );
    }
}
