//! Opening a database from its URL.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use unpol_domain::audit::AuditKey;

/// A connection pool to one of the two supported backends, and the key that chains the audit
/// trail (kept outside the database, loaded by whoever opens it: see `unpol_app::audit`).
#[derive(Debug, Clone)]
pub struct Database {
    pool: Pool,
    audit_key: Option<Arc<AuditKey>>,
}

#[derive(Debug, Clone)]
pub enum Pool {
    /// Embedded, the default: one file, WAL journal, for one server and its command line.
    Sqlite(SqlitePool),
    /// For many users or several `unpol serve` processes sharing one database.
    Postgres(PgPool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Database {
    fn new(pool: Pool) -> Self {
        Database {
            pool,
            audit_key: None,
        }
    }

    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The same database, chaining audit entries with `key`. Until a key is set, every write that
    /// audits fails: no entry is written that nobody could verify.
    pub fn with_audit_key(mut self, key: AuditKey) -> Self {
        self.audit_key = Some(Arc::new(key));
        self
    }

    pub fn audit_key(&self) -> Option<&AuditKey> {
        self.audit_key.as_deref()
    }

    /// Connects to `sqlite://PATH` (created if missing) or `postgres://...`, without migrating.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        match url.split_once(':').map(|(scheme, _)| scheme) {
            Some("sqlite") => Self::connect_sqlite(url).await,
            Some("postgres" | "postgresql") => Self::connect_postgres(url).await,
            _ => bail!(
                "unsupported database URL `{}`: use sqlite://FILE or postgres://...",
                redact(url)
            ),
        }
    }

    /// Connects and brings the schema and reference data up to date.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        let db = Self::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    async fn connect_sqlite(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid SQLite URL `{url}`"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open SQLite database `{url}`"))?;
        Ok(Database::new(Pool::Sqlite(pool)))
    }

    async fn connect_postgres(url: &str) -> anyhow::Result<Self> {
        let options = PgConnectOptions::from_str(url)
            .with_context(|| format!("invalid PostgreSQL URL `{}`", redact(url)))?;
        Self::connect_postgres_with(options).await
    }

    /// Connects with explicit options (tests use this to pin a schema with `search_path`).
    pub async fn connect_postgres_with(options: PgConnectOptions) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .context("cannot connect to PostgreSQL")?;
        Ok(Database::new(Pool::Postgres(pool)))
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn close(&self) {
        crate::on_pool!(self, pool => pool.close().await)
    }
}

/// Hides the password of a URL before it reaches a message or a log.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://unpol.db"), "sqlite://unpol.db");
    }
}
