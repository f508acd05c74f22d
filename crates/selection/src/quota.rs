//! Selection under share rules, with a certificate: the plan of a whole problem.
//!
//! 1. Missions that share no candidate are solved apart, in parallel (`part`).
//! 2. On each, the Lagrangian search (`search`) finds a slate and the bound of the linear
//!    relaxation, with the price of every rule.
//! 3. Unless that already proves the slate optimal (or within the requested gap), and the part is
//!    small enough to branch on, column generation (`columns`) solves the relaxation exactly, with
//!    cuts on counts; its duals rule out every edge that no better slate can hold; what is left
//!    usually falls apart into smaller independent parts, and a branch and bound on each (`branch`)
//!    proves its optimum or, when its node budget runs out, bounds it.
//!
//! The result carries both numbers, the slate's objective and the bound, so the distance to the
//! optimum is proven whatever the instance, and `bound == objective` is a proof of optimality.

use rayon::prelude::*;
use serde::Serialize;

use crate::branch::prove;
use crate::columns::{Pool, generate};
use crate::counts::Cut;
use crate::graph::{Graph, Post};
use crate::part::{Part, parts};
use crate::rules::{People, Rule, Share};
use crate::search::{Ascent, PRIMAL_EVERY, SCALE, Search};
use crate::slate::NONE;

/// A selection problem: the graph, each post's mission, and the rules every mission must keep.
#[derive(Debug, Clone, Copy)]
pub struct Problem<'a> {
    pub graph: &'a Graph,
    /// Mission index of each post, `0..missions`.
    pub post_mission: &'a [u16],
    pub missions: usize,
    pub people: People<'a>,
    /// At least this share of women among each mission's selections.
    pub women: Option<Share>,
    /// At most this share of each mission's selections from any one country.
    pub country_cap: Option<Share>,
}

/// How long to search. Counted in steps and nodes, not seconds, so that a plan is the same on
/// every machine.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Subgradient steps at the root of each part.
    pub max_iterations: usize,
    /// Stop once (bound - objective) / bound is at most this.
    pub gap: f64,
    /// Nodes of the branch and bound, per independent part (0: no branching). A node costs a
    /// few passes over its part's edges, so a part gets no more than `NODE_WORK` edges' worth.
    pub max_nodes: usize,
}

/// Edges a branch and bound may visit in all, per part, over its nodes: a request's few hundred
/// edges get every node of `max_nodes`; 20,000 edges get 100 (about a second).
const NODE_WORK: usize = 2_000_000;
const MIN_NODES: usize = 16;

/// Rounds of column generation at the root of a part small enough to branch on.
const ROOT_ROUNDS: usize = 400;

impl Limits {
    /// A tree of fewer nodes than `MIN_NODES` cannot close a gap worth the time: none then.
    fn nodes_for(&self, edges: usize) -> usize {
        let nodes = self.max_nodes.min(NODE_WORK / edges.max(1));
        if nodes < MIN_NODES { 0 } else { nodes }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_iterations: 400,
            gap: 0.0,
            max_nodes: 2_000,
        }
    }
}

/// The result: a slate that keeps every rule, its objective, and a bound no slate can exceed.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// `(post, candidate)` for every filled post, by post.
    pub slate: Vec<(Post, u32)>,
    pub objective: i64,
    /// No slate keeping the rules scores more. Equal to `objective` when proven optimal.
    pub bound: i64,
    /// The rules that were priced, with their final multiplier (in units of fit) and whether the
    /// slate sits on them (a binding rule is what keeps the objective from rising).
    pub rules: Vec<RuleOutcome>,
    /// Subgradient steps taken, over every part and node.
    pub iterations: usize,
    /// Nodes of the branch and bound, over every part.
    pub nodes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleOutcome {
    pub rule: Rule,
    /// The rule's price at the root: the objective one more unit of the rule would cost.
    pub multiplier: f64,
    pub members: usize,
    pub selected: usize,
    pub binding: bool,
}

impl Plan {
    /// (bound - objective) / bound: 0 when proven optimal.
    pub fn gap(&self) -> f64 {
        if self.bound == 0 {
            0.0
        } else {
            (self.bound - self.objective) as f64 / self.bound as f64
        }
    }
}

