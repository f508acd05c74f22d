//! The Lagrangian search on one problem, at the root or at a node of the branch and bound.
//!
//! The rules couple posts of a mission, which an assignment cannot express, so they are priced
//! instead: each rule `sum coef * x >= 0` gets a multiplier `lambda >= 0` and every edge of the
//! mission is reweighted `fit + lambda * coef`. For any multipliers the best matching under those
//! weights bounds every slate that keeps the rules from above; the search lowers that bound with
//! projected subgradient steps (Polyak's rule, aimed at the best slate found) and turns some
//! matchings on the way into slates that keep every rule (repaired, then improved by exchanges).
//! Cuts on a mission's counts of women and others (`counts`) are priced the same way, each added
//! once a matching breaks it: they are what lifts the bound above the linear relaxation.
//!
//! A node of the branch and bound fixes edges: `Out` (never chosen) or `In` (always chosen). An
//! `In` edge leaves the matching, its post and candidate with it, and adds its priced weight as a
//! constant, so the matcher only ever sees edges that are free or ruled out.
//!
//! Multipliers are integers on a fixed scale (`SCALE` steps per unit of fit) so that every weight
//! and every bound is exact; a bound is rounded down to an integer, since every objective is one.

use std::collections::BTreeMap;

use crate::counts::{CountBox, Counts, Cut};
use crate::graph::{Graph, Post};
use crate::matching::Matcher;
use crate::quota::Problem;
use crate::rules::{Bound, Members, Rule};
use crate::slate::{NONE, RuleBook, Slate};

/// Steps of a multiplier per unit of fit.
pub(crate) const SCALE: i64 = 100_000;

/// Repairing and improving a matching costs more than finding it; matchings of neighbouring
/// iterations are alike, so only one in this many is turned into a slate.
pub(crate) const PRIMAL_EVERY: usize = 5;

/// The weight of an edge a node rules out: far below the 0 of leaving its post empty, and far
/// from overflowing when prices are added to it.
const RULED_OUT: i64 = -(1 << 50);

/// What a node of the branch and bound says of an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fix {
    Free,
    Out,
    In,
}

/// Multipliers of the rules and of the cuts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Prices {
    pub rules: Vec<i64>,
    pub cuts: Vec<i64>,
}

impl Prices {
    /// The prices in units of fit, rules then cuts: the master's rows.
    pub fn as_units(&self) -> Vec<f64> {
        self.rules
            .iter()
            .chain(&self.cuts)
            .map(|&p| p as f64 / SCALE as f64)
            .collect()
    }
}

/// A point of the relaxation as its priced rows see it: each mission's women and others, and
/// under a country cap each (mission, country)'s selections. A matching is a point of whole
/// numbers; the master's mix of matchings, a point of fractions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Point {
    pub counts: Vec<(f64, f64)>,
    pub countries: BTreeMap<(u16, u16), f64>,
}

impl Point {
    /// The point of one matching, from its counts and its `country_counts`.
    pub fn whole(counts: &[Counts], countries: &[((u16, u16), u32)]) -> Self {
        Self {
            counts: counts
                .iter()
                .map(|c| (c.women as f64, c.others as f64))
                .collect(),
            countries: countries.iter().map(|&(k, n)| (k, f64::from(n))).collect(),
        }
    }
}

/// A step of the trail: a fix (with what the edge was before), a mission's box of counts before a
/// branch narrowed it, or a cut.
#[derive(Debug, Clone, Copy)]
enum Undo {
    Fix(u32, Fix),
    Box(u16, CountBox),
    Cut,
}

/// How a run of subgradient steps is steered and when it stops.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ascent {
    pub steps: usize,
    /// Polyak's step factor at the start; halved after `patience` steps without a better bound.
    pub theta: f64,
    pub patience: usize,
    /// Stop once (bound - best) / bound is at most this.
    pub gap: f64,
    /// Turn a step's matching into a slate once in this many steps.
    pub primal_every: usize,
}

