//! The master problem of column generation, stabilised as a proximal bundle: the exact dual of the
//! relaxation.
//!
//! Every matching the search meets is a column: its objective `c` and its sum `a` in each priced
//! row (a share rule or a cut on counts; the row holds when its sum is >= 0). For prices `lambda`
//! the matching's Lagrangian value is `c + lambda . a`, so the columns met so far give a model of
//! the Lagrangian function from below, `max_j c_j + lambda . a_j`. The master finds the prices
//! that minimise that model plus a proximal term that keeps them near the best prices so far,
//!
//! ```text
//!     min  pi + |lambda - center|^2 / (2 t)
//!     s.t. pi >= c_j + lambda . a_j   (every column j, weight theta_j)
//!          lambda >= 0
//! ```
//!
//! (a plain cutting-plane master, without the proximal term, jumps far away while it knows only a
//! few columns). The weights of the columns, its duals, mix the matchings into a point of the
//! relaxation.
//!
//! The master is solved in floating point by Clarabel's interior-point method. Nothing the search
//! proves depends on it: a bound is always the Lagrangian value of integer prices, computed
//! exactly by the matching; the master only proposes where to look.

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, NonnegativeConeT, SolverStatus,
};

/// One column: a matching's objective and its sum in every row.
pub(crate) struct Column<'a> {
    pub objective: f64,
    pub sums: &'a [f64],
}

/// The master's answer.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    /// The next prices to try.
    pub prices: Vec<f64>,
    /// The model's value at those prices, `max_j c_j + prices . a_j`: what the Lagrangian value
    /// there would be if the columns met so far were all there is.
    pub model: f64,
    /// The weight of each column in the mix (they sum to 1).
    pub weights: Vec<f64>,
}

/// Solves the master over `columns` with the proximal term `|lambda - center|^2 / (2 t)`. `None`
/// when the solver does not reach a solution (the caller then keeps its own prices).
pub(crate) fn solve(columns: &[Column<'_>], center: &[f64], t: f64) -> Option<Answer> {
    let rows = center.len();
    let cols = columns.len();
    debug_assert!(columns.iter().all(|c| c.sums.len() == rows));
    // Objectives are shifted by their largest, which the model's value gets back: the solver
    // then works with numbers near 0.
    let shift = columns
        .iter()
        .map(|c| c.objective)
        .fold(f64::NEG_INFINITY, f64::max);
    // Variables: lambda_0 .. lambda_{rows-1}, pi. Constraint rows: one per column
    // (a_j . lambda - pi <= shift - c_j), then -lambda_i <= 0.
    let vars = rows + 1;
    let mut colptr = Vec::with_capacity(vars + 1);
    let mut rowval = Vec::new();
    let mut nzval = Vec::new();
    colptr.push(0);
    for i in 0..rows {
        for (j, column) in columns.iter().enumerate() {
            if column.sums[i] != 0.0 {
                rowval.push(j);
                nzval.push(column.sums[i]);
            }
        }
        rowval.push(cols + i);
        nzval.push(-1.0);
        colptr.push(rowval.len());
    }
    for j in 0..cols {
        rowval.push(j);
        nzval.push(-1.0);
    }
    colptr.push(rowval.len());
    let m = cols + rows;
    let a = CscMatrix::new(m, vars, colptr, rowval, nzval);
    let p = CscMatrix::new(
        vars,
        vars,
        (0..=vars).map(|k| k.min(rows)).collect(),
        (0..rows).collect(),
        vec![1.0 / t; rows],
    );
    let mut q: Vec<f64> = center.iter().map(|c| -c / t).collect();
    q.push(1.0);
    let mut b: Vec<f64> = columns.iter().map(|c| shift - c.objective).collect();
    b.extend(std::iter::repeat_n(0.0, rows));
    let cones = [NonnegativeConeT(m)];
    let settings = DefaultSettingsBuilder::default()
        .verbose(false)
        .presolve_enable(false)
        .build()
        .ok()?;
    let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings).ok()?;
    solver.solve();
    let solution = &solver.solution;
    if !matches!(
        solution.status,
        SolverStatus::Solved | SolverStatus::AlmostSolved
    ) {
        return None;
    }
    let prices: Vec<f64> = solution.x[..rows].iter().map(|l| l.max(0.0)).collect();
    let model = columns
        .iter()
        .map(|c| c.objective + c.sums.iter().zip(&prices).map(|(a, l)| a * l).sum::<f64>())
        .fold(f64::NEG_INFINITY, f64::max);
    let weights: Vec<f64> = solution.z[..cols].iter().map(|w| w.max(0.0)).collect();
    Some(Answer {
        prices,
        model,
        weights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One matching earns 10 and breaks the row by 2, the other earns 4 and keeps it with 2 to
    /// spare.
    fn two_columns() -> [Column<'static>; 2] {
        [
            Column {
                objective: 10.0,
                sums: &[-2.0],
            },
            Column {
                objective: 4.0,
                sums: &[2.0],
            },
        ]
    }

    /// The model `max(10 - 2 lambda, 4 + 2 lambda)` is lowest at 1.5 (value 7), where
    /// half of each mixes into a point that keeps the row.
    #[test]
    fn a_wide_proximal_term_finds_the_price_that_makes_the_columns_equal() {
        let columns = two_columns();
        let answer = solve(&columns, &[0.0], 1e3).expect("solved");
        assert!((answer.prices[0] - 1.5).abs() < 1e-2, "{answer:?}");
        assert!((answer.model - 7.0).abs() < 1e-2, "{answer:?}");
        assert!((answer.weights[0] - 0.5).abs() < 1e-2, "{answer:?}");
        assert!((answer.weights.iter().sum::<f64>() - 1.0).abs() < 1e-6);
    }

    /// A narrow term keeps the prices near the center: from 0 with t = 0.1 the step is the
    /// first column's slope times t, 0.2.
    #[test]
    fn a_narrow_proximal_term_takes_a_short_step() {
        let columns = two_columns();
        let answer = solve(&columns, &[0.0], 0.1).expect("solved");
        assert!((answer.prices[0] - 0.2).abs() < 1e-3, "{answer:?}");
        assert!((answer.model - 9.6).abs() < 1e-3, "{answer:?}");
    }
}
