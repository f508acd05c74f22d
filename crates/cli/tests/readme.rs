//! Every shell example of the README, run as written, in order, in one shell session on one
//! database: what a new user copies must work and print what the README says. Only the two
//! commands at the top (`scripts/demo`, `scripts/test`) are left out: CI runs the second, and the
//! first is `unpol serve --demo`, which the server tests start.
//!
//! The session runs in a folder beside a link to `../shared`, as from a checkout; the server's
//! address `127.0.0.1:8080` becomes a free port, and `unpol serve` runs in the background until the
//! session ends. Each command's output and exit status are kept for the checks below.

use std::path::{Path, PathBuf};
use std::process::Command;

use unpol_app::testing::TestDb;

mod common;

/// The README's own address for the server.
const README_ADDRESS: &str = "127.0.0.1:8080";

/// Commands the README says exit 1, with what they say.
const EXPECTED_FAILURES: &[(&str, &str)] = &[
    (
        "source-pdf-samples --dry-run",
        "the men and women columns are mixed up in this report",
    ),
    (
        "in_progress --as pcc-senegal",
        "only headquarters and mission staff record this",
    ),
];

/// The `sh` blocks of the README after the section `## The two commands`, in order, each with
/// the heading of its section.
fn blocks(readme: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut section = String::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.to_string();
        } else if line == "```sh" {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            if section != "The two commands" {
                blocks.push((section.clone(), body.join("\n")));
            }
        }
    }
    blocks
}

/// The commands of a block: continued lines (`\`) joined, lines that hold only a comment left out.
fn commands(block: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in block.lines() {
        if current.is_empty() && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        current.push_str(line);
        if current.ends_with('\\') {
            current.push('\n');
        } else {
            commands.push(std::mem::take(&mut current));
        }
    }
    commands
}

/// A command without its trailing comment, to match on.
fn bare(command: &str) -> &str {
    command.split("  #").next().unwrap_or(command).trim()
}

/// What one command printed (stdout and stderr) and its exit status.
struct Ran {
    command: String,
    output: String,
    status: i32,
}

/// The bash script of a session: each command between markers that carry its number and exit
/// status; `unpol serve` in the background, waited for until it answers.
fn script(commands: &[String], address: &str) -> String {
    let mut script = String::from("set -u\ntrap 'kill $(jobs -p) 2>/dev/null' EXIT\n");
    for (n, command) in commands.iter().enumerate() {
        let command = command.replace(README_ADDRESS, address);
        script.push_str(&format!("echo '@@@ {n}'\n"));
        if bare(&command).starts_with("unpol serve") {
            // Its status: 0 once it answers, 1 if it never does (its log is then its output).
            script.push_str(&format!(
                "{} > serve.log 2>&1 &\n\
                 up=1; for _ in $(seq 100); do \
                 if curl -sf http://{address}/healthz >/dev/null; then up=0; break; fi; \
                 kill -0 $! 2>/dev/null || break; sleep 0.2; done\n\
                 [ $up = 0 ] || cat serve.log\n\
                 echo \"@@@ status $up\"\n",
                bare(&command)
            ));
        } else {
            script.push_str(&format!("{{ {command}\n}} 2>&1\necho \"@@@ status $?\"\n"));
        }
    }
    script
}

/// Splits a session's output at its markers.
fn outputs(commands: &[String], printed: &str) -> Vec<Ran> {
    let mut ran = Vec::new();
    for part in printed.split("@@@ ").skip(1) {
        let (head, rest) = part.split_once('\n').unwrap_or((part, ""));
        if let Some(status) = head.strip_prefix("status ") {
            if let Some(last) = ran.last_mut() {
                let last: &mut Ran = last;
                last.status = status.trim().parse().unwrap_or(-1);
            }
        } else if let Ok(n) = head.trim().parse::<usize>() {
            ran.push(Ran {
                command: commands[n].clone(),
                output: rest.to_string(),
                status: -1,
            });
        } else if let Some(last) = ran.last_mut() {
            last.output.push_str("@@@ ");
            last.output.push_str(part);
        }
    }
    ran
}

/// A folder to run the session in, beside a link named `shared` to the shared data.
fn checkout() -> anyhow::Result<PathBuf> {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("readme");
    if root.exists() {
        std::fs::remove_dir_all(&root)?;
    }
    let here = root.join("unpol");
    std::fs::create_dir_all(&here)?;
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    std::os::unix::fs::symlink(shared.canonicalize()?, root.join("shared"))?;
    Ok(here)
}