pub(crate) struct Search<'a> {
    pub problem: Problem<'a>,
    pub book: RuleBook<'a>,
    pub posts_of: Vec<Vec<Post>>,
    pub multipliers: Vec<i64>,
    weight: Vec<i64>,
    matcher: Matcher,
    /// The best slate found that keeps every rule.
    pub best: Option<Slate>,
    fix: Vec<Fix>,
    /// The edges fixed `In` at the current node, in the order of the trail.
    fixed_in: Vec<usize>,
    /// Each fix and narrowing made, so that a node's can be undone.
    trail: Vec<Undo>,
    /// Each mission's pairs of counts a slate may take.
    pub boxes: Vec<CountBox>,
    /// Cuts on counts priced so far (the current node's), with their multipliers.
    pub cuts: Vec<Cut>,
    pub cut_multipliers: Vec<i64>,
    /// Whether broken cuts are looked for: they lift the bound, but every price they add makes
    /// the matching's re-solves slower, so the search starts without them.
    pub cutting: bool,
    /// Each mission's women and others at the relaxation's point: the master's last mix of
    /// matchings at a node (the mean over the ascent's steps at the root). What strong branching
    /// splits.
    pub mean_counts: Vec<(f64, f64)>,
    /// The edges the master's last mix of matchings takes in part, with their share: where the
    /// relaxation is fractional.
    pub mean_edges: Vec<(usize, f64)>,
    /// Subgradient steps taken, over every node.
    pub iterations: usize,
}

impl<'a> Search<'a> {
    pub fn new(problem: &Problem<'a>) -> Self {
        let graph = problem.graph;
        let mut posts_of = vec![Vec::new(); problem.missions];
        for (p, &m) in problem.post_mission.iter().enumerate() {
            posts_of[m as usize].push(p as Post);
        }
        let mut book = RuleBook::new(problem.missions, problem.people);
        if let Some(share) = problem.women {
            for (m, posts) in posts_of.iter().enumerate() {
                if !posts.is_empty() {
                    book.add(Rule {
                        mission: m as u16,
                        members: Members::Women,
                        bound: Bound::AtLeast(share),
                    });
                }
            }
        }
        let boxes: Vec<CountBox> = posts_of
            .iter()
            .map(|posts| CountBox::new(posts.len() as i64, problem.women))
            .collect();
        let mut weight = graph.weights();
        weight.iter_mut().for_each(|w| *w *= SCALE);
        let mut matcher = Matcher::new(graph);
        matcher.solve(graph, &weight);
        Self {
            problem: *problem,
            multipliers: vec![0; book.rules.len()],
            book,
            posts_of,
            weight,
            matcher,
            best: None,
            fix: vec![Fix::Free; graph.edges()],
            fixed_in: Vec::new(),
            trail: Vec::new(),
            boxes,
            cuts: Vec::new(),
            cut_multipliers: Vec::new(),
            cutting: false,
            mean_counts: Vec::new(),
            mean_edges: Vec::new(),
            iterations: 0,
        }
    }

    /// Starts from a parent problem's rules and cuts with their multipliers (missions keep their
    /// indices in a part).
    pub fn seed(&mut self, rules: &[(Rule, i64)], cuts: &[(Cut, i64)]) {
        for &(rule, multiplier) in rules {
            let k = match self.book.position(&rule) {
                Some(k) => k,
                None => {
                    self.multipliers.push(0);
                    self.book.add(rule)
                }
            };
            self.multipliers[k] = multiplier;
        }
        self.cutting = true;
        for &(cut, multiplier) in cuts {
            self.add_cut(cut);
            *self.cut_multipliers.last_mut().expect("just added") = multiplier;
        }
        self.reprice();
    }

    /// Records `assign` as the best slate if it keeps every rule and beats the best so far.
    pub fn offer(&mut self, assign: Vec<u32>) {
        let slate = self.slate_of(assign);
        if slate.is_feasible()
            && self
                .best
                .as_ref()
                .is_none_or(|b| slate.objective > b.objective)
        {
            self.best = Some(slate);
        }
    }

    /// The best slate's objective, or -1 before there is one (every slate scores at least 0).
    pub fn incumbent(&self) -> i64 {
        self.best.as_ref().map_or(-1, |b| b.objective)
    }

    /// The length of the trail of fixes, to come back to with `undo_to`.
    pub fn mark(&self) -> usize {
        self.trail.len()
    }

