//! The append-only, hash-chained audit trail.
//!
//! Entries are appended inside the transaction of the write they record (see [`append_in!`]), so a
//! write and its entry land together or not at all. Appends are serialised (SQLite's write lock,
//! a table lock on PostgreSQL) because each entry chains to the one before it.

use anyhow::Context;
use unpol_domain::audit::{AuditEntry, AuditEvent};

use crate::{Database, on_pool};

type EntryRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

const ENTRY_COLUMNS: &str =
    "seq, at, actor, address, action, record, request_id, detail, prev_hash, hash";

fn entry_from_row(row: EntryRow) -> AuditEntry {
    let (seq, at, actor, address, action, record, request_id, detail, prev_hash, hash) = row;
    AuditEntry {
        seq,
        event: AuditEvent {
            at,
            actor,
            address,
            action,
            record,
            request_id,
            detail,
        },
        prev_hash,
        hash,
    }
}

/// Appends `$event` inside the open transaction `$tx` (which must hold the write lock on SQLite:
/// begin it with `BEGIN IMMEDIATE`). Evaluates to `Result<AuditEntry, sqlx::Error>`.
macro_rules! append_in {
    ($db:expr, $tx:expr, $event:expr) => {{
        let event: &unpol_domain::audit::AuditEvent = $event;
        let key = $db.audit_key();
        async {
            let key = key.ok_or_else(|| {
                sqlx::Error::Configuration("no audit key is loaded: entries cannot be chained".into())
            })?;
            let last: Option<(i64, String)> =
                sqlx::query_as("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
                    .fetch_optional(&mut *$tx)
                    .await?;
            let (seq, prev_hash) = match last {
                Some((seq, hash)) => (seq + 1, hash),
                None => (1, unpol_domain::audit::GENESIS.to_string()),
            };
            let hash = event.chain_hash(key, seq, &prev_hash);
            sqlx::query(
                "INSERT INTO audit_entry (seq, at, actor, address, action, record, request_id, detail, \
                 prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(seq)
            .bind(&event.at)
            .bind(&event.actor)
            .bind(&event.address)
            .bind(&event.action)
            .bind(&event.record)
            .bind(&event.request_id)
            .bind(&event.detail)
            .bind(&prev_hash)
            .bind(&hash)
            .execute(&mut *$tx)
            .await?;
            Ok::<_, sqlx::Error>(unpol_domain::audit::AuditEntry { seq, event: event.clone(), prev_hash, hash })
        }
        .await
    }};
}
pub(crate) use append_in;

/// Opens a write transaction that may append to the audit trail, runs `$body` with `$tx` bound to
/// it, and commits when the body returns `Ok`.
macro_rules! audited_tx {
    ($db:expr, $tx:ident => $body:expr) => {
        match $db.pool() {
            $crate::connect::Pool::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = $body;
                if out.is_ok() {
                    $tx.commit().await?;
                }
                out
            }
            $crate::connect::Pool::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                sqlx::query("LOCK TABLE audit_entry IN EXCLUSIVE MODE")
                    .execute(&mut *$tx)
                    .await?;
                let out = $body;
                if out.is_ok() {
                    $tx.commit().await?;
                }
                out
            }
        }
    };
}
pub(crate) use audited_tx;

/// Which entries `unpol audit show` lists.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Entries at or after this RFC 3339 time (text comparison on the stored UTC text).
    pub since: Option<String>,
    pub actor: Option<String>,
    /// Entries about one record (`conduct_case:12`).
    pub record: Option<String>,
}

impl Database {
    /// Appends one event on its own (for events with no other write: logins, refusals, reads).
    pub async fn append_audit(&self, event: &AuditEvent) -> anyhow::Result<AuditEntry> {
        let entry: Result<AuditEntry, anyhow::Error> =
            audited_tx!(self, tx => append_in!(self, tx, event).map_err(anyhow::Error::from));
        entry.context("cannot write to the audit trail")
    }

    /// Every entry in order, for verification.
    pub async fn audit_chain(&self) -> anyhow::Result<Vec<AuditEntry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entry ORDER BY seq");
        let rows: Vec<EntryRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(entry_from_row).collect())
    }

    /// The last entry of the trail, if any.
    pub async fn audit_last(&self) -> anyhow::Result<Option<AuditEntry>> {
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_entry ORDER BY seq DESC LIMIT 1");
        let row: Option<EntryRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).fetch_optional(pool).await)?;
        Ok(row.map(entry_from_row))
    }

    pub async fn audit_entries(&self, query: &AuditQuery) -> anyhow::Result<Vec<AuditEntry>> {
        let rows: Vec<EntryRow> = on_pool!(self, pool => {
            let mut q = sqlx::QueryBuilder::new(format!("SELECT {ENTRY_COLUMNS} FROM audit_entry WHERE 1 = 1"));
            if let Some(since) = &query.since {
                q.push(" AND at >= ").push_bind(since.clone());
            }
            if let Some(actor) = &query.actor {
                q.push(" AND actor = ").push_bind(actor.clone());
            }
            if let Some(record) = &query.record {
                q.push(" AND record = ").push_bind(record.clone());
            }
            q.push(" ORDER BY seq");
            q.build_query_as().fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(entry_from_row).collect())
    }
}
