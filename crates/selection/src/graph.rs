//! The selection graph: posts on one side, candidates on the other, an edge where a candidate may
//! fill a post (every hard rule already checked) weighted by its fit.
//!
//! Stored twice, by post (CSR) and by candidate (CSC), because the solver walks posts and its warm
//! start walks the posts a candidate could fill. Indices are `u32` and fits `i32`: an instance of
//! 10,000 posts has ten million edges, and 16 bytes an edge (candidate, fit, post, and the
//! candidate-side index) is what keeps it in cache and its peak memory near the size of its file.
//! `Graph::from_columns` takes the three columns as read and keeps them, without a copy.

use thiserror::Error;

/// A post index, `0..posts`.
pub type Post = u32;
/// A candidate index, `0..candidates`.
pub type Candidate = u32;

/// Why a list of edges cannot make a graph.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum GraphError {
    #[error("edge {index}: post {post} is outside 0..{posts}")]
    PostOutOfRange {
        index: usize,
        post: u32,
        posts: usize,
    },
    #[error("edge {index}: candidate {candidate} is outside 0..{candidates}")]
    CandidateOutOfRange {
        index: usize,
        candidate: u32,
        candidates: usize,
    },
    #[error("edge {index}: post {post} and candidate {candidate} appear more than once")]
    Duplicate {
        index: usize,
        post: u32,
        candidate: u32,
    },
    #[error(
        "edge {index}: a fit must be positive (a pair that adds nothing is not an edge), got {fit}"
    )]
    NonPositiveFit { index: usize, fit: i64 },
    #[error("more than {max} edges or nodes", max = u32::MAX)]
    TooLarge,
    #[error("edge {index}: a fit must be at most {max}, got {fit}", max = i32::MAX)]
    FitTooLarge { index: usize, fit: i64 },
    #[error("the edge columns differ in length")]
    Ragged,
}

/// One candidate that may fill one post, with the fit the objective adds when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub post: Post,
    pub candidate: Candidate,
    pub fit: i64,
}

/// The bipartite graph, immutable once built.
#[derive(Debug, Clone)]
pub struct Graph {
    posts: usize,
    candidates: usize,
    /// Edges of post `p` are `row_start[p]..row_start[p + 1]`, sorted by candidate.
    row_start: Vec<u32>,
    col: Vec<Candidate>,
    fit: Vec<i32>,
    /// Edges of candidate `c`, as edge indices: `col_start[c]..col_start[c + 1]` into `col_edge`.
    col_start: Vec<u32>,
    col_edge: Vec<u32>,
    /// The post of each edge (the inverse of `row_start`), for walks that start from an edge.
    edge_post: Vec<Post>,
}

impl Graph {
    /// Builds the graph from edges in any order. Refuses duplicates and fits that are not positive,
    /// which would make the objective ambiguous.
    pub fn new(posts: usize, candidates: usize, edges: Vec<Edge>) -> Result<Self, GraphError> {
        if let Some(index) = edges.iter().position(|e| e.fit > i64::from(i32::MAX)) {
            return Err(GraphError::FitTooLarge {
                index,
                fit: edges[index].fit,
            });
        }
        let post = edges.iter().map(|e| e.post).collect();
        let candidate = edges.iter().map(|e| e.candidate).collect();
        let fit = edges.iter().map(|e| e.fit as i32).collect();
        drop(edges);
        Self::from_columns(posts, candidates, post, candidate, fit)
    }

    /// Builds the graph from its edges as three columns (post, candidate, fit), keeping the vectors
    /// it is given. Edges sorted by post then candidate, as a reader usually has them, cost nothing
    /// more; others are sorted first.
    pub fn from_columns(
        posts: usize,
        candidates: usize,
        mut post: Vec<Post>,
        mut candidate: Vec<Candidate>,
        mut fit: Vec<i32>,
    ) -> Result<Self, GraphError> {
        if post.len() != candidate.len() || post.len() != fit.len() {
            return Err(GraphError::Ragged);
        }
        if post.len() >= u32::MAX as usize
            || posts >= u32::MAX as usize
            || candidates >= u32::MAX as usize
        {
            return Err(GraphError::TooLarge);
        }
        for index in 0..post.len() {
            if post[index] as usize >= posts {
                return Err(GraphError::PostOutOfRange {
                    index,
                    post: post[index],
                    posts,
                });
            }
            if candidate[index] as usize >= candidates {
                return Err(GraphError::CandidateOutOfRange {
                    index,
                    candidate: candidate[index],
                    candidates,
                });
            }
            if fit[index] <= 0 {
                return Err(GraphError::NonPositiveFit {
                    index,
                    fit: i64::from(fit[index]),
                });
            }
        }
        let key = |i: usize| (post[i], candidate[i]);
        if !(1..post.len()).all(|i| key(i - 1) < key(i)) {
            let mut order: Vec<u32> = (0..post.len() as u32).collect();
            order.sort_unstable_by_key(|&i| key(i as usize));
            if let Some(w) = order
                .windows(2)
                .find(|w| key(w[0] as usize) == key(w[1] as usize))
            {
                return Err(GraphError::Duplicate {
                    index: w[1] as usize,
                    post: post[w[1] as usize],
                    candidate: candidate[w[1] as usize],
                });
            }
            post = order.iter().map(|&i| post[i as usize]).collect();
            candidate = order.iter().map(|&i| candidate[i as usize]).collect();
            fit = order.iter().map(|&i| fit[i as usize]).collect();
        }
        Ok(Self::from_sorted(posts, candidates, post, candidate, fit))
    }