    /// Undoes every fix made since `mark`.
    pub fn undo_to(&mut self, mark: usize) {
        while self.trail.len() > mark {
            match self.trail.pop().expect("the trail is longer than the mark") {
                Undo::Fix(e, before) => {
                    if self.fix[e as usize] == Fix::In {
                        self.fixed_in.pop();
                    }
                    self.fix[e as usize] = before;
                }
                Undo::Box(m, before) => self.boxes[m as usize] = before,
                Undo::Cut => {
                    self.cuts.pop();
                    self.cut_multipliers.pop();
                }
            }
        }
    }

    /// Narrows mission `m`'s count of women (or of others) to `range`, on the current node and
    /// below. False when no pair of counts is left: the node holds no slate.
    pub fn narrow(&mut self, m: u16, women: bool, range: (i64, i64)) -> bool {
        let b = &mut self.boxes[m as usize];
        self.trail.push(Undo::Box(m, *b));
        let side = if women { &mut b.women } else { &mut b.others };
        *side = (side.0.max(range.0), side.1.min(range.1));
        self.boxes[m as usize].hull(m).is_some()
    }

    /// Prices `cut` on the current node and below.
    fn add_cut(&mut self, cut: Cut) {
        self.trail.push(Undo::Cut);
        self.cuts.push(cut);
        self.cut_multipliers.push(0);
    }

    /// Prices every row `point` breaks that is not priced yet, and widens each list of `at` that
    /// gained a row (the new rows at price 0). The same for a matching as for the master's mix
    /// of matchings: a mix of matchings that each keep the priced rows can still leave the hull
    /// of a box a branch narrowed, or break a country cap, and only a row priced for it lowers
    /// the bound below the parent's. True when a row was added.
    pub fn price_broken_rows(&mut self, point: &Point, at: &mut Prices) -> bool {
        let capped = self.price_broken_caps(point);
        if capped {
            at.rules.resize(self.multipliers.len(), 0);
        }
        let cut = self.separate(&point.counts);
        if cut {
            at.cuts.resize(self.cuts.len(), 0);
        }
        capped || cut
    }

    /// For each mission whose counts (fractional in a mix) no slate can take, the hull cut they
    /// break most, priced from now on. True when a cut was added.
    fn separate(&mut self, points: &[(f64, f64)]) -> bool {
        const TOLERANCE: f64 = 1e-6;
        let mut added = false;
        if !self.cutting {
            return false;
        }
        for (m, &(women, others)) in points.iter().enumerate() {
            let whole = Counts {
                women: women.round() as i64,
                others: others.round() as i64,
            };
            let integral = (women - whole.women as f64).abs() < TOLERANCE
                && (others - whole.others as f64).abs() < TOLERANCE;
            if integral && self.boxes[m].holds(whole) {
                continue;
            }
            let Some(hull) = self.boxes[m].hull(m as u16) else {
                continue;
            };
            let norm = |k: &Cut| ((k.woman.pow(2) + k.other.pow(2)) as f64).sqrt();
            let depth = |k: &Cut| k.excess(women, others) / norm(k);
            let worst = hull
                .into_iter()
                .filter(|cut| cut.excess(women, others) > TOLERANCE && !self.cuts.contains(cut))
                .max_by(|a, b| {
                    depth(a)
                        .total_cmp(&depth(b))
                        .then_with(|| (b.woman, b.other, b.rhs).cmp(&(a.woman, a.other, a.rhs)))
                });
            if let Some(cut) = worst {
                self.add_cut(cut);
                added = true;
            }
        }
        added
    }

    /// No slate of the current node holds `e`.
    pub fn rule_out(&mut self, e: usize) {
        self.set_fix(e, Fix::Out);
    }

    /// Every slate of the current node holds `e`, and so no other edge of its post or candidate.
    pub fn hold(&mut self, e: usize) {
        let graph = self.problem.graph;
        let (p, c) = (graph.post_of(e), graph.candidate_of(e));
        for other in graph.post_edges(p).chain(graph.candidate_edges(c)) {
            if other != e && self.fix[other] == Fix::Free {
                self.set_fix(other, Fix::Out);
            }
        }
        self.set_fix(e, Fix::In);
        self.fixed_in.push(e);
    }

    fn set_fix(&mut self, e: usize, fix: Fix) {
        self.trail.push(Undo::Fix(e as u32, self.fix[e]));
        self.fix[e] = fix;
    }

