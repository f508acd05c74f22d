//! Selection under share rules, with a certificate.
//!
//! The rules couple posts of a mission, which an assignment cannot express, so they are priced
//! instead (Lagrangian relaxation): each rule `sum coef * x >= 0` gets a multiplier `lambda >= 0`
//! and every edge of the mission is reweighted `fit + lambda * coef`. For any multipliers the best
//! matching under those weights bounds every slate that keeps the rules from above; the search
//! lowers that bound with projected subgradient steps (Polyak's rule, aimed at the best slate found)
//! and each matching on the way is repaired into a slate that keeps every rule, then improved by
//! single exchanges. The result carries both numbers: the slate's objective and the smallest bound,
//! so the distance to the optimum is proven, whatever the instance.
//!
//! Multipliers are integers on a fixed scale (`SCALE` steps per unit of fit) so that every weight
//! and every bound is exact; a bound is rounded down to an integer, since every objective is one.

use serde::Serialize;

use crate::graph::{Graph, Post};
use crate::matching::Matcher;
use crate::rules::{Bound, Members, People, Rule, Share};
use crate::slate::{NONE, RuleBook, Slate};

/// Steps of a multiplier per unit of fit.
const SCALE: i64 = 1000;

/// Repairing and improving a matching costs more than finding it; matchings of neighbouring
/// iterations are alike, so only one in this many is turned into a slate.
const PRIMAL_EVERY: usize = 5;

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

/// How long to search.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_iterations: usize,
    /// Stop once (bound - objective) / bound is at most this.
    pub gap: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_iterations: 400,
            gap: 0.0,
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
    pub iterations: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleOutcome {
    pub rule: Rule,
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
    Search::new(problem).run(limits)
}

struct Search<'a> {
    problem: Problem<'a>,
    book: RuleBook<'a>,
    posts_of: Vec<Vec<Post>>,
    multipliers: Vec<i64>,
    weight: Vec<i64>,
    matcher: Matcher,
    best: Option<Slate>,
    bound_scaled: i64,
}

impl<'a> Search<'a> {
    fn new(problem: &Problem<'a>) -> Self {
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
        Self {
            problem: *problem,
            multipliers: vec![0; book.rules.len()],
            book,
            posts_of,
            weight: graph.fits().iter().map(|f| f * SCALE).collect(),
            matcher: Matcher::new(graph),
            best: None,
            bound_scaled: i64::MAX,
        }
    }

    fn run(mut self, limits: Limits) -> Plan {
        let graph = self.problem.graph;
        self.matcher.solve(graph, &self.weight);
        if self.book.rules.is_empty() && self.problem.country_cap.is_none() {
            // No share rule: the matching is the answer and its duals prove it.
            let assign = (0..graph.posts() as Post)
                .map(|p| self.matcher.candidate_of(p).unwrap_or(NONE))
                .collect();
            self.best = Some(Slate::from_assignment(
                graph,
                &self.book,
                self.problem.post_mission,
                assign,
            ));
            self.bound_scaled = self.matcher.dual_value();
            return self.finish(1);
        }
        let mut theta = 2.0f64;
        let mut since_better = 0;
        let mut iterations = 0;
        while iterations < limits.max_iterations {
            iterations += 1;
            let relaxed = self.matcher.value(graph, &self.weight);
            if relaxed < self.bound_scaled {
                self.bound_scaled = relaxed;
                since_better = 0;
            } else {
                since_better += 1;
                if since_better >= 8 {
                    theta /= 2.0;
                    since_better = 0;
                }
            }
            let assign: Vec<u32> = (0..graph.posts() as Post)
                .map(|p| self.matcher.candidate_of(p).unwrap_or(NONE))
                .collect();
            self.add_violated_country_rules(&assign);
            let slate =
                Slate::from_assignment(graph, &self.book, self.problem.post_mission, assign);
            let subgradient = slate.sums.clone();
            if iterations % PRIMAL_EVERY == 1 || self.best.is_none() {
                self.consider(slate);
            }
            if self.done(limits) || theta < 1e-3 {
                break;
            }
            if !self.step(&subgradient, theta) {
                break;
            }
        }
        self.finish(iterations)
    }

    /// Proven optimal, or within the requested gap.
    fn done(&self, limits: Limits) -> bool {
        let Some(best) = &self.best else { return false };
        let bound = self.bound();
        bound <= best.objective || (bound - best.objective) as f64 <= limits.gap * bound as f64
    }

    fn bound(&self) -> i64 {
        self.bound_scaled.div_euclid(SCALE)
    }

