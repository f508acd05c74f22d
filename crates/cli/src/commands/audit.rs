//! `unpol audit verify | show`.

use anyhow::bail;
use unpol_app::audit::verify_chain;
use unpol_storage::Database;
use unpol_storage::audit::AuditQuery;

use crate::cli::{AuditCommand, Format};
use crate::output;

pub async fn run(db: &Database, command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify => match verify_chain(db).await? {
            Ok(count) => {
                eprintln!("audit trail intact: {count} entries");
                Ok(())
            }
            Err(broken) => bail!("audit trail broken at {broken}"),
        },
        AuditCommand::Show {
            since,
            user,
            format,
        } => {
            let entries = db.audit_entries(&AuditQuery { since, actor: user }).await?;
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
            output::table("Audit trail", &header, &rows);
            Ok(())
        }
    }
}
