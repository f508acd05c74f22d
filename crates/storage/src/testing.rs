//! Test databases on both backends: a temporary SQLite file always, and a fresh PostgreSQL
//! schema when `UNPOL_TEST_POSTGRES_URL` names a server. Suites loop over [`TestDb::all`] so that
//! every storage behaviour is checked on both.

use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

use anyhow::Context;
use sqlx::postgres::PgConnectOptions;
use sqlx::{Connection, PgConnection};

use crate::Database;

pub const POSTGRES_ENV: &str = "UNPOL_TEST_POSTGRES_URL";

#[derive(Debug)]
pub struct TestDb {
    pub db: Database,
    /// `sqlite` or `postgres`, for assertion messages.
    pub label: &'static str,
    /// The URL a separate process (the `unpol` binary) can use to reach the same database.
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    /// A migrated database on every configured backend.
    pub async fn all() -> anyhow::Result<Vec<TestDb>> {
        let mut dbs = vec![Self::sqlite().await?];
        if let Some(pg) = Self::postgres().await? {
            dbs.push(pg);
        }
        Ok(dbs)
    }

    pub async fn sqlite() -> anyhow::Result<TestDb> {
        let dir = tempfile::tempdir()?;
        let url = format!("sqlite://{}", dir.path().join("unpol.db").display());
        let db = Database::open(&url).await?.with_audit_key(test_audit_key());
        Ok(TestDb {
            db,
            label: "sqlite",
            url,
            _dir: Some(dir),
            pg: None,
        })
    }

    /// `None` when no PostgreSQL server is configured; an error when one is but fails.
    pub async fn postgres() -> anyhow::Result<Option<TestDb>> {
        let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
            return Ok(None);
        };
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let schema = format!(
            "t_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros() % 1_000_000
        );
        let mut admin = PgConnection::connect(&admin_url)
            .await
            .with_context(|| format!("{POSTGRES_ENV} is set but PostgreSQL cannot be reached"))?;
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        let options =
            PgConnectOptions::from_str(&admin_url)?.options([("search_path", schema.as_str())]);
        let db = Database::connect_postgres_with(options)
            .await?
            .with_audit_key(test_audit_key());
        db.migrate().await?;
        let separator = if admin_url.contains('?') { '&' } else { '?' };
        let url = format!("{admin_url}{separator}options=-csearch_path%3D{schema}");
        Ok(Some(TestDb {
            db,
            label: "postgres",
            url,
            _dir: None,
            pg: Some((admin_url, schema)),
        }))
    }

    /// Closes the pool and drops the PostgreSQL schema (the SQLite file goes with its directory).
    pub async fn cleanup(self) -> anyhow::Result<()> {
        self.db.close().await;
        if let Some((admin_url, schema)) = &self.pg {
            let mut admin = PgConnection::connect(admin_url).await?;
            sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&mut admin)
                .await?;
            admin.close().await?;
        }
        Ok(())
    }
}

/// The audit key of every test database, as 64 hex digits: what a test sets as `UNPOL_AUDIT_KEY`
/// for the `unpol` binary so that it chains the same trail as the test's own writes.
pub const TEST_AUDIT_KEY: &str = "74657374206175646974206b657920666f7220756e706f6c2074657374732121";

pub fn test_audit_key() -> unpol_domain::audit::AuditKey {
    unpol_domain::audit::AuditKey::from_hex(TEST_AUDIT_KEY).unwrap_or_else(|_| unreachable!())
}
