//! `unpol audit verify | checkpoint | show`.

use anyhow::{Context, bail};
use unpol_app::Store;
use unpol_app::audit::AuditQuery;
use unpol_app::audit::{checkpoint, verify_chain};
use unpol_domain::Clock;
use unpol_domain::audit::Checkpoint;

use crate::cli::{AuditCommand, Format};
use crate::output;

pub async fn run(db: &Store, command: AuditCommand, clock: Clock) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { checkpoint } => {
            let signed: Option<Checkpoint> = checkpoint
                .as_ref()
                .map(|path| {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    serde_json::from_str(&text)
                        .with_context(|| format!("{} is not an audit checkpoint", path.display()))
                })
                .transpose()?;
            match verify_chain(db, signed.as_ref()).await? {
                Ok(count) => {
                    let against = signed.map_or(String::new(), |c| {
                        format!(
                            ", and holds the {} entries of the checkpoint of {}",
                            c.count, c.at
                        )
                    });
                    eprintln!("audit trail intact: {count} entries{against}");
                    Ok(())
                }
                Err(broken) => bail!("audit trail broken: {broken}"),
            }
        }
        AuditCommand::Seal => {
            let sealed = unpol_app::audit::seal(db).await?;
            eprintln!("audit trail sealed: entries 1 to {sealed}, written before the key, checked");
            Ok(())
        }
        AuditCommand::Checkpoint => {
            let signed = checkpoint(db, clock).await?;
            output::json(&signed)
        }
        AuditCommand::Show {
            since,
            user,
            record,
            format,
        } => {
            let query = AuditQuery {
                since,
                actor: user,
                record: record.as_deref().map(unpol_app::audit::record_name),
            };
            let entries = unpol_app::audit::entries(db, &query).await?;
            if format == Format::Json {
                return output::json(&entries);
            }
            let header = [
                "seq",
                "at",
                "actor",
                "address",
                "action",
                "record",
                "request_id",
                "detail",
            ];
            let rows: Vec<Vec<String>> = entries
                .into_iter()
                .map(|e| {
                    let ev = e.event;
                    vec![
                        e.seq.to_string(),
                        ev.at,
                        ev.actor,
                        ev.address,
                        ev.action,
                        ev.record,
                        ev.request_id,
                        ev.detail,
                    ]
                })
                .collect();
            if format == Format::Csv {
                return output::csv(&header, &rows);
            }
            output::table("Audit trail", &header, &rows)?;
            Ok(())
        }
    }
}
