//! unpol's use cases, shared by the command line and the web server: each function takes the
//! database and plain arguments, and returns domain values or a typed error that each interface
//! maps to its own answer (an exit code, an HTTP status).

pub mod accounts;
pub mod actor;
pub mod audit;
pub mod capacity;
mod checks;
pub mod conduct;
pub mod demo;
pub mod forcegen;
pub mod forecast;
pub mod import;
pub mod incidents;
pub mod indicators;
pub mod performance;
pub mod reference;
pub mod roster;
pub mod roster_file;
mod scope;
pub mod sealed;
pub mod stats;
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;

pub use actor::Actor;
pub use store::Store;
pub use unpol_storage::is_busy;
