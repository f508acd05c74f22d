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
        if let Pool::Sqlite(pool) = self.pool() {
            owner_ids_on_sqlite(pool).await?;
        }
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

/// Migration 7 on SQLite: external ids unique per owner. The tables are rebuilt with foreign keys
/// off, which SQLite allows only outside a transaction, so this runs on a connection of its own
/// (closed afterwards, never returned to the pool with foreign keys off), in one transaction of its
/// own, once: when the officer table still has its old UNIQUE.
async fn owner_ids_on_sqlite(pool: &sqlx::SqlitePool) -> anyhow::Result<()> {
    use sqlx::{Connection, Executor};
    const REBUILD: &str = include_str!("owner_ids_sqlite.sql");
    let mut conn = pool.acquire().await?.detach();
    let officer: Option<String> = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'officer'",
    )
    .fetch_optional(&mut conn)
    .await?;
    if officer.is_none_or(|sql| sql.contains("UNIQUE (nationality, external_id)")) {
        return conn
            .close()
            .await
            .context("closing the migration's connection");
    }
    conn.execute("PRAGMA foreign_keys = OFF").await?;
    let rebuilt: anyhow::Result<()> = async {
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        tx.execute(REBUILD).await?;
        let broken: Vec<(String,)> =
            sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                .fetch_all(&mut *tx)
                .await?;
        if !broken.is_empty() {
            anyhow::bail!("foreign keys broken by the rebuild: {broken:?}");
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    conn.close().await?;
    rebuilt.context("migration 7 (external ids per owner) failed; nothing was changed")
}