    fn from_sorted(
        posts: usize,
        candidates: usize,
        edge_post: Vec<Post>,
        col: Vec<Candidate>,
        fit: Vec<i32>,
    ) -> Self {
        let mut row_start = vec![0u32; posts + 1];
        let mut col_start = vec![0u32; candidates + 1];
        for (&p, &c) in edge_post.iter().zip(&col) {
            row_start[p as usize + 1] += 1;
            col_start[c as usize + 1] += 1;
        }
        prefix_sum(&mut row_start);
        prefix_sum(&mut col_start);
        let mut next = col_start.clone();
        let mut col_edge = vec![0u32; col.len()];
        for (i, &c) in col.iter().enumerate() {
            let slot = &mut next[c as usize];
            col_edge[*slot as usize] = i as u32;
            *slot += 1;
        }
        Self {
            posts,
            candidates,
            row_start,
            col,
            fit,
            col_start,
            col_edge,
            edge_post,
        }
    }

    pub fn posts(&self) -> usize {
        self.posts
    }

    pub fn candidates(&self) -> usize {
        self.candidates
    }

    pub fn edges(&self) -> usize {
        self.col.len()
    }

    /// The edge indices of post `p`.
    pub fn post_edges(&self, p: Post) -> std::ops::Range<usize> {
        self.row_start[p as usize] as usize..self.row_start[p as usize + 1] as usize
    }

    /// The edge indices of candidate `c`.
    pub fn candidate_edges(&self, c: Candidate) -> impl Iterator<Item = usize> + '_ {
        let range = self.col_start[c as usize] as usize..self.col_start[c as usize + 1] as usize;
        self.col_edge[range].iter().map(|&e| e as usize)
    }

    pub fn candidate_of(&self, edge: usize) -> Candidate {
        self.col[edge]
    }

    pub fn post_of(&self, edge: usize) -> Post {
        self.edge_post[edge]
    }

    pub fn fit(&self, edge: usize) -> i64 {
        i64::from(self.fit[edge])
    }

    /// Every edge's fit, as the weights of a matching.
    pub fn weights(&self) -> Vec<i64> {
        self.fit.iter().map(|&f| i64::from(f)).collect()
    }

    /// The edge joining `p` and `c`, if any (edges of a post are sorted by candidate).
    pub fn edge(&self, p: Post, c: Candidate) -> Option<usize> {
        let range = self.post_edges(p);
        let start = range.start;
        self.col[range].binary_search(&c).ok().map(|i| start + i)
    }

    /// The candidates column of the CSR, for the solver's inner loop.
    pub(crate) fn cols(&self) -> &[Candidate] {
        &self.col
    }
}

fn prefix_sum(v: &mut [u32]) {
    for i in 1..v.len() {
        v[i] += v[i - 1];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(post: u32, candidate: u32, fit: i64) -> Edge {
        Edge {
            post,
            candidate,
            fit,
        }
    }

    #[test]
    fn both_directions_list_the_same_edges() {
        let g = Graph::new(2, 3, vec![e(1, 2, 5), e(0, 1, 3), e(1, 0, 4)]).expect("valid");
        assert_eq!(
            g.post_edges(0)
                .map(|i| g.candidate_of(i))
                .collect::<Vec<_>>(),
            vec![1]
        );
        assert_eq!(
            g.post_edges(1)
                .map(|i| g.candidate_of(i))
                .collect::<Vec<_>>(),
            vec![0, 2]
        );
        let of_2: Vec<_> = g
            .candidate_edges(2)
            .map(|i| (g.post_of(i), g.fit(i)))
            .collect();
        assert_eq!(of_2, vec![(1, 5)]);
        assert_eq!(g.edge(1, 2).map(|i| g.fit(i)), Some(5));
        assert_eq!(g.edge(0, 2), None);
    }

    #[test]
    fn refuses_what_would_make_the_objective_ambiguous() {
        assert!(matches!(
            Graph::new(1, 1, vec![e(0, 0, 1), e(0, 0, 2)]),
            Err(GraphError::Duplicate { .. })
        ));
        assert!(matches!(
            Graph::new(1, 1, vec![e(0, 0, 0)]),
            Err(GraphError::NonPositiveFit { .. })
        ));
        assert!(matches!(
            Graph::new(1, 1, vec![e(1, 0, 1)]),
            Err(GraphError::PostOutOfRange { .. })
        ));
        assert!(matches!(
            Graph::new(1, 1, vec![e(0, 3, 1)]),
            Err(GraphError::CandidateOutOfRange { .. })
        ));
    }
}
