//! Maximum-weight bipartite matching where a post may stay empty: the exact core of the optimizer.
//!
//! Shortest augmenting paths with potentials (the Jonker-Volgenant scheme, on a sparse graph, with
//! a binary heap): each post reaches a free candidate, or its own private "stays empty" option of
//! weight 0, along the cheapest alternating path. Dual prices come out with the matching, so its
//! optimality is checkable (`Matcher::dual_value` equals the weight of the matching).
//!
//! The matcher keeps its state between calls. The Lagrangian search in `quota` changes the weights a
//! little at a time; `resolve` keeps the prices, frees only the posts whose choice no longer holds
//! and re-augments those, instead of starting over.
//!
//! Internally costs are minimised (`cost = -weight`): rows are posts, columns are candidates followed
//! by one private dummy column per post. Invariants between calls: every reduced cost
//! `cost - u[row] - v[col]` of a matched row is >= 0, 0 on its matched column; a free column's price
//! is 0. Those are the conditions of the shortest-path phase, and at the end the optimality
//! certificate.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::graph::{Candidate, Graph, Post};

const NONE: u32 = u32::MAX;

/// A solver for one graph, reusable across weight vectors.
#[derive(Debug)]
pub struct Matcher {
    rows: usize,
    cols: usize,
    /// Column of each row: a candidate, `cols + row` for "stays empty", or NONE while unassigned.
    col4row: Vec<u32>,
    /// Row of each column (candidates, then dummies), NONE when free.
    row4col: Vec<u32>,
    u: Vec<i64>,
    v: Vec<i64>,
    scratch: Scratch,
}

#[derive(Debug, Default)]
struct Scratch {
    dist: Vec<i64>,
    pred: Vec<u32>,
    /// `seen[j] == stamp`: `dist[j]` is a label of this search; `done[j] == stamp`: it is final.
    seen: Vec<u32>,
    done: Vec<u32>,
    stamp: u32,
    /// (distance, 1 if the column is taken, column): at equal distance a free column comes first,
    /// which ends the search, instead of a taken one whose post would be scanned for nothing.
    /// Integer fits make such ties the rule, not the exception.
    heap: BinaryHeap<Reverse<(i64, bool, u32)>>,
    rows: Vec<u32>,
    cols: Vec<u32>,
    freed: Vec<u32>,
}

impl Matcher {
    pub fn new(graph: &Graph) -> Self {
        let (rows, cols) = (graph.posts(), graph.candidates());
        let all = cols + rows;
        Self {
            rows,
            cols,
            col4row: vec![NONE; rows],
            row4col: vec![NONE; all],
            u: vec![0; rows],
            v: vec![0; all],
            scratch: Scratch {
                dist: vec![0; all],
                pred: vec![NONE; all],
                seen: vec![0; all],
                done: vec![0; all],
                ..Scratch::default()
            },
        }
    }

    /// Solves from scratch for `weight` (one per edge of `graph`).
    pub fn solve(&mut self, graph: &Graph, weight: &[i64]) {
        debug_assert_eq!(weight.len(), graph.edges());
        self.col4row.fill(NONE);
        self.row4col.fill(NONE);
        self.v.fill(0);
        self.greedy_start(graph, weight);
        self.reduce_free_rows(graph, weight);
        self.augment_free_rows(graph, weight);
    }

    /// Solves for new weights, reusing the prices and the assignments that still hold.
    pub fn resolve(&mut self, graph: &Graph, weight: &[i64]) {
        debug_assert_eq!(weight.len(), graph.edges());
        self.reprice(graph, weight);
        self.augment_free_rows(graph, weight);
    }

    /// The candidate chosen for post `p`, if it is filled.
    pub fn candidate_of(&self, p: Post) -> Option<Candidate> {
        let c = self.col4row[p as usize];
        (c != NONE && (c as usize) < self.cols).then_some(c)
    }

