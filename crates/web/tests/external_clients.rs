//! unpol as external tools see it, on a real server with the UN's figures and a demo roster:
//! schemathesis fuzzes the API from `/api/v1/openapi.json` and finds no server error and no
//! answer that breaks its schema; libhxl reads the HXL hashtag row of every CSV export.
//!
//! Needs schemathesis and libhxl (PyPI): `scripts/ensure-python-checkers` installs them.

use std::process::Command;

use anyhow::{Context, ensure};
use unpol_app::Store;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

mod common;

/// A server on a free port, with the bundled figures, a demo roster with its history (requests
/// and conduct cases, sealed with a key) and a `hq` token.
async fn server(db: &Store) -> anyhow::Result<(String, String)> {
    let db = &db
        .clone()
        .with_case_key(unpol_app::sealed::CaseKey::generate());
    common::demo_on(db, 7, "2025-07-31".parse()?, true).await?;
    let token = common::token_for(db, "hq-user", Role::Hq, None, None).await?;
    Ok((common::serve(db).await?, token))
}

/// schemathesis against the document the server publishes: every check (server errors, status
/// codes, content types, headers and schemas of the answers, schema-valid data accepted and
/// invalid data refused, authentication, ...), positive and negative data, once as an
/// administrator, once as a conduct officer and once anonymously. `schemathesis.toml` beside this file says the one thing
/// schemathesis is told about unpol: a schema-valid body may still break a rule (422).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_runs_every_check_as_admin_conduct_and_anonymously() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let store = t.store();
    let (base, _) = server(&store).await?;
    let admin = common::token_for(&store, "admin-user", Role::Admin, None, None).await?;
    // A conduct officer reaches the conduct routes' writes, which the administrator may not.
    let conduct = common::token_for(&store, "cdt-user", Role::Conduct, None, None).await?;
    // Mission staff reach the operations' writes (incidents, capacity building, evaluations,
    // indicators, transition), which neither may: a pass on those routes alone.
    let mission =
        common::token_for(&store, "minusca-user", Role::Mission, None, Some("MINUSCA")).await?;
    let config = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schemathesis.toml");
    // The conduct officer first: the administrator's pass fails sign-ins on purpose, which locks
    // the address for a while.
    for (who, header, paths, least) in [
        (
            "conduct",
            format!("Authorization: Bearer {conduct}"),
            ".",
            500,
        ),
        (
            "mission",
            format!("Authorization: Bearer {mission}"),
            "^/api/v1/(incidents|capacity|evaluations|unit-assessments|indicators|dashboard|transition-tasks)",
            200,
        ),
        ("admin", format!("Authorization: Bearer {admin}"), ".", 500),
        ("anonymous", "X-Unpol-Test: anonymous".to_string(), ".", 500),
    ] {
        let output = tokio::process::Command::new("st")
            .args(["--config-file", config, "run"])
            .arg(format!("{base}/api/v1/openapi.json"))
            .args(["--include-path-regex", paths])
            .args([
                "--url", &base, "-H", &header, "--checks", "all", "--mode", "all",
            ])
            .args([
                "--max-examples",
                "15",
                "--seed",
                "1",
                "--generation-database",
                "none",
            ])
            .arg("--no-color")
            .output()
            .await
            .context("schemathesis (`st`) is not installed: run scripts/ensure-python-checkers")?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        ensure!(
            output.status.success(),
            "schemathesis as {who} found problems:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // It did test, with hundreds of generated requests: the summary says "N generated, ...".
        let generated: u64 = stdout
            .lines()
            .find_map(|l| {
                l.trim()
                    .split_once(" generated,")
                    .map(|(n, _)| n.to_string())
            })
            .and_then(|n| n.trim().parse().ok())
            .with_context(|| format!("no number of test cases in the summary:\n{stdout}"))?;
        ensure!(
            generated > least,
            "as {who}, only {generated} test cases:\n{stdout}"
        );
    }
    t.cleanup().await?;
    Ok(())
}

