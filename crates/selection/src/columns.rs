//! Column generation: the bound of a node from the exact dual of its relaxation.
//!
//! Subgradient steps approach the best multipliers but never settle on them, and at a node of the
//! branch and bound every tenth of a unit of bound decides whether the node closes. Here each
//! matching the search meets becomes a column of the master (`master`), whose prices are the best
//! multipliers for the matchings seen so far; the matching for those prices is either a new
//! column or the proof that the prices are optimal. A few dozen rounds reach the optimum of the
//! relaxation (with its cuts on counts), where subgradient steps stall a few units above it.
//!
//! Rows are separated on the master's mix as well as on each matching: a node that narrows a
//! mission's counts inherits columns outside its box, and their mix can leave the box's hull (or
//! break a country cap) while no single new matching breaks a priced row. Without that cut the
//! node's bound would never fall below its parent's.
//!
//! Columns are kept in a pool shared down the tree: a child keeps its parent's columns that
//! hold none of the edges it rules out and every edge it holds, so it starts where its parent
//! stopped.

use std::sync::Arc;

use crate::counts::Counts;
use crate::master::{self, Column};
use crate::search::{PRIMAL_EVERY, Point, Prices, SCALE, Search};
use crate::slate::NONE;

/// A matching met by the search: its edges (sorted), objective, counts per mission and (under a
/// country cap) per mission and country.
#[derive(Debug)]
pub(crate) struct Matching {
    edges: Vec<u32>,
    objective: i64,
    counts: Vec<Counts>,
    countries: Vec<((u16, u16), u32)>,
}

/// The matchings a node may use as columns.
pub(crate) type Pool = Vec<Arc<Matching>>;

/// Columns past this many are dropped, oldest unused first: the master's time grows with them.
const MAX_COLUMNS: usize = 400;

/// The proximal parameter at the start (in units of price per unit of a row's sum): a step of the
/// prices is about `t` times the rows' shortfall. Doubled after a step that lowers the bound
/// enough (a serious step), shrunk after one that does not.
const FIRST_T: f64 = 1e-3;

/// A step is serious when the bound falls by at least this share of what the model predicted.
const SERIOUS: f64 = 0.1;

/// The relaxation counts as solved when the model predicts less than this much (in units of fit)
/// from another step.
const SOLVED: f64 = 1e-3;

/// What a run of column generation established.
pub(crate) struct Generated {
    /// The smallest Lagrangian value met (scaled): a bound on every slate of the node.
    pub low: i64,
    /// The prices that gave it.
    pub at: Prices,
}

