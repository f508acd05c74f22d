//! `unpol import published`.

use std::path::Path;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use unpol_app::Store;
use unpol_app::import::{ImportError, ImportOptions, ImportSummary, import_file};
use unpol_domain::month::describe_ranges;
use unpol_import::{BUNDLED, ParsedFile, parse_csv, read_path};

use crate::cli::ImportPublished;

pub async fn published(
    db: &Store,
    args: ImportPublished,
    clock: unpol_domain::Clock,
) -> anyhow::Result<()> {
    let options = ImportOptions {
        skip_invalid: args.skip_invalid,
        clock,
    };
    let mut failed = 0;
    if args.bundled {
        for file in BUNDLED {
            let bytes = file.decompress().context("the bundled data is damaged")?;
            let bar = progress_bar(file.name);
            let parsed = parse_csv(&bytes, &mut |done, total| tick(&bar, done, total));
            bar.finish_and_clear();
            let name = format!("bundled:{}", file.name);
            failed += report(import_one(db, &name, parsed, options).await)?;
        }
    }
    for path in &args.files {
        let name = path.display().to_string();
        let bar = progress_bar(&name);
        let parsed = read_path(path, &mut |done, total| tick(&bar, done, total));
        bar.finish_and_clear();
        failed += report(import_one(db, &name, parsed, options).await)?;
    }
    if failed > 0 {
        bail!("{failed} file(s) not imported");
    }
    Ok(())
}

async fn import_one(
    db: &Store,
    name: &str,
    parsed: Result<ParsedFile, unpol_import::ReadError>,
    options: ImportOptions,
) -> Result<ImportSummary, ImportError> {
    let parsed = parsed.map_err(|e| ImportError::Storage(anyhow::anyhow!("{name}: {e}")))?;
    import_file(db, name, &parsed, options).await
}

/// Prints a file's outcome on stderr; returns 1 for a refused file (the others still run),
/// and stops at a storage failure.
fn report(outcome: Result<ImportSummary, ImportError>) -> anyhow::Result<usize> {
    match outcome {
        Ok(summary) => {
            print_summary(&summary);
            Ok(0)
        }
        Err(ImportError::Invalid { file, rejected }) => {
            for r in &rejected {
                eprintln!("{file}:{}: {}", r.place, r.reason);
            }
            eprintln!(
                "{file}: {} invalid row(s); nothing imported (use --skip-invalid to import the rest)",
                rejected.len()
            );
            Ok(1)
        }
        Err(ImportError::Storage(error)) => Err(error),
    }
}

fn print_summary(s: &ImportSummary) {
    for r in &s.rejected {
        eprintln!("{}:{}: {} (skipped)", s.source, r.place, r.reason);
    }
    let months: Vec<_> = s.months.iter().copied().collect();
    let verdict = if s.inserted == 0 && s.rejected.is_empty() {
        "already imported: nothing changed".to_string()
    } else {
        format!("imported ({:?} level)", s.level).to_lowercase()
    };
    eprintln!("{}: {verdict}", s.source);
    eprintln!(
        "  rows read {}, inserted {}, unchanged {}, rejected {}{}",
        s.rows_read,
        s.inserted,
        s.unchanged,
        s.rejected.len(),
        if s.merged > 0 {
            format!(", added to an identical key {}", s.merged)
        } else {
            String::new()
        }
    );
    eprintln!(
        "  months covered: {} ({})",
        months.len(),
        if months.is_empty() {
            "none".into()
        } else {
            describe_ranges(&months)
        }
    );
}

fn progress_bar(name: &str) -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {percent}%")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    let short = Path::new(name)
        .file_name()
        .map_or(name.to_string(), |n| n.to_string_lossy().into_owned());
    bar.set_message(format!("reading {short}"));
    bar
}

fn tick(bar: &ProgressBar, done: u64, total: u64) {
    bar.set_length(total);
    bar.set_position(done);
}