/// Finds a slate keeping every rule of `problem` and bounds how far it can be from the best.
pub fn plan(problem: &Problem<'_>, limits: Limits) -> Plan {
    if problem.women.is_none() && problem.country_cap.is_none() {
        return matching_plan(problem);
    }
    let groups = parts(problem, &|_| true);
    let solved = if groups.len() <= 1 {
        solve(problem, limits)
    } else {
        let pieces: Vec<Part> = groups
            .iter()
            .map(|missions| Part::new(problem, missions, &|_| true))
            .collect();
        let solved: Vec<Solved> = pieces
            .par_iter()
            .map(|piece| solve(&piece.problem(problem), limits))
            .collect();
        Solved::join(problem, &pieces, solved)
    };
    solved.into_plan(problem)
}

/// Without share rules the best matching is the answer, and its duals prove it.
fn matching_plan(problem: &Problem<'_>) -> Plan {
    let search = Search::new(problem);
    let bound = search.lagrangian_value().div_euclid(SCALE);
    Solved {
        assign: search.relaxed_assignment(),
        bound,
        rules: Vec::new(),
        iterations: 1,
        nodes: 0,
    }
    .into_plan(problem)
}

/// A problem solved: a candidate per post, a bound, and the rules priced with their multipliers.
struct Solved {
    assign: Vec<u32>,
    bound: i64,
    rules: Vec<(Rule, i64)>,
    iterations: usize,
    nodes: usize,
}

impl Solved {
    /// Puts the answers of parts back into the indices of the whole.
    fn join(whole: &Problem<'_>, pieces: &[Part], solved: Vec<Solved>) -> Self {
        let mut joined = Solved {
            assign: vec![NONE; whole.graph.posts()],
            bound: 0,
            rules: Vec::new(),
            iterations: 0,
            nodes: 0,
        };
        for (piece, s) in pieces.iter().zip(solved) {
            for (i, &c) in s.assign.iter().enumerate() {
                if c != NONE {
                    joined.assign[piece.posts[i] as usize] = piece.candidates[c as usize];
                }
            }
            joined.bound += s.bound;
            joined.iterations += s.iterations;
            joined.nodes += s.nodes;
            for rule in s.rules {
                if !joined.rules.iter().any(|(r, _)| *r == rule.0) {
                    joined.rules.push(rule);
                }
            }
        }
        joined
    }

    fn into_plan(self, problem: &Problem<'_>) -> Plan {
        let graph = problem.graph;
        let slate: Vec<(Post, u32)> = self
            .assign
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != NONE)
            .map(|(p, &c)| (p as Post, c))
            .collect();
        let objective = slate
            .iter()
            .map(|&(p, c)| graph.edge(p, c).map_or(0, |e| graph.fit(e)))
            .sum();
        let rules = self
            .rules
            .iter()
            .map(|&(rule, multiplier)| {
                let chosen: Vec<u32> = slate
                    .iter()
                    .filter(|&&(p, _)| problem.post_mission[p as usize] == rule.mission)
                    .map(|&(_, c)| c)
                    .collect();
                let members = chosen
                    .iter()
                    .filter(|&&c| problem.people.is_member(rule.members, c))
                    .count();
                RuleOutcome {
                    rule,
                    multiplier: multiplier as f64 / SCALE as f64,
                    members,
                    selected: chosen.len(),
                    binding: multiplier > 0,
                }
            })
            .collect();
        Plan {
            slate,
            objective,
            bound: self.bound.max(objective),
            rules,
            iterations: self.iterations,
            nodes: self.nodes,
        }
    }
}

