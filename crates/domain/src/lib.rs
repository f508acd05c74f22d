//! unpol's domain: the vocabulary and the rules of UN Police figures, with no I/O.
//!
//! What lives here: codes (countries, missions), months, personnel categories, head counts, the
//! validation of a published row, and the reports built from rows (contributions, parity, trend).
//! What does not: reading files, databases, the network. Storage and the readers depend on this
//! crate, never the other way round, so every rule here can be tested in isolation.

pub mod access;
pub mod audit;
pub mod capacity;
pub mod category;
pub mod clock;
pub mod codes;
pub mod conduct;
pub mod forcegen;
pub mod geography;
pub mod headcount;
pub mod incident;
pub mod indicator;
pub mod message;
pub mod month;
pub mod parity;
pub mod performance;
pub mod published;
pub mod quarter;
pub mod reference;
pub mod report;
pub mod roster;
pub mod rotation;
pub mod text;
pub mod throttle;
pub mod trend;
pub mod vocabulary;

pub use category::Category;
pub use clock::Clock;
pub use codes::{CountryCode, MissionCode};
pub use headcount::Headcount;
pub use month::Month;
