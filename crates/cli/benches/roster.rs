//! Roster benchmark: `cargo bench -p unpol-cli --bench roster`.
//!
//! `unpol demo --like 2015-01 --scale K` for K = 1 and 10 (about 13,000 and 130,000 officers with
//! their tours), then `stats contributions --source records` on the result: the demo's time and
//! peak memory (GNU time's maximum resident set), the report's median in process and as a whole
//! command, and how each grows from scale 1 to 10. Goal: the report under 100 ms on SQLite at
//! scale 10, growth no worse than linear (10x).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use unpol_app::stats::{self, Narrowing};
use unpol_domain::Month;

const LIKE: &str = "2015-01";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn unpol(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_unpol"));
    cmd.env("UNPOL_DATABASE_URL", format!("sqlite://{}", db.display()));
    cmd
}

fn check(out: std::process::Output) -> std::process::Output {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

struct Run {
    demo: Duration,
    demo_peak_kib: u64,
    report: Duration,
    command: Duration,
}

fn run(dir: &Path, scale: u32) -> Run {
    let db = dir.join(format!("scale{scale}.db"));
    check(
        unpol(&db)
            .args(["import", "published", "--bundled"])
            .output()
            .expect("import"),
    );
    // GNU time prints "elapsed_seconds peak_kib" on stderr's last line.
    let out = check(
        Command::new("/usr/bin/time")
            .args(["-f", "%e %M"])
            .arg(env!("CARGO_BIN_EXE_unpol"))
            .args(["demo", "--like", LIKE, "--scale", &scale.to_string()])
            .env("UNPOL_DATABASE_URL", format!("sqlite://{}", db.display()))
            .output()
            .expect("demo"),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or_default();
    let mut fields = last.split_whitespace();
    let demo = Duration::from_secs_f64(fields.next().and_then(|s| s.parse().ok()).unwrap_or(0.0));
    let demo_peak_kib = fields.next().and_then(|s| s.parse().ok()).unwrap_or(0);

    let month: Month = LIKE.parse().expect("month");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let report = runtime.block_on(async {
        let (database, _) = unpol_app::Store::open(&format!("sqlite://{}", db.display()))
            .await
            .expect("open");
        let mut samples = Vec::new();
        for _ in 0..21 {
            let start = Instant::now();
            let r = stats::contributions_from_records(&database, month, &Narrowing::default())
                .await
                .expect("report");
            samples.push(start.elapsed());
            assert!(r.police.total > 0);
        }
        median(samples)
    });
    let command = median(
        (0..11)
            .map(|_| {
                let start = Instant::now();
                check(
                    unpol(&db)
                        .args([
                            "stats",
                            "contributions",
                            "--month",
                            LIKE,
                            "--source",
                            "records",
                            "--format",
                            "json",
                        ])
                        .output()
                        .expect("stats"),
                );
                start.elapsed()
            })
            .collect(),
    );
    Run {
        demo,
        demo_peak_kib,
        report,
        command,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let one = run(dir.path(), 1);
    let ten = run(dir.path(), 10);
    let ratio = |a: f64, b: f64| format!("{:.1}x", b / a);
    println!("roster benchmark (SQLite; demo --like {LIKE}; report medians)");
    println!("| measure | scale 1 | scale 10 | growth |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| `unpol demo` time | {:.2} s | {:.2} s | {} |",
        one.demo.as_secs_f64(),
        ten.demo.as_secs_f64(),
        ratio(one.demo.as_secs_f64(), ten.demo.as_secs_f64())
    );
    println!(
        "| `unpol demo` peak memory | {} MiB | {} MiB | {} |",
        one.demo_peak_kib / 1024,
        ten.demo_peak_kib / 1024,
        ratio(one.demo_peak_kib as f64, ten.demo_peak_kib as f64)
    );
    println!(
        "| `stats contributions --source records`, in process | {} | {} | {} |",
        ms(one.report),
        ms(ten.report),
        ratio(one.report.as_secs_f64(), ten.report.as_secs_f64())
    );
    println!(
        "| the same, whole command | {} | {} | {} |",
        ms(one.command),
        ms(ten.command),
        ratio(one.command.as_secs_f64(), ten.command.as_secs_f64())
    );
}
