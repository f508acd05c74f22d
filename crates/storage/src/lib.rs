//! unpol's storage: one API over embedded SQLite and PostgreSQL.
//!
//! The backend is chosen once, from the URL scheme, in [`Database::connect`]; everything above this
//! crate sees only [`Database`]. Queries are written once in SQL that both backends accept (`$1`
//! placeholders, `ON CONFLICT`), and [`on_pool!`] expands each body for both pool types, so the
//! backend-specific code is the connection set-up and the migration files, nothing else.
//!
//! What lives here: connections, migrations, reference data loading, the published figures'
//! writes and reads. What does not: parsing files (unpol-import) or rules (unpol-domain).

pub mod accounts;
pub mod audit;
pub mod conduct;
pub mod connect;
pub mod deployments;
pub mod forcegen;
pub mod incidents;
mod migrate;
pub mod officers;
pub mod operations;
pub mod posts;
pub mod published;
pub mod records;
pub mod reference;
pub mod roster;
pub mod roster_import;
pub mod sorting;
#[cfg(feature = "testing")]
pub mod testing;

pub use connect::{Backend, Database, Pool};

/// Whether an error is the database being busy with another writer: SQLite's write lock held past
/// the busy timeout (a long import), or no connection free in time. Nothing was written; the same
/// request may be sent again.
pub fn is_busy(error: &anyhow::Error) -> bool {
    error
        .chain()
        .any(|cause| match cause.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::Database(db)) => {
                // SQLITE_BUSY, SQLITE_LOCKED and their extended codes; PostgreSQL's lock_not_available.
                matches!(
                    db.code().as_deref(),
                    Some("5" | "6" | "261" | "517" | "262" | "55P03")
                ) || db.message().contains("database is locked")
            }
            Some(sqlx::Error::PoolTimedOut) => true,
            _ => false,
        })
}
pub use migrate::MigrationReport;

/// Runs `$body` with `$pool` bound to the backend's pool. Each arm is type-checked on its own, so
/// one body serves both `SqlitePool` and `PgPool`.
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db.pool() {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;
