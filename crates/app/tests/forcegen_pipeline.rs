//! The force-generation pipeline end to end, on SQLite and on PostgreSQL: a request sent to two
//! countries, each country's focal point nominating its own nationals, the assessment results
//! deciding eligibility, the optimal plan (checked against every possible slate), the selection, the
//! deployment, and the tours in the roster and in the monthly report from records.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use unpol_app::Actor;
use unpol_app::accounts::AuditContext;
use unpol_app::forcegen::pipeline::{
    self, Candidate, Decision, PlanOptions, PlanReport, RequestInput,
};
use unpol_app::roster::{self, OfficerInput};
use unpol_app::stats::{self, Narrowing};
use unpol_app::testing::TestStore;
use unpol_domain::Clock;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::forcegen::{Ineligible, LeadTimeGroup, NominationStatus, RequestStatus};
use unpol_domain::roster::{AmsResult, AmsTest, Assessment, Gender, LanguageSkill, OfficerId};
use unpol_domain::{CountryCode, Month};
use unpol_storage::deployments::DeploymentFilter;
use unpol_storage::officers::{Page, WriteError};
use unpol_storage::testing::TestDb;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// The day every call of these tests takes as today, whatever the calendar says when they run.
fn today() -> NaiveDate {
    day("2026-11-01")
}

fn principal(role: Role, scope: Scope) -> Actor {
    let principal = Principal {
        user_id: 1,
        login: format!("{role}"),
        role,
        scope,
    };
    Actor::new(
        principal,
        AuditContext::console().with_clock(Clock::on(today())),
    )
}

fn pcc(country: &str) -> Actor {
    principal(
        Role::Pcc,
        Scope::Country(CountryCode::parse(country).expect("code")),
    )
}

/// An officer who passes every hard rule of the request below unless told otherwise.
fn officer(
    id: &str,
    nationality: &str,
    gender: &str,
    rank: &str,
    skills: &[&str],
    vetting: &str,
) -> OfficerInput {
    OfficerInput {
        external_id: id.into(),
        given_name: format!("Given{id}"),
        family_name: format!("Family{id}"),
        nationality: nationality.into(),
        gender: gender.into(),
        birth_date: day("1985-01-01"),
        rank: rank.into(),
        languages: vec![LanguageSkill {
            language: "fr".into(),
            level: 4,
        }],
        skills: skills.iter().map(|s| s.to_string()).collect(),
        vetting: vetting.into(),
        assessments: Some(
            AmsTest::ALL
                .into_iter()
                .map(|test| Assessment {
                    test,
                    result: AmsResult::Passed,
                    taken_on: day("2026-09-01"),
                    valid_until: Some(day("2028-09-01")),
                })
                .collect(),
        ),
    }
}

async fn add(store: &unpol_app::Store, who: &Actor, input: OfficerInput) -> OfficerId {
    roster::create_officer(store, who, input)
        .await
        .expect("officer recorded")
}

/// The best objective over every slate of at most `posts` eligible officers that keeps the women's
/// share and the country cap: what the plan must equal.
fn best_by_enumeration(report: &PlanReport) -> i64 {
    let all: Vec<&Candidate> = report.selected.iter().chain(&report.reserve).collect();
    let share = report.women_rule.as_ref().map_or(0.0, |r| r.share);
    let cap = report.country_cap.unwrap_or(1.0);
    let mut best = 0;
    for mask in 0u32..(1 << all.len()) {
        let slate: Vec<&Candidate> = (0..all.len())
            .filter(|i| mask >> i & 1 == 1)
            .map(|i| all[i])
            .collect();
        if slate.len() > report.posts as usize {
            continue;
        }
        let n = slate.len() as f64;
        let women = slate.iter().filter(|c| c.gender == Gender::Female).count() as f64;
        let mut per_country: BTreeMap<&str, f64> = BTreeMap::new();
        for c in &slate {
            *per_country.entry(&c.nationality).or_default() += 1.0;
        }
        if women + 1e-9 >= share * n && per_country.values().all(|&k| k <= cap * n + 1e-9) {
            best = best.max(slate.iter().map(|c| c.fit.total).sum());
        }
    }
    best
}

