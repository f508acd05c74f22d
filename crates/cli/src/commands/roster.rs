//! `unpol roster import | export`.

use std::io::Write;

use anyhow::{Context, bail};
use unpol_app::Actor;
use unpol_app::Store;
use unpol_app::roster_file::{self, RosterFileError};
use unpol_domain::Clock;

use crate::cli::{FileFormat, RosterCommand};

pub async fn run(db: &Store, command: RosterCommand, clock: Clock) -> anyhow::Result<()> {
    match command {
        RosterCommand::Import { file } => {
            let name = file.display().to_string();
            let table =
                unpol_import::read_table(&file).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            // The console acts for headquarters: every country and mission.
            match roster_file::import(db, &Actor::console(clock), &table).await {
                Ok(c) => {
                    let changed = c.officers.inserted
                        + c.officers.updated
                        + c.tours.inserted
                        + c.tours.updated;
                    if changed == 0 {
                        eprintln!("{name}: already imported: nothing changed");
                    }
                    eprintln!(
                        "{name}: officers {} new, {} changed, {} unchanged; tours {} new, {} changed, {} unchanged",
                        c.officers.inserted,
                        c.officers.updated,
                        c.officers.unchanged,
                        c.tours.inserted,
                        c.tours.updated,
                        c.tours.unchanged
                    );
                    Ok(())
                }
                Err(RosterFileError::Rows(rows)) => {
                    for (line, reason) in &rows {
                        eprintln!("{name}:{line}: {reason}");
                    }
                    bail!("{name}: {} invalid row(s); nothing imported", rows.len())
                }
                Err(other) => Err(anyhow::anyhow!("{name}: {other}")),
            }
        }
        RosterCommand::Export { format, output } => {
            let format = match format {
                FileFormat::Csv => roster_file::FileFormat::Csv,
                FileFormat::Xlsx if output.is_none() => bail!("--format xlsx needs --output FILE"),
                FileFormat::Xlsx => roster_file::FileFormat::Xlsx,
            };
            let (bytes, rows) =
                roster_file::export_file(db, &Actor::console(clock), format).await?;
            match output {
                Some(path) => std::fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => std::io::stdout().lock().write_all(&bytes)?,
            }
            eprintln!("{rows} rows exported");
            Ok(())
        }
    }
}
