//! Readers for the UN's published monthly contributions of uniformed personnel.
//!
//! What lives here: turning a CSV, XLSX or PDF file (or the history bundled in the binary) into raw rows
//! with their line numbers, and preparing the validated, de-duplicated figures of one file.
//! What does not: the rules a row must satisfy (unpol-domain) and writing (unpol-storage).

mod bundled;
mod columns;
pub mod pdf;
mod prepare;
mod read;
mod selection_instance;
mod table;
pub mod ucdp;

pub use bundled::{BUNDLED, BundledFile};
pub use prepare::{Prepared, Rejected, prepare};
pub use read::{ParsedFile, Places, ReadError, parse_csv, parse_xlsx, read_path};
pub use selection_instance::{SelectionInstance, read_selection_instance};
pub use table::{Table, csv_table, read_table, xlsx_table};
