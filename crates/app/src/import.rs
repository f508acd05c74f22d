//! Importing the UN's published figures: one file, one transaction, all or nothing.

use crate::Store;
use std::collections::BTreeSet;

use unpol_domain::published::Level;
use unpol_domain::{Clock, Month};
use unpol_import::{ParsedFile, Rejected, prepare};
use unpol_storage::published::{Conflict, ImportBatch};

/// Set `UNPOL_FAILPOINT=import-before-commit` to make an import stop, with its rows written but
/// not committed, and wait to be killed. Tests use it to prove that a process killed mid-import
/// leaves the database as it was.
pub const FAILPOINT_ENV: &str = "UNPOL_FAILPOINT";
const FAILPOINT_BEFORE_COMMIT: &str = "import-before-commit";

#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Import the valid rows and list the rejected ones, instead of refusing the whole file.
    pub skip_invalid: bool,
    /// What today is: no month after the current one can have been published.
    pub clock: Clock,
}

/// What happened to one file.
#[derive(Debug, Clone)]
pub struct ImportSummary {
    pub source: String,
    pub level: Level,
    pub rows_read: u64,
    pub inserted: u64,
    pub unchanged: u64,
    /// Rows added to an earlier row of the same key in the file.
    pub merged: u64,
    pub rejected: Vec<Rejected>,
    pub months: BTreeSet<Month>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {} invalid row(s); nothing imported (use --skip-invalid to import the rest)", rejected.len())]
    Invalid {
        file: String,
        rejected: Vec<Rejected>,
    },
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

/// Validates and writes one parsed file in one transaction. Without `skip_invalid`, any invalid
/// row (or a figure that contradicts one already stored) leaves the database untouched.
pub async fn import_file(
    store: &Store,
    source: &str,
    file: &ParsedFile,
    options: ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let db = store.db();
    let resolver = db.resolver().await?;
    let prepared = prepare(file, &resolver, Month::from_date(options.clock.today()));
    if !prepared.rejected.is_empty() && !options.skip_invalid {
        return Err(ImportError::Invalid {
            file: source.to_string(),
            rejected: prepared.rejected,
        });
    }
    let batch = ImportBatch {
        source: source.to_string(),
        sha256: file.sha256.clone(),
        level: file.level,
        figures: prepared.figures,
        rows_read: prepared.rows_read,
        rows_rejected: prepared.rejected.len() as u64,
    };
    let staged = db.stage_import(&batch).await?;
    let mut rejected = prepared.rejected;
    rejected.extend(staged.conflicts.iter().map(|c| {
        let line = prepared.lines.get(&c.key).copied().unwrap_or(0);
        Rejected {
            line,
            place: file.place(line),
            reason: conflict_reason(c),
        }
    }));
    if !staged.conflicts.is_empty() && !options.skip_invalid {
        staged.rollback().await?;
        rejected.sort_by_key(|r| r.line);
        return Err(ImportError::Invalid {
            file: source.to_string(),
            rejected,
        });
    }
    let summary = ImportSummary {
        source: source.to_string(),
        level: file.level,
        rows_read: prepared.rows_read,
        inserted: staged.inserted,
        unchanged: staged.unchanged,
        merged: prepared.merged,
        rejected,
        months: staged.months.clone(),
    };
    if std::env::var(FAILPOINT_ENV).as_deref() == Ok(FAILPOINT_BEFORE_COMMIT) {
        eprintln!(
            "failpoint {FAILPOINT_BEFORE_COMMIT}: {} rows written, not committed",
            summary.inserted
        );
        loop {
            std::thread::park();
        }
    }
    let detail = format!(
        "{}: {} rows read, {} figures new, {} unchanged, {} rejected",
        summary.source,
        summary.rows_read,
        summary.inserted,
        summary.unchanged,
        summary.rejected.len()
    );
    // Only the console imports published figures.
    let event = crate::accounts::AuditContext::console()
        .with_clock(options.clock)
        .event("published.import", "", &detail);
    staged.commit_audited(db, &event).await?;
    Ok(summary)
}

fn conflict_reason(c: &Conflict) -> String {
    format!(
        "differs from the figures already imported for this month, mission, country and category \
         (stored: {} women, {} men; file: {} women, {} men); published figures are never edited",
        c.stored.women, c.stored.men, c.new.women, c.new.men
    )
}

/// Imports the published history bundled in the binary (both files), as `unpol import published
/// --bundled` does without its progress bars.
pub async fn import_bundled(
    store: &Store,
    options: ImportOptions,
) -> Result<Vec<ImportSummary>, ImportError> {
    let mut summaries = Vec::new();
    for file in unpol_import::BUNDLED {
        let bytes = file
            .decompress()
            .map_err(|e| ImportError::Storage(e.into()))?;
        let parsed = unpol_import::parse_csv(&bytes, &mut |_, _| {})
            .map_err(|e| ImportError::Storage(e.into()))?;
        summaries
            .push(import_file(store, &format!("bundled:{}", file.name), &parsed, options).await?);
    }
    Ok(summaries)
}
