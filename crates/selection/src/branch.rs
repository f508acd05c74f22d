//! Branch and bound on the Lagrangian bound: the proof that no better slate exists.
//!
//! The Lagrangian bound of the root is the bound of the linear relaxation; what separates it from
//! the best slate is that a slate cannot take half a candidate. A node narrows a mission's counts
//! or fixes edges in or out; its bound is the Lagrangian bound with those fixes, from a few rounds
//! of column generation (`columns`) that start at its parent's multipliers and columns. A node
//! whose bound does not beat the best slate is closed. Otherwise the duals of its matching rule
//! out, for its whole subtree, every edge whose reduced cost alone takes the bound down to the best
//! slate (the cheap step that closes most of the tree), and the node splits on a mission's count of
//! women or others that the relaxation takes fractionally (of a few such counts, the one whose two
//! children's bounds fall most when probed: strong branching; where the best such split leaves a
//! child on its parent's plateau, the counts a corner of the relaxation takes fractionally are
//! probed too), else on the edge it takes closest to half, else on one free edge of a mission
//! whose rule the relaxed matching breaks (or keeps with room to spare while the rule is priced).
//!
//! Depth first, the child without the edge first, on one trail of fixes that is undone on the way
//! back, so memory stays at the size of the graph. The number of nodes is capped, not the time, so
//! the answer is the same on every machine; a search stopped by the cap reports the highest bound
//! of the nodes left open.

use crate::columns::{Pool, corner_counts, generate};
use crate::graph::Post;
use crate::search::{Fix, Prices, SCALE, Search};

/// Rounds of column generation at a node: its parent's prices and columns are close already.
const NODE_ROUNDS: usize = 60;

/// Fractional counts probed by strong branching at a node, and the rounds each child gets.
const PROBED: usize = 3;
/// Fractional counts of a corner probed when the best split of the center's leaves a child on its
/// parent's plateau: more than of the center's, since a plateau is where a tree stalls.
const PROBED_ON_PLATEAU: usize = 6;
const PROBE_ROUNDS: usize = 20;

/// A probed child whose bound falls by less than this (in units of fit) is on its parent's plateau.
const PLATEAU: f64 = 1e-3;

/// What a branch and bound established.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Proof {
    /// No slate of the problem scores more (the best slate's objective when the search finished).
    pub bound: i64,
    pub nodes: usize,
}

/// How a child differs from its parent.
#[derive(Debug, Clone, Copy)]
enum Branch {
    /// An edge fixed in or out.
    Edge(usize, Fix),
    /// A range for how many women (or others) a mission selects.
    Count {
        mission: u16,
        women: bool,
        range: (i64, i64),
    },
}

/// A node waiting on the stack: its parent's state (the trail up to `mark`) plus one branch.
struct Open {
    mark: usize,
    branch: Branch,
    prices: Prices,
    pool: Pool,
    /// The parent's bound, which bounds this node too.
    bound: i64,
}

/// Searches the tree below the current state of `search`, whose bound is `bound`, visiting at
/// most `max_nodes` nodes. The best slate found is left in `search.best`.
pub(crate) fn prove(search: &mut Search<'_>, bound: i64, max_nodes: usize) -> Proof {
    let base = search.mark();
    let mut nodes = 0;
    let mut stack: Vec<Open> = Vec::new();
    let mut next = Some((bound, search.prices(), Pool::new()));
    loop {
        if let Some((bound, prices, mut pool)) = next.take()
            && bound > search.incumbent()
        {
            nodes += 1;
            if let Some(children) = visit(search, bound, &prices, &mut pool) {
                stack.extend(children);
            }
        }
        let Some(open) = stack.pop() else { break };
        if open.bound <= search.incumbent() {
            continue;
        }
        if nodes >= max_nodes {
            stack.push(open);
            break;
        }
        search.undo_to(open.mark);
        match open.branch {
            Branch::Edge(e, Fix::In) => search.hold(e),
            Branch::Edge(e, _) => search.rule_out(e),
            Branch::Count {
                mission,
                women,
                range,
            } => {
                if !search.narrow(mission, women, range) {
                    continue; // no pair of counts is left: no slate below
                }
            }
        }
        next = Some((open.bound, open.prices, open.pool));
    }
    search.undo_to(base);
    let open = stack.iter().map(|o| o.bound).max();
    Proof {
        bound: open.map_or(search.incumbent(), |b| b.max(search.incumbent())),
        nodes,
    }
}

