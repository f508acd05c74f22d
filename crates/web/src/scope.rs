//! The rule of every read of a person or a case: the caller's scope is applied in the query, and
//! a record the query did not find is "not found" whether or not it exists. When it exists outside
//! the scope, the refusal is audited, so its existence leaks to nobody but the audit trail.

use unpol_storage::records::RecordTable;

use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

/// The record the scoped query found, or none (after auditing a refusal if the record exists).
pub async fn visible<T>(
    state: &AppState,
    caller: &Caller,
    table: RecordTable,
    id: i64,
    found: Option<T>,
) -> Result<Option<T>, Problem> {
    let actor = caller.actor()?;
    Ok(unpol_app::scope::visible(&state.db, &actor, table, id, found).await?)
}