    /// The post that candidate `c` fills, if any.
    pub fn post_of(&self, c: Candidate) -> Option<Post> {
        let r = self.row4col[c as usize];
        (r != NONE).then_some(r)
    }

    /// The matched edge of each filled post.
    pub fn matched_edges<'a>(&'a self, graph: &'a Graph) -> impl Iterator<Item = usize> + 'a {
        (0..self.rows as u32)
            .filter_map(move |p| self.candidate_of(p).and_then(|c| graph.edge(p, c)))
    }

    /// Total weight of the matching under `weight`.
    pub fn value(&self, graph: &Graph, weight: &[i64]) -> i64 {
        self.matched_edges(graph).map(|e| weight[e]).sum()
    }

    /// The dual objective: an upper bound on every matching's weight, equal to `value` at optimum.
    pub fn dual_value(&self) -> i64 {
        -(self.u.iter().sum::<i64>() + self.v.iter().sum::<i64>())
    }

    /// How much taking edge `e` would lower the dual bound: `cost - u - v`, never negative. A
    /// matching that holds `e` weighs at most `dual_value() - reduced_cost(e)`, because every
    /// column price is at most 0; the search uses it to rule out edges no better slate can hold.
    pub fn reduced_cost(&self, graph: &Graph, weight: &[i64], e: usize) -> i64 {
        let p = graph.post_of(e) as usize;
        -weight[e] - self.u[p] - self.v[graph.candidate_of(e) as usize]
    }

    /// The reduced cost of leaving post `p` empty (its private column, of cost 0).
    pub fn empty_reduced_cost(&self, p: Post) -> i64 {
        -self.u[p as usize] - self.v[self.cols + p as usize]
    }

    /// Every post takes a free candidate among those of its best weight, if one is left. With all
    /// prices at zero each such choice is tight, so the invariants hold and the shortest paths do
    /// the rest. Fits are small integers, so a post's best weight is usually shared by several
    /// candidates: taking the first free one, not always the first one, leaves far fewer posts
    /// for the shortest paths (the posts of a mission tend to rank candidates alike).
    fn greedy_start(&mut self, graph: &Graph, weight: &[i64]) {
        for p in 0..self.rows {
            let best = graph
                .post_edges(p as Post)
                .map(|e| weight[e])
                .max()
                .unwrap_or(0)
                .max(0);
            self.u[p] = -best;
            let free = if best > 0 {
                graph
                    .post_edges(p as Post)
                    .filter(|&e| weight[e] == best)
                    .map(|e| graph.candidate_of(e) as usize)
                    .find(|&c| self.row4col[c] == NONE)
            } else {
                Some(self.cols + p)
            };
            if let Some(col) = free {
                self.row4col[col] = p as u32;
                self.col4row[p] = col as u32;
            }
        }
    }

    /// Restores the invariants after a change of weights: each row's price becomes its best reduced
    /// cost; a row whose column is no longer best is freed, and a freed column's price returns to 0,
    /// which may in turn free the rows that now prefer it.
    fn reprice(&mut self, graph: &Graph, weight: &[i64]) {
        let mut freed = std::mem::take(&mut self.scratch.freed);
        freed.clear();
        for p in 0..self.rows {
            let best = self.best_reduced(graph, weight, p);
            self.u[p] = best;
            let col = self.col4row[p];
            if col != NONE
                && self.cost(graph, weight, p, col as usize) - self.v[col as usize] != best
            {
                self.unassign(p, &mut freed);
            }
        }
        while let Some(col) = freed.pop() {
            let col = col as usize;
            self.v[col] = 0;
            if col >= self.cols {
                continue; // a dummy concerns its own row only, which is free
            }
            for e in graph.candidate_edges(col as Candidate) {
                let p = graph.post_of(e) as usize;
                if self.col4row[p] != NONE && -weight[e] < self.u[p] {
                    self.u[p] = -weight[e];
                    self.unassign(p, &mut freed);
                }
            }
        }
        self.scratch.freed = freed;
    }

