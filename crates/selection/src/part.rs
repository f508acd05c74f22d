//! Independent parts of a problem. Rules are per mission, so missions that share no candidate are
//! separate problems: their best slates add up to the best slate of the whole, and so do their
//! bounds. A part is copied out with its own indices, so that it can be solved on its own thread.

use crate::graph::{Candidate, Graph, Post};
use crate::quota::Problem;
use crate::rules::People;
use crate::slate::NONE;

/// The missions of each part, by the edges `keep` accepts: two missions are in one part when a
/// candidate has a kept edge in each. Parts come in the order of their first mission; missions
/// without posts belong to none.
pub(crate) fn parts(problem: &Problem<'_>, keep: &dyn Fn(usize) -> bool) -> Vec<Vec<u16>> {
    let graph = problem.graph;
    let mut root: Vec<usize> = (0..problem.missions).collect();
    fn find(root: &mut [usize], mut m: usize) -> usize {
        while root[m] != m {
            root[m] = root[root[m]];
            m = root[m];
        }
        m
    }
    for c in 0..graph.candidates() as Candidate {
        let mut first = None;
        for e in graph.candidate_edges(c).filter(|&e| keep(e)) {
            let m = problem.post_mission[graph.post_of(e) as usize] as usize;
            match first {
                None => first = Some(m),
                Some(f) => {
                    let (a, b) = (find(&mut root, f), find(&mut root, m));
                    root[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut has_posts = vec![false; problem.missions];
    for &m in problem.post_mission {
        has_posts[m as usize] = true;
    }
    let mut groups: Vec<Vec<u16>> = vec![Vec::new(); problem.missions];
    for m in (0..problem.missions).filter(|&m| has_posts[m]) {
        let r = find(&mut root, m);
        groups[r].push(m as u16);
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// One part, copied out: its posts (every post of its missions), the candidates its kept edges
/// reach, and what the rules need to know of them, with the indices of the whole problem.
pub(crate) struct Part {
    pub graph: Graph,
    pub post_mission: Vec<u16>,
    pub female: Vec<bool>,
    pub country: Vec<u16>,
    /// The whole problem's index of each post and candidate of the part.
    pub posts: Vec<Post>,
    pub candidates: Vec<Candidate>,
    pub missions: usize,
}

impl Part {
    pub fn new(problem: &Problem<'_>, missions: &[u16], keep: &dyn Fn(usize) -> bool) -> Self {
        let graph = problem.graph;
        let mut mine = vec![false; problem.missions];
        for &m in missions {
            mine[m as usize] = true;
        }
        let posts: Vec<Post> = (0..graph.posts() as Post)
            .filter(|&p| mine[problem.post_mission[p as usize] as usize])
            .collect();
        let mut local = vec![NONE; graph.candidates()];
        for &p in &posts {
            for e in graph.post_edges(p).filter(|&e| keep(e)) {
                local[graph.candidate_of(e) as usize] = 0;
            }
        }
        let mut candidates = Vec::new();
        for (c, slot) in local.iter_mut().enumerate() {
            if *slot != NONE {
                *slot = candidates.len() as u32;
                candidates.push(c as Candidate);
            }
        }
        let (mut post_column, mut candidate_column, mut fit_column) =
            (Vec::new(), Vec::new(), Vec::new());
        for (i, &p) in posts.iter().enumerate() {
            for e in graph.post_edges(p).filter(|&e| keep(e)) {
                post_column.push(i as Post);
                candidate_column.push(local[graph.candidate_of(e) as usize]);
                fit_column.push(graph.fit(e) as i32);
            }
        }
        let part_graph = Graph::from_columns(
            posts.len(),
            candidates.len(),
            post_column,
            candidate_column,
            fit_column,
        )
        .expect("a part of a valid graph is valid");
        Self {
            graph: part_graph,
            post_mission: posts
                .iter()
                .map(|&p| problem.post_mission[p as usize])
                .collect(),
            female: candidates
                .iter()
                .map(|&c| problem.people.female[c as usize])
                .collect(),
            country: candidates
                .iter()
                .map(|&c| problem.people.country[c as usize])
                .collect(),
            posts,
            candidates,
            missions: problem.missions,
        }
    }

    /// The part as a problem with the same rules as `whole`.
    pub fn problem<'a>(&'a self, whole: &Problem<'_>) -> Problem<'a> {
        Problem {
            graph: &self.graph,
            post_mission: &self.post_mission,
            missions: self.missions,
            people: People {
                female: &self.female,
                country: &self.country,
            },
            women: whole.women,
            country_cap: whole.country_cap,
        }
    }

    /// A slate of the whole problem (a candidate per post), restricted to the part, in its indices:
    /// candidates outside the part leave their post empty.
    pub fn restrict(&self, whole_assign: &[u32]) -> Vec<u32> {
        self.posts
            .iter()
            .map(|&p| {
                let c = whole_assign[p as usize];
                if c == NONE {
                    return NONE;
                }
                self.candidates.binary_search(&c).map_or(NONE, |i| i as u32)
            })
            .collect()
    }
}