    pub fn fix_of(&self, e: usize) -> Fix {
        self.fix[e]
    }

    /// The edges every slate of the current node holds.
    pub fn fixed_in(&self) -> &[usize] {
        &self.fixed_in
    }

    /// Subgradient steps from the current multipliers. Returns the smallest Lagrangian value seen
    /// (scaled) and the prices that gave it; the matcher is left at the last ones.
    pub fn ascend(&mut self, ascent: Ascent) -> (i64, Prices) {
        let mut theta = ascent.theta;
        let mut low = i64::MAX;
        let mut low_at = self.prices();
        let mut since_better = 0;
        let mut tally = vec![(0.0, 0.0); self.problem.missions];
        let mut samples = 0.0;
        for step in 0..ascent.steps {
            self.iterations += 1;
            let value = self.lagrangian_value();
            if value < low {
                low = value;
                low_at = self.prices();
                since_better = 0;
            } else {
                since_better += 1;
                if since_better >= ascent.patience {
                    theta /= 2.0;
                    since_better = 0;
                }
            }
            let (assign, counts) = self.matching_with_rows(&mut low_at);
            for (t, c) in tally.iter_mut().zip(&counts) {
                t.0 += c.women as f64;
                t.1 += c.others as f64;
            }
            samples += 1.0;
            let count_subgradient = self.cut_sums(&counts);
            let slate = self.slate_of(assign);
            let subgradient = slate.sums.clone();
            if step % ascent.primal_every.max(1) == 0 || self.best.is_none() {
                self.consider(slate);
            }
            if self.settled(low, ascent.gap) || theta < 1e-3 {
                break;
            }
            if !self.step(&subgradient, &count_subgradient, theta, low) {
                break;
            }
        }
        self.mean_counts = tally
            .into_iter()
            .map(|(w, o)| (w / samples, o / samples))
            .collect();
        (low, low_at)
    }

    /// The relaxed matching and its counts, after pricing the rows it breaks that were not priced
    /// yet (country caps, cuts on counts); `at` gains them at price 0.
    pub fn matching_with_rows(&mut self, at: &mut Prices) -> (Vec<u32>, Vec<Counts>) {
        let assign = self.relaxed_assignment();
        let counts = self.counts_of(&assign);
        let point = Point::whole(&counts, &self.country_counts(&assign));
        self.price_broken_rows(&point, at);
        (assign, counts)
    }

    pub fn prices(&self) -> Prices {
        Prices {
            rules: self.multipliers.clone(),
            cuts: self.cut_multipliers.clone(),
        }
    }

    /// Each mission's women and others selected in `assign`.
    pub fn counts_of(&self, assign: &[u32]) -> Vec<Counts> {
        let mut counts = vec![Counts::default(); self.problem.missions];
        for (p, &c) in assign.iter().enumerate() {
            if c != NONE {
                let n = &mut counts[self.problem.post_mission[p] as usize];
                if self.problem.people.female[c as usize] {
                    n.women += 1;
                } else {
                    n.others += 1;
                }
            }
        }
        counts
    }

    /// Each cut's `woman * women + other * others - rhs` for these counts (negative: broken).
    pub fn cut_sums(&self, counts: &[Counts]) -> Vec<i64> {
        self.cuts
            .iter()
            .map(|cut| -cut.shortfall(counts[cut.mission as usize]))
            .collect()
    }

    /// Proven optimal (within this node), or within the requested gap.
    fn settled(&self, low: i64, gap: f64) -> bool {
        let Some(best) = &self.best else { return false };
        let bound = low.div_euclid(SCALE);
        bound <= best.objective || (bound - best.objective) as f64 <= gap * bound as f64
    }

    /// Sets the multipliers (rules added since they were recorded start at 0) and solves the
    /// matching for them and the current fixes.
    pub fn price_at(&mut self, prices: &Prices) {
        self.multipliers.fill(0);
        self.multipliers[..prices.rules.len()].copy_from_slice(&prices.rules);
        self.cut_multipliers.fill(0);
        let n = prices.cuts.len().min(self.cut_multipliers.len());
        self.cut_multipliers[..n].copy_from_slice(&prices.cuts[..n]);
        self.reprice();
    }

