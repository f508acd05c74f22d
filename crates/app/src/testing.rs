//! For the tests of the crates above this one: the test databases of `unpol-storage` (SQLite in
//! a temporary folder, PostgreSQL in a schema of its own), seen as a [`Store`].

/// Storage itself, for tests that set up or tamper with what only storage can reach (a raw SQL
/// statement, as a DBA would).
pub use unpol_storage as storage;
pub use unpol_storage::testing::{TEST_AUDIT_KEY, TestDb};

use crate::Store;

/// A test database as the interfaces hold it.
pub trait TestStore {
    fn store(&self) -> Store;
}

impl TestStore for TestDb {
    fn store(&self) -> Store {
        Store::from(self.db.clone())
    }
}
