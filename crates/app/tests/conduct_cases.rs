//! Conduct cases on both backends: who records, who reads what (DESIGN.md section 2), steps in
//! order, every read and every refusal in the audit trail, and no confidential text in clear in
//! the database's files or in a `pg_dump`.

use chrono::NaiveDate;
use unpol_app::Actor;
use unpol_app::accounts::AuditContext;
use unpol_app::conduct::{self, CaseInput, CaseView, Step, SubjectInput, VictimInput};
use unpol_app::sealed::CaseKey;
use unpol_app::testing::TestStore;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::conduct::{CaseStatus, DeadlineRules};
use unpol_domain::{Clock, CountryCode, MissionCode};
use unpol_storage::officers::WriteError;
use unpol_storage::testing::TestDb;

const NARRATIVE: &str = "Narrative 7731: reported at the gate of the Bangui camp by a neighbour";
const DETAILS: &str = "Victim detail 4410: medical care at the district hospital, referred 12 May";

fn today() -> NaiveDate {
    "2026-11-02".parse().expect("a day")
}

fn actor(login: &str, role: Role, scope: Scope) -> Actor {
    actor_on(login, role, scope, today())
}

fn actor_on(login: &str, role: Role, scope: Scope, day: NaiveDate) -> Actor {
    Actor::new(
        Principal {
            user_id: 1,
            login: login.into(),
            role,
            scope,
        },
        AuditContext {
            actor: login.into(),
            ..AuditContext::console().with_clock(Clock::on(day))
        },
    )
}

fn mission(code: &str) -> Scope {
    Scope::Mission(MissionCode::parse(code).expect("a mission"))
}

fn country(code: &str) -> Scope {
    Scope::Country(CountryCode::parse(code).expect("a country"))
}

fn input(restricted: bool) -> CaseInput {
    CaseInput {
        mission: "MINUSCA".into(),
        received_on: Some("2026-10-30".parse().expect("a day")),
        incident_on: None,
        incident_approximate: true,
        location: "Bangui".into(),
        allegation: "sexual_abuse".into(),
        urgent: false,
        restricted,
        subjects: vec![SubjectInput {
            officer: None,
            category: "formed_police_units".into(),
            nationality: "SEN".into(),
        }],
        victims: vec![VictimInput {
            code: "V-1".into(),
            sex: "female".into(),
            age_group: "child".into(),
            details: DETAILS.into(),
        }],
        narrative: NARRATIVE.into(),
        notes: Some("Notes 5521".into()),
    }
}

fn refused_with(result: &Result<conduct::CaseId, WriteError>, key: &str) -> bool {
    matches!(result, Err(WriteError::Refused { message, .. }) if message.key == key)
}