    /// One projected subgradient step. False when no multiplier can move any more.
    fn step(&mut self, subgradient: &[i64], theta: f64) -> bool {
        let target = self
            .best
            .as_ref()
            .map_or(self.bound_scaled as f64 * 0.999, |b| {
                (b.objective * SCALE) as f64
            });
        let excess = (self.bound_scaled as f64 - target).max(SCALE as f64 * 0.01);
        let moving = |k: usize| subgradient[k] < 0 || self.multipliers[k] > 0;
        let norm: f64 = (0..subgradient.len())
            .filter(|&k| moving(k))
            .map(|k| (subgradient[k] as f64).powi(2))
            .sum();
        if norm == 0.0 {
            return false;
        }
        // In scaled units: lambda -= t * g with t = theta * (L - target) / |g|^2, L and target scaled.
        let t = theta * excess / norm;
        let mut moved = false;
        for (k, &g) in subgradient.iter().enumerate() {
            let before = self.multipliers[k];
            let mut delta = (t * g as f64).round() as i64;
            if delta == 0 && g < 0 {
                delta = -1;
            }
            self.multipliers[k] = (before - delta).max(0);
            moved |= self.multipliers[k] != before;
        }
        if moved {
            self.reweight();
            self.matcher.resolve(self.problem.graph, &self.weight);
        }
        moved
    }

    fn reweight(&mut self) {
        let graph = self.problem.graph;
        for (p, &m) in self.problem.post_mission.iter().enumerate() {
            let rules = &self.book.by_mission[m as usize];
            for e in graph.post_edges(p as Post) {
                let c = graph.candidate_of(e);
                let priced: i64 = rules
                    .iter()
                    .map(|&k| self.multipliers[k] * self.book.coef(k, c))
                    .sum();
                self.weight[e] = graph.fit(e) * SCALE + priced;
            }
        }
    }

    /// Country caps are many (missions x countries) and rarely bind: a rule is priced only once a
    /// matching breaks it.
    fn add_violated_country_rules(&mut self, assign: &[u32]) -> bool {
        let Some(cap) = self.problem.country_cap else {
            return false;
        };
        let mut added = false;
        let people = self.problem.people;
        for (m, posts) in self.posts_of.iter().enumerate() {
            let mut count: std::collections::BTreeMap<u16, i64> = Default::default();
            let mut total = 0;
            for &p in posts {
                let c = assign[p as usize];
                if c != NONE {
                    *count.entry(people.country[c as usize]).or_default() += 1;
                    total += 1;
                }
            }
            for (country, n) in count {
                let rule = Rule {
                    mission: m as u16,
                    members: Members::Country(country),
                    bound: Bound::AtMost(cap),
                };
                if !cap.allows_at_most(n, total) && !self.book.contains(&rule) {
                    self.book.add(rule);
                    self.multipliers.push(0);
                    added = true;
                }
            }
        }
        added
    }

    /// Repairs a matching into a slate that keeps every rule, improves it, keeps the best.
    fn consider(&mut self, mut slate: Slate) {
        loop {
            self.repair(&mut slate);
            self.improve(&mut slate);
            // A repair can break a country cap that no matching had broken yet, so not priced.
            if !self.add_violated_country_rules(&slate.assign) {
                break;
            }
            slate = Slate::from_assignment(
                self.problem.graph,
                &self.book,
                self.problem.post_mission,
                slate.assign,
            );
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
        let graph = self.problem.graph;
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

    fn finish(self, iterations: usize) -> Plan {
        let best = self
            .best
            .expect("the first iteration always records a slate");
        let bound = self.bound_scaled.div_euclid(SCALE).max(best.objective);
        let slate: Vec<(Post, u32)> = best
            .assign
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != NONE)
            .map(|(p, &c)| (p as Post, c))
            .collect();
        let rules = self
            .book
            .rules
            .iter()
            .enumerate()
            .map(|(k, rule)| {
                let posts = &self.posts_of[rule.mission as usize];
                let chosen: Vec<u32> = posts
                    .iter()
                    .map(|&p| best.assign[p as usize])
                    .filter(|&c| c != NONE)
                    .collect();
                let members = chosen
                    .iter()
                    .filter(|&&c| self.problem.people.is_member(rule.members, c))
                    .count();
                RuleOutcome {
                    rule: *rule,
                    multiplier: self.multipliers[k] as f64 / SCALE as f64,
                    members,
                    selected: chosen.len(),
                    binding: self.multipliers[k] > 0,
                }
            })
            .collect();
        Plan {
            slate,
            objective: best.objective,
            bound,
            rules,
            iterations,
        }
    }
}
