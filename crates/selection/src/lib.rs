//! unpol's selection optimizer: which nominated candidate fills which post.
//!
//! What lives here: the bipartite graph of posts and eligible candidates (`graph`), the exact
//! maximum-weight matching (`matching`), and the search under share rules such as "at least 30%
//! women among a mission's selections", which returns a slate with a certified bound (`quota`).
//! What does not: eligibility (the hard rules that decide which edges exist), files, the database.
//! Callers build the graph; everything here is deterministic and does no I/O.

pub mod graph;
pub mod matching;
pub mod quota;
pub mod rules;
mod slate;

pub use graph::{Candidate, Edge, Graph, GraphError, Post};
pub use matching::Matcher;
pub use quota::{Limits, Plan, Problem, RuleOutcome, plan};
pub use rules::{Bound, Members, People, Rule, Share};
