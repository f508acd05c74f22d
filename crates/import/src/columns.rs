//! Which column of a file holds what. The UN's CSVs and spreadsheets made from them name columns
//! slightly differently; the header decides, and a file missing a required column is refused as a
//! whole before any row is read.

use std::borrow::Cow;

use unpol_domain::published::{Level, RawRow, RowError};

use crate::read::ReadError;

#[derive(Debug, Clone)]
pub(crate) struct Columns {
    month: usize,
    mission: Option<usize>,
    country: Option<usize>,
    iso3: Option<usize>,
    category: usize,
    women: usize,
    men: usize,
    total: usize,
}

fn find(header: &[String], names: &[&str]) -> Option<usize> {
    header
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

impl Columns {
    pub(crate) fn from_header(header: &[String]) -> Result<Self, ReadError> {
        let required = |names: &[&str]| {
            find(header, names).ok_or_else(|| ReadError::MissingColumn(names[0].to_string()))
        };
        let columns = Columns {
            month: required(&["report_date", "month", "date"])?,
            mission: find(header, &["mission"]),
            country: find(
                header,
                &[
                    "contributing_country",
                    "country",
                    "contributing_country_std",
                ],
            ),
            iso3: find(header, &["iso3", "country_code"]),
            category: required(&["personnel_type", "category"])?,
            women: required(&["female", "women"])?,
            men: required(&["male", "men"])?,
            total: required(&["total"])?,
        };
        if columns.country.is_none() && columns.iso3.is_none() {
            return Err(ReadError::MissingColumn("contributing_country".into()));
        }
        Ok(columns)
    }

    pub(crate) fn level(&self) -> Level {
        if self.mission.is_some() {
            Level::Mission
        } else {
            Level::Country
        }
    }

    /// Builds a raw row from the cells of one record, as text; counts must be whole numbers.
    /// The row from its cells; `cell` lends a cell's text when it can (CSV), so that only the
    /// fields a row keeps are copied.
    pub(crate) fn raw_row<'a>(
        &self,
        cell: impl Fn(usize) -> Cow<'a, str>,
    ) -> Result<RawRow, RowError> {
        let count = |index: usize, column: &str| -> Result<i64, RowError> {
            let text = cell(index);
            let text = text.trim();
            if text.is_empty() {
                return Err(RowError::Missing(column.into()));
            }
            parse_count(text).ok_or_else(|| RowError::NotANumber {
                column: column.into(),
                value: text.into(),
            })
        };
        let text = |index: usize| cell(index).into_owned();
        Ok(RawRow {
            month: text(self.month),
            mission: self.mission.map(text),
            country: self.country.map(text).unwrap_or_default(),
            iso3: self.iso3.map(text),
            category: text(self.category),
            women: count(self.women, "female")?,
            men: count(self.men, "male")?,
            total: count(self.total, "total")?,
        })
    }
}

/// Whole numbers as written in CSV (`12`, `-3`) or by a spreadsheet (`12.0`, `1,204`).
fn parse_count(text: &str) -> Option<i64> {
    if let Ok(n) = text.parse::<i64>() {
        return Some(n); // nearly every cell: no copy
    }
    let plain: String = text
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if let Ok(n) = plain.parse::<i64>() {
        return Some(n);
    }
    let float: f64 = plain.parse().ok()?;
    (float.fract() == 0.0 && float.abs() < 1e15).then_some(float as i64)
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts_must_be_whole() {
        assert_eq!(parse_count("12"), Some(12));
        assert_eq!(parse_count("12.0"), Some(12));
        assert_eq!(parse_count("1,204"), Some(1204));
        assert_eq!(parse_count("-3"), Some(-3));
        assert_eq!(parse_count("1.5"), None);
        assert_eq!(parse_count("twelve"), None);
    }
}
