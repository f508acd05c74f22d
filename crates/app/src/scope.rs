//! The rule of every read and write of a person or a case: the caller's scope is applied in the
//! query, and a record the query did not find is "not found" whether or not it exists. When it
//! exists outside the scope, the refusal is audited, so its existence leaks to nobody but the
//! audit trail.

use unpol_storage::Database;
use unpol_storage::records::RecordTable;

use crate::Actor;

/// The record the scoped query found, or none (after auditing a refusal if the record exists).
pub(crate) async fn visible<T>(
    db: &Database,
    actor: &Actor,
    table: RecordTable,
    id: i64,
    found: Option<T>,
) -> anyhow::Result<Option<T>> {
    if found.is_some() {
        return Ok(found);
    }
    if db.record_exists(table, id).await? {
        let record = format!("{}:{id}", table.name());
        let event = actor.event("access.refused", &record, "outside the caller's scope");
        db.append_audit(&event).await?;
    }
    Ok(None)
}
