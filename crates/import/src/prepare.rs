//! From raw rows to one file's figures: validation, and adding up rows that share a key.

use rustc_hash::FxHashMap as HashMap;

use unpol_domain::Month;
use unpol_domain::published::{FigureKey, PublishedFigure, RowError};
use unpol_domain::reference::Resolver;

use crate::read::ParsedFile;

/// A refused row: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub line: u64,
    /// The line as its reader finds it: `12`, or `page 3, line 17` in a PDF.
    pub place: String,
    pub reason: String,
}

/// The validated content of one file.
#[derive(Debug)]
pub struct Prepared {
    /// One figure per key, in file order.
    pub figures: Vec<PublishedFigure>,
    /// For each key, the first line it was read from (to name lines in later messages).
    pub lines: HashMap<FigureKey, u64>,
    pub rejected: Vec<Rejected>,
    pub rows_read: u64,
    /// Rows whose key appeared earlier in the file and were added to it.
    pub merged: u64,
}

/// Validates every row. Rows with the same month, mission, country and category are added up:
/// the UN's reports print a few such pairs (May 2015, MINUSTAH: a row of figures and a row of
/// zeros for the same country), and adding loses nothing.
pub fn prepare(file: &ParsedFile, resolver: &Resolver, latest: Month) -> Prepared {
    let mut figures: Vec<PublishedFigure> = Vec::new();
    let mut index: HashMap<FigureKey, usize> = HashMap::default();
    let mut lines = HashMap::default();
    let mut rejected = Vec::new();
    let mut merged = 0;
    for (line, row) in &file.rows {
        let figure = row
            .as_ref()
            .map_err(RowError::clone)
            .and_then(|raw| raw.validate(resolver, latest));
        let figure = match figure {
            Ok(figure) => figure,
            Err(error) => {
                rejected.push(Rejected {
                    line: *line,
                    place: file.place(*line),
                    reason: error.to_string(),
                });
                continue;
            }
        };
        let key = figure.key();
        if let Some(&i) = index.get(&key) {
            figures[i].headcount += figure.headcount;
            merged += 1;
        } else {
            index.insert(key, figures.len());
            lines.insert(key, *line);
            figures.push(figure);
        }
    }
    Prepared {
        figures,
        lines,
        rejected,
        rows_read: file.rows.len() as u64,
        merged,
    }
}