/// Bounds the current node; when it may still hold a better slate, rules out what its duals
/// exclude and returns its two children (the one without the edge last, so that it is taken first).
fn visit(
    search: &mut Search<'_>,
    parent_bound: i64,
    prices: &Prices,
    pool: &mut Pool,
) -> Option<[Open; 2]> {
    search.price_at(prices);
    let generated = generate(search, pool, NODE_ROUNDS);
    let (low, at) = (generated.low, generated.at);
    let bound = low.div_euclid(SCALE).min(parent_bound);
    let incumbent = search.incumbent();
    if bound <= incumbent {
        return None;
    }
    search.price_at(&at);
    for e in 0..search.problem.graph.edges() {
        if search.fix_of(e) == Fix::Free
            && (low - search.reduced_cost(e)).div_euclid(SCALE) <= incumbent
        {
            search.rule_out(e);
        }
    }
    let mark = search.mark();
    let child = |branch| Open {
        mark,
        branch,
        prices: at.clone(),
        pool: pool.clone(),
        bound,
    };
    if let Some((mission, women, split)) = strong_count(search, pool, &at, low) {
        let count = |range| Branch::Count {
            mission,
            women,
            range,
        };
        return Some([
            child(count((split + 1, i64::MAX))),
            child(count((i64::MIN, split))),
        ]);
    }
    let assign = search.relaxed_assignment();
    search.add_violated_country_rules(&assign);
    let Some(edge) = fractional_edge(search).or_else(|| branching_edge(search, &assign)) else {
        // Every rule holds with complementary slackness where a choice is left: the relaxed
        // matching is the node's best slate (or the node has none).
        search.offer(assign);
        return None;
    };
    Some([
        child(Branch::Edge(edge, Fix::In)),
        child(Branch::Edge(edge, Fix::Out)),
    ])
}

/// The count to split on first, by strong branching: of the counts the relaxation takes
/// fractionally, the one whose two children's bounds fall most (their product), each child probed
/// by a few rounds of column generation. The relaxation's mix is the center of its optimal face,
/// whose counts can be fractional where a corner's are not; a split there leaves one child's
/// bound where it was, and only a probe tells the two apart. When the best split of the center's
/// counts leaves a child's bound where it was (a plateau), the counts a corner of the face takes
/// fractionally are probed too, and one of them is taken if neither of its children stays there.
/// Returns the mission, which count, and the count rounded down.
fn strong_count(
    search: &mut Search<'_>,
    pool: &Pool,
    at: &Prices,
    low: i64,
) -> Option<(u16, bool, i64)> {
    let candidates = fractional_counts(search, &search.mean_counts, PROBED);
    if candidates.len() <= 1 {
        return candidates.first().copied();
    }
    let (mean_counts, mean_edges) = (search.mean_counts.clone(), search.mean_edges.clone());
    let mut best = probe(search, pool, at, low, &candidates);
    if best.is_some_and(|b| b.plateau)
        && let Some(corner) = corner_counts(search, pool, at)
    {
        // Which six counts comes from the perturbed solve's fractions; they are probed in the
        // missions' order, which decides which of two equally good splits is taken.
        let mut more = fractional_counts(search, &corner, PROBED_ON_PLATEAU);
        more.sort_unstable();
        more.retain(|c| !candidates.contains(c));
        if let Some(found) = probe(search, pool, at, low, &more)
            && !found.plateau
            && best.is_none_or(|b| found.score > b.score)
        {
            best = Some(found);
        }
    }
    search.mean_counts = mean_counts;
    search.mean_edges = mean_edges;
    search.price_at(at);
    best.map(|b| b.count)
}

/// A split probed by strong branching.
#[derive(Debug, Clone, Copy)]
struct Probed {
    count: (u16, bool, i64),
    /// The product of the two children's falls of bound, each clamped to the gap.
    score: f64,
    /// Whether one child's bound stays where its parent's is.
    plateau: bool,
}