    /// The Lagrangian value of the current matching, fixes and prices, scaled: a bound on every
    /// slate of the node.
    pub fn lagrangian_value(&self) -> i64 {
        let graph = self.problem.graph;
        let fixed: i64 = self.fixed_in.iter().map(|&e| self.priced_weight(e)).sum();
        let cuts: i64 = self
            .cuts
            .iter()
            .zip(&self.cut_multipliers)
            .map(|(cut, mu)| mu * cut.rhs)
            .sum();
        let bounds: i64 = self
            .multipliers
            .iter()
            .zip(&self.book.rhs)
            .map(|(mu, rhs)| mu * rhs)
            .sum();
        self.matcher.value(graph, &self.weight) + fixed - cuts + bounds
    }

    /// The matching plus the node's `In` edges, as a candidate per post.
    pub fn relaxed_assignment(&self) -> Vec<u32> {
        let graph = self.problem.graph;
        let mut assign: Vec<u32> = (0..graph.posts() as Post)
            .map(|p| self.matcher.candidate_of(p).unwrap_or(NONE))
            .collect();
        for &e in &self.fixed_in {
            assign[graph.post_of(e) as usize] = graph.candidate_of(e);
        }
        assign
    }

    pub fn slate_of(&self, assign: Vec<u32>) -> Slate {
        Slate::from_assignment(
            self.problem.graph,
            &self.book,
            self.problem.post_mission,
            assign,
        )
    }

    /// How much holding free edge `e` lowers the bound `low` of the current matching's duals.
    pub fn reduced_cost(&self, e: usize) -> i64 {
        self.matcher
            .reduced_cost(self.problem.graph, &self.weight, e)
    }

    pub fn empty_reduced_cost(&self, p: Post) -> i64 {
        self.matcher.empty_reduced_cost(p)
    }

    /// One projected subgradient step, on the rules' and the cuts' multipliers. False when none
    /// can move any more.
    fn step(&mut self, subgradient: &[i64], cut_subgradient: &[i64], theta: f64, low: i64) -> bool {
        let target = self
            .best
            .as_ref()
            .map_or(low as f64 * 0.999, |b| (b.objective * SCALE) as f64);
        let excess = (low as f64 - target).max(SCALE as f64 * 0.01);
        let norm: f64 = self
            .multipliers
            .iter()
            .zip(subgradient)
            .chain(self.cut_multipliers.iter().zip(cut_subgradient))
            .filter(|&(&m, &g)| g < 0 || m > 0)
            .map(|(_, &g)| (g as f64).powi(2))
            .sum();
        if norm == 0.0 {
            return false;
        }
        // In scaled units: lambda -= t * g with t = theta * (L - target) / |g|^2.
        let t = theta * excess / norm;
        let mut moved = false;
        for (multiplier, &g) in self
            .multipliers
            .iter_mut()
            .zip(subgradient)
            .chain(self.cut_multipliers.iter_mut().zip(cut_subgradient))
        {
            let before = *multiplier;
            let mut delta = (t * g as f64).round() as i64;
            if delta == 0 && g < 0 {
                delta = -1;
            }
            *multiplier = (before - delta).max(0);
            moved |= *multiplier != before;
        }
        if moved {
            self.reprice();
        }
        moved
    }

    /// The weight of edge `e` under the current multipliers, scaled.
    fn priced_weight(&self, e: usize) -> i64 {
        let graph = self.problem.graph;
        let m = self.problem.post_mission[graph.post_of(e) as usize];
        let c = graph.candidate_of(e);
        let priced: i64 = self.book.by_mission[m as usize]
            .iter()
            .map(|&k| self.multipliers[k] * self.book.coef(k, c))
            .sum();
        let (woman, other) = self.cut_prices(m);
        let count = if self.problem.people.female[c as usize] {
            woman
        } else {
            other
        };
        graph.fit(e) * SCALE + priced + count
    }

    /// What the cuts on mission `m` add to a woman's edge and to anyone else's.
    fn cut_prices(&self, m: u16) -> (i64, i64) {
        self.cuts
            .iter()
            .zip(&self.cut_multipliers)
            .filter(|(cut, _)| cut.mission == m)
            .fold((0, 0), |(w, o), (cut, mu)| {
                (w + mu * cut.woman, o + mu * cut.other)
            })
    }

