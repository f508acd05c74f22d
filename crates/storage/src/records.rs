//! Whether a record exists at all, whatever the scope: only to decide whether a refused read is
//! worth an audit entry (a record outside the caller's scope), never to answer the caller.

use crate::{Database, on_pool};

/// The tables of scoped records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordTable {
    Officer,
    Deployment,
    Post,
    Unit,
    Request,
    Case,
    Incident,
    Evaluation,
    Activity,
    Project,
    Indicator,
    TransitionTask,
}

impl RecordTable {
    /// The table's name, which is also the record prefix in the audit trail (`officer:12`).
    pub fn name(self) -> &'static str {
        match self {
            RecordTable::Officer => "officer",
            RecordTable::Deployment => "deployment",
            RecordTable::Post => "post",
            RecordTable::Unit => "unit",
            RecordTable::Request => "fg_request",
            RecordTable::Case => "conduct_case",
            RecordTable::Incident => "incident",
            RecordTable::Evaluation => "evaluation",
            RecordTable::Activity => "capacity_activity",
            RecordTable::Project => "capacity_project",
            RecordTable::Indicator => "indicator",
            RecordTable::TransitionTask => "transition_task",
        }
    }
}

impl Database {
    pub async fn record_exists(&self, table: RecordTable, id: i64) -> anyhow::Result<bool> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE id = $1", table.name());
        let n: i64 =
            on_pool!(self, pool => sqlx::query_scalar(&sql).bind(id).fetch_one(pool).await)?;
        Ok(n > 0)
    }
}