/// Rounds of pricing and master solves at the current node of `search`, from its current prices,
/// until the relaxation is solved, the best slate is proven optimal for the node, or `rounds` run
/// out. A node of the branch and bound runs it to the end too: its children are chosen from
/// the relaxation's point, which a mix stopped early does not give.
pub(crate) fn generate(search: &mut Search<'_>, pool: &mut Pool, rounds: usize) -> Generated {
    let mut low = i64::MAX;
    let mut at = search.prices();
    let mut t = FIRST_T;
    let mut predicted = f64::INFINITY;
    pool.retain(|m| holds(search, m));
    search.mean_edges.clear();
    let mut last_weights: Vec<f64> = Vec::new();
    for round in 0..rounds {
        search.iterations += 1;
        let value = search.lagrangian_value();
        if value < low {
            let serious =
                low == i64::MAX || (low - value) as f64 / SCALE as f64 >= SERIOUS * predicted;
            low = value;
            at = search.prices();
            if serious {
                t *= 2.0;
            }
        } else {
            t = (t * 0.7).max(1e-9);
        }
        let (assign, counts) = search.matching_with_rows(&mut at);
        if round == 0 {
            search.mean_counts = counts
                .iter()
                .map(|c| (c.women as f64, c.others as f64))
                .collect();
        }
        pool.push(Arc::new(matching_of(search, &assign, counts)));
        if round % PRIMAL_EVERY == 0 || search.best.is_none() {
            let slate = search.slate_of(assign);
            search.consider(slate);
        }
        let incumbent = search.incumbent();
        if low.div_euclid(SCALE) <= incumbent {
            break;
        }
        // The primal heuristic may have priced a country cap that no matching broke yet: every
        // row the columns are summed over needs a center.
        at.rules.resize(search.multipliers.len(), 0);
        // The master's prices are the rules priced now, then the cuts; rows the separation below
        // adds start at 0.
        let priced_rules = at.rules.len();
        let sums: Vec<Vec<f64>> = pool.iter().map(|m| row_sums(search, m)).collect();
        let Some(answer) = solve_master(pool, &sums, &at, t) else {
            break;
        };
        predicted = low as f64 / SCALE as f64 - answer.model;
        last_weights.clone_from(&answer.weights);
        // The mix may break a row that no column broke: then the relaxation is not solved,
        // whatever the master predicts over the rows it knows.
        let point = mix_point(pool, &answer.weights);
        let cut = search.price_broken_rows(&point, &mut at);
        search.mean_counts = point.counts;
        if predicted < SOLVED && !cut {
            break;
        }
        if pool.len() > MAX_COLUMNS {
            last_weights.clear();
            let recent = pool.len() - MAX_COLUMNS / 2;
            let mut keep = (0..pool.len()).map(|j| j >= recent || answer.weights[j] > 1e-9);
            pool.retain(|_| keep.next().unwrap_or(true));
        }
        let scaled = |p: &f64| (p * SCALE as f64).round() as i64;
        search.price_at(&Prices {
            rules: answer.prices[..priced_rules].iter().map(scaled).collect(),
            cuts: answer.prices[priced_rules..].iter().map(scaled).collect(),
        });
    }
    search.mean_edges = fractional_edges(pool, &last_weights);
    Generated { low, at }
}

/// The edges that the columns weighted by `weights` take in part, with their share.
fn fractional_edges(pool: &Pool, weights: &[f64]) -> Vec<(usize, f64)> {
    let mut merged = fractional_edges_all(pool, weights);
    merged.retain(|&(_, w)| w < 1.0 - 1e-6);
    merged
}

/// Every edge the columns weighted by `weights` take, with its share.
fn fractional_edges_all(pool: &Pool, weights: &[f64]) -> Vec<(usize, f64)> {
    let total: f64 = weights.iter().sum::<f64>().max(1e-12);
    let mut taken: Vec<(u32, f64)> = pool
        .iter()
        .zip(weights)
        .filter(|&(_, &w)| w > 1e-9)
        .flat_map(|(m, &w)| m.edges.iter().map(move |&e| (e, w / total)))
        .collect();
    taken.sort_unstable_by_key(|&(e, _)| e);
    let mut merged: Vec<(usize, f64)> = Vec::new();
    for (e, w) in taken {
        match merged.last_mut() {
            Some(last) if last.0 == e as usize => last.1 += w,
            _ => merged.push((e as usize, w)),
        }
    }
    merged
}

/// The master over the pool, near `center`.
fn solve_master(pool: &Pool, sums: &[Vec<f64>], center: &Prices, t: f64) -> Option<master::Answer> {
    let columns: Vec<Column<'_>> = pool
        .iter()
        .zip(sums)
        .map(|(m, sums)| Column {
            objective: m.objective as f64,
            sums,
        })
        .collect();
    master::solve(&columns, &center.as_units(), t)
}

/// The proximal parameter of the corner master: wide enough that the prices may go anywhere the
/// columns allow, so that the mix is the relaxation's optimum over the pool rather than a step.
const CORNER_T: f64 = 1e3;

