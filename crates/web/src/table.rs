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
    /// A measured value (an indicator's), none when there is none.
    Decimal(Option<f64>),
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
            Cell::Decimal(v) => v.map_or_else(|| "–".into(), |v| lang.decimal(v)),
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
            Cell::Decimal(v) => v.map(|v| v.to_string()).unwrap_or_default(),
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
        matches!(self, Cell::Count(_) | Cell::Share(_) | Cell::Decimal(_))
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

    /// The columns of a file in this language. Values keep their column in every language;
    /// in French, a column whose page shows translated labels ([`Cell::Shown`]) is followed by
    /// a column of those labels under the same hashtag named and tagged `+i_fr` (DESIGN.md §6),
    /// so a tool reading `#x_category` gets the same codes from either file.
    fn exported(&self, lang: Lang) -> Vec<Exported> {
        let mut columns = Vec::with_capacity(self.columns.len());
        for (index, column) in self.columns.iter().enumerate() {
            let label = lang.t(column.label);
            columns.push(Exported {
                index,
                label: label.clone(),
                hxl: column.hxl.to_string(),
                shown: false,
            });
            if lang == Lang::Fr && self.shows_labels(index) {
                columns.push(Exported {
                    index,
                    label: lang.t_with("col-label-of", &[("column", label.into())]),
                    hxl: translated_hashtag(column.hxl, lang),
                    shown: true,
                });
            }
        }
        columns
    }

    /// Whether a column's cells are values shown as labels.
    fn shows_labels(&self, column: usize) -> bool {
        self.rows
            .iter()
            .any(|row| matches!(row.get(column), Some(Cell::Shown { .. })))
    }

    /// CSV: the labels in the reader's language, the HXL hashtags, then the rows.
    pub fn csv(&self, lang: Lang) -> anyhow::Result<Vec<u8>> {
        let columns = self.exported(lang);
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(columns.iter().map(|c| &c.label))?;
        writer.write_record(columns.iter().map(|c| &c.hxl))?;
        for row in &self.rows {
            writer.write_record(columns.iter().map(|c| c.cell(row).csv()))?;
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
        let columns = self.exported(lang);
        for (col, column) in (0u16..).zip(&columns) {
            sheet.write_string_with_format(0, col, &column.label, &bold)?;
        }
        for (row, cells) in (1u32..).zip(&self.rows) {
            for (col, column) in (0u16..).zip(&columns) {
                match &column.cell(cells) {
                    // Counts of people stay far below 2^53: exact as f64.
                    #[allow(clippy::cast_precision_loss)]
                    Cell::Count(n) => sheet.write_number(row, col, *n as f64)?,
                    Cell::Share(Some(s)) => {
                        sheet.write_number_with_format(row, col, *s, &percent)?
                    }
                    Cell::Decimal(Some(v)) => sheet.write_number(row, col, *v)?,
                    Cell::Share(None) | Cell::Decimal(None) | Cell::Date(None) => sheet,
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

/// A column of an exported file: a table's column, or the translated labels of one.
struct Exported {
    index: usize,
    label: String,
    hxl: String,
    shown: bool,
}

impl Exported {
    /// This column's cell of a row: the value, or for a label column the label as text.
    fn cell(&self, row: &[Cell]) -> Cell {
        match (&row[self.index], self.shown) {
            (Cell::Shown { shown, .. }, true) => Cell::Text(shown.clone()),
            (cell, _) => cell.clone(),
        }
    }
}

/// The hashtag of a column of labels in a language: a code's column (`#status+code`,
/// `#country+code+v_iso3`) becomes a name's (`#status+name+i_fr`, `#country+name+i_fr`), since a
/// vocabulary attribute (`+v_iso3`) says how the codes are written, which labels are not.
fn translated_hashtag(hxl: &str, lang: Lang) -> String {
    let mut parts = hxl.split('+');
    let mut tag = parts.next().unwrap_or_default().to_string();
    let mut named = false;
    for attribute in parts {
        match attribute {
            "code" | "name" if !named => {
                tag.push_str("+name");
                named = true;
            }
            "code" | "name" => {}
            vocabulary if vocabulary.starts_with("v_") => {}
            other => {
                tag.push('+');
                tag.push_str(other);
            }
        }
    }
    tag.push_str("+i_");
    tag.push_str(lang.code());
    tag
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

    const CATEGORIES: &[Column] = &[
        column("col-category", "#x_category"),
        column("col-country", "#country+code+v_iso3+contributing"),
        column("col-total", "#x_police+total"),
    ];

    fn categories() -> Table {
        let mut t = Table::new("categories", CATEGORIES);
        t.push(vec![
            Cell::Shown {
                value: "formed_police_units".into(),
                shown: "Unités de police constituées".into(),
            },
            Cell::Shown {
                value: "SEN".into(),
                shown: "Sénégal".into(),
            },
            Cell::Count(140),
        ]);
        t
    }

    fn lines(bytes: Vec<u8>) -> Vec<String> {
        String::from_utf8(bytes)
            .expect("utf-8")
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_french_file_keeps_the_values_and_adds_the_labels_under_their_own_hashtag() {
        let english = lines(categories().csv(Lang::En).expect("csv"));
        let french = lines(categories().csv(Lang::Fr).expect("csv"));
        assert_eq!(
            english[1],
            "#x_category,#country+code+v_iso3+contributing,#x_police+total"
        );
        assert_eq!(english[2], "formed_police_units,SEN,140");
        assert_eq!(
            french[1],
            "#x_category,#x_category+i_fr,#country+code+v_iso3+contributing,\
             #country+name+contributing+i_fr,#x_police+total"
        );
        assert_eq!(
            french[2],
            "formed_police_units,Unités de police constituées,SEN,Sénégal,140"
        );
        assert!(
            french[0].starts_with("Catégorie,Catégorie (libellé),"),
            "{}",
            french[0]
        );
    }

    #[test]
    fn a_table_without_labels_exports_the_same_columns_in_both_languages() {
        let english = lines(table().csv(Lang::En).expect("csv"));
        let french = lines(table().csv(Lang::Fr).expect("csv"));
        assert_eq!(english[1..], french[1..]);
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
