//! The database as the interfaces hold it.
//!
//! The web server and the command line get a [`Store`] and nothing else of storage: it has no
//! method that reads or writes records, so every read of a person and every write goes through a
//! use case of this crate, which applies the caller's scope and audits. Cargo enforces it:
//! `unpol-web` and `unpol-cli` do not depend on `unpol-storage`.

use unpol_storage::Database;
pub use unpol_storage::MigrationReport;

#[derive(Debug, Clone)]
pub struct Store {
    db: Database,
    /// The key that seals conduct cases' confidential fields; none until one is given.
    case_key: Option<std::sync::Arc<crate::sealed::CaseKey>>,
}

impl Store {
    /// Connects to `sqlite://PATH` (created if missing) or `postgres://...` and brings the schema
    /// and reference data up to date; the audit key is loaded apart (see [`crate::audit::with_key`]).
    pub async fn open(url: &str) -> anyhow::Result<(Store, MigrationReport)> {
        let db = Database::connect(url).await?;
        let report = db.migrate().await?;
        Ok((Store::from(db), report))
    }

    pub(crate) fn db(&self) -> &Database {
        &self.db
    }

    pub(crate) fn with_audit_key(self, key: unpol_domain::audit::AuditKey) -> Store {
        Store {
            db: self.db.with_audit_key(key),
            ..self
        }
    }

    /// The store with the key of conduct cases (kept outside the database).
    pub fn with_case_key(self, key: crate::sealed::CaseKey) -> Store {
        Store {
            case_key: Some(std::sync::Arc::new(key)),
            ..self
        }
    }

    pub(crate) fn case_key(&self) -> Option<&crate::sealed::CaseKey> {
        self.case_key.as_deref()
    }

    /// Whether the backend is PostgreSQL (a health check says which it is).
    pub fn is_postgres(&self) -> bool {
        self.db.backend() == unpol_storage::Backend::Postgres
    }

    pub async fn close(&self) {
        self.db.close().await;
    }
}

/// For tests that build the database themselves (`unpol_storage::testing`).
impl From<Database> for Store {
    fn from(db: Database) -> Self {
        Store { db, case_key: None }
    }
}