/// Probes each split of `candidates` (a few rounds of column generation on each child) and
/// returns the best. The search is left with its trail as it was, not its prices or means.
fn probe(
    search: &mut Search<'_>,
    pool: &Pool,
    at: &Prices,
    low: i64,
    candidates: &[(u16, bool, i64)],
) -> Option<Probed> {
    let mark = search.mark();
    let mut best: Option<Probed> = None;
    for &(mission, women, split) in candidates {
        let mut score = 1.0;
        let mut least = f64::INFINITY;
        for range in [(split + 1, i64::MAX), (i64::MIN, split)] {
            let child = if search.narrow(mission, women, range) {
                search.price_at(at);
                generate(search, &mut pool.clone(), PROBE_ROUNDS).low
            } else {
                i64::MIN
            };
            search.undo_to(mark);
            // Closing a child is worth its whole gap, and no more.
            let gap = low - search.incumbent() * SCALE;
            let fall = low.saturating_sub(child).clamp(0, gap.max(0)) as f64 / SCALE as f64;
            least = least.min(fall);
            score *= fall.max(1e-3);
        }
        if best.is_none_or(|b| score > b.score) {
            best = Some(Probed {
                count: (mission, women, split),
                score,
                plateau: least < PLATEAU,
            });
        }
    }
    best
}

/// The counts of missions that `counts` (a mix of the node's relaxation) takes fractionally (at
/// least `0.05` from a whole number, and inside what the node's box still allows), most
/// fractional first, at most `most`: the mission, which count, and the count rounded down. A
/// slate selects whole officers, so "at most that" or "at least one more" loses none of them.
fn fractional_counts(
    search: &Search<'_>,
    counts: &[(f64, f64)],
    most: usize,
) -> Vec<(u16, bool, i64)> {
    let mut found: Vec<(f64, u16, bool, i64)> = Vec::new();
    for (m, &(women, others)) in counts.iter().enumerate() {
        let b = &search.boxes[m];
        for (is_women, mean, range) in [(true, women, b.women), (false, others, b.others)] {
            let below = mean.floor();
            let fraction = (mean - below).min(below + 1.0 - mean);
            let below = below as i64;
            if fraction >= 0.05 && range.0 <= below && below < range.1 {
                found.push((fraction, m as u16, is_women, below));
            }
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    found
        .into_iter()
        .take(most)
        .map(|(_, m, women, below)| (m, women, below))
        .collect()
}

/// The free edge the relaxation takes closest to half, if it takes one in part at all.
fn fractional_edge(search: &Search<'_>) -> Option<usize> {
    search
        .mean_edges
        .iter()
        .filter(|&&(e, _)| search.fix_of(e) == Fix::Free)
        .map(|&(e, x)| (x.min(1.0 - x), e))
        .filter(|&(f, _)| f >= 0.01)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, e)| e)
}

/// The free edge to split on: in a mission whose rule the relaxed matching breaks (or keeps with
/// room while priced, which leaves the bound above what the slate earns), a chosen edge whose post
/// has the closest alternative, else the unchosen edge closest to being chosen.
fn branching_edge(search: &Search<'_>, assign: &[u32]) -> Option<usize> {
    let graph = search.problem.graph;
    let slate = search.slate_of(assign.to_vec());
    let mut offending = vec![false; search.problem.missions];
    for (k, rule) in search.book.rules.iter().enumerate() {
        let sum = slate.sums[k];
        if sum < 0 || (sum > 0 && search.multipliers[k] > 0) {
            offending[rule.mission as usize] = true;
        }
    }
    // So does a cut on counts, broken or kept with room while priced.
    let sums = search.cut_sums(&search.counts_of(assign));
    for ((cut, &sum), &mu) in search.cuts.iter().zip(&sums).zip(&search.cut_multipliers) {
        if sum < 0 || (sum > 0 && mu > 0) {
            offending[cut.mission as usize] = true;
        }
    }
    let mut best: Option<((i64, i64), usize)> = None;
    for (m, posts) in search.posts_of.iter().enumerate() {
        if !offending[m] {
            continue;
        }
        for &p in posts {
            for e in graph.post_edges(p) {
                if search.fix_of(e) != Fix::Free {
                    continue;
                }
                let score = if assign[p as usize] == graph.candidate_of(e) {
                    (0, alternative(search, p, e))
                } else {
                    (search.reduced_cost(e), 0)
                };
                if best.is_none_or(|(s, _)| score < s) {
                    best = Some((score, e));
                }
            }
        }
    }
    best.map(|(_, e)| e)
}

/// The smallest reduced cost of another way to fill (or leave) post `p` than its edge `chosen`.
fn alternative(search: &Search<'_>, p: Post, chosen: usize) -> i64 {
    let graph = search.problem.graph;
    graph
        .post_edges(p)
        .filter(|&e| e != chosen && search.fix_of(e) == Fix::Free)
        .map(|e| search.reduced_cost(e))
        .fold(search.empty_reduced_cost(p), i64::min)
}