/// Each mission's women and others at a corner of the relaxation's optimal face over `pool`, at
/// prices near `at`. The master's mix is the center of that face (an interior-point method
/// returns its analytic center), where a count can be fractional because the face holds slates
/// on both sides of it; splitting such a count leaves one child's bound where it was. A tiny
/// tie-break on each column's objective (one of a thousand steps below a thousandth of a unit of
/// fit, where every objective is whole) makes the optimum nearly a single point, near a corner,
/// whose fractional counts are fractional on the face around it. Nearly: two columns can draw
/// the same tie-break, and the interior-point method stops a little inside.
pub(crate) fn corner_counts(
    search: &Search<'_>,
    pool: &Pool,
    at: &Prices,
) -> Option<Vec<(f64, f64)>> {
    let sums: Vec<Vec<f64>> = pool.iter().map(|m| row_sums(search, m)).collect();
    let mut center = at.clone();
    center.rules.resize(search.multipliers.len(), 0);
    center.cuts.resize(search.cuts.len(), 0);
    let tied: Vec<Column<'_>> = pool
        .iter()
        .zip(&sums)
        .map(|(m, sums)| Column {
            objective: m.objective as f64 + tie_break(m),
            sums,
        })
        .collect();
    let answer = master::solve(&tied, &center.as_units(), CORNER_T)?;
    Some(mix_point(pool, &answer.weights).counts)
}

/// A thousandth of a unit of fit or less, in a thousand steps, fixed by the matching's edges:
/// the same matching gets the same tie-break wherever it sits in the pool.
fn tie_break(m: &Matching) -> f64 {
    let hash = m.edges.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, &e| {
        (h ^ u64::from(e)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % 1_000) as f64 * 1e-6
}

/// The master's mix of matchings as a point: each mission's women and others and (under a
/// country cap) each mission's selections of each country, weighted.
fn mix_point(pool: &Pool, weights: &[f64]) -> Point {
    let total: f64 = weights.iter().sum::<f64>().max(1e-12);
    let missions = pool.first().map_or(0, |m| m.counts.len());
    let mut point = Point {
        counts: vec![(0.0, 0.0); missions],
        countries: Default::default(),
    };
    for (m, &w) in pool.iter().zip(weights) {
        let w = w / total;
        for (acc, c) in point.counts.iter_mut().zip(&m.counts) {
            acc.0 += w * c.women as f64;
            acc.1 += w * c.others as f64;
        }
        for &(key, n) in &m.countries {
            *point.countries.entry(key).or_default() += w * f64::from(n);
        }
    }
    point
}

fn matching_of(search: &Search<'_>, assign: &[u32], counts: Vec<Counts>) -> Matching {
    let graph = search.problem.graph;
    let mut edges: Vec<u32> = assign
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c != NONE)
        .filter_map(|(p, &c)| graph.edge(p as u32, c))
        .map(|e| e as u32)
        .collect();
    edges.sort_unstable();
    let objective = edges.iter().map(|&e| graph.fit(e as usize)).sum();
    Matching {
        edges,
        objective,
        counts,
        countries: search.country_counts(assign),
    }
}

/// Whether `m` is a slate of the current node as far as fixes go: no edge ruled out, every edge
/// held.
fn holds(search: &Search<'_>, m: &Matching) -> bool {
    use crate::search::Fix;
    m.edges
        .iter()
        .all(|&e| search.fix_of(e as usize) != Fix::Out)
        && search
            .fixed_in()
            .iter()
            .all(|&e| m.edges.binary_search(&(e as u32)).is_ok())
}

/// The matching's sum in each priced row: the rules, then the cuts.
fn row_sums(search: &Search<'_>, m: &Matching) -> Vec<f64> {
    let graph = search.problem.graph;
    let book = &search.book;
    let mut sums = book.rhs.clone();
    for &e in &m.edges {
        let e = e as usize;
        let mission = search.problem.post_mission[graph.post_of(e) as usize];
        let c = graph.candidate_of(e);
        for &k in &book.by_mission[mission as usize] {
            sums[k] += book.coef(k, c);
        }
    }
    sums.extend(search.cut_sums(&m.counts));
    sums.into_iter().map(|s| s as f64).collect()
}
