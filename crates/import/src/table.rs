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
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        let line = record.position().map_or(0, |p| p.line());
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
    let header: Vec<String> = sheet_rows
        .next()
        .ok_or(ReadError::Empty)?
        .iter()
        .map(cell_text)
        .collect();
    let rows = sheet_rows
        .enumerate()
        .map(|(i, cells)| {
            (
                first_row + 1 + i as u64,
                cells.iter().map(cell_text).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    Ok(Table { header, rows })
}