/// One connected problem: the Lagrangian search, then, when a gap is left, the branch and bound on
/// what the duals leave of the graph.
fn solve(problem: &Problem<'_>, limits: Limits) -> Solved {
    let mut search = Search::new(problem);
    let branching = limits.nodes_for(problem.graph.edges()) > 0;
    let (mut low, mut at) = search.ascend(Ascent {
        steps: limits.max_iterations.max(1),
        theta: 2.0,
        patience: 8,
        gap: limits.gap,
        // Where no tree can follow, the ascent is all there is, and on millions of edges a
        // step's re-solve costs far more than turning its matching into a slate: every step
        // offers one, so that the gap is met after a few steps rather than the next fifth.
        primal_every: if branching { PRIMAL_EVERY } else { 1 },
    });
    let open = |low: i64, best: i64| {
        let bound = low.div_euclid(SCALE);
        bound > best && (bound - best) as f64 > limits.gap * bound as f64
    };
    if open(low, search.incumbent()) && branching {
        // Small enough to branch on: solve the relaxation exactly, cuts on counts with it, so
        // that its duals rule out as many edges as they can.
        search.price_at(&at);
        search.cutting = problem.women.is_some();
        let generated = generate(&mut search, &mut Pool::new(), ROOT_ROUNDS);
        if generated.low < low {
            (low, at) = (generated.low, generated.at);
        }
    }
    let best = search
        .best
        .clone()
        .expect("the first step always records a slate");
    let bound = low.div_euclid(SCALE).max(best.objective);
    // The bounds a country cap implies are no rule of the user's: the parts find them again.
    let rules: Vec<(Rule, i64)> = search
        .book
        .rules
        .iter()
        .enumerate()
        .filter(|&(k, _)| !search.book.bound[k])
        .map(|(k, rule)| (*rule, at.rules.get(k).copied().unwrap_or(0)))
        .collect();
    let mut solved = Solved {
        assign: best.assign.clone(),
        bound,
        rules,
        iterations: search.iterations,
        nodes: 0,
    };
    let within_gap = (bound - best.objective) as f64 <= limits.gap * bound as f64;
    if bound == best.objective || within_gap || limits.max_nodes == 0 {
        return solved;
    }
    // The duals at the best multipliers: an edge whose reduced cost alone takes the bound down to
    // the best slate is in no better slate. The best slate's own edges stay, so that each part
    // starts from its share of it.
    search.price_at(&at);
    let graph = problem.graph;
    let mut keep: Vec<bool> = (0..graph.edges())
        .map(|e| (low - search.reduced_cost(e)).div_euclid(SCALE) > best.objective)
        .collect();
    for (p, &c) in best.assign.iter().enumerate() {
        if let Some(e) = (c != NONE).then(|| graph.edge(p as Post, c)).flatten() {
            keep[e] = true;
        }
    }
    let kept = keep.iter().filter(|&&k| k).count();
    if limits.nodes_for(kept) == 0 {
        return solved; // too large a remainder for a tree to close: the root's bound stands
    }
    let cuts: Vec<(Cut, i64)> = search
        .cuts
        .iter()
        .copied()
        .zip(at.cuts.iter().copied().chain(std::iter::repeat(0)))
        .collect();
    drop(search);
    let groups = parts(problem, &|e| keep[e]);
    let pieces: Vec<Part> = groups
        .iter()
        .map(|missions| Part::new(problem, missions, &|e| keep[e]))
        .collect();
    let proofs: Vec<Solved> = pieces
        .par_iter()
        .map(|piece| {
            let sub = piece.problem(problem);
            let mut search = Search::new(&sub);
            let rules: Vec<(Rule, i64)> = solved
                .rules
                .iter()
                .filter(|(rule, _)| piece.post_mission.contains(&rule.mission))
                .copied()
                .collect();
            let cuts: Vec<(Cut, i64)> = cuts
                .iter()
                .filter(|(cut, _)| piece.post_mission.contains(&cut.mission))
                .copied()
                .collect();
            search.seed(&rules, &cuts);
            search.offer(piece.restrict(&best.assign));
            let proof = prove(&mut search, bound, limits.nodes_for(piece.graph.edges()));
            Solved {
                assign: search
                    .best
                    .map(|b| b.assign)
                    .expect("the part's share of the best slate keeps its rules"),
                bound: proof.bound,
                rules: Vec::new(),
                iterations: search.iterations,
                nodes: proof.nodes,
            }
        })
        .collect();
    let branched = Solved::join(problem, &pieces, proofs);
    solved.assign = branched.assign;
    solved.bound = bound.min(branched.bound);
    solved.iterations += branched.iterations;
    solved.nodes = branched.nodes;
    solved
}