#[tokio::test]
async fn cases_are_read_on_a_need_to_know_basis_and_sealed_at_rest() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store().with_case_key(CaseKey::generate());
        let minusca = actor("cdt-minusca", Role::Conduct, mission("MINUSCA"));
        let unmiss = actor("cdt-unmiss", Role::Conduct, mission("UNMISS"));
        let everywhere = actor("cdt-hq", Role::Conduct, Scope::All);
        let senegal = actor("pcc-sen", Role::Pcc, country("SEN"));
        let france = actor("pcc-fra", Role::Pcc, country("FRA"));
        let hq = actor("hq", Role::Hq, Scope::All);
        let admin = actor("admin", Role::Admin, Scope::All);
        let analyst = actor("analyst", Role::Analyst, Scope::All);

        // Only conduct officers record, and only in their mission.
        let by_hq = conduct::record_case(&store, &hq, input(false)).await;
        assert!(refused_with(&by_hq, "conduct-only"), "{by_hq:?}");
        let elsewhere = conduct::record_case(&store, &unmiss, input(false)).await;
        assert!(
            refused_with(&elsewhere, "own-mission-cases"),
            "{elsewhere:?}"
        );
        let mut bad = input(false);
        bad.allegation = "sea".into();
        let bad = conduct::record_case(&store, &minusca, bad).await;
        assert!(refused_with(&bad, "value-unknown"), "{bad:?}");

        let id = conduct::record_case(&store, &minusca, input(false)).await?;

        // The conduct officers of the mission, and those of every mission, read it in full.
        for reader in [&minusca, &everywhere] {
            let Some(CaseView::Full {
                narrative,
                victims,
                summary,
                ..
            }) = conduct::case(&store, reader, id).await?
            else {
                panic!(
                    "{}: {} reads the case in full",
                    t.label, reader.principal.login
                )
            };
            assert_eq!(narrative, NARRATIVE);
            assert_eq!(victims[0].details, DETAILS);
            assert!(summary.urgent, "a child victim makes the case urgent");
        }
        // Everyone else: as if there were no such case, before any referral.
        for reader in [&unmiss, &senegal, &france, &hq, &admin, &analyst] {
            assert!(
                conduct::case(&store, reader, id).await?.is_none(),
                "{}: {}",
                t.label,
                reader.principal.login
            );
            assert!(conduct::cases(&store, reader).await?.is_empty());
        }

        // Steps in order; the referral names the country.
        let skipped = conduct::advance(
            &store,
            &minusca,
            id,
            Step {
                on: None,
                referred_to: Some("SEN"),
                ..Step::to(CaseStatus::Referred)
            },
        )
        .await;
        assert!(
            matches!(&skipped, Err(WriteError::Refused { conflict: true, message }) if message.key == "conduct-out-of-order"),
            "{skipped:?}"
        );
        let by_other_mission = conduct::advance(
            &store,
            &unmiss,
            id,
            Step {
                on: None,
                referred_to: None,
                ..Step::to(CaseStatus::PreliminaryAssessment)
            },
        )
        .await;
        assert!(matches!(by_other_mission, Err(WriteError::NotFound)));
        conduct::advance(
            &store,
            &minusca,
            id,
            Step {
                on: None,
                referred_to: None,
                ..Step::to(CaseStatus::PreliminaryAssessment)
            },
        )
        .await?;
        let referred = conduct::advance(
            &store,
            &minusca,
            id,
            Step {
                on: None,
                referred_to: Some("SEN"),
                ..Step::to(CaseStatus::Referred)
            },
        )
        .await?;
        assert_eq!(referred.referred_on, Some(today()));

        // The focal point of the country it was referred to reads the summary only.
        let view = conduct::case(&store, &senegal, id)
            .await?
            .expect("Senegal reads its referred case");
        let json = serde_json::to_string(&view)?;
        assert!(json.contains("\"view\":\"referred\""), "{json}");
        for hidden in [
            "narrative",
            "victim",
            "notes",
            "location",
            "7731",
            "4410",
            "V-1",
        ] {
            assert!(!json.contains(hidden), "{}: `{hidden}` in {json}", t.label);
        }
        assert!(conduct::case(&store, &france, id).await?.is_none());
        assert_eq!(conduct::cases(&store, &senegal).await?.len(), 1);

        // A restricted case: its recorder reads it; another conduct officer of the mission does not.
        let restricted = conduct::record_case(&store, &everywhere, input(true)).await?;
        assert!(
            conduct::case(&store, &everywhere, restricted)
                .await?
                .is_some()
        );
        assert!(conduct::case(&store, &minusca, restricted).await?.is_none());

        // Every read and every refusal is in the trail.
        let trail = t.db.audit_chain().await?;
        let record = format!("conduct_case:{}", id.0);
        let of = |action: &str| {
            trail
                .iter()
                .filter(|e| e.event.action == action && e.event.record == record)
                .map(|e| e.event.actor.clone())
                .collect::<Vec<_>>()
        };
        let reads = of("conduct.case.read");
        for login in ["cdt-minusca", "cdt-hq", "pcc-sen"] {
            assert!(reads.iter().any(|a| a == login), "{}: {reads:?}", t.label);
        }
        let refusals = of("access.refused");
        for login in ["cdt-unmiss", "pcc-fra", "hq", "admin", "analyst"] {
            assert!(
                refusals.iter().any(|a| a == login),
                "{}: {refusals:?}",
                t.label
            );
        }

        // At rest: no confidential text in clear, nor as hex, in the files or the dump.
        let stored = stored_bytes(&t)?;
        for secret in [NARRATIVE, DETAILS, "Notes 5521"] {
            let probe = &secret[..secret.len().min(20)];
            assert!(
                !contains(&stored, probe.as_bytes()),
                "{}: `{probe}` in clear",
                t.label
            );
            assert!(
                !contains(&stored, hex(probe).as_bytes()),
                "{}: `{probe}` as hex",
                t.label
            );
        }
        t.cleanup().await?;
    }
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