    fn unassign(&mut self, p: usize, freed: &mut Vec<u32>) {
        let col = self.col4row[p];
        self.col4row[p] = NONE;
        self.row4col[col as usize] = NONE;
        if self.v[col as usize] != 0 {
            freed.push(col);
        }
    }

    fn best_reduced(&self, graph: &Graph, weight: &[i64], p: usize) -> i64 {
        let cols = graph.cols();
        graph
            .post_edges(p as Post)
            .map(|e| -weight[e] - self.v[cols[e] as usize])
            .fold(-self.v[self.cols + p], i64::min)
    }

    fn cost(&self, graph: &Graph, weight: &[i64], p: usize, col: usize) -> i64 {
        if col >= self.cols {
            return 0;
        }
        graph
            .edge(p as Post, col as Candidate)
            .map_or(i64::MAX / 4, |e| -weight[e])
    }

    /// Augmenting row reduction (Jonker and Volgenant, 1987), twice over the free rows: a free
    /// row takes its cheapest column, whose price drops by the row's margin over its second
    /// choice so that the row's choice stays tight; the row it displaces goes next while prices
    /// move, else waits for the next pass. Columns only get cheaper and only while taken, so the
    /// invariants hold; most rows end up placed without a shortest-path search.
    fn reduce_free_rows(&mut self, graph: &Graph, weight: &[i64]) {
        let cols = graph.cols();
        let mut free: Vec<u32> = (0..self.rows as u32)
            .filter(|&p| self.col4row[p as usize] == NONE)
            .collect();
        // Each displacement lowers a price by at least one; this caps a long chain of them.
        let mut budget = 4 * self.rows + 16;
        for _pass in 0..2 {
            let mut waiting = Vec::new();
            for &start in &free {
                let mut row = start as usize;
                loop {
                    let (mut h1, mut j1, mut h2, mut j2) = (i64::MAX, NONE, i64::MAX, NONE);
                    let mut consider = |col: u32, h: i64| {
                        if h < h1 {
                            (h2, j2, h1, j1) = (h1, j1, h, col);
                        } else if h < h2 {
                            (h2, j2) = (h, col);
                        }
                    };
                    for e in graph.post_edges(row as Post) {
                        consider(cols[e], -weight[e] - self.v[cols[e] as usize]);
                    }
                    let dummy = (self.cols + row) as u32;
                    consider(dummy, -self.v[dummy as usize]);
                    if j2 == NONE {
                        h2 = h1; // a post without edges: its own dummy, at no margin
                    }
                    let moves = h1 < h2;
                    if moves {
                        self.v[j1 as usize] -= h2 - h1;
                    } else if self.row4col[j1 as usize] != NONE && j2 != NONE {
                        j1 = j2;
                    }
                    let displaced = self.row4col[j1 as usize];
                    if displaced != NONE {
                        self.col4row[displaced as usize] = NONE;
                    }
                    self.row4col[j1 as usize] = row as u32;
                    self.col4row[row] = j1;
                    // The row's reduced cost on its column is now its second-best: tight.
                    self.u[row] = h2;
                    if displaced == NONE {
                        break;
                    }
                    budget = budget.saturating_sub(1);
                    if moves && budget > 0 {
                        row = displaced as usize;
                    } else {
                        waiting.push(displaced);
                        break;
                    }
                }
            }
            free = waiting;
        }
    }

    fn augment_free_rows(&mut self, graph: &Graph, weight: &[i64]) {
        for p in 0..self.rows {
            if self.col4row[p] == NONE {
                self.augment(graph, weight, p);
            }
        }
    }

