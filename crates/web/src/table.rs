//! One table type for what a page shows and what it exports: every table a user can see is
//! rendered from a [`Table`], so every table exports as CSV (with its HXL hashtag row) and XLSX
//! with exactly the rows the page showed, through the same scope.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook};
use unpol_domain::Month;

use crate::i18n::Lang;

/// A column: its label (a translation key) and its HXL hashtag (DESIGN.md §6).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub label: &'static str,
    pub hxl: &'static str,
}

pub const fn column(label: &'static str, hxl: &'static str) -> Column {
    Column { label, hxl }
}

/// A value, kept typed so that each output writes it its own way: grouped digits on a page, raw
/// digits in CSV, a number cell in XLSX.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Text that links to a page (exports keep the text).
    Link {
        text: String,
        href: String,
    },
    Count(u64),
    /// A share from 0 to 1; none when there is nothing to divide.
    Share(Option<f64>),
    Month(Month),
    Date(Option<NaiveDate>),
    /// A value whose page shows a label in the page's language while files keep the value,
    /// so that an export never changes with the language (a status code, a rule).
    Shown {
        value: String,
        shown: String,
    },
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }

    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Cell {
        Cell::Link {
            text: text.into(),
            href: href.into(),
        }
    }

    /// As shown on a page in this language.
    pub fn display(&self, lang: Lang) -> String {
        match self {
            Cell::Text(t) | Cell::Link { text: t, .. } => t.clone(),
            Cell::Shown { shown, .. } => shown.clone(),
            Cell::Count(n) => lang.number(*n),
            Cell::Share(s) => lang.percent_or_dash(*s),
            Cell::Month(m) => m.to_string(),
            Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// As written in a CSV file: plain digits, shares as decimals, ISO dates.
    pub fn raw(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Link { text: t, .. } | Cell::Shown { value: t, .. } => t.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Share(s) => s.map(|s| format!("{s:.4}")).unwrap_or_default(),
            Cell::Month(m) => m.to_string(),
            Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// The value in a CSV file: text a spreadsheet cannot evaluate, numbers as they are.
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Link { text: t, .. } | Cell::Shown { value: t, .. } => {
                unpol_domain::text::spreadsheet_safe(t).into_owned()
            }
            other => other.raw(),
        }
    }

    pub fn href(&self) -> Option<&str> {
        match self {
            Cell::Link { href, .. } => Some(href),
            _ => None,
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Cell::Count(_) | Cell::Share(_))
    }

    /// Months and days, which must not wrap at their hyphens (a wrapped month doubles a row).
    pub fn is_dated(&self) -> bool {
        matches!(self, Cell::Month(_) | Cell::Date(_))
    }
}

/// A table with a name (its file name in exports), columns and rows.
#[derive(Debug, Clone)]
pub struct Table {
    /// Also the exported file's name: `missions` gives `missions.csv`.
    pub name: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<Vec<Cell>>,
    /// Per column, the link that sorts by it and, for the column sorted by, whether downward.
    pub sorting: Vec<(usize, String, Option<bool>)>,
}

