//! Reading CSV and XLSX files into raw rows with their line numbers.

use std::borrow::Cow;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use sha2::{Digest, Sha256};
use unpol_domain::published::{Level, RawRow, RowError};

use crate::columns::Columns;

/// Why a whole file cannot be read (as opposed to one bad row).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a valid CSV file: {0}")]
    Csv(#[from] csv::Error),
    #[error("not a valid XLSX workbook: {0}")]
    Xlsx(String),
    #[error("the file has no header row")]
    Empty,
    #[error("missing column `{0}` in the header")]
    MissingColumn(String),
    #[error(transparent)]
    Pdf(#[from] crate::pdf::PdfError),
    #[error("unsupported file type (expected .csv, .xlsx or .pdf)")]
    UnsupportedType,
}

/// A file's rows, each with its line (CSV) or row number (XLSX) as a spreadsheet user sees it.
#[derive(Debug)]
pub struct ParsedFile {
    pub level: Level,
    pub sha256: String,
    pub rows: Vec<(u64, Result<RawRow, RowError>)>,
    /// What a row's number means.
    pub places: Places,
    /// What the reader wants the person importing to know (how a PDF was read and checked).
    pub notes: Vec<String>,
}

/// How a row is found in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// The line (CSV) or row (XLSX) a spreadsheet shows.
    Lines,
    /// A page and a line on it (PDF), as `page * 10,000 + line`.
    PdfPages,
}

impl ParsedFile {
    /// Where a row is, in the words its reader would look for it: `12`, or `page 3, line 17`.
    pub fn place(&self, line: u64) -> String {
        match self.places {
            Places::Lines => line.to_string(),
            Places::PdfPages => {
                let per_page = crate::pdf::LINES_PER_PAGE;
                format!("page {}, line {}", line / per_page, line % per_page)
            }
        }
    }
}

/// Reads a `.csv`, `.xlsx` or `.pdf` file; `progress` is told the fraction done as rows are read.
pub fn read_path(path: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<ParsedFile, ReadError> {
    let bytes = std::fs::read(path)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv") => parse_csv(&bytes, progress),
        Some("xlsx") => parse_xlsx(&bytes, progress),
        Some("pdf") => {
            let name = path.file_name().and_then(|n| n.to_str());
            let reading = crate::pdf::read_report(&bytes, name)?;
            progress(1, 1);
            Ok(reading.into_parsed(&bytes))
        }
        _ => Err(ReadError::UnsupportedType),
    }
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Parses CSV bytes (UTF-8, with a header row).
pub fn parse_csv(
    bytes: &[u8],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ParsedFile, ReadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader.headers()?.iter().map(str::to_string).collect();
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(ReadError::Empty);
    }
    let columns = Columns::from_header(&header)?;
    let total = bytes.len() as u64;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let row = columns.raw_row(|i| Cow::Borrowed(record.get(i).unwrap_or_default()));
        rows.push((line, row));
        if rows.len() % 4096 == 0 {
            progress(record.position().map_or(0, |p| p.byte()), total);
        }
    }
    progress(total, total);
    Ok(ParsedFile {
        level: columns.level(),
        sha256: sha256(bytes),
        rows,
        places: Places::Lines,
        notes: Vec::new(),
    })
}

/// Parses the first worksheet of an XLSX workbook whose first row is the header.
pub fn parse_xlsx(
    bytes: &[u8],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ParsedFile, ReadError> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or(ReadError::Empty)?
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let mut sheet_rows = range.rows();
    let header: Vec<String> = sheet_rows
        .next()
        .ok_or(ReadError::Empty)?
        .iter()
        .map(cell_text)
        .collect();
    let columns = Columns::from_header(&header)?;
    let first_row = u64::from(range.start().map_or(0, |(row, _)| row)) + 1;
    let total = range.height() as u64;
    let mut rows = Vec::new();
    for (index, cells) in sheet_rows.enumerate() {
        if cells.iter().all(|c| cell_text(c).trim().is_empty()) {
            continue;
        }
        let line = first_row + 1 + index as u64;
        rows.push((
            line,
            columns.raw_row(|i| Cow::Owned(cells.get(i).map(cell_text).unwrap_or_default())),
        ));
        if index % 4096 == 0 {
            progress(index as u64, total);
        }
    }
    progress(total, total);
    Ok(ParsedFile {
        level: columns.level(),
        sha256: sha256(bytes),
        rows,
        places: Places::Lines,
        notes: Vec::new(),
    })
}

/// A cell as the text a person would read in it; dates as ISO dates.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| d.to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}