#[tokio::test]
async fn request_nominate_plan_select_deploy() -> anyhow::Result<()> {
    let hq = principal(Role::Hq, Scope::All);
    for t in TestDb::all().await? {
        let db = &t.db;
        let store = t.store();
        // The published history gives the parity baseline, hence the 2027 target.
        unpol_app::import::import_bundled(&store, Default::default()).await?;

        let (sen, fra, ken) = (pcc("SEN"), pcc("FRA"), pcc("KEN"));
        let sen_women = [
            add(
                &store,
                &sen,
                officer(
                    "SEN-1",
                    "SEN",
                    "female",
                    "Inspector",
                    &["sgbv_investigation"],
                    "cleared",
                ),
            )
            .await,
            add(
                &store,
                &sen,
                officer("SEN-2", "SEN", "female", "Chief Inspector", &[], "cleared"),
            )
            .await,
        ];
        let sen_men = [
            add(
                &store,
                &sen,
                officer(
                    "SEN-3",
                    "SEN",
                    "male",
                    "Superintendent",
                    &["sgbv_investigation", "investigations"],
                    "cleared",
                ),
            )
            .await,
            add(
                &store,
                &sen,
                officer(
                    "SEN-4",
                    "SEN",
                    "male",
                    "Inspector",
                    &["sgbv_investigation", "investigations"],
                    "cleared",
                ),
            )
            .await,
            add(
                &store,
                &sen,
                officer(
                    "SEN-5",
                    "SEN",
                    "male",
                    "Inspector",
                    &["sgbv_investigation", "investigations"],
                    "pending",
                ),
            )
            .await,
        ];
        let fra_officers = [
            add(
                &store,
                &fra,
                officer(
                    "FRA-1",
                    "FRA",
                    "female",
                    "Captain",
                    &["investigations"],
                    "cleared",
                ),
            )
            .await,
            add(
                &store,
                &fra,
                officer(
                    "FRA-2",
                    "FRA",
                    "male",
                    "Captain",
                    &["sgbv_investigation", "investigations"],
                    "cleared",
                ),
            )
            .await,
            add(
                &store,
                &fra,
                officer(
                    "FRA-3",
                    "FRA",
                    "male",
                    "Sergeant",
                    &["sgbv_investigation", "investigations"],
                    "cleared",
                ),
            )
            .await,
        ];
        let kenyan = add(
            &store,
            &ken,
            officer(
                "KEN-1",
                "KEN",
                "female",
                "Inspector",
                &["sgbv_investigation"],
                "cleared",
            ),
        )
        .await;

        let request = pipeline::create_request(
            &store,
            &hq,
            RequestInput {
                mission: "MINUSCA".into(),
                title: "SGBV investigators".into(),
                posts: 4,
                min_rank: "Inspector".into(),
                languages: vec![LanguageSkill {
                    language: "fr".into(),
                    level: 3,
                }],
                skills: vec!["sgbv_investigation".into(), "investigations".into()],
                start: day("2027-03-01"),
                tour_months: 12,
                deadline: day("2027-01-31"),
                country_cap: Some(0.5),
                countries: vec!["Senegal".into(), "FRA".into()],
            },
        )
        .await?;
        pipeline::advance(
            &store,
            &hq,
            request.id,
            RequestStatus::Sent,
            Decision::default(),
        )
        .await?;

        // A country the request was not sent to sees nothing of it.
        assert!(
            pipeline::nominations(&store, &ken, request.id)
                .await
                .is_err_and(|e| matches!(e, WriteError::NotFound))
        );
        assert!(db.requests(ken.scope()).await?.is_empty());
        assert_eq!(db.requests(sen.scope()).await?.len(), 1, "{}", t.label);

        for officer in sen_women.iter().chain(&sen_men) {
            pipeline::nominate(&store, &sen, request.id, *officer).await?;
        }
        for officer in &fra_officers {
            pipeline::nominate(&store, &fra, request.id, *officer).await?;
        }
        // Senegal's focal point cannot nominate (nor see) a French officer.
        let refused = pipeline::nominate(&store, &sen, request.id, fra_officers[0]).await;
        assert!(matches!(refused, Err(WriteError::NotFound)), "{refused:?}");
        // Nobody nominates a national of a country the request was not sent to.
        let refused = pipeline::nominate(&store, &hq, request.id, kenyan).await;
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.text().is_some_and(|t| t.contains("was not sent to KEN"))),
            "{refused:?}"
        );
        let twice = pipeline::nominate(&store, &sen, request.id, sen_women[0]).await;
        assert!(
            matches!(twice, Err(WriteError::Refused { conflict: true, .. })),
            "{twice:?}"
        );

        let seen_by_senegal = pipeline::nominations(&store, &sen, request.id).await?;
        assert_eq!(seen_by_senegal.len(), 5);
        assert!(
            seen_by_senegal
                .iter()
                .all(|n| n.nationality.as_str() == "SEN")
        );
        assert_eq!(
            pipeline::nominations(&store, &hq, request.id).await?.len(),
            8
        );

        // Failing the driving test makes an officer ineligible, with the reason.
        let mut failed = officer(
            "FRA-2",
            "FRA",
            "male",
            "Captain",
            &["sgbv_investigation", "investigations"],
            "cleared",
        );
        failed.assessments = Some(vec![
            Assessment {
                test: AmsTest::Language,
                result: AmsResult::Passed,
                taken_on: day("2026-09-01"),
                valid_until: Some(day("2028-09-01")),
            },
            Assessment {
                test: AmsTest::Driving,
                result: AmsResult::Failed,
                taken_on: day("2026-09-01"),
                valid_until: None,
            },
            Assessment {
                test: AmsTest::Firearms,
                result: AmsResult::Passed,
                taken_on: day("2026-09-01"),
                valid_until: Some(day("2028-09-01")),
            },
        ]);
        roster::update_officer(&store, &fra, fra_officers[1], failed).await?;

        let plan = pipeline::plan(&store, &hq, request.id, PlanOptions::default()).await?;
        let rule = plan.women_rule.as_ref().expect("a parity target for 2027");
        assert!(
            rule.source.starts_with("parity target 2027"),
            "{}",
            rule.source
        );
        let refused: BTreeMap<OfficerId, &Vec<Ineligible>> = plan
            .ineligible
            .iter()
            .map(|r| (r.officer, &r.reasons))
            .collect();
        assert!(matches!(
            refused[&sen_men[2]].as_slice(),
            [Ineligible::Vetting { .. }]
        ));
        assert!(matches!(
            refused[&fra_officers[1]].as_slice(),
            [Ineligible::Assessment { .. }]
        ));
        assert!(matches!(
            refused[&fra_officers[2]].as_slice(),
            [Ineligible::Rank { .. }]
        ));
        assert_eq!(plan.selected.len() + plan.reserve.len(), 5, "{plan:?}");
        assert_eq!(
            plan.objective,
            best_by_enumeration(&plan),
            "{} {plan:?}",
            t.label
        );
        assert!(plan.bound >= plan.objective);
        let women = plan
            .selected
            .iter()
            .filter(|c| c.gender == Gender::Female)
            .count() as f64;
        assert!(women >= rule.share * plan.selected.len() as f64);
        assert!(
            plan.selected
                .iter()
                .filter(|c| c.nationality == "SEN")
                .count()
                * 2
                <= plan.selected.len()
        );

        // A cap asked for replaces the request's, for this plan only: lifted, the slate is still
        // the best of those that keep the women's rule, and worth at least as much; tightened to
        // a quarter, at most one officer of four comes from one country.
        let lifted = pipeline::plan(
            &store,
            &hq,
            request.id,
            PlanOptions {
                country_cap: Some(unpol_selection::Share::parse("1")?),
                ..PlanOptions::default()
            },
        )
        .await?;
        assert_eq!(lifted.country_cap, Some(1.0));
        assert_eq!(lifted.objective, best_by_enumeration(&lifted), "{lifted:?}");
        assert!(lifted.objective >= plan.objective);
        let tight = pipeline::plan(
            &store,
            &hq,
            request.id,
            PlanOptions {
                country_cap: Some(unpol_selection::Share::parse("0.25")?),
                ..PlanOptions::default()
            },
        )
        .await?;
        assert_eq!(tight.country_cap, Some(0.25));
        assert_eq!(tight.objective, best_by_enumeration(&tight), "{tight:?}");
        assert!(
            tight
                .selected
                .iter()
                .filter(|c| c.nationality == "SEN")
                .count()
                * 4
                <= tight.selected.len(),
            "{tight:?}"
        );
        assert_eq!(
            pipeline::plan(&store, &hq, request.id, PlanOptions::default())
                .await?
                .country_cap,
            Some(0.5),
            "the request keeps its cap"
        );

        // Senegal may not plan or select for the mission.
        let chosen: Vec<OfficerId> = plan.selected.iter().map(|c| c.officer).collect();
        pipeline::advance(
            &store,
            &hq,
            request.id,
            RequestStatus::NominationsClosed,
            Decision::default(),
        )
        .await?;
        let nominations =
            pipeline::select(&store, &hq, request.id, None, Decision::default()).await?;
        for n in &nominations {
            let expected = if chosen.contains(&n.officer) {
                NominationStatus::Selected
            } else {
                NominationStatus::NotSelected
            };
            assert_eq!(n.status, expected, "{n:?}");
        }
        let ineligible = pipeline::select(
            &store,
            &hq,
            request.id,
            Some(vec![sen_men[2]]),
            Decision {
                on: None,
                reason: "the mission asked for him".into(),
            },
        )
        .await;
        assert!(
            ineligible
                .as_ref()
                .is_err_and(|e| e.text().is_some_and(|t| t.contains("vetting"))),
            "{ineligible:?}"
        );

        let tours = pipeline::deploy(&store, &hq, request.id, Decision::default()).await?;
        assert_eq!(tours.len(), chosen.len());
        for officer in &chosen {
            let filter = DeploymentFilter {
                officer: Some(*officer),
                ..Default::default()
            };
            let (found, _) = db
                .deployments(
                    Scope::All,
                    &filter,
                    Page {
                        offset: 0,
                        limit: 10,
                    },
                )
                .await?;
            assert_eq!(found.len(), 1);
            assert_eq!(
                (
                    found[0].mission.as_str(),
                    found[0].start,
                    found[0].planned_end
                ),
                ("MINUSCA", day("2027-03-01"), day("2028-02-29"))
            );
        }
        let by_country = pipeline::lead_times(&store, &hq, LeadTimeGroup::Country).await?;
        let deployed: usize = by_country.iter().map(|l| l.deployed).sum();
        assert_eq!(deployed, chosen.len(), "{by_country:?}");
        // From the day it was sent (2026-11-01) to the first day of the tours, not to the day
        // the deployment was recorded.
        assert!(
            by_country
                .iter()
                .all(|l| l.request_to_deployment == 120.0 && l.selection_to_deployment == 120.0),
            "{by_country:?}"
        );
        let seen_by_france = pipeline::lead_times(&store, &fra, LeadTimeGroup::Country).await?;
        assert!(
            seen_by_france.iter().all(|l| l.group == "FRA"),
            "a country sees its own: {seen_by_france:?}"
        );
        let again = pipeline::deploy(&store, &hq, request.id, Decision::default()).await;
        assert!(
            matches!(again, Err(WriteError::Refused { conflict: true, ref message }) if message.english().contains("is deployed")),
            "a request is not deployed twice: {again:?}"
        );

        let month: Month = "2027-03".parse()?;
        let report =
            stats::contributions_from_records(&store, month, &Narrowing::default()).await?;
        assert_eq!(report.police.total, chosen.len() as u64);
        assert_eq!(report.police.women, women as u64);
        let missions = report.missions.expect("mission-level");
        assert_eq!(
            missions
                .iter()
                .map(|m| m.mission.as_str())
                .collect::<Vec<_>>(),
            ["MINUSCA"]
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_rule_that_leaves_posts_empty_is_named_with_the_slate_without_it() -> anyhow::Result<()> {
    let hq = principal(Role::Hq, Scope::All);
    for t in TestDb::all().await? {
        let store = t.store();
        let sen = pcc("SEN");
        let mut officers = vec![
            add(
                &store,
                &sen,
                officer(
                    "W-1",
                    "SEN",
                    "female",
                    "Inspector",
                    &["sgbv_investigation"],
                    "cleared",
                ),
            )
            .await,
        ];
        for i in 1..=4 {
            officers.push(
                add(
                    &store,
                    &sen,
                    officer(
                        &format!("M-{i}"),
                        "SEN",
                        "male",
                        "Inspector",
                        &["sgbv_investigation"],
                        "cleared",
                    ),
                )
                .await,
            );
        }
        let request = pipeline::create_request(
            &store,
            &hq,
            RequestInput {
                mission: "UNMISS".into(),
                title: "Advisers".into(),
                posts: 4,
                min_rank: "Sergeant".into(),
                languages: Vec::new(),
                skills: vec!["sgbv_investigation".into()],
                start: day("2027-06-01"),
                tour_months: 12,
                deadline: day("2027-04-01"),
                country_cap: None,
                countries: vec!["SEN".into()],
            },
        )
        .await?;
        pipeline::advance(
            &store,
            &hq,
            request.id,
            RequestStatus::Sent,
            Decision::default(),
        )
        .await?;
        for o in &officers {
            pipeline::nominate(&store, &sen, request.id, *o).await?;
        }
        let half = unpol_selection::Share::parse("0.5")?;
        let plan = pipeline::plan(
            &store,
            &hq,
            request.id,
            PlanOptions {
                women: Some(half),
                ..PlanOptions::default()
            },
        )
        .await?;
        assert_eq!(
            plan.selected.len(),
            2,
            "one woman allows one man at 50%: {plan:?}"
        );
        let [shortfall] = plan.shortfalls.as_slice() else {
            panic!("one rule fails: {:?}", plan.shortfalls)
        };
        assert_eq!(shortfall.rule, "women at least 50.0%");
        assert_eq!(
            shortfall.detail,
            "2 women needed to fill 4 posts, 1 eligible"
        );
        assert_eq!((shortfall.filled, shortfall.filled_without_rule), (2, 4));
        assert_eq!(shortfall.slate_without_rule.len(), 4);
        assert!(shortfall.objective_without_rule > plan.objective);

        let fair = pipeline::plan(
            &store,
            &hq,
            request.id,
            PlanOptions {
                women: Some(unpol_selection::Share::parse("0.25")?),
                ..PlanOptions::default()
            },
        )
        .await?;
        assert_eq!(fair.selected.len(), 4);
        assert!(fair.shortfalls.is_empty(), "{:?}", fair.shortfalls);
        t.cleanup().await?;
    }
    Ok(())
}

/// Takes a case through referral to Senegal, the investigation and `outcome` to its close, as
/// a conduct officer records it.
async fn investigate_and_close(
    store: &unpol_app::Store,
    cdt: &Actor,
    id: unpol_app::conduct::CaseId,
    outcome: &str,
) -> anyhow::Result<()> {
    use unpol_app::conduct::{self, Step};
    use unpol_domain::conduct::CaseStatus;
    for to in [
        CaseStatus::PreliminaryAssessment,
        CaseStatus::Referred,
        CaseStatus::InvestigatorNamed,
        CaseStatus::UnderInvestigation,
    ] {
        let step = Step {
            referred_to: (to == CaseStatus::Referred).then_some("SEN"),
            investigator: (to == CaseStatus::InvestigatorNamed).then_some("contributing_country"),
            ..Step::to(to)
        };
        conduct::advance(store, cdt, id, step).await?;
    }
    let found = Step {
        outcome: Some(outcome),
        ..Step::to(CaseStatus::Outcome)
    };
    conduct::advance(store, cdt, id, found).await?;
    conduct::advance(store, cdt, id, Step::to(CaseStatus::Closed)).await?;
    Ok(())
}

/// Conduct screening: an officer named in an open case, one whose substantiated case of sexual
/// abuse is closed and one repatriated for discipline are ineligible in the plan and in the focal
/// point's picker with the screening reason and nothing more; an officer cleared of a case stays
/// eligible, unless an interim repatriation ended the tour.
#[tokio::test]
async fn conduct_screening_bars_with_its_reason_only() -> anyhow::Result<()> {
    use unpol_app::conduct::{self, CaseInput, SubjectInput, VictimInput};
    let hq = principal(Role::Hq, Scope::All);
    let cdt = principal(Role::Conduct, Scope::All);
    for t in TestDb::all().await? {
        let store = t
            .store()
            .with_case_key(unpol_app::sealed::CaseKey::generate());
        let sen = pcc("SEN");
        let mut officers = Vec::new();
        for i in 1..=3 {
            officers.push(
                add(
                    &store,
                    &sen,
                    officer(
                        &format!("S-{i}"),
                        "SEN",
                        "female",
                        "Inspector",
                        &["sgbv_investigation"],
                        "cleared",
                    ),
                )
                .await,
            );
        }
        let case_against = |officer: OfficerId| CaseInput {
            mission: "MINUSCA".into(),
            allegation: "sexual_abuse".into(),
            subjects: vec![SubjectInput {
                officer: Some(officer.0),
                category: "individual_police".into(),
                nationality: "SEN".into(),
            }],
            victims: vec![VictimInput {
                code: "V-1".into(),
                sex: "female".into(),
                age_group: "adult".into(),
                details: "assisted".into(),
            }],
            narrative: "a narrative".into(),
            ..CaseInput::default()
        };
        // Officer 1: an open case. Officer 2: substantiated and closed. Officer 3: cleared.
        conduct::record_case(&store, &cdt, case_against(officers[0])).await?;
        for (officer, outcome) in [
            (officers[1], "substantiated"),
            (officers[2], "not_substantiated"),
        ] {
            let id = conduct::record_case(&store, &cdt, case_against(officer)).await?;
            investigate_and_close(&store, &cdt, id, outcome).await?;
        }

        // Officer 4: no case, but repatriated for discipline from an earlier tour.
        let repatriated = add(
            &store,
            &sen,
            officer(
                "S-4",
                "SEN",
                "female",
                "Inspector",
                &["sgbv_investigation"],
                "cleared",
            ),
        )
        .await;
        roster::save_deployment(
            &store,
            &hq,
            None,
            roster::DeploymentInput {
                external_id: "T-S-4".into(),
                officer: repatriated.0,
                unit: None,
                mission: "MINUSCA".into(),
                post: None,
                category: "individual_police".into(),
                start: day("2025-01-01"),
                planned_end: day("2025-12-31"),
                actual_end: Some(day("2025-06-30")),
                end_reason: Some("disciplinary_repatriation".into()),
            },
        )
        .await?;
        officers.push(repatriated);

        // Officer 5: serving, repatriated as an interim measure of a case later found not
        // substantiated: the measure ended the tour for discipline, which bars the officer.
        let serving = add(
            &store,
            &sen,
            officer(
                "S-5",
                "SEN",
                "female",
                "Inspector",
                &["sgbv_investigation"],
                "cleared",
            ),
        )
        .await;
        let tour = roster::save_deployment(
            &store,
            &hq,
            None,
            roster::DeploymentInput {
                external_id: "T-S-5".into(),
                officer: serving.0,
                unit: None,
                mission: "MINUSCA".into(),
                post: None,
                category: "individual_police".into(),
                start: day("2026-01-01"),
                planned_end: day("2026-12-31"),
                actual_end: None,
                end_reason: None,
            },
        )
        .await?;
        let id = conduct::record_case(&store, &cdt, case_against(serving)).await?;
        let stranger = conduct::take_measure(
            &store,
            &cdt,
            id,
            &conduct::MeasureInput {
                measure: "repatriation".into(),
                officer: Some(officers[2].0),
                on: None,
            },
        )
        .await;
        assert!(
            matches!(&stranger, Err(WriteError::Refused { message, .. }) if message.key == "conduct-not-subject"),
            "{stranger:?}"
        );
        conduct::take_measure(
            &store,
            &cdt,
            id,
            &conduct::MeasureInput {
                measure: "repatriation".into(),
                officer: Some(serving.0),
                on: None,
            },
        )
        .await?;
        let ended = roster::deployment(&store, &hq, tour)
            .await?
            .expect("the tour");
        assert_eq!(ended.actual_end, Some(cdt.today()), "{}", t.label);
        assert_eq!(
            ended.end_reason.map(|r| r.code()),
            Some("disciplinary_repatriation")
        );
        investigate_and_close(&store, &cdt, id, "not_substantiated").await?;
        officers.push(serving);

        let request = pipeline::create_request(
            &store,
            &hq,
            RequestInput {
                mission: "UNMISS".into(),
                title: "Investigators".into(),
                posts: 3,
                min_rank: "Sergeant".into(),
                languages: Vec::new(),
                skills: vec!["sgbv_investigation".into()],
                start: day("2027-06-01"),
                tour_months: 12,
                deadline: day("2027-04-01"),
                country_cap: None,
                countries: vec!["SEN".into()],
            },
        )
        .await?;
        pipeline::advance(
            &store,
            &hq,
            request.id,
            RequestStatus::Sent,
            Decision::default(),
        )
        .await?;
        let picks = pipeline::picks(&store, &sen, request.id, None).await?;
        let reasons = |officer: OfficerId| {
            picks
                .iter()
                .find(|p| p.officer == officer)
                .map(|p| p.reasons.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            reasons(officers[0]),
            [Ineligible::ConductScreening],
            "{}",
            t.label
        );
        assert_eq!(reasons(officers[1]), [Ineligible::ConductScreening]);
        assert!(reasons(officers[2]).is_empty(), "cleared of its case");
        assert_eq!(
            reasons(officers[3]),
            [Ineligible::ConductScreening],
            "repatriated"
        );
        assert_eq!(
            reasons(officers[4]),
            [Ineligible::ConductScreening],
            "repatriated as an interim measure"
        );

        for o in &officers {
            pipeline::nominate(&store, &sen, request.id, *o).await?;
        }
        let plan = pipeline::plan(&store, &hq, request.id, PlanOptions::default()).await?;
        let chosen: Vec<OfficerId> = plan.selected.iter().map(|c| c.officer).collect();
        assert_eq!(chosen, [officers[2]], "{}", t.label);
        let json = serde_json::to_string(&plan.ineligible)?;
        assert_eq!(json.matches("conduct_screening").count(), 4, "{json}");
        for detail in ["sexual", "abuse", "substantiated", "MINUSCA", "case"] {
            assert!(!json.contains(detail), "`{detail}` in {json}");
        }
        t.cleanup().await?;
    }
    Ok(())
}

/// Performance screening: an officer rated underperforming in two evaluations of an earlier tour
/// is ineligible with that reason alone; one underperformance is a bad period, not a pattern.
/// The focal point of the officers' country reads the evaluations; another mission's staff
/// read none of them.
#[tokio::test]
async fn repeated_underperformance_bars_with_its_own_reason() -> anyhow::Result<()> {
    use unpol_app::performance::{self, EvaluationInput};
    let hq = principal(Role::Hq, Scope::All);
    let unmiss = principal(
        Role::Mission,
        Scope::Mission(unpol_domain::MissionCode::parse("UNMISS")?),
    );
    let minusca = principal(
        Role::Mission,
        Scope::Mission(unpol_domain::MissionCode::parse("MINUSCA")?),
    );
    for t in TestDb::all().await? {
        let store = t.store();
        let sen = pcc("SEN");
        let mut officers = Vec::new();
        for i in 1..=3 {
            let id = add(
                &store,
                &sen,
                officer(
                    &format!("P-{i}"),
                    "SEN",
                    "female",
                    "Inspector",
                    &["sgbv_investigation"],
                    "cleared",
                ),
            )
            .await;
            roster::save_deployment(
                &store,
                &hq,
                None,
                roster::DeploymentInput {
                    external_id: format!("T-P-{i}"),
                    officer: id.0,
                    unit: None,
                    mission: "UNMISS".into(),
                    post: None,
                    category: "individual_police".into(),
                    start: day("2025-01-01"),
                    planned_end: day("2025-12-31"),
                    actual_end: None,
                    end_reason: None,
                },
            )
            .await?;
            officers.push(id);
        }
        let evaluate = |officer: OfficerId, from: &str, to: &str, overall: &str| EvaluationInput {
            officer: officer.0,
            mission: "UNMISS".into(),
            from: day(from),
            to: day(to),
            overall: overall.into(),
            remedy: (overall == "partly_meets").then(|| "improvement_plan".into()),
            ..EvaluationInput::default()
        };
        // Officer 1: underperformed twice. Officer 2: once, then met the standard. Officer 3: fine.
        for (o, first, second) in [
            (0, "partly_meets", "partly_meets"),
            (1, "partly_meets", "meets"),
            (2, "meets", "exceeds"),
        ] {
            for (from, to, overall) in [
                ("2025-01-01", "2025-06-30", first),
                ("2025-07-01", "2025-12-31", second),
            ] {
                performance::record_evaluation(
                    &store,
                    &unmiss,
                    &evaluate(officers[o], from, to, overall),
                )
                .await?;
            }
        }
        let elsewhere = performance::record_evaluation(
            &store,
            &minusca,
            &EvaluationInput {
                mission: "MINUSCA".into(),
                ..evaluate(officers[2], "2025-01-01", "2025-03-31", "meets")
            },
        )
        .await;
        assert!(
            matches!(&elsewhere, Err(WriteError::Refused { message, .. }) if message.key == "evaluation-tour"),
            "{}: MINUSCA never had the officer: {elsewhere:?}",
            t.label
        );

        let request = pipeline::create_request(
            &store,
            &hq,
            RequestInput {
                mission: "MINUSCA".into(),
                title: "Investigators".into(),
                posts: 3,
                min_rank: "Sergeant".into(),
                languages: Vec::new(),
                skills: vec!["sgbv_investigation".into()],
                start: day("2027-06-01"),
                tour_months: 12,
                deadline: day("2027-04-01"),
                country_cap: None,
                countries: vec!["SEN".into()],
            },
        )
        .await?;
        pipeline::advance(
            &store,
            &hq,
            request.id,
            RequestStatus::Sent,
            Decision::default(),
        )
        .await?;
        let picks = pipeline::picks(&store, &sen, request.id, None).await?;
        let reasons = |officer: OfficerId| {
            picks
                .iter()
                .find(|p| p.officer == officer)
                .map(|p| p.reasons.clone())
                .expect("the officer is picked")
        };
        assert_eq!(
            reasons(officers[0]),
            [Ineligible::RepeatedUnderperformance],
            "{}",
            t.label
        );
        assert!(
            reasons(officers[1]).is_empty(),
            "{}: once is not a pattern",
            t.label
        );
        assert!(reasons(officers[2]).is_empty());

        let read = |who: &Actor| {
            let store = store.clone();
            let who = who.clone();
            async move { performance::evaluations(&store, &who, None, None).await }
        };
        assert_eq!(
            read(&sen).await?.len(),
            6,
            "{}: the focal point reads its nationals'",
            t.label
        );
        assert_eq!(read(&unmiss).await?.len(), 6);
        assert!(read(&minusca).await?.is_empty(), "{}", t.label);
        assert!(read(&pcc("BFA")).await?.is_empty());
        let first = &read(&sen).await?[0];
        assert_eq!(
            first.name, "GivenP-3 FamilyP-3",
            "the latest period first, by id last"
        );
        t.cleanup().await?;
    }
    Ok(())
}