    /// Reweights every edge for the current multipliers and fixes, and solves the matching again.
    fn reprice(&mut self) {
        let graph = self.problem.graph;
        let cut_prices: Vec<(i64, i64)> = (0..self.problem.missions as u16)
            .map(|m| self.cut_prices(m))
            .collect();
        let female = self.problem.people.female;
        for (p, &m) in self.problem.post_mission.iter().enumerate() {
            let rules = &self.book.by_mission[m as usize];
            let (count_woman, count_other) = cut_prices[m as usize];
            for e in graph.post_edges(p as Post) {
                self.weight[e] = if self.fix[e] == Fix::Free {
                    let c = graph.candidate_of(e);
                    let priced: i64 = rules
                        .iter()
                        .map(|&k| self.multipliers[k] * self.book.coef(k, c))
                        .sum();
                    let count = if female[c as usize] {
                        count_woman
                    } else {
                        count_other
                    };
                    graph.fit(e) * SCALE + priced + count
                } else {
                    RULED_OUT
                };
            }
        }
        self.matcher.resolve(graph, &self.weight);
    }

    /// Country caps are many (missions x countries) and rarely bind: a rule is priced only once a
    /// matching breaks it. True when a rule was added.
    pub fn add_violated_country_rules(&mut self, assign: &[u32]) -> bool {
        let point = Point::whole(&self.counts_of(assign), &self.country_counts(assign));
        self.price_broken_caps(&point)
    }

    /// Each mission's selections of each country in `assign`, in the order of (mission,
    /// country); none without a country cap, the only rows that read them.
    pub fn country_counts(&self, assign: &[u32]) -> Vec<((u16, u16), u32)> {
        if self.problem.country_cap.is_none() {
            return Vec::new();
        }
        let mut found: BTreeMap<(u16, u16), u32> = BTreeMap::new();
        for (p, &c) in assign.iter().enumerate().filter(|&(_, &c)| c != NONE) {
            let mission = self.problem.post_mission[p];
            *found
                .entry((mission, self.problem.people.country[c as usize]))
                .or_default() += 1;
        }
        found.into_iter().collect()
    }

    /// Prices each country cap that `point` (a matching, or a mix of matchings whose counts are
    /// fractional) breaks, and each bound of a country's count by the mission's posts that it
    /// passes. True when a rule was added.
    fn price_broken_caps(&mut self, point: &Point) -> bool {
        let Some(cap) = self.problem.country_cap else {
            return false;
        };
        let mut added = false;
        for (&(mission, country), &n) in &point.countries {
            let rule = Rule {
                mission,
                members: Members::Country(country),
                bound: Bound::AtMost(cap),
            };
            let (women, others) = point.counts[mission as usize];
            if !cap.allows_fraction_at_most(n, women + others)
                && self.book.position(&rule).is_none()
            {
                self.book.add(rule);
                self.multipliers.push(0);
                added = true;
            }
            // However many the mission selects, it has no more posts than it has.
            let posts = self.posts_of[mission as usize].len() as i64;
            let most = cap.most_of(posts);
            if n > most as f64 + 1e-6 && self.book.bound_position(mission, country).is_none() {
                self.book.add_bound(mission, country, most);
                self.multipliers.push(0);
                added = true;
            }
        }
        added
    }

    /// Repairs a matching into a slate that keeps every rule, improves it, keeps the best.
    pub fn consider(&mut self, mut slate: Slate) {
        loop {
            self.repair(&mut slate);
            self.improve(&mut slate);
            // A repair can break a country cap that no matching had broken yet, so not priced.
            if !self.add_violated_country_rules(&slate.assign) {
                break;
            }
            slate = self.slate_of(slate.assign);
        }
        debug_assert!(slate.is_feasible());
        if self
            .best
            .as_ref()
            .is_none_or(|b| slate.objective > b.objective)
        {
            self.best = Some(slate);
        }
    }

