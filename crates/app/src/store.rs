//! The database as the interfaces hold it.
//!
//! The web server and the command line get a [`Store`] and nothing else of storage: it has no
//! method that reads or writes records, so every read of a person and every write goes through a
//! use case of this crate, which applies the caller's scope and audits. Cargo enforces it:
//! `unpol-web` and `unpol-cli` do not depend on `unpol-storage`.

use unpol_storage::Database;
pub use unpol_storage::MigrationReport;

#[derive(Debug, Clone)]
pub struct Store(Database);

impl Store {
    /// Connects to `sqlite://PATH` (created if missing) or `postgres://...` and brings the schema
    /// and reference data up to date; the audit key is loaded apart (see [`crate::audit::with_key`]).
    pub async fn open(url: &str) -> anyhow::Result<(Store, MigrationReport)> {
        let db = Database::connect(url).await?;
        let report = db.migrate().await?;
        Ok((Store(db), report))
    }

    pub(crate) fn db(&self) -> &Database {
        &self.0
    }

    pub(crate) fn with_audit_key(self, key: unpol_domain::audit::AuditKey) -> Store {
        Store(self.0.with_audit_key(key))
    }

    /// Whether the backend is PostgreSQL (a health check says which it is).
    pub fn is_postgres(&self) -> bool {
        self.0.backend() == unpol_storage::Backend::Postgres
    }

    pub async fn close(&self) {
        self.0.close().await;
    }
}

/// For tests that build the database themselves (`unpol_storage::testing`).
impl From<Database> for Store {
    fn from(db: Database) -> Self {
        Store(db)
    }
}
