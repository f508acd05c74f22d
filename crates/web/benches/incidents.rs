//! Incidents benchmark: `cargo bench -p unpol-web --bench incidents`.
//!
//! 1. Importing the UCDP GED file of the Central African Republic (1,848 events, 1.3 MB,
//!    `../shared/data/ucdp-ged-car`) into MINUSCA, in process on a migrated empty SQLite database
//!    (read, check, one transaction, audit entry), against the baseline of reading the same file
//!    with the `csv` crate alone (every record, no parsing of values). Median of `RUNS` each.
//! 2. The map page of those 1,848 events (`/incidents?mission=MINUSCA`: the query, the map, the
//!    table, the aggregates and their charts) through the whole router as headquarters, against
//!    the static route (`/robots.txt`) of the same router. Median and p99 of `SAMPLES` calls each
//!    after one warm-up.
//!
//! Prints each figure and its ratio to its baseline, measured in the same run.

mod common;

use common::call;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_app::{Actor, Store};
use unpol_domain::Clock;
use unpol_domain::access::Role;

const RUNS: usize = 5;
const SAMPLES: usize = 40;
const TODAY: &str = "2026-12-01";

fn ged_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ucdp-ged-car/ged_car_v23_1.csv")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The baseline: every record of the file through the `csv` crate, nothing else.
fn read_with_csv(file: &Path) -> anyhow::Result<usize> {
    let mut reader = csv::Reader::from_path(file)?;
    let mut record = csv::StringRecord::new();
    let mut rows = 0;
    while reader.read_record(&mut record)? {
        rows += 1;
    }
    Ok(rows)
}

async fn fresh_store(dir: &Path, name: &str) -> anyhow::Result<Store> {
    let (store, _) = Store::open(&format!("sqlite://{}", dir.join(name).display())).await?;
    let key = unpol_app::audit::KeySource::Hex("ab".repeat(32));
    unpol_app::audit::with_key(store, Some(key), unpol_app::audit::KeyUse::Write).await
}

async fn timings(
    app: &axum::Router,
    uri: &str,
    token: &str,
) -> anyhow::Result<(Duration, Duration)> {
    call(app, uri, token).await?;
    let mut samples = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        samples.push(call(app, uri, token).await?);
    }
    samples.sort();
    let p99 = samples[((SAMPLES as f64 * 0.99).ceil() as usize).clamp(1, SAMPLES) - 1];
    Ok((samples[SAMPLES / 2], p99))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let file = ged_file();
    let dir = tempfile::tempdir()?;
    let actor = Actor::console(Clock::on(TODAY.parse()?));

    let mut baseline = Vec::new();
    let mut ours = Vec::new();
    for run in 0..RUNS {
        let started = Instant::now();
        let rows = read_with_csv(&file)?;
        baseline.push(started.elapsed());
        anyhow::ensure!(rows == 1848, "{rows} rows");

        let store = fresh_store(dir.path(), &format!("import{run}.db")).await?;
        let input = std::io::BufReader::new(std::fs::File::open(&file)?);
        let started = Instant::now();
        let summary =
            unpol_app::incidents::import_ucdp(&store, &actor, "ged", input, "MINUSCA").await?;
        ours.push(started.elapsed());
        anyhow::ensure!(summary.inserted == 1848, "{summary:?}");
        store.close().await;
    }
    let (baseline, ours) = (median(baseline), median(ours));
    println!("unpol incidents, {RUNS} runs (median), SQLite, in process");
    println!(
        "incidents-import: GED file (1,848 events) {:.1} ms; csv crate alone {:.2} ms; ratio {:.1}x",
        ms(ours),
        ms(baseline),
        ours.as_secs_f64() / baseline.as_secs_f64()
    );

    let store = fresh_store(dir.path(), "map.db").await?;
    let input = std::io::BufReader::new(std::fs::File::open(&file)?);
    unpol_app::incidents::import_ucdp(&store, &actor, "ged", input, "MINUSCA").await?;
    let ctx = AuditContext::console();
    accounts::add_user(
        &store,
        "hq",
        Role::Hq,
        None,
        None,
        &Secret::new("a long password 123"),
        &ctx,
    )
    .await?;
    let token = accounts::create_token(&store, "hq", "bench", None, &ctx)
        .await?
        .1
        .expose()
        .to_string();
    let settings = unpol_web::Settings {
        clock: Clock::on(TODAY.parse()?),
        ..Default::default()
    };
    let app = unpol_web::app(store.clone(), settings);
    let (static_median, static_p99) = timings(&app, "/robots.txt", &token).await?;
    let (map_median, map_p99) = timings(&app, "/incidents?mission=MINUSCA", &token).await?;
    println!(
        "incidents-map: /incidents for 1,848 events median {:.2} ms (p99 {:.2}); /robots.txt median {:.3} ms (p99 {:.3}); ratio {:.0}x",
        ms(map_median),
        ms(map_p99),
        ms(static_median),
        ms(static_p99),
        map_median.as_secs_f64() / static_median.as_secs_f64()
    );
    store.close().await;
    Ok(())
}