fn free_address() -> anyhow::Result<String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.to_string())
}

#[tokio::test]
async fn every_readme_example_runs_as_written_and_prints_what_the_readme_says() -> anyhow::Result<()>
{
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))?;
    let blocks = blocks(&readme);
    let sections: Vec<&str> = blocks.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        sections,
        [
            "Using it",
            "Force generation",
            "Accounts, the server and the API",
            "Accounts, the server and the API",
            "Accounts, the server and the API",
            "Conduct and discipline",
            "Incidents",
            "Capacity building, performance and indicators",
        ],
        "the blocks this test knows; a new one is run too, and deserves its checks below"
    );
    let commands: Vec<String> = blocks.iter().flat_map(|(_, b)| commands(b)).collect();
    let t = TestDb::sqlite().await?;
    let here = checkout()?;
    let binaries = Path::new(env!("CARGO_BIN_EXE_unpol"))
        .parent()
        .expect("the binary's folder")
        .to_path_buf();
    let path = format!(
        "{}:{}",
        binaries.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let printed = Command::new("bash")
        .arg("-c")
        .arg(script(&commands, &free_address()?))
        .current_dir(&here)
        .env("PATH", path)
        .env("UNPOL_DATABASE_URL", &t.url)
        .env("UNPOL_AUDIT_KEY", unpol_app::testing::TEST_AUDIT_KEY)
        .env("UNPOL_TODAY", common::TODAY)
        .env_remove("UNPOL_FAILPOINT")
        .output()?;
    let printed = String::from_utf8_lossy(&printed.stdout).into_owned();
    let ran = outputs(&commands, &printed);
    assert_eq!(ran.len(), commands.len(), "every command ran:\n{printed}");
    for r in &ran {
        match EXPECTED_FAILURES
            .iter()
            .find(|(command, _)| r.command.contains(command))
        {
            Some((_, says)) => {
                assert_eq!(r.status, 1, "{}\n{}", r.command, r.output);
                assert!(r.output.contains(says), "{}\n{}", r.command, r.output);
            }
            None => assert_eq!(r.status, 0, "{}\n{}", r.command, r.output),
        }
    }
    let output = |command: &str| -> &str {
        &ran.iter()
            .find(|r| bare(&r.command).ends_with(command) || bare(&r.command) == command)
            .unwrap_or_else(|| panic!("`{command}` is in the README"))
            .output
    };

    // Using it.
    assert!(output("stats contributions --month 2025-07").contains("2025-07: 6,081 police"));
    assert!(
        output("stats contributions --month 2018-01")
            .contains("11,045 police (1,164 women, 10.5%) from 88 countries in 16 missions"),
        "the figures the README quotes"
    );
    assert!(output("--mission UNMISS --format csv").contains("mission,UNMISS,1561,248,1313"));
    assert!(output("--from 2027-01 --months 12 --mission UNMISS").contains("UNMISS    2027-01"));
    assert!(output("roster import roster.xlsx").contains("nothing changed"));
    assert!(output("--month 2025-07 --source records").contains("2025-07: 6,088 police"));

    // Force generation.
    let list = output("forcegen request list");
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
    let picks = output("picks --request 3 --name Ndiaye");
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
    assert!(output("lead-times --by country").contains("SEN"));
    assert!(
        output("--country-cap 0.5 --send")
            .contains("request 5 recorded for MINUSCA and sent to FRA, SEN")
    );

    // Accounts, the server and the API.
    let users = output("user list");
    for login in ["alice", "dakar", "unmiss-pol"] {
        assert!(users.contains(login), "{users}");
    }
    assert!(output("user disable unmiss-pol").contains("disabled"));
    assert!(output("token revoke 1").contains("token 1 revoked"));
    assert!(output("/api/v1/me").contains("\"login\":\"dakar\""));
    assert!(output("/api/v1/users").contains("\"login\":\"unmiss-pol\""));
    assert!(output("mission=UNMISS'").contains("\"total\":1561"));
    assert!(output("audit verify").contains("audit trail intact"));
    assert!(output("--checkpoint checkpoint-2026-12-01.json").contains("holds the"));
    assert!(output("--user dakar").contains("login.ok"));

    // Conduct and discipline.
    let shown = output("show \"$id\" --as pcc-senegal");
    assert!(
        shown.contains("Referred") && shown.contains("formed_police_units SEN"),
        "{shown}"
    );
    for secret in ["neighbour", "medical", "V-1", "Bangui"] {
        assert!(
            !shown.contains(secret),
            "`{secret}` shown to the focal point: {shown}"
        );
    }
    let clocks = output("overdue --as pcc-senegal --within 30");
    assert!(
        clocks.contains("name_investigator   2026-12-11"),
        "{clocks}"
    );
    assert!(output("--investigator contributing_country").contains("investigator_named"));
    let trail = output("--record \"case:$id\"");
    assert!(
        trail
            .lines()
            .any(|l| l.contains("pcc-senegal") && l.contains("conduct.case.read")),
        "{trail}"
    );
    assert!(output("unpol conduct figures").contains("MINUSCA"));

    // Incidents. The demo imported the bundled copy of the same file: the same GED ids.
    let import = output("ged_car_v23_1.csv --mission MINUSCA");
    assert!(
        import.contains("1848 events read for MINUSCA: 0 inserted, 1848 already imported"),
        "{import}"
    );
    let years = output("unpol incidents stats --by year");
    for (year, events, deaths) in [
        ("2014", "461", "3,493"),
        ("2017", "220", "1,848"),
        ("2021", "167", "1,080"),
    ] {
        assert!(
            years.lines().any(|l| {
                l.split_whitespace().collect::<Vec<_>>().get(1..)
                    == Some(&[year, events, deaths, "│"][..])
            }),
            "{year}: {years}"
        );
    }
    assert!(output("--to 2021-12-31").contains("Ouaka province"));
    let own = output("unpol incidents list --as minusca-pol --from 2026-11-01");
    assert!(
        own.contains("Bambari") && own.contains("threat_to_personnel"),
        "{own}"
    );
    let theirs = output("unpol incidents list --as pcc-senegal");
    assert!(!theirs.contains("MINUSCA"), "{theirs}");

    // Capacity building, performance and indicators: the course lands in its quarter, the
    // dashboard lists the demo's seven indicators, the task is handed over, the focal point reads
    // its nationals only and records no task.
    let quarters = output("unpol capacity quarters --as minusca-pol --format csv");
    let q4 = quarters
        .lines()
        .find(|l| l.starts_with("MINUSCA,2026-Q4,"))
        .unwrap_or_else(|| panic!("{quarters}"));
    let figures: Vec<u64> = q4
        .split(',')
        .skip(2)
        .map(|n| n.parse().expect("a count"))
        .collect();
    assert!(
        figures[0] >= 1 && figures[1] >= 6 && figures[2] >= 18,
        "{q4}"
    );
    let board = output("unpol indicators dashboard --mission MINUSCA");
    for name in [
        "Share of women in the police component",
        "Vacancy rate of posts",
        "entered",
    ] {
        assert!(board.contains(name), "{name}: {board}");
    }
    let tasks = output("unpol transition list --as minusca-pol --format csv");
    assert!(
        tasks
            .lines()
            .any(|l| l.contains("Security of the courts in Bangui") && l.contains("handed_over")),
        "{tasks}"
    );
    let evaluations = output("unpol performance list --as pcc-senegal --format csv");
    let nationalities: std::collections::BTreeSet<&str> = evaluations
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(3))
        .collect();
    assert!(
        !nationalities.is_empty() && nationalities.iter().all(|n| *n == "SEN"),
        "{evaluations}"
    );

    // Twice from the command line: the closed request deploys nobody again.
    for again in [
        &["forcegen", "deploy", "--request", "3"][..],
        &["forcegen", "select", "--request", "3"][..],
    ] {
        let out = common::unpol(&t.url, again);
        assert_eq!(out.status.code(), Some(1), "{again:?}");
        assert!(
            common::stderr(&out).contains("request 3 is closed and cannot become"),
            "{again:?}: {}",
            common::stderr(&out)
        );
    }
    let nominations = common::unpol(
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

#[test]
fn a_block_splits_into_commands_and_a_session_into_their_outputs() {
    let block = "unpol a  # one\n   # only a comment\ncurl -d x \\\n     http://h\n\nunpol b";
    let commands = commands(block);
    assert_eq!(
        commands,
        ["unpol a  # one", "curl -d x \\\n     http://h", "unpol b"]
    );
    let ran = outputs(
        &commands,
        "@@@ 0\nfirst\n@@@ status 0\n@@@ 1\n@@@ status 7\n@@@ 2\nthird\n",
    );
    assert_eq!(ran.len(), 3);
    assert_eq!((ran[0].output.as_str(), ran[0].status), ("first\n", 0));
    assert_eq!(ran[1].status, 7);
    assert_eq!(ran[2].status, -1, "no status: the session stopped");
}
