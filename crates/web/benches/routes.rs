//! Route latency benchmark: `cargo bench -p unpol-web --bench routes`.
//!
//! Every list route of the API and every roster page, called in process through the whole router
//! (guard, scope, query, serialisation or template, compression) as an administrator (who sees
//! everything) on a SQLite database with the bundled figures and the demo roster, at scale 1 (the
//! demo's) and scale 10. For each route: the median and the 99th percentile of `SAMPLES` calls
//! after one warm-up call. Goal: under 50 ms at scale 1 and under 200 ms at scale 10.
//!
//! `BENCH_SCALES=1` runs scale 1 only. Prints one line per route and scale, and `route-max` lines
//! that `scripts/bench` reads.

mod common;

use common::call;
use std::time::Duration;

use unpol_app::Store;
use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_domain::access::Role;

const SAMPLES: usize = 60;
/// The demo is shaped on this month; the server's "today" falls inside its tours.
const LIKE: &str = "2025-07";
const TODAY: &str = "2025-07-15";

/// An officer of the demo roster (the first one it records).
const OFFICER: i64 = 1;

/// The routes measured; `{officer}` is [`OFFICER`].
const ROUTES: &[&str] = &[
    "/api/v1/officers",
    "/api/v1/officers?nationality=SEN&gender=female",
    "/api/v1/deployments",
    "/api/v1/deployments?mission=MINUSCA",
    "/api/v1/posts",
    "/api/v1/posts?vacant=true",
    "/api/v1/posts?vacant=false",
    "/api/v1/units",
    "/api/v1/users",
    "/api/v1/forcegen/requests",
    "/api/v1/forcegen/lead-times",
    "/api/v1/forecast/rotations?from=2025-07&months=12",
    "/roster",
    "/roster?nationality=SEN",
    "/roster/officers/{officer}",
    "/roster/posts",
    "/roster/units",
    "/roster/deployments",
    "/roster/rotations",
    "/forcegen",
];

struct Timing {
    median: Duration,
    p99: Duration,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

async fn time(app: &axum::Router, uri: &str, token: &str) -> anyhow::Result<Timing> {
    call(app, uri, token).await?;
    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        samples.push(call(app, uri, token).await?);
    }
    samples.sort();
    Ok(Timing {
        median: percentile(&samples, 0.5),
        p99: percentile(&samples, 0.99),
    })
}

async fn prepare(dir: &std::path::Path, scale: u32) -> anyhow::Result<(Store, String)> {
    let url = format!(
        "sqlite://{}",
        dir.join(format!("scale{scale}.db")).display()
    );
    let (store, _) = Store::open(&url).await?;
    let key = unpol_app::audit::KeySource::Hex("ab".repeat(32));
    let store =
        unpol_app::audit::with_key(store, Some(key), unpol_app::audit::KeyUse::Write).await?;
    unpol_app::import::import_bundled(&store, Default::default()).await?;
    unpol_app::demo::fill(
        &store,
        unpol_app::demo::DemoOptions {
            like: LIKE.parse()?,
            scale,
            seed: 1,
            today: LIKE.parse::<unpol_domain::Month>()?.last_day(),
            history: false,
        },
    )
    .await?;
    let ctx = AuditContext::console();
    let secret = Secret::new("a long password 123");
    accounts::add_user(&store, "admin", Role::Admin, None, None, &secret, &ctx).await?;
    let token = accounts::create_token(&store, "admin", "bench", None, &ctx)
        .await?
        .1
        .expose()
        .to_string();
    Ok((store, token))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let scales: Vec<u32> = std::env::var("BENCH_SCALES")
        .unwrap_or_else(|_| "1,10".into())
        .split(',')
        .map(|s| s.trim().parse())
        .collect::<Result<_, _>>()?;
    let dir = tempfile::tempdir()?;
    println!(
        "unpol route latency, in process, as admin, {SAMPLES} calls after one warm-up, SQLite, today {TODAY}"
    );
    println!(
        "{:<50} {:>6} {:>11} {:>11}",
        "route", "scale", "median ms", "p99 ms"
    );
    for scale in scales {
        let (store, token) = prepare(dir.path(), scale).await?;
        let settings = unpol_web::Settings {
            clock: unpol_domain::Clock::on(TODAY.parse()?),
            ..Default::default()
        };
        let app = unpol_web::app(store.clone(), settings);
        let mut worst = (Duration::ZERO, String::new());
        for route in ROUTES {
            let uri = route.replace("{officer}", &OFFICER.to_string());
            let t = time(&app, &uri, &token).await?;
            println!(
                "{route:<50} {scale:>6} {:>11.2} {:>11.2}",
                t.median.as_secs_f64() * 1e3,
                t.p99.as_secs_f64() * 1e3
            );
            if t.p99 > worst.0 {
                worst = (t.p99, route.to_string());
            }
        }
        println!(
            "route-max scale {scale}: p99 {:.2} ms ({})",
            worst.0.as_secs_f64() * 1e3,
            worst.1
        );
        store.close().await;
    }
    Ok(())
}
