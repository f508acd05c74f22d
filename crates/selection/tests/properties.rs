//! The optimizer against brute force on random small instances: the matching is optimal and its
//! duals prove it, a warm re-solve equals a cold one, and a plan under share rules keeps every rule,
//! never beats the true optimum, never bounds below it, claims a proof only when it holds, and is
//! the same on one thread as on many.

use proptest::prelude::*;
use unpol_selection::{Edge, Graph, Limits, Matcher, People, Problem, Share, plan};

const MISSIONS: u16 = 3;

#[derive(Debug, Clone)]
struct Instance {
    posts: usize,
    candidates: usize,
    edges: Vec<Edge>,
    post_mission: Vec<u16>,
    female: Vec<bool>,
    country: Vec<u16>,
}

fn instance() -> impl Strategy<Value = Instance> {
    (1usize..=6, 1usize..=7).prop_flat_map(|(posts, candidates)| {
        let pairs = proptest::collection::vec(
            (0..posts as u32, 0..candidates as u32, 1i64..=20),
            0..=posts * candidates,
        );
        (
            Just(posts),
            Just(candidates),
            pairs,
            proptest::collection::vec(0u16..MISSIONS, posts),
            proptest::collection::vec(any::<bool>(), candidates),
            proptest::collection::vec(0u16..3, candidates),
        )
            .prop_map(
                |(posts, candidates, pairs, post_mission, female, country)| {
                    let mut seen = std::collections::BTreeSet::new();
                    let edges = pairs
                        .into_iter()
                        .filter(|(p, c, _)| seen.insert((*p, *c)))
                        .map(|(post, candidate, fit)| Edge {
                            post,
                            candidate,
                            fit,
                        })
                        .collect();
                    Instance {
                        posts,
                        candidates,
                        edges,
                        post_mission,
                        female,
                        country,
                    }
                },
            )
    })
}

fn graph(i: &Instance) -> Graph {
    Graph::new(i.posts, i.candidates, i.edges.clone()).expect("distinct edges with positive fits")
}

/// Every way to fill the posts (each candidate at most once), by depth-first search.
fn all_slates(g: &Graph) -> Vec<Vec<Option<u32>>> {
    fn walk(
        g: &Graph,
        p: usize,
        used: &mut Vec<bool>,
        current: &mut Vec<Option<u32>>,
        out: &mut Vec<Vec<Option<u32>>>,
    ) {
        if p == g.posts() {
            out.push(current.clone());
            return;
        }
        current.push(None);
        walk(g, p + 1, used, current, out);
        current.pop();
        for e in g.post_edges(p as u32) {
            let c = g.candidate_of(e) as usize;
            if !used[c] {
                used[c] = true;
                current.push(Some(c as u32));
                walk(g, p + 1, used, current, out);
                current.pop();
                used[c] = false;
            }
        }
    }
    let mut out = Vec::new();
    walk(
        g,
        0,
        &mut vec![false; g.candidates()],
        &mut Vec::new(),
        &mut out,
    );
    out
}

fn value(g: &Graph, weight: &[i64], slate: &[Option<u32>]) -> i64 {
    slate
        .iter()
        .enumerate()
        .filter_map(|(p, c)| c.and_then(|c| g.edge(p as u32, c)))
        .map(|e| weight[e])
        .sum()
}

fn keeps_women_share(i: &Instance, share: Share, slate: &[Option<u32>]) -> bool {
    keeps(i, Some(share), None, slate)
}

/// Does the slate keep, in every mission, the share of women and the cap on each country?
fn keeps(i: &Instance, women: Option<Share>, cap: Option<Share>, slate: &[Option<u32>]) -> bool {
    (0..MISSIONS).all(|m| {
        let chosen: Vec<u32> = slate
            .iter()
            .enumerate()
            .filter(|(p, _)| i.post_mission[*p] == m)
            .filter_map(|(_, c)| *c)
            .collect();
        let whole = chosen.len() as i64;
        let of = |pick: &dyn Fn(u32) -> bool| chosen.iter().filter(|&&c| pick(c)).count() as i64;
        women.is_none_or(|w| w.reached_by(of(&|c| i.female[c as usize]), whole))
            && cap.is_none_or(|cap| {
                (0..3u16).all(|k| cap.allows_at_most(of(&|c| i.country[c as usize] == k), whole))
            })
    })
}

