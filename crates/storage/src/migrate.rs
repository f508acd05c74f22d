//! Schema migrations, embedded per backend, and the reference data that rides on them.

use anyhow::Context;
use sqlx::migrate::Migrator;

use crate::Pool;
use crate::{Database, on_pool};

static SQLITE: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("migrations/postgres");

/// What [`Database::migrate`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationReport {
    /// Schema migrations applied by this run (0 when the schema was current).
    pub applied: usize,
    /// Whether the embedded reference data was (re)loaded.
    pub reference_loaded: bool,
}

impl Database {
    /// Applies pending schema migrations, then loads the embedded reference data if it changed
    /// since the last run. Safe to call at every start and from several processes at once
    /// (sqlx takes a lock on PostgreSQL; SQLite serialises writers).
    pub async fn migrate(&self) -> anyhow::Result<MigrationReport> {
        let migrator = match self.pool() {
            Pool::Sqlite(_) => &SQLITE,
            Pool::Postgres(_) => &POSTGRES,
        };
        let before = self.applied_migrations().await?;
        on_pool!(self, pool => migrator.run(pool).await).context("schema migration failed")?;
        let applied = self.applied_migrations().await?.saturating_sub(before);
        let reference_loaded = crate::reference::load(self).await?;
        Ok(MigrationReport {
            applied,
            reference_loaded,
        })
    }

    async fn applied_migrations(&self) -> anyhow::Result<usize> {
        const SQL: &str = "SELECT COUNT(*) FROM _sqlx_migrations WHERE success";
        let count: Result<i64, sqlx::Error> =
            on_pool!(self, pool => sqlx::query_scalar(SQL).fetch_one(pool).await);
        // Before the first migration the table does not exist: nothing is applied yet.
        Ok(count.map(|n| n as usize).unwrap_or(0))
    }
}
