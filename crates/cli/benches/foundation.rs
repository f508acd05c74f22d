//! Foundation benchmark: `cargo bench -p unpol-cli --bench foundation`.
//!
//! 1. Import of the 95,919-row mission-level file by `unpol import published` (a release binary,
//!    on a migrated empty SQLite database) as a ratio to the raw floor: the `sqlite3` shell's
//!    `.import` of the same CSV into a plain table, measured in the same run. Goal: within 1.5x.
//! 2. `stats contributions` for one month over the full history (both files imported): the median
//!    of the query in process, and of the whole command (process start, open, migrate check,
//!    query, print). Goal: under 20 ms on SQLite.
//!
//! Needs `sqlite3` on the PATH and ../shared/data beside the repository.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use unpol_app::stats::{self, Narrowing};
use unpol_domain::Month;

const RUNS: usize = 5;
const QUERIES: usize = 101;

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/un-uniformed-personnel")
        .join(file)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn run(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().expect("command runs");
    let elapsed = start.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    elapsed
}

fn unpol(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_unpol"));
    cmd.env("UNPOL_DATABASE_URL", format!("sqlite://{}", db.display()));
    cmd
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let csv = data("un_uniformed_personnel_by_mission_country_type.csv");
    let dir = tempfile::tempdir().expect("temp dir");

    let mut floor = Vec::new();
    let mut ours = Vec::new();
    for i in 0..RUNS {
        let raw = dir.path().join(format!("raw{i}.db"));
        floor.push(run(Command::new("sqlite3")
            .arg(&raw)
            .arg(format!(".import --csv {} contributions", csv.display()))));
        let db = dir.path().join(format!("unpol{i}.db"));
        run(unpol(&db).arg("migrate"));
        ours.push(run(unpol(&db).args(["import", "published"]).arg(&csv)));
    }
    let (floor, ours) = (median(floor), median(ours));

    let db = dir.path().join("history.db");
    run(unpol(&db).args(["import", "published", "--bundled"]));
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let months: Vec<Month> = runtime.block_on(async {
        let (database, _) = unpol_app::Store::open(&format!("sqlite://{}", db.display()))
            .await
            .expect("open");
        let months: Vec<Month> = unpol_app::stats::published_months(&database)
            .await
            .expect("months")
            .into_keys()
            .collect();
        months
    });
    let query = runtime.block_on(async {
        let (database, _) = unpol_app::Store::open(&format!("sqlite://{}", db.display()))
            .await
            .expect("open");
        let mut samples = Vec::new();
        for i in 0..QUERIES {
            let month = months[i % months.len()];
            let start = Instant::now();
            stats::contributions(&database, month, &Narrowing::default())
                .await
                .expect("report");
            samples.push(start.elapsed());
        }
        median(samples)
    });
    let command = median(
        (0..21)
            .map(|i| {
                let month = months[(i * 7) % months.len()].to_string();
                run(unpol(&db).args([
                    "stats",
                    "contributions",
                    "--month",
                    &month,
                    "--format",
                    "json",
                ]))
            })
            .collect(),
    );

    println!("foundation benchmark (SQLite, medians; import: {RUNS} runs)");
    println!("| measure | time | ratio |");
    println!("| --- | --- | --- |");
    println!(
        "| sqlite3 `.import` of the mission-level CSV (raw floor) | {} | 1.00x |",
        ms(floor)
    );
    println!(
        "| `unpol import published` of the same file | {} | {:.2}x the floor (goal <= 1.5x) |",
        ms(ours),
        ours.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "| `stats contributions` one month, query in process | {} | goal < 20 ms |",
        ms(query)
    );
    println!(
        "| `unpol stats contributions --format json`, whole command | {} | |",
        ms(command)
    );
}