/// Every table a page exports, public and signed-in.
const EXPORTS: &[(&str, &str)] = &[
    ("/stats?month=2018-01", "categories"),
    ("/stats?month=2018-01", "missions"),
    ("/stats?month=2018-01", "countries"),
    ("/stats/parity", "parity"),
    ("/stats/trend", "trend"),
    ("/stats/missions/UNMISS", "mission"),
    ("/stats/countries/SEN", "country"),
    ("/roster", "officers"),
    ("/roster/officers/1", "tours"),
    ("/roster/posts", "posts"),
    ("/roster/units", "units"),
    ("/roster/deployments", "deployments"),
    ("/roster/rotations", "rotations"),
    ("/conduct/figures", "allegations"),
    ("/incidents", "incidents"),
    ("/incidents", "incident-months"),
    ("/incidents", "incident-areas"),
    ("/incidents", "incident-categories"),
    ("/capacity", "capacity-quarters"),
    ("/capacity", "capacity-activities"),
    ("/capacity", "capacity-projects"),
    ("/performance", "evaluations"),
    ("/performance", "unit-assessments"),
    ("/dashboard", "indicators"),
    ("/dashboard", "indicator-values"),
    ("/dashboard", "transition-tasks"),
];

/// What libhxl makes of a CSV file: its columns' tags with attributes, and the number of rows.
const READ_WITH_LIBHXL: &str = r#"
import json, sys, hxl
data = hxl.data(sys.argv[1], hxl.InputOptions(allow_local=True)).cache()
rows = list(data)
print(json.dumps({"tags": [c.display_tag for c in data.columns], "rows": len(rows),
                  "first": [rows[0].get(c.display_tag) for c in data.columns] if rows else []}))
"#;

/// Built for slow links: each page with its tables weighs under 200 KB (before compression),
/// and libhxl reads the HXL hashtag row of every CSV export of the pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_light_and_libhxl_reads_every_csv_export() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let (base, token) = server(&t.store()).await?;
    let client = reqwest::Client::new();
    let dir = tempfile::tempdir()?;
    for (page, _) in EXPORTS {
        let response = client
            .get(format!("{base}{page}"))
            .bearer_auth(&token)
            .send()
            .await?;
        ensure!(
            response.status().is_success(),
            "{page}: {}",
            response.status()
        );
        let html = response.text().await?;
        ensure!(html.contains("</html>"), "{page} is not a page");
        ensure!(html.len() < 200_000, "{page} weighs {} bytes", html.len());
    }
    for (page, table) in EXPORTS {
        let separator = if page.contains('?') { '&' } else { '?' };
        let url = format!("{base}{page}{separator}format=csv&table={table}");
        let response = client.get(&url).bearer_auth(&token).send().await?;
        ensure!(
            response.status().is_success(),
            "{url}: {}",
            response.status()
        );
        let csv = response.text().await?;
        let hashtags: Vec<String> = csv
            .lines()
            .nth(1)
            .context("a hashtag row")?
            .split(',')
            .map(str::to_string)
            .collect();
        let path = dir.path().join(format!("{table}.csv"));
        std::fs::write(&path, &csv)?;
        let output = Command::new("python3")
            .args(["-c", READ_WITH_LIBHXL])
            .arg(&path)
            .output()
            .context("python3 runs")?;
        ensure!(
            output.status.success(),
            "libhxl cannot read {table}.csv: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let read: serde_json::Value = serde_json::from_slice(&output.stdout)?;
        let tags: Vec<String> = serde_json::from_value(read["tags"].clone())?;
        ensure!(
            tags == hashtags,
            "{table}.csv: libhxl read {tags:?}, the file says {hashtags:?}"
        );
        let rows = read["rows"].as_u64().unwrap_or(0);
        let data_lines = csv.lines().count().saturating_sub(2) as u64;
        ensure!(
            rows == data_lines,
            "{table}.csv: {rows} rows read of {data_lines}"
        );
        ensure!(rows > 0 || *table == "rotations", "{table}.csv is empty");
    }
    t.cleanup().await?;
    Ok(())
}