/// What a thief of the database gets: the SQLite file and its journal, or a `pg_dump`.
fn stored_bytes(t: &TestDb) -> anyhow::Result<Vec<u8>> {
    if t.label == "sqlite" {
        let path = t
            .url
            .strip_prefix("sqlite://")
            .and_then(|p| p.split('?').next())
            .ok_or_else(|| anyhow::anyhow!("an SQLite URL: {}", t.url))?;
        let mut bytes = std::fs::read(path)?;
        for suffix in ["-wal", "-journal"] {
            if let Ok(more) = std::fs::read(format!("{path}{suffix}")) {
                bytes.extend(more);
            }
        }
        anyhow::ensure!(bytes.len() > 10_000, "the database file was read");
        return Ok(bytes);
    }
    let out = std::process::Command::new("pg_dump")
        .arg("--dbname")
        .arg(&t.url)
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "pg_dump: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    anyhow::ensure!(
        contains(&out.stdout, b"conduct_case"),
        "the dump holds the cases"
    );
    Ok(out.stdout)
}

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a day")
}

/// The clocks: a referral on a Monday gives the country 10 working days to name its investigator
/// (due the Monday two weeks later) and, a child being a victim, three months to investigate. The
/// overdue list follows the injected date and the deadlines of the reference data.
#[tokio::test]
async fn the_overdue_list_follows_the_date_and_the_reference_deadlines() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let store = t.store().with_case_key(CaseKey::generate());
    let on = |d: &str| actor_on("cdt-minusca", Role::Conduct, mission("MINUSCA"), day(d));
    let id = conduct::record_case(&store, &on("2026-11-02"), input(false)).await?;
    conduct::advance(
        &store,
        &on("2026-11-02"),
        id,
        Step {
            on: None,
            referred_to: None,
            ..Step::to(CaseStatus::PreliminaryAssessment)
        },
    )
    .await?;
    let future = conduct::advance(
        &store,
        &on("2026-11-02"),
        id,
        Step {
            on: Some(day("2026-11-03")),
            referred_to: Some("SEN"),
            ..Step::to(CaseStatus::Referred)
        },
    )
    .await;
    assert!(
        matches!(&future, Err(WriteError::Refused { message, .. }) if message.key == "fg-date-future"),
        "{future:?}"
    );
    conduct::advance(
        &store,
        &on("2026-11-02"),
        id,
        Step {
            on: None,
            referred_to: Some("SEN"),
            ..Step::to(CaseStatus::Referred)
        },
    )
    .await?;

    let rules = unpol_storage::reference::conduct_deadline_rules()?;
    let clocks = |d: &str, within: u32, rules: DeadlineRules| {
        let store = store.clone();
        let actor = on(d);
        async move {
            conduct::overdue_under(&store, &actor, within, &rules)
                .await
                .map(|list| {
                    list.iter()
                        .map(|c| (c.clock, c.due, c.days_left))
                        .collect::<Vec<_>>()
                })
        }
    };
    assert!(clocks("2026-11-02", 7, rules).await?.is_empty());
    assert_eq!(
        clocks("2026-11-10", 7, rules).await?,
        [("name_investigator", day("2026-11-16"), 6)],
        "due within a week"
    );
    assert_eq!(
        clocks("2026-11-17", 0, rules).await?,
        [("name_investigator", day("2026-11-16"), -1)],
        "run out"
    );
    let longer = DeadlineRules {
        investigator_working_days: 20,
        ..rules
    };
    assert!(
        clocks("2026-11-17", 0, longer).await?.is_empty(),
        "the reference data's deadlines, not the code's"
    );
    // The focal point of the country sees the same clock of its referred case; Kenya's sees none.
    let senegal = actor_on("pcc-sen", Role::Pcc, country("SEN"), day("2026-11-17"));
    assert_eq!(
        conduct::overdue_under(&store, &senegal, 0, &rules)
            .await?
            .len(),
        1
    );
    let kenya = actor_on("pcc-ken", Role::Pcc, country("KEN"), day("2026-11-17"));
    assert!(
        conduct::overdue_under(&store, &kenya, 0, &rules)
            .await?
            .is_empty()
    );

    // The focal point records the investigator, named late: the first clock stops; the
    // investigation's runs to 2027-02-02 (urgent: 3 months). It may not close the case.
    let unnamed = conduct::advance(
        &store,
        &senegal,
        id,
        Step::to(CaseStatus::InvestigatorNamed),
    )
    .await;
    assert!(
        matches!(&unnamed, Err(WriteError::Refused { message, .. }) if message.key == "text-required"),
        "{unnamed:?}"
    );
    let kenyan = conduct::advance(
        &store,
        &kenya,
        id,
        Step {
            investigator: Some("contributing_country"),
            ..Step::to(CaseStatus::InvestigatorNamed)
        },
    )
    .await;
    assert!(matches!(kenyan, Err(WriteError::NotFound)), "{kenyan:?}");
    let named = conduct::advance(
        &store,
        &senegal,
        id,
        Step {
            investigator: Some("contributing_country"),
            ..Step::to(CaseStatus::InvestigatorNamed)
        },
    )
    .await?;
    assert_eq!(
        named.investigator,
        Some(unpol_domain::conduct::Investigator::ContributingCountry)
    );
    let closing = conduct::advance(&store, &senegal, id, Step::to(CaseStatus::Closed)).await;
    assert!(
        matches!(&closing, Err(WriteError::Refused { message, .. }) if message.key == "conduct-step-country"),
        "{closing:?}"
    );
    assert!(clocks("2026-11-17", 0, rules).await?.is_empty());
    assert_eq!(
        clocks("2027-02-03", 0, rules).await?,
        [("complete_investigation", day("2027-02-02"), -1)]
    );
    let before = conduct::advance(
        &store,
        &on("2026-11-20"),
        id,
        Step {
            on: Some(day("2026-11-16")),
            referred_to: None,
            ..Step::to(CaseStatus::UnderInvestigation)
        },
    )
    .await;
    assert!(
        matches!(&before, Err(WriteError::Refused { message, .. }) if message.key == "conduct-date-before"),
        "{before:?}"
    );
    t.cleanup().await
}

