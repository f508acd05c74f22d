//! The `unpol` binary as a user runs it: exit codes, stdout holding JSON alone, `FILE:LINE: reason`
//! messages, the bundled history, and a process killed in the middle of an import.

use std::path::PathBuf;
use std::process::Stdio;

use unpol_app::testing::TestDb;

mod common;

use common::{stderr, unpol};

fn mission_file() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/un-uniformed-personnel/un_uniformed_personnel_by_mission_country_type.csv")
        .display()
        .to_string()
}

#[tokio::test]
async fn bundled_history_loads_and_answers_in_json_on_stdout_alone() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let out = unpol(&t.url, &["import", "published", "--bundled"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "progress and summaries go to stderr");
    assert!(
        stderr(&out).contains("months covered: 99"),
        "{}",
        stderr(&out)
    );

    let again = unpol(&t.url, &["import", "published", "--bundled"]);
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("already imported: nothing changed"),
        "{}",
        stderr(&again)
    );

    let out = unpol(
        &t.url,
        &[
            "stats",
            "contributions",
            "--month",
            "2018-01",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["police"]["total"], 11_045);
    assert_eq!(json["police"]["countries"], 88);
    assert_eq!(json["police"]["missions"], 16);
    for key in [
        "individual_police",
        "formed_police_units",
        "experts_on_mission",
        "staff_officers",
        "troops",
    ] {
        assert!(json["categories"][key]["total"].is_u64(), "category {key}");
    }

    let out = unpol(
        &t.url,
        &["stats", "parity", "--month", "2018-09", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["categories"]["individual_police"]["women"], 606);

    let out = unpol(
        &t.url,
        &[
            "stats", "trend", "--from", "2018-01", "--to", "2018-12", "--format", "csv",
        ],
    );
    let csv = String::from_utf8(out.stdout)?;
    assert_eq!(
        csv.lines().next(),
        Some("month,police_total,women,men,women_share")
    );
    assert_eq!(csv.lines().count(), 13, "twelve months, both levels");
    assert!(csv.contains("2018-01,11045,1164,9881,"), "{csv}");
    t.cleanup().await
}

#[tokio::test]
async fn failures_exit_1_with_a_reason_and_bad_usage_exits_2() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let out = unpol(&t.url, &["stats", "contributions", "--month", "2018-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no published figures for 2018-01"),
        "{}",
        stderr(&out)
    );

    let out = unpol(&t.url, &["stats", "contributions", "--month", "January"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));

    let dir = tempfile::tempdir()?;
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "report_date,contributing_country,iso3,personnel_type,male,female,total\n\
         2018-03-31,Senegal,SEN,Individual Police,10,2,12\n\
         2018-03-31,Atlantis,ATL,Individual Police,1,0,1\n\
         2018-03-31,Ghana,GHA,Formed Police Units,-1,1,0\n",
    )?;
    let out = unpol(
        &t.url,
        &["import", "published", bad.to_str().expect("utf-8 path")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:3: unknown country `Atlantis`", bad.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:4: negative count", bad.display())),
        "{err}"
    );

    let out = unpol(
        &t.url,
        &[
            "import",
            "published",
            "--skip-invalid",
            bad.to_str().expect("utf-8 path"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = unpol(
        &t.url,
        &[
            "stats",
            "contributions",
            "--month",
            "2018-03",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(json["police"]["total"], 12);
    assert!(json["missions"].is_null());
    t.cleanup().await
}

/// Starts an import that stops before its commit (the failpoint), kills the process with
/// SIGKILL, and checks that the database holds exactly what it held before.
async fn killed_import_leaves_nothing(t: &TestDb) -> anyhow::Result<()> {
    let first = unpol(&t.url, &["import", "published", "--bundled"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = unpol(
        &t.url,
        &[
            "stats", "trend", "--from", "2015-01", "--to", "2030-12", "--format", "csv",
        ],
    );

    let dir = tempfile::tempdir()?;
    let file = dir.path().join("next.csv");
    let text = std::fs::read_to_string(mission_file())?;
    // The same rows moved to 2026 (each year's months fold into one year, rows of one key add up):
    // all new figures, about 22,000 rows to write.
    let shifted: String = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{line}\n")
            } else {
                format!("2026{}\n", &line[4..])
            }
        })
        .collect::<String>()
        .replace("2026-02-29", "2026-02-28");
    std::fs::write(&file, shifted)?;

    let mut child = common::held_import(&t.url, &file)?;
    assert!(child.try_wait()?.is_none(), "still running when killed");
    child.kill()?; // SIGKILL: no destructor, no rollback by the process itself
    child.wait()?;

    let after = unpol(
        &t.url,
        &[
            "stats", "trend", "--from", "2015-01", "--to", "2030-12", "--format", "csv",
        ],
    );
    assert_eq!(
        after.stdout, before.stdout,
        "{}: the database is as before",
        t.label
    );
    let months = unpol(&t.url, &["stats", "contributions", "--month", "2026-01"]);
    assert_eq!(
        months.status.code(),
        Some(1),
        "{}: no 2026 figures",
        t.label
    );

    let resumed = unpol(
        &t.url,
        &["import", "published", file.to_str().expect("utf-8 path")],
    );
    assert!(
        resumed.status.success(),
        "{}: the next import succeeds: {}",
        t.label,
        stderr(&resumed)
    );
    assert!(
        stderr(&resumed).contains("months covered: 12 (2026-01 to 2026-12)"),
        "{}",
        stderr(&resumed)
    );
    let months = unpol(&t.url, &["stats", "contributions", "--month", "2026-01"]);
    assert!(months.status.success(), "{}: committed this time", t.label);
    Ok(())
}

#[tokio::test]
async fn a_process_killed_mid_import_leaves_the_database_as_before() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        killed_import_leaves_nothing(&t).await?;
        t.cleanup().await?;
    }
    Ok(())
}

/// `unpol stats ... | head -1`: the reader closes the pipe before the table is written; the
/// command ends quietly with 0, as `cat` would, instead of panicking.
#[test]
fn a_closed_pipe_ends_the_command_quietly() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("unpol.db").display());
    let imported = unpol(&url, &["import", "published", "--bundled"]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    for format in ["table", "csv", "json"] {
        let mut child = common::unpol_on(&url)
            .args([
                "stats", "trend", "--from", "2015-01", "--to", "2025-07", "--format", format,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        drop(child.stdout.take());
        let out = child.wait_with_output()?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
    Ok(())
}