/// The export formats of every table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl Table {
    pub fn new(name: &'static str, columns: &'static [Column]) -> Table {
        Table {
            name,
            columns,
            rows: Vec::new(),
            sorting: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "table {}", self.name);
        self.rows.push(row);
    }

    /// The translation key of the table's caption.
    /// Makes a column's header a link that sorts the list by it; `sorted` says the list is sorted
    /// by it now (downward when true).
    pub fn sort_by(&mut self, column: usize, href: String, sorted: Option<bool>) {
        self.sorting.push((column, href, sorted));
    }

    /// The link of a sortable header.
    pub fn sort_href(&self, column: &usize) -> Option<&str> {
        self.sorting
            .iter()
            .find(|(c, _, _)| c == column)
            .map(|(_, href, _)| href.as_str())
    }

    /// `ascending` or `descending` for the column the list is sorted by, empty otherwise.
    pub fn aria_sort(&self, column: &usize) -> &'static str {
        match self.sorting.iter().find(|(c, _, _)| c == column) {
            Some((_, _, Some(true))) => "descending",
            Some((_, _, Some(false))) => "ascending",
            _ => "",
        }
    }

    pub fn caption(&self) -> String {
        format!("table-{}", self.name)
    }

    pub fn labels(&self, lang: Lang) -> Vec<String> {
        self.columns.iter().map(|c| lang.t(c.label)).collect()
    }

    /// CSV: the labels in the reader's language, the HXL hashtags, then the rows.
    pub fn csv(&self, lang: Lang) -> anyhow::Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(self.labels(lang))?;
        writer.write_record(self.columns.iter().map(|c| c.hxl))?;
        for row in &self.rows {
            writer.write_record(row.iter().map(Cell::csv))?;
        }
        writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
    }

    /// XLSX: one sheet, the labels in bold, counts and shares as numbers.
    pub fn xlsx(&self, lang: Lang) -> anyhow::Result<Vec<u8>> {
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name(self.name)?;
        let bold = Format::new().set_bold();
        let percent = Format::new().set_num_format("0.0%");
        let month = Format::new().set_num_format("yyyy-mm");
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (col, label) in (0u16..).zip(self.labels(lang)) {
            sheet.write_string_with_format(0, col, label, &bold)?;
        }
        for (row, cells) in (1u32..).zip(&self.rows) {
            for (col, cell) in (0u16..).zip(cells) {
                match cell {
                    // Counts of people stay far below 2^53: exact as f64.
                    #[allow(clippy::cast_precision_loss)]
                    Cell::Count(n) => sheet.write_number(row, col, *n as f64)?,
                    Cell::Share(Some(s)) => {
                        sheet.write_number_with_format(row, col, *s, &percent)?
                    }
                    Cell::Share(None) | Cell::Date(None) => sheet,
                    // A day a spreadsheet cannot hold as a date (before 1900) stays text.
                    Cell::Month(m) => match excel_date(m.first_day()) {
                        Ok(first) => sheet.write_datetime_with_format(row, col, &first, &month)?,
                        Err(_) => sheet.write_string(row, col, m.to_string())?,
                    },
                    Cell::Date(Some(d)) => match excel_date(*d) {
                        Ok(day) => sheet.write_datetime_with_format(row, col, &day, &date)?,
                        Err(_) => sheet.write_string(row, col, d.to_string())?,
                    },
                    other => sheet.write_string(row, col, other.raw())?,
                };
            }
        }
        sheet.autofit();
        Ok(workbook.save_to_buffer()?)
    }

    /// The table as a download. A workbook (zipped XML, up to 100,000 rows) is written on the
    /// blocking pool, not on an async worker.
    /// The table as a file named after the table and what it covers (`countries_2018-01.csv`,
    /// `trend_2015-01_2025-07.xlsx`, `units_2026-12-01.csv`): files saved side by side do not
    /// overwrite each other and say which month they hold.
    pub async fn download(
        &self,
        format: ExportFormat,
        lang: Lang,
        covers: &str,
    ) -> anyhow::Result<Response> {
        let (bytes, content_type, extension) = match format {
            ExportFormat::Csv => (self.csv(lang)?, "text/csv; charset=utf-8", "csv"),
            ExportFormat::Xlsx => {
                let table = self.clone();
                let bytes = tokio::task::spawn_blocking(move || table.xlsx(lang)).await??;
                (
                    bytes,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "xlsx",
                )
            }
        };
        let disposition = format!(
            "attachment; filename=\"{}_{covers}.{extension}\"",
            self.name
        );
        Ok((
            [
                (header::CONTENT_TYPE, content_type.to_string()),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            bytes,
        )
            .into_response())
    }
}

/// A day as a spreadsheet date (typed, so that sorting and filtering work).
pub fn excel_date(day: NaiveDate) -> anyhow::Result<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    let month = u8::try_from(day.month())?;
    let dom = u8::try_from(day.day())?;
    Ok(rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(day.year())?,
        month,
        dom,
    )?)
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<ExportFormat> {
        match text {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        column("col-mission", "#org+code+mission"),
        column("col-total", "#x_police+total"),
        column("col-women-share", "#x_police+f+pct"),
    ];

    fn table() -> Table {
        let mut t = Table::new("missions", COLUMNS);
        t.push(vec![
            Cell::link("UNMISS", "/stats/missions/UNMISS"),
            Cell::Count(1_834),
            Cell::Share(Some(0.1234)),
        ]);
        t
    }

    #[test]
    fn csv_has_labels_then_hashtags_then_raw_values() {
        let text = String::from_utf8(table().csv(Lang::Fr).expect("csv")).expect("utf-8");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[1],
            "#org+code+mission,#x_police+total,#x_police+f+pct"
        );
        assert_eq!(lines[2], "UNMISS,1834,0.1234");
        assert!(lines[0].starts_with("Mission,"), "{}", lines[0]);
    }

    #[test]
    fn pages_group_digits_per_language() {
        let row = &table().rows[0];
        assert_eq!(row[1].display(Lang::En), "1,834");
        assert_eq!(row[2].display(Lang::Fr), "12,3\u{202f}%");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = table().xlsx(Lang::En).expect("xlsx");
        assert_eq!(&bytes[..2], b"PK");
    }
}