/// An administrator reads no case, except by breaking the glass with a reason; the case then
/// shows its conduct officers who read it, when, and the administrator's reason. The trail keeps
/// every read.
#[tokio::test]
async fn breaking_the_glass_is_stated_audited_and_shown_on_the_case() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store().with_case_key(CaseKey::generate());
        let minusca = actor("cdt-minusca", Role::Conduct, mission("MINUSCA"));
        let admin = actor("admin", Role::Admin, Scope::All);
        let id = conduct::record_case(&store, &minusca, input(false)).await?;
        assert!(conduct::case(&store, &admin, id).await?.is_none());
        let short = conduct::break_glass(&store, &admin, id, "because").await;
        assert!(
            matches!(&short, Err(WriteError::Refused { message, .. }) if message.key == "conduct-glass-reason"),
            "{short:?}"
        );
        let by_conduct =
            conduct::break_glass(&store, &minusca, id, "a reason long enough to state").await;
        assert!(
            matches!(&by_conduct, Err(WriteError::Refused { message, .. }) if message.key == "conduct-glass-admin"),
            "{by_conduct:?}"
        );
        let missing = conduct::break_glass(
            &store,
            &admin,
            conduct::CaseId(id.0 + 100),
            "subpoena 2026/114 from the tribunal",
        )
        .await;
        assert!(matches!(missing, Err(WriteError::NotFound)), "{missing:?}");
        let opened =
            conduct::break_glass(&store, &admin, id, "subpoena 2026/114 from the tribunal").await?;
        assert!(
            matches!(&opened, CaseView::Full { narrative, .. } if narrative == NARRATIVE),
            "{}",
            t.label
        );

        let Some(CaseView::Full { reads, .. }) = conduct::case(&store, &minusca, id).await? else {
            panic!("{}: the conduct officer reads the case", t.label);
        };
        let who: Vec<(&str, Option<&str>)> = reads
            .iter()
            .map(|r| (r.login.as_str(), r.glass_reason.as_deref()))
            .collect();
        assert_eq!(
            who,
            [
                ("admin", Some("subpoena 2026/114 from the tribunal")),
                ("cdt-minusca", None)
            ],
            "{}",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

/// The public figures count one allegation per case, once for each category and nationality it
/// names, on both backends: the same as a count made directly in SQL from the stored cases.
#[tokio::test]
async fn public_figures_equal_a_direct_count() -> anyhow::Result<()> {
    use std::collections::BTreeMap;
    for t in TestDb::all().await? {
        let store = t.store().with_case_key(CaseKey::generate());
        let everywhere = actor("cdt-hq", Role::Conduct, Scope::All);
        let subject = |category: &str, nationality: &str| SubjectInput {
            officer: None,
            category: category.into(),
            nationality: nationality.into(),
        };
        let cases = [
            (
                "MINUSCA",
                "2025-03-01",
                "sexual_abuse",
                vec![subject("formed_police_units", "SEN")],
            ),
            // Two categories and two countries: counted once for each pair.
            (
                "MINUSCA",
                "2025-07-14",
                "sexual_exploitation",
                vec![
                    subject("formed_police_units", "SEN"),
                    subject("individual_police", "FRA"),
                    subject("individual_police", "FRA"),
                ],
            ),
            (
                "UNMISS",
                "2026-01-09",
                "category_2",
                vec![subject("individual_police", "KEN")],
            ),
            (
                "MINUSCA",
                "2026-02-20",
                "sexual_abuse",
                vec![subject("formed_police_units", "SEN")],
            ),
        ];
        for (m, on, allegation, subjects) in cases {
            let mut case = input(false);
            case.mission = m.into();
            case.received_on = Some(day(on));
            case.allegation = allegation.into();
            case.subjects = subjects;
            conduct::record_case(&store, &everywhere, case).await?;
        }

        let figures = conduct::allegations(&store).await?;
        let published: BTreeMap<(i32, String, String, String, String), u32> = figures
            .iter()
            .map(|f| {
                (
                    (
                        f.year,
                        f.mission.to_string(),
                        f.category.stored().to_string(),
                        f.nationality.to_string(),
                        f.allegation.code().to_string(),
                    ),
                    f.allegations,
                )
            })
            .collect();
        const DIRECT: &str = "SELECT CAST(received_on AS TEXT), c.mission, s.category, \
             s.nationality, c.allegation, COUNT(DISTINCT c.id) FROM conduct_case c \
             JOIN conduct_subject s ON s.case_id = c.id \
             GROUP BY CAST(received_on AS TEXT), c.mission, s.category, s.nationality, c.allegation";
        type Direct = Vec<(String, String, String, String, String, i64)>;
        let direct: Direct = match t.db.pool() {
            unpol_storage::Pool::Sqlite(pool) => sqlx::query_as(DIRECT).fetch_all(pool).await?,
            unpol_storage::Pool::Postgres(pool) => sqlx::query_as(DIRECT).fetch_all(pool).await?,
        };
        let mut counted: BTreeMap<(i32, String, String, String, String), u32> = BTreeMap::new();
        for (on, m, category, nationality, allegation, n) in direct {
            let year: i32 = on[..4].parse()?;
            *counted
                .entry((year, m, category, nationality, allegation))
                .or_default() += u32::try_from(n)?;
        }
        assert_eq!(published, counted, "{}", t.label);
        assert_eq!(
            published.get(&(
                2025,
                "MINUSCA".into(),
                "ipo".into(),
                "FRA".into(),
                "sexual_exploitation".into()
            )),
            Some(&1),
            "a subject named twice counts once"
        );
        assert_eq!(figures.iter().map(|f| f.allegations).sum::<u32>(), 5);
        t.cleanup().await?;
    }
    Ok(())
}

/// A case naming officers of two countries: each focal point sees its own nationals among the
/// subjects, and the measures taken against them only. A case cannot be received after today,
/// nor its incident come after its receipt.
#[tokio::test]
async fn a_focal_point_sees_only_its_own_subjects_and_dates_are_checked() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let store = t.store().with_case_key(CaseKey::generate());
    let cdt = actor("cdt", Role::Conduct, Scope::All);
    let mut case = input(false);
    case.subjects.push(SubjectInput {
        officer: None,
        category: "individual_police".into(),
        nationality: "FRA".into(),
    });
    let mut later = case.clone();
    later.received_on = Some(day("2026-11-03"));
    let refused = conduct::record_case(&store, &cdt, later).await;
    assert!(refused_with(&refused, "fg-date-future"), "{refused:?}");
    let mut backwards = case.clone();
    backwards.incident_on = Some(day("2026-10-31"));
    let refused = conduct::record_case(&store, &cdt, backwards).await;
    assert!(
        refused_with(&refused, "conduct-incident-after"),
        "{refused:?}"
    );

    let id = conduct::record_case(&store, &cdt, case).await?;
    conduct::advance(
        &store,
        &cdt,
        id,
        Step::to(CaseStatus::PreliminaryAssessment),
    )
    .await?;
    let refer = Step {
        referred_to: Some("SEN"),
        ..Step::to(CaseStatus::Referred)
    };
    conduct::advance(&store, &cdt, id, refer).await?;
    let senegal = actor("pcc-sen", Role::Pcc, country("SEN"));
    let Some(CaseView::Referred { summary }) = conduct::case(&store, &senegal, id).await? else {
        panic!("Senegal reads the case referred to it");
    };
    let countries: Vec<String> = summary
        .subjects
        .iter()
        .map(|s| s.nationality.to_string())
        .collect();
    assert_eq!(
        countries,
        ["SEN"],
        "France's subject is not Senegal's to see"
    );
    let listed = conduct::cases(&store, &senegal).await?;
    assert_eq!(listed[0].subjects.len(), 1);
    let Some(CaseView::Full { summary, .. }) = conduct::case(&store, &cdt, id).await? else {
        panic!("the conduct officer reads the case in full");
    };
    assert_eq!(summary.subjects.len(), 2);
    t.cleanup().await
}
