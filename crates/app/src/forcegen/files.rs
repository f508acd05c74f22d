//! `unpol forcegen solve DIR`: the selection problem of a folder of CSV files, solved and reported
//! in the instance's own ids, with the time of each phase, so that unpol and external solvers are
//! compared on the same input.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use serde::Serialize;
use unpol_import::{SelectionInstance, read_selection_instance};
use unpol_selection::{Limits, Members, People, Plan, Problem, Share, plan};

/// What to solve: the share rules and when to stop.
#[derive(Debug, Clone, Copy, Default)]
pub struct SolveOptions {
    pub women: Option<Share>,
    pub country_cap: Option<Share>,
    /// Stop once the certified gap is at most this (0: search until proven or out of iterations).
    pub gap: f64,
    /// Branch-and-bound nodes per independent part (None: the optimizer's default).
    pub max_nodes: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct SolveReport {
    pub posts: usize,
    pub candidates: usize,
    pub edges: usize,
    pub women: Option<f64>,
    pub country_cap: Option<f64>,
    pub objective: i64,
    pub bound: i64,
    /// (bound - objective) / bound; 0 means proven optimal.
    pub gap: f64,
    pub proven_optimal: bool,
    /// Subgradient steps and branch-and-bound nodes, over every independent part.
    pub iterations: usize,
    pub nodes: usize,
    pub read_seconds: f64,
    pub solve_seconds: f64,
    /// The process's peak resident memory when the plan was made (Linux's VmHWM), if known.
    pub peak_memory_bytes: Option<u64>,
    pub missions: Vec<MissionOutcome>,
    pub slate: Vec<Pick>,
}

/// One mission's selections and the rules that bind there.
#[derive(Debug, Serialize)]
pub struct MissionOutcome {
    pub mission: String,
    pub posts: usize,
    pub selected: usize,
    pub women: usize,
    /// The rules priced in this mission, with their multiplier (the objective lost per unit of the
    /// rule: the price of the constraint) and whether the slate sits on them.
    pub rules: Vec<RuleNote>,
}

#[derive(Debug, Serialize)]
pub struct RuleNote {
    pub rule: String,
    pub multiplier: f64,
    pub binding: bool,
}

#[derive(Debug, Serialize)]
pub struct Pick {
    pub post: String,
    pub candidate: String,
    pub mission: String,
    pub fit: i64,
}

/// Reads the instance in `dir` and solves it.
pub fn solve(dir: &Path, options: SolveOptions) -> Result<SolveReport> {
    let started = Instant::now();
    let instance = read_selection_instance(dir)?;
    let read_seconds = started.elapsed().as_secs_f64();
    let problem = Problem {
        graph: &instance.graph,
        post_mission: &instance.post_mission,
        missions: instance.missions.len(),
        people: People {
            female: &instance.candidate_female,
            country: &instance.candidate_country,
        },
        women: options.women,
        country_cap: options.country_cap,
    };
    let started = Instant::now();
    let result = plan(
        &problem,
        Limits {
            gap: options.gap,
            max_nodes: options.max_nodes.unwrap_or(Limits::default().max_nodes),
            ..Limits::default()
        },
    );
    let solve_seconds = started.elapsed().as_secs_f64();
    Ok(report(
        &instance,
        options,
        &result,
        read_seconds,
        solve_seconds,
    ))
}

fn report(
    instance: &SelectionInstance,
    options: SolveOptions,
    result: &Plan,
    read_seconds: f64,
    solve_seconds: f64,
) -> SolveReport {
    let graph = &instance.graph;
    let mut missions: Vec<MissionOutcome> = instance
        .missions
        .iter()
        .map(|m| MissionOutcome {
            mission: m.clone(),
            posts: 0,
            selected: 0,
            women: 0,
            rules: Vec::new(),
        })
        .collect();
    for &m in &instance.post_mission {
        missions[m as usize].posts += 1;
    }
    let slate = result
        .slate
        .iter()
        .map(|&(p, c)| {
            let m = instance.post_mission[p as usize] as usize;
            missions[m].selected += 1;
            missions[m].women += usize::from(instance.candidate_female[c as usize]);
            Pick {
                post: instance.post_ids[p as usize].clone(),
                candidate: instance.candidate_ids[c as usize].clone(),
                mission: instance.missions[m].clone(),
                fit: graph.edge(p, c).map_or(0, |e| graph.fit(e)),
            }
        })
        .collect();
    for outcome in &result.rules {
        let rule = match (outcome.rule.members, outcome.rule.bound) {
            (Members::Women, _) => format!("women >= {}", options.women.map_or(0.0, Share::as_f64)),
            (Members::Country(c), _) => {
                format!(
                    "{} <= {}",
                    instance.countries[c as usize],
                    options.country_cap.map_or(0.0, Share::as_f64)
                )
            }
        };
        missions[outcome.rule.mission as usize]
            .rules
            .push(RuleNote {
                rule,
                multiplier: outcome.multiplier,
                binding: outcome.binding,
            });
    }
    SolveReport {
        posts: graph.posts(),
        candidates: graph.candidates(),
        edges: graph.edges(),
        women: options.women.map(Share::as_f64),
        country_cap: options.country_cap.map(Share::as_f64),
        objective: result.objective,
        bound: result.bound,
        gap: result.gap(),
        proven_optimal: result.bound == result.objective,
        iterations: result.iterations,
        nodes: result.nodes,
        read_seconds,
        solve_seconds,
        peak_memory_bytes: peak_memory_bytes(),
        missions,
        slate,
    }
}

/// The peak resident memory of this process so far, from `/proc/self/status` (Linux only).
fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
