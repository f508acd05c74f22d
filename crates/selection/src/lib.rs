//! unpol's selection optimizer: which nominated candidate fills which post.
//!
//! What lives here: the bipartite graph of posts and eligible candidates (`graph`), the exact
//! maximum-weight matching (`matching`), and the search under share rules such as "at least 30%
//! women among a mission's selections" or "at most 20% from one country": the Lagrangian bound
//! (`search`), the branch and bound that proves an optimum (`branch`), the split into independent
//! parts solved in parallel (`part`), all put together by `quota::plan`, which returns a slate
//! with a certified bound. What does not: eligibility (the hard rules that decide which edges
//! exist), files, the database. Callers build the graph; everything here is deterministic (the
//! same answer on one thread or many) and does no I/O.

mod branch;
mod columns;
mod counts;
pub mod graph;
mod master;
pub mod matching;
mod part;
pub mod quota;
pub mod rules;
mod search;
mod slate;

pub use graph::{Candidate, Edge, Graph, GraphError, Post};
pub use matching::Matcher;
pub use quota::{Limits, Plan, Problem, RuleOutcome, plan};
pub use rules::{Bound, Members, People, Rule, Share};
