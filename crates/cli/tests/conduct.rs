//! `unpol conduct` at the console: each command acts as a user (`--as`), with that user's need
//! to know; every read lands in the audit trail, where `unpol audit show --record case:N` finds
//! who read the case; the case key is created beside the SQLite database and the narrative never
//! reaches the file in clear.

mod common;

use common::{stderr, unpol};
use serde_json::Value;

const NARRATIVE: &str = "Narrative 60913 reported at the Bangui gate";

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn conduct_cases_at_the_console_keep_need_to_know_and_the_trail() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("unpol.db");
    let url = format!("sqlite://{}", db.display());
    for (login, role, scope) in [
        ("cdt", "conduct", ["--mission", "MINUSCA"]),
        ("sen", "pcc", ["--country", "SEN"]),
        ("ken", "pcc", ["--country", "KEN"]),
    ] {
        ok(&unpol(
            &url,
            &["user", "add", login, "--role", role, scope[0], scope[1]],
        ));
    }
    let case = dir.path().join("case.json");
    std::fs::write(
        &case,
        serde_json::json!({
            "mission": "MINUSCA", "allegation": "sexual_abuse", "location": "Bangui",
            "received_on": "2026-11-20",
            "subjects": [{"category": "formed_police_units", "nationality": "SEN"}],
            "victims": [{"code": "V-1", "sex": "female", "age_group": "child",
                         "details": "medical care 44170"}],
            "narrative": NARRATIVE
        })
        .to_string(),
    )?;
    let by_pcc = unpol(
        &url,
        &[
            "conduct",
            "case",
            "add",
            "--as",
            "sen",
            case.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(!by_pcc.status.success());
    assert!(
        stderr(&by_pcc).contains("only conduct officers"),
        "{}",
        stderr(&by_pcc)
    );
    let id = ok(&unpol(
        &url,
        &[
            "conduct",
            "case",
            "add",
            "--as",
            "cdt",
            case.to_str().expect("a UTF-8 path"),
        ],
    ));
    let id = id.trim();
    assert!(
        db.with_extension("db.case-key").exists(),
        "the key beside the database"
    );

    // Not yet referred: the focal point sees nothing of it.
    let hidden = unpol(&url, &["conduct", "case", "show", id, "--as", "sen"]);
    assert!(!hidden.status.success());
    ok(&unpol(
        &url,
        &[
            "conduct",
            "case",
            "step",
            id,
            "--as",
            "cdt",
            "--to",
            "preliminary_assessment",
            "--on",
            "2026-11-23",
        ],
    ));
    ok(&unpol(
        &url,
        &[
            "conduct",
            "case",
            "refer",
            id,
            "--as",
            "cdt",
            "--to",
            "SEN",
            "--on",
            "2026-11-27",
        ],
    ));

    let json: Value = serde_json::from_str(&ok(&unpol(
        &url,
        &[
            "conduct", "case", "show", id, "--as", "sen", "--format", "json",
        ],
    )))?;
    assert_eq!(json["view"], "referred");
    assert_eq!(json["referred_to"], "SEN");
    let text = json.to_string();
    for secret in ["60913", "44170", "victims", "narrative", "V-1"] {
        assert!(!text.contains(secret), "`{secret}` in {text}");
    }
    let kenya = unpol(&url, &["conduct", "case", "show", id, "--as", "ken"]);
    assert!(!kenya.status.success());
    let full = ok(&unpol(
        &url,
        &["conduct", "case", "show", id, "--as", "cdt"],
    ));
    assert!(full.contains(NARRATIVE), "{full}");

    // The focal point names its investigator; the clock: referral on Friday 27 November, 10
    // working days, due Friday 11 December (UNPOL_TODAY is 1 December).
    let overdue = ok(&unpol(
        &url,
        &[
            "conduct", "overdue", "--as", "sen", "--within", "10", "--format", "csv",
        ],
    ));
    assert!(
        overdue.contains("SEN,1,MINUSCA,name_investigator,2026-12-11,10"),
        "{overdue}"
    );
    ok(&unpol(
        &url,
        &[
            "conduct",
            "case",
            "step",
            id,
            "--as",
            "sen",
            "--to",
            "investigator_named",
            "--investigator",
            "contributing_country",
        ],
    ));
    let overdue = ok(&unpol(
        &url,
        &[
            "conduct", "overdue", "--as", "sen", "--within", "10", "--format", "csv",
        ],
    ));
    assert_eq!(
        overdue.lines().count(),
        1,
        "the first clock stopped: {overdue}"
    );

    // Who read the case: the trail under its short name.
    let trail: Value = serde_json::from_str(&ok(&unpol(
        &url,
        &[
            "audit",
            "show",
            "--record",
            &format!("case:{id}"),
            "--format",
            "json",
        ],
    )))?;
    let reads: Vec<&str> = trail
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] == "conduct.case.read")
        .map(|e| e["actor"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(reads, ["sen", "cdt"]);
    let refused = trail
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] == "access.refused")
        .count();
    assert_eq!(refused, 2, "the early focal point's and Kenya's: {trail}");

    let figures = ok(&unpol(&url, &["conduct", "figures", "--format", "csv"]));
    assert_eq!(
        figures.lines().nth(1),
        Some("2026,MINUSCA,formed_police_units,SEN,sexual_abuse,investigator_named,1")
    );
    let stored = std::fs::read(&db)?;
    assert!(
        !stored.windows(5).any(|w| w == b"60913"),
        "the narrative in clear"
    );
    Ok(())
}