    /// One Dijkstra from free row `start` to the nearest free column, then the price update that
    /// keeps every reduced cost non-negative, then the flip of the path.
    fn augment(&mut self, graph: &Graph, weight: &[i64], start: usize) {
        let s = &mut self.scratch;
        s.stamp = s.stamp.wrapping_add(1);
        if s.stamp == 0 {
            s.seen.fill(0);
            s.done.fill(0);
            s.stamp = 1;
        }
        let stamp = s.stamp;
        s.heap.clear();
        s.rows.clear();
        s.cols.clear();
        let cols = graph.cols();
        let mut row = start;
        let mut min_val = 0i64;
        let sink = loop {
            s.rows.push(row as u32);
            let base = min_val - self.u[row];
            let row4col = &self.row4col;
            let relax = |col: usize, cost: i64, s: &mut Scratch| {
                if s.done[col] == stamp {
                    return;
                }
                let d = base + cost - self.v[col];
                if s.seen[col] != stamp || d < s.dist[col] {
                    s.seen[col] = stamp;
                    s.dist[col] = d;
                    s.pred[col] = row as u32;
                    s.heap.push(Reverse((d, row4col[col] != NONE, col as u32)));
                }
            };
            for e in graph.post_edges(row as Post) {
                relax(cols[e] as usize, -weight[e], s);
            }
            relax(self.cols + row, 0, s);
            let col = loop {
                let Reverse((d, _, col)) = s
                    .heap
                    .pop()
                    .expect("the start row's own dummy is always reachable");
                let col = col as usize;
                if s.done[col] != stamp && d == s.dist[col] {
                    break col;
                }
            };
            s.done[col] = stamp;
            s.cols.push(col as u32);
            min_val = s.dist[col];
            match self.row4col[col] {
                NONE => break col,
                next => row = next as usize,
            }
        };
        self.u[start] += min_val;
        for &r in &s.rows[1..] {
            let r = r as usize;
            self.u[r] += min_val - s.dist[self.col4row[r] as usize];
        }
        for &c in &s.cols {
            let c = c as usize;
            self.v[c] -= min_val - s.dist[c];
        }
        let mut col = sink;
        loop {
            let row = s.pred[col] as usize;
            self.row4col[col] = row as u32;
            let previous = std::mem::replace(&mut self.col4row[row], col as u32);
            if row == start {
                break;
            }
            col = previous as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Edge;

    fn graph(posts: usize, candidates: usize, edges: &[(u32, u32, i64)]) -> Graph {
        let edges = edges
            .iter()
            .map(|&(post, candidate, fit)| Edge {
                post,
                candidate,
                fit,
            })
            .collect();
        Graph::new(posts, candidates, edges).expect("valid graph")
    }

    #[test]
    fn takes_the_better_total_not_the_greedy_pick() {
        // Post 0 prefers candidate 0 (10 vs 9); post 1 can only use candidate 0 (8). Best: 9 + 8.
        let g = graph(2, 2, &[(0, 0, 10), (0, 1, 9), (1, 0, 8)]);
        let mut m = Matcher::new(&g);
        m.solve(&g, &g.weights());
        assert_eq!(m.value(&g, &g.weights()), 17);
        assert_eq!(m.dual_value(), 17);
        assert_eq!(m.candidate_of(0), Some(1));
        assert_eq!(m.candidate_of(1), Some(0));
    }

    #[test]
    fn leaves_a_post_empty_when_filling_it_costs_more() {
        // Weights may be negative under Lagrangian prices: such an edge is never worth taking.
        let g = graph(2, 1, &[(0, 0, 5), (1, 0, 3)]);
        let mut m = Matcher::new(&g);
        m.solve(&g, &[5, -3]);
        assert_eq!(m.candidate_of(0), Some(0));
        assert_eq!(m.candidate_of(1), None);
        assert_eq!(m.dual_value(), 5);
        m.resolve(&g, &[-1, 3]);
        assert_eq!((m.candidate_of(0), m.candidate_of(1)), (None, Some(0)));
        assert_eq!(m.dual_value(), 3);
    }
}
