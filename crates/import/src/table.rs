//! A whole CSV or XLSX table as text cells with their line numbers, for files whose rows are
//! records of unpol's own (the roster), not the UN's published figures.

use std::io::Cursor;
use std::path::Path;

use calamine::{Reader, Xlsx};

use crate::read::{ReadError, cell_text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    /// Each non-empty row with its line (CSV) or row number (XLSX), as a user sees it.
    pub rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// The index of a column by name (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    }

    /// What is wrong with the table's shape, as `(line, reason)`: a column named twice (line 1 is
    /// the header) and rows with more or fewer fields than the header. A row with an extra field
    /// would otherwise lose it silently, and a duplicated column would let one value hide another.
    pub fn shape_problems(&self) -> Vec<(u64, String)> {
        let mut problems = Vec::new();
        for (i, name) in self.header.iter().enumerate() {
            let first = self.header[..i]
                .iter()
                .any(|h| h.trim().eq_ignore_ascii_case(name.trim()));
            if first {
                problems.push((1, format!("column `{}` appears twice", name.trim())));
            }
        }
        for (line, cells) in &self.rows {
            if cells.len() != self.header.len() {
                problems.push((
                    *line,
                    format!(
                        "{} fields where the header has {}",
                        cells.len(),
                        self.header.len()
                    ),
                ));
            }
        }
        problems
    }
}

/// The line (1 for the first, as a text editor counts) of each byte offset, for CSV records.
/// The csv crate's own line count is off after blank lines and quoted line breaks, so lines are
/// counted from the record's byte offset instead.
struct Lines {
    breaks: Vec<usize>,
}

impl Lines {
    fn of(bytes: &[u8]) -> Lines {
        let breaks = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Lines { breaks }
    }

    fn line(&self, bytes: &[u8], offset: usize) -> u64 {
        // A record's offset may point at the blank line breaks before it.
        let start = bytes
            .get(offset..)
            .and_then(|rest| rest.iter().position(|b| *b != b'\n' && *b != b'\r'))
            .map_or(offset, |skip| offset + skip);
        self.breaks.partition_point(|b| *b < start) as u64 + 1
    }
}

pub fn read_table(path: &Path) -> Result<Table, ReadError> {
    let bytes = std::fs::read(path)?;
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => csv_table(&bytes),
        Some("xlsx") => xlsx_table(&bytes),
        _ => Err(ReadError::UnsupportedType),
    }
}

pub fn csv_table(bytes: &[u8]) -> Result<Table, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let lines = Lines::of(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        let offset = record.position().map_or(0, |p| p.byte());
        let line = lines.line(bytes, usize::try_from(offset).unwrap_or(usize::MAX));
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push((line, cells));
        }
    }
    Ok(Table { header, rows })
}

pub fn xlsx_table(bytes: &[u8]) -> Result<Table, ReadError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(ReadError::Empty)?
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row)) + 1;
    let mut sheet_rows = range.rows();
    let mut header: Vec<String> = sheet_rows
        .next()
        .ok_or(ReadError::Empty)?
        .iter()
        .map(cell_text)
        .collect();
    // A sheet is a rectangle: empty header cells at its right end are not columns, and a row's
    // empty cells beyond the header are not fields (a filled one is, and is reported).
    while header.last().is_some_and(|h| h.trim().is_empty()) {
        header.pop();
    }
    let width = header.len();
    let rows = sheet_rows
        .enumerate()
        .map(|(i, cells)| {
            let mut cells: Vec<String> = cells.iter().map(cell_text).collect();
            while cells.len() > width && cells.last().is_some_and(|c| c.trim().is_empty()) {
                cells.pop();
            }
            (first_row + 1 + i as u64, cells)
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Table { header, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_as_an_editor_does() -> Result<(), ReadError> {
        let csv = "a,b\n1,2\n\n3,4\n\"5\nstill 5\",6\n7,8\n";
        let table = csv_table(csv.as_bytes())?;
        let lines: Vec<u64> = table.rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [2, 4, 5, 7]);
        let crlf = csv_table(b"a,b\r\n1,2\r\n3,4\r\n")?;
        assert_eq!(crlf.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [2, 3]);
        Ok(())
    }

    #[test]
    fn duplicated_columns_and_ragged_rows_are_named_by_line() -> Result<(), ReadError> {
        let table = csv_table(b"a,b,A\n1,2,3\n1,2\n1,2,3,4\n")?;
        assert_eq!(
            table.shape_problems(),
            [
                (1, "column `A` appears twice".to_string()),
                (3, "2 fields where the header has 3".to_string()),
                (4, "4 fields where the header has 3".to_string()),
            ]
        );
        Ok(())
    }
}