/// The best objective of any slate keeping both rules, by brute force.
fn optimum(i: &Instance, g: &Graph, women: Option<Share>, cap: Option<Share>) -> i64 {
    all_slates(g)
        .into_iter()
        .filter(|s| keeps(i, women, cap, s))
        .map(|s| value(g, &g.weights(), &s))
        .max()
        .expect("the empty slate keeps every share rule")
}

/// The instance as a problem with these rules.
fn problem<'a>(
    i: &'a Instance,
    g: &'a Graph,
    women: Option<Share>,
    cap: Option<Share>,
) -> Problem<'a> {
    Problem {
        graph: g,
        post_mission: &i.post_mission,
        missions: MISSIONS as usize,
        people: People {
            female: &i.female,
            country: &i.country,
        },
        women,
        country_cap: cap,
    }
}

/// The plan's slate as a candidate per post, checking that no post is filled twice.
fn slate_of(g: &Graph, result: &unpol_selection::Plan) -> Vec<Option<u32>> {
    let mut slate = vec![None; g.posts()];
    for &(p, c) in &result.slate {
        assert!(
            slate[p as usize].replace(c).is_none(),
            "post {p} filled twice"
        );
    }
    slate
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_matching_is_optimal_and_its_duals_prove_it(i in instance()) {
        let g = graph(&i);
        let best = all_slates(&g).iter().map(|s| value(&g, &g.weights(), s)).max().unwrap_or(0);
        let mut m = Matcher::new(&g);
        m.solve(&g, &g.weights());
        prop_assert_eq!(m.value(&g, &g.weights()), best);
        prop_assert_eq!(m.dual_value(), best);
        let mut posts_of = vec![None; g.candidates()];
        for p in 0..g.posts() as u32 {
            if let Some(c) = m.candidate_of(p) {
                prop_assert!(g.edge(p, c).is_some(), "post {} got candidate {} without an edge", p, c);
                prop_assert!(posts_of[c as usize].replace(p).is_none(), "candidate {} used twice", c);
            }
        }
    }

    #[test]
    fn a_warm_resolve_equals_a_cold_solve(i in instance(), shifts in proptest::collection::vec(-25i64..=25, 42)) {
        let g = graph(&i);
        let changed: Vec<i64> = (0..g.edges()).map(|e| g.fit(e) + shifts[e % shifts.len()]).collect();
        let mut warm = Matcher::new(&g);
        warm.solve(&g, &g.weights());
        warm.resolve(&g, &changed);
        let mut cold = Matcher::new(&g);
        cold.solve(&g, &changed);
        prop_assert_eq!(warm.value(&g, &changed), cold.value(&g, &changed));
        prop_assert_eq!(warm.dual_value(), cold.value(&g, &changed));
    }

    #[test]
    fn a_plan_keeps_the_rules_and_its_bound_holds(i in instance(), tenths in 1i64..=6) {
        let g = graph(&i);
        let share = Share::new(tenths, 10).expect("share");
        let optimum = all_slates(&g)
            .into_iter()
            .filter(|s| keeps_women_share(&i, share, s))
            .map(|s| value(&g, &g.weights(), &s))
            .max()
            .expect("the empty slate keeps every share rule");
        let problem = problem(&i, &g, Some(share), None);
        let result = plan(&problem, Limits::default());
        let mut slate = vec![None; g.posts()];
        for &(p, c) in &result.slate {
            prop_assert!(slate[p as usize].replace(c).is_none());
        }
        prop_assert!(keeps_women_share(&i, share, &slate), "plan {:?} breaks the share", result.slate);
        prop_assert_eq!(value(&g, &g.weights(), &slate), result.objective);
        prop_assert!(result.objective <= optimum);
        prop_assert!(result.bound >= optimum, "bound {} below the optimum {}", result.bound, optimum);
        let again = plan(&problem, Limits::default());
        prop_assert_eq!(again.slate, result.slate, "the same input gives the same slate");
    }

    #[test]
    fn a_country_cap_is_kept(i in instance(), tenths in 2i64..=9) {
        let g = graph(&i);
        let cap = Share::new(tenths, 10).expect("share");
        let problem = problem(&i, &g, None, Some(cap));
        let optimum = all_slates(&g)
            .into_iter()
            .filter(|s| {
                (0..MISSIONS).all(|m| {
                    let chosen: Vec<u32> = s.iter().enumerate().filter(|(p, _)| i.post_mission[*p] == m).filter_map(|(_, c)| *c).collect();
                    (0..3u16).all(|k| cap.allows_at_most(chosen.iter().filter(|&&c| i.country[c as usize] == k).count() as i64, chosen.len() as i64))
                })
            })
            .map(|s| value(&g, &g.weights(), &s))
            .max()
            .expect("the empty slate keeps every cap");
        let result = plan(&problem, Limits::default());
        for m in 0..MISSIONS {
            let chosen: Vec<u32> = result.slate.iter().filter(|(p, _)| i.post_mission[*p as usize] == m).map(|(_, c)| *c).collect();
            for k in 0..3u16 {
                let n = chosen.iter().filter(|&&c| i.country[c as usize] == k).count() as i64;
                prop_assert!(cap.allows_at_most(n, chosen.len() as i64), "mission {} country {}: {} of {}", m, k, n, chosen.len());
            }
        }
        prop_assert!(result.objective <= optimum && optimum <= result.bound);
    }

    #[test]
    fn with_both_rules_a_small_plan_is_proven_optimal(
        i in instance(),
        women in 1i64..=6,
        cap in 2i64..=9,
    ) {
        let g = graph(&i);
        let (women, cap) = (Share::new(women, 10).ok(), Share::new(cap, 10).ok());
        let best = optimum(&i, &g, women, cap);
        let problem = problem(&i, &g, women, cap);
        let result = plan(&problem, Limits::default());
        let slate = slate_of(&g, &result);
        prop_assert!(keeps(&i, women, cap, &slate), "plan {:?} breaks a rule", result.slate);
        prop_assert_eq!(value(&g, &g.weights(), &slate), result.objective);
        prop_assert!(result.bound >= best, "bound {} below the optimum {}", result.bound, best);
        // Instances this small fit in the node budget: the proof is always reached.
        prop_assert_eq!((result.objective, result.bound), (best, best));
        let one_thread = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one thread")
            .install(|| plan(&problem, Limits::default()));
        prop_assert_eq!(one_thread.slate, result.slate, "one thread and many agree");
        prop_assert_eq!(one_thread.bound, result.bound);
    }

    #[test]
    fn a_search_cut_short_still_bounds_and_claims_no_false_proof(
        i in instance(),
        women in 1i64..=6,
        cap in 2i64..=9,
        max_iterations in 1usize..30,
        max_nodes in 0usize..4,
    ) {
        let g = graph(&i);
        let (women, cap) = (Share::new(women, 10).ok(), Share::new(cap, 10).ok());
        let best = optimum(&i, &g, women, cap);
        let problem = problem(&i, &g, women, cap);
        let result = plan(&problem, Limits { max_iterations, gap: 0.0, max_nodes });
        let slate = slate_of(&g, &result);
        prop_assert!(keeps(&i, women, cap, &slate), "plan {:?} breaks a rule", result.slate);
        prop_assert!(result.objective <= best && best <= result.bound,
            "objective {} optimum {} bound {}", result.objective, best, result.bound);
        if result.bound == result.objective {
            prop_assert_eq!(result.objective, best, "a proof is only claimed when true");
        }
    }
}