    /// While a rule is broken, make the moves on its mission's posts that lose the least objective
    /// per unit of repair without breaking another rule: all moves are ranked once, then taken in
    /// order while they still apply.
    fn repair(&self, slate: &mut Slate) {
        let graph = self.problem.graph;
        loop {
            let Some(k) = slate.violated().next() else {
                break;
            };
            let m = self.book.rules[k].mission;
            let mut moves: Vec<(f64, Post, u32, i64)> = Vec::new();
            for &p in &self.posts_of[m as usize] {
                let old_fit = slate.fit_of(graph, p);
                let old_coef = self.book.coef(k, slate.assign[p as usize]);
                let mut consider = |c: u32, fit: i64| {
                    let gain = self.book.coef(k, c) - old_coef;
                    if gain > 0 {
                        moves.push((
                            (fit - old_fit) as f64 / gain.min(-slate.sums[k]) as f64,
                            p,
                            c,
                            fit,
                        ));
                    }
                };
                consider(NONE, 0);
                for e in graph.post_edges(p) {
                    let c = graph.candidate_of(e);
                    if slate.taken[c as usize] == NONE {
                        consider(c, graph.fit(e));
                    }
                }
            }
            moves.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
            let mut changed = vec![false; graph.posts()];
            let mut progressed = false;
            for (_, p, c, fit) in moves {
                if slate.sums[k] >= 0 {
                    break;
                }
                let free = c == NONE || slate.taken[c as usize] == NONE;
                if changed[p as usize] || !free || !self.keeps_others(slate, m, k, p, c) {
                    continue;
                }
                slate.set(graph, &self.book, m, p, c, fit);
                changed[p as usize] = true;
                progressed = true;
            }
            if !progressed {
                self.shrink(slate, m);
            }
        }
    }

    /// When every move that repairs one rule breaks another (caps on two countries at their limit),
    /// drop the selection whose removal most reduces the mission's total shortfall; if none does,
    /// empty the mission, which keeps every share rule.
    fn shrink(&self, slate: &mut Slate, m: u16) {
        let graph = self.problem.graph;
        let rules = &self.book.by_mission[m as usize];
        let shortfall =
            |after: &dyn Fn(usize) -> i64| rules.iter().map(|&j| (-after(j)).max(0)).sum::<i64>();
        let now = shortfall(&|j| slate.sums[j]);
        let best = self.posts_of[m as usize]
            .iter()
            .filter(|&&p| slate.assign[p as usize] != NONE)
            .map(|&p| {
                let c = slate.assign[p as usize];
                (shortfall(&|j| slate.sums[j] - self.book.coef(j, c)), p)
            })
            .filter(|&(after, _)| after < now)
            .min();
        match best {
            Some((_, p)) => slate.set(graph, &self.book, m, p, NONE, 0),
            None => {
                for &p in &self.posts_of[m as usize] {
                    slate.set(graph, &self.book, m, p, NONE, 0);
                }
            }
        }
    }

    /// Would putting `c` on `p` keep every rule of mission `m` other than `k` that holds now?
    fn keeps_others(&self, slate: &Slate, m: u16, k: usize, p: Post, c: u32) -> bool {
        let old = slate.assign[p as usize];
        self.book.by_mission[m as usize].iter().all(|&j| {
            j == k || {
                let after = slate.sums[j] + self.book.coef(j, c) - self.book.coef(j, old);
                after >= 0 || after >= slate.sums[j]
            }
        })
    }

    /// Single exchanges that raise the objective and keep every rule: a free candidate onto a post,
    /// until none is left.
    fn improve(&self, slate: &mut Slate) {
        let graph: &Graph = self.problem.graph;
        loop {
            let mut improved = false;
            for p in 0..graph.posts() as Post {
                let m = self.problem.post_mission[p as usize];
                let old_fit = slate.fit_of(graph, p);
                let best = graph
                    .post_edges(p)
                    .filter(|&e| {
                        graph.fit(e) > old_fit
                            && slate.taken[graph.candidate_of(e) as usize] == NONE
                    })
                    .filter(|&e| self.keeps_all(slate, m, p, graph.candidate_of(e)))
                    .max_by_key(|&e| (graph.fit(e), std::cmp::Reverse(e)));
                if let Some(e) = best {
                    slate.set(graph, &self.book, m, p, graph.candidate_of(e), graph.fit(e));
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
    }

    fn keeps_all(&self, slate: &Slate, m: u16, p: Post, c: u32) -> bool {
        let old = slate.assign[p as usize];
        self.book.by_mission[m as usize]
            .iter()
            .all(|&j| slate.sums[j] + self.book.coef(j, c) - self.book.coef(j, old) >= 0)
    }
}
