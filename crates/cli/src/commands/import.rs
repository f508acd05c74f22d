//! `unpol import published`.

mod dry_run;

use std::path::{Path, PathBuf};

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
    let names = if args.dry_run {
        Some(dry_run::Names::load(db).await?)
    } else {
        None
    };
    for path in files(&args.files)? {
        let name = path.display().to_string();
        let bar = progress_bar(&name);
        let parsed = read_path(&path, &mut |done, total| tick(&bar, done, total));
        bar.finish_and_clear();
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(error) => {
                eprintln!("{name}: {error}");
                failed += 1;
                continue;
            }
        };
        for note in &parsed.notes {
            eprintln!("{name}: {note}");
        }
        if let Some(names) = &names {
            dry_run::print(names, &name, &parsed, args.format)?;
            continue;
        }
        failed += report(import_file(db, &name, &parsed, options).await)?;
    }
    if failed > 0 {
        bail!("{failed} file(s) not imported");
    }
    Ok(())
}

/// The files named, a folder standing for its .csv, .xlsx and .pdf files in name order.
fn files(named: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in named {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut inside: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("cannot list {}", path.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["csv", "xlsx", "pdf"].contains(&e.to_ascii_lowercase().as_str())
                })
            })
            .collect();
        if inside.is_empty() {
            bail!(
                "{}: no .csv, .xlsx or .pdf file in this folder",
                path.display()
            );
        }
        inside.sort();
        files.extend(inside);
    }
    Ok(files)
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
