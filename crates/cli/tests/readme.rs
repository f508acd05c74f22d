//! The README's force-generation session, run as written on the demo, line by line: what a new
//! user copies must work and print what the README says.

use std::path::PathBuf;

use unpol_app::testing::TestDb;

mod common;

use common::{stderr, unpol};

/// The lines of the first `sh` block after `heading`, without their comments.
fn session(readme: &str, heading: &str) -> Vec<String> {
    let after = &readme[readme.find(heading).expect("the README has the heading")..];
    let block = &after[after.find("```sh\n").expect("a shell block") + 6..];
    let block = &block[..block.find("```").expect("the block ends")];
    block
        .lines()
        .map(|l| l.split("  #").next().unwrap_or(l).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A command line split as a shell would (double quotes group words).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[tokio::test]
async fn the_force_generation_session_runs_as_written_on_the_demo() -> anyhow::Result<()> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))?;
    assert!(readme.contains("unpol demo --like 2025-07"));
    let t = TestDb::sqlite().await?;
    for setup in [
        &["import", "published", "--bundled"][..],
        &["demo", "--like", "2025-07"][..],
    ] {
        let out = unpol(&t.url, setup);
        assert!(out.status.success(), "{setup:?}: {}", stderr(&out));
    }
    let lines = session(&readme, "## Force generation");
    assert!(lines.len() >= 10, "{lines:?}");
    let mut said = Vec::new();
    for line in &lines {
        let words = words(line);
        assert_eq!(words[0], "unpol", "{line}");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let out = unpol(&t.url, &args);
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out));
        assert!(out.status.success(), "{line}\n{text}");
        said.push((line.clone(), text));
    }
    let output = |command: &str| -> &str {
        &said
            .iter()
            .find(|(line, _)| line.contains(command))
            .unwrap_or_else(|| panic!("{command} is in the session"))
            .1
    };
    let list = output("request list");
    for (id, status) in [
        ("4", "draft"),
        ("3", "sent"),
        ("2", "closed"),
        ("1", "closed"),
    ] {
        assert!(
            list.lines()
                .any(|l| l.contains(&format!(" {id} ")) && l.contains(status)),
            "request {id} {status}: {list}"
        );
    }
    let picks = output("picks --request 3");
    assert!(
        picks
            .lines()
            .any(|l| l.contains("2453") && l.contains("Adjoa Ndiaye") && l.contains("true")),
        "{picks}"
    );
    assert!(output("plan --request 3").contains("2453"));
    assert!(output("--cap 1").contains("one country <= 100.0%"));
    assert!(output("deploy --request 3").contains("1 officers deployed"));
    assert!(output("request close --request 3").contains("closed on"));
    assert!(output("lead-times").contains("SEN"));
    assert!(output("request add").contains("request 5 recorded for MINUSCA and sent to FRA, SEN"));

    // Twice from the command line: the request is closed, nothing is deployed again.
    for again in [
        &["forcegen", "deploy", "--request", "3"][..],
        &["forcegen", "select", "--request", "3"][..],
    ] {
        let out = unpol(&t.url, again);
        assert_eq!(out.status.code(), Some(1), "{again:?}");
        assert!(
            stderr(&out).contains("request 3 is closed and cannot become"),
            "{again:?}: {}",
            stderr(&out)
        );
    }
    let nominations = unpol(
        &t.url,
        &[
            "forcegen",
            "nominations",
            "--request",
            "3",
            "--format",
            "json",
        ],
    );
    let list: serde_json::Value = serde_json::from_slice(&nominations.stdout)?;
    let deployed = list
        .as_array()
        .map(|l| l.iter().filter(|n| n["status"] == "deployed").count())
        .unwrap_or(0);
    assert!(deployed <= 4, "request 3 has 4 posts: {list}");
    t.cleanup().await?;
    Ok(())
}
