//! A slate under construction: who fills which post, the fit so far, and each share rule's sum,
//! kept in step so that a move is judged in time proportional to the rules of one mission.

use crate::graph::{Candidate, Graph, Post};
use crate::rules::{Bound, Members, People, Rule, Share};

pub(crate) const NONE: u32 = u32::MAX;

/// The share rules of a problem, indexed by mission, and the bounds on a country's count that
/// a country cap implies.
///
/// A row holds when `rhs + sum of coef * x >= 0`. Share rules have no constant (`rhs` 0). A
/// country cap of 20% on a mission of 33 posts lets no country have more than 6 of them, whatever
/// the mission selects; the relaxation, which fills all 33, allows 6.6 under the share rule alone.
/// That bound is a row of its own: "at most a share of 0" of the country (each member counts
/// -1), plus the constant 6. It is a consequence of the rules, never a rule a user set, so a plan
/// does not report it.
#[derive(Debug, Clone)]
pub(crate) struct RuleBook<'a> {
    pub rules: Vec<Rule>,
    pub rhs: Vec<i64>,
    /// Whether each row is a country's bound rather than a share rule.
    pub bound: Vec<bool>,
    pub by_mission: Vec<Vec<usize>>,
    pub people: People<'a>,
}

impl<'a> RuleBook<'a> {
    pub fn new(missions: usize, people: People<'a>) -> Self {
        Self {
            rules: Vec::new(),
            rhs: Vec::new(),
            bound: Vec::new(),
            by_mission: vec![Vec::new(); missions],
            people,
        }
    }

    pub fn add(&mut self, rule: Rule) -> usize {
        self.push(rule, 0, false)
    }

    /// Adds the row "mission `mission` selects at most `most` of country `country`".
    pub fn add_bound(&mut self, mission: u16, country: u16, most: i64) -> usize {
        let none = Share::new(0, 1).expect("0 is a share");
        let rule = Rule {
            mission,
            members: Members::Country(country),
            bound: Bound::AtMost(none),
        };
        self.push(rule, most, true)
    }

    fn push(&mut self, rule: Rule, rhs: i64, bound: bool) -> usize {
        self.by_mission[rule.mission as usize].push(self.rules.len());
        self.rules.push(rule);
        self.rhs.push(rhs);
        self.bound.push(bound);
        self.rules.len() - 1
    }

    /// The index of share rule `rule` in the book, if it is there.
    pub fn position(&self, rule: &Rule) -> Option<usize> {
        self.by_mission[rule.mission as usize]
            .iter()
            .copied()
            .find(|&k| !self.bound[k] && self.rules[k] == *rule)
    }

    /// The index of the bound on `country` in `mission`, if it is there.
    pub fn bound_position(&self, mission: u16, country: u16) -> Option<usize> {
        self.by_mission[mission as usize]
            .iter()
            .copied()
            .find(|&k| self.bound[k] && self.rules[k].members == Members::Country(country))
    }

    /// The coefficient of candidate `c` (or of nobody) in rule `k`.
    pub fn coef(&self, k: usize, c: u32) -> i64 {
        if c == NONE {
            return 0;
        }
        let rule = &self.rules[k];
        rule.coef(self.people.is_member(rule.members, c))
    }
}

/// A feasible or infeasible selection with its running totals.
#[derive(Debug, Clone)]
pub(crate) struct Slate {
    pub assign: Vec<u32>,
    pub taken: Vec<u32>,
    pub objective: i64,
    /// One sum per rule of the book; the rule holds when its sum is >= 0.
    pub sums: Vec<i64>,
}

impl Slate {
    pub fn from_assignment(
        graph: &Graph,
        book: &RuleBook<'_>,
        post_mission: &[u16],
        assign: Vec<u32>,
    ) -> Self {
        let mut taken = vec![NONE; graph.candidates()];
        let mut objective = 0;
        let mut sums = book.rhs.clone();
        for (p, &c) in assign.iter().enumerate() {
            if c == NONE {
                continue;
            }
            taken[c as usize] = p as u32;
            objective += graph.edge(p as Post, c).map_or(0, |e| graph.fit(e));
            for &k in &book.by_mission[post_mission[p] as usize] {
                sums[k] += book.coef(k, c);
            }
        }
        Self {
            assign,
            taken,
            objective,
            sums,
        }
    }

    pub fn violated(&self) -> impl Iterator<Item = usize> + '_ {
        self.sums
            .iter()
            .enumerate()
            .filter(|(_, s)| **s < 0)
            .map(|(k, _)| k)
    }

    pub fn is_feasible(&self) -> bool {
        self.sums.iter().all(|&s| s >= 0)
    }

    pub fn fit_of(&self, graph: &Graph, p: Post) -> i64 {
        let c = self.assign[p as usize];
        if c == NONE {
            0
        } else {
            graph.edge(p, c).map_or(0, |e| graph.fit(e))
        }
    }

    /// Puts `new` (a free candidate, or NONE to empty the post) on post `p`.
    pub fn set(
        &mut self,
        graph: &Graph,
        book: &RuleBook<'_>,
        mission: u16,
        p: Post,
        new: Candidate,
        new_fit: i64,
    ) {
        let old = self.assign[p as usize];
        self.objective += new_fit - self.fit_of(graph, p);
        for &k in &book.by_mission[mission as usize] {
            self.sums[k] += book.coef(k, new) - book.coef(k, old);
        }
        if old != NONE {
            self.taken[old as usize] = NONE;
        }
        if new != NONE {
            debug_assert_eq!(self.taken[new as usize], NONE);
            self.taken[new as usize] = p;
        }
        self.assign[p as usize] = new;
    }
}
