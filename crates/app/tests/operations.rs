//! Operations on both backends: the indicators unpol computes equal counts made directly from
//! the records through other reads (one test each), and capacity building, evaluations,
//! indicators and transition tasks follow the caller's scope, with every refusal of a record
//! outside it audited.

use std::collections::HashMap;

use chrono::NaiveDate;
use unpol_app::accounts::AuditContext;
use unpol_app::capacity::{self, ActivityInput, ProjectInput, TraineesInput};
use unpol_app::demo::{self, DemoOptions};
use unpol_app::incidents::{self, Query};
use unpol_app::indicators::{self, Dashboard, IndicatorInput, TaskInput};
use unpol_app::performance::{self, EvaluationInput};
use unpol_app::sealed::CaseKey;
use unpol_app::testing::TestStore;
use unpol_app::{Actor, Store, conduct, roster};
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::capacity::ActivityKind;
use unpol_domain::incident::IncidentCategory;
use unpol_domain::indicator::{Computed, Source, round};
use unpol_domain::quarter::Quarter;
use unpol_domain::roster::{Gender, OfficerId};
use unpol_domain::{Clock, MissionCode, Month};
use unpol_storage::deployments::DeploymentFilter;
use unpol_storage::officers::{OfficerFilter, Page, WriteError};
use unpol_storage::testing::TestDb;

fn today() -> NaiveDate {
    "2026-11-02".parse().expect("a day")
}

fn actor(role: Role, scope: Scope) -> Actor {
    Actor::new(
        Principal {
            user_id: 1,
            login: format!("{role}"),
            role,
            scope,
        },
        AuditContext::console().with_clock(Clock::on(today())),
    )
}

fn staff(mission: &str) -> Actor {
    actor(Role::Mission, Scope::Mission(code(mission)))
}

fn code(mission: &str) -> MissionCode {
    MissionCode::parse(mission).expect("a mission")
}

const ALL: Page = Page {
    offset: 0,
    limit: 100_000,
};

/// A demo with its history (tours, posts, incidents, conduct cases, capacity building,
/// indicators) made on [`today`].
async fn demo_store(t: &TestDb) -> anyhow::Result<Store> {
    let store = t.store().with_case_key(CaseKey::generate());
    unpol_app::import::import_bundled(&store, Default::default()).await?;
    demo::fill(
        &store,
        DemoOptions {
            like: "2025-07".parse::<Month>()?,
            scale: 1,
            seed: 3,
            today: today(),
            history: true,
        },
    )
    .await?;
    Ok(store)
}

/// Every mission's dashboard, as headquarters reads it.
async fn dashboards(store: &Store) -> anyhow::Result<Vec<Dashboard>> {
    let hq = actor(Role::Hq, Scope::All);
    let mut missions: Vec<MissionCode> = indicators::indicators(store, &hq, None)
        .await?
        .iter()
        .map(|r| r.indicator.mission)
        .collect();
    missions.dedup();
    assert!(
        missions.len() > 5,
        "the demo defines indicators for its missions"
    );
    let mut boards = Vec::new();
    for m in missions {
        boards.push(
            indicators::dashboard(store, &hq, m.as_str())
                .await?
                .expect("headquarters reads every dashboard"),
        );
    }
    Ok(boards)
}

/// The values a dashboard shows for a computed indicator, per quarter.
fn computed(board: &Dashboard, rule: Computed) -> Vec<(Quarter, Option<f64>)> {
    let series = board
        .indicators
        .iter()
        .find(|s| s.row.indicator.source == Source::Computed(rule))
        .expect("the demo defines every computed indicator");
    series.values.iter().map(|m| (m.quarter, m.value)).collect()
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round(100.0 * part as f64 / whole as f64))
}

/// Officers on tour in a mission on a day, by sex, from the tours and the officers' records.
async fn deployed(
    store: &Store,
    genders: &HashMap<OfficerId, Gender>,
    mission: MissionCode,
    day: NaiveDate,
) -> anyhow::Result<(u64, u64)> {
    let hq = actor(Role::Hq, Scope::All);
    let filter = DeploymentFilter {
        mission: Some(mission),
        active_on: Some(day),
        ..Default::default()
    };
    let (tours, _) = roster::deployments(store, &hq, &filter, ALL).await?;
    Ok(tours
        .iter()
        .fold((0, 0), |(w, m), t| match genders[&t.officer] {
            Gender::Female => (w + 1, m),
            Gender::Male => (w, m + 1),
        }))
}

async fn genders(store: &Store) -> anyhow::Result<HashMap<OfficerId, Gender>> {
    let hq = actor(Role::Hq, Scope::All);
    let (officers, _) = roster::officers(store, &hq, &OfficerFilter::default(), ALL).await?;
    Ok(officers.into_iter().map(|o| (o.id, o.gender)).collect())
}

#[tokio::test]
async fn women_share_equals_the_tours_counted_directly() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let genders = genders(&store).await?;
        let mut compared = 0;
        for board in dashboards(&store).await? {
            for (quarter, value) in computed(&board, Computed::WomenShare) {
                let day = quarter.reading_day(today());
                let (women, men) = deployed(&store, &genders, board.mission, day).await?;
                assert_eq!(
                    value,
                    share(women, women + men),
                    "{}: {} {quarter}",
                    t.label,
                    board.mission
                );
                compared += u64::from(value.is_some());
            }
        }
        assert!(
            compared > 20,
            "{}: shares of officers compared, not only empty quarters",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn post_vacancy_rate_equals_the_vacant_posts_listed() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let hq = actor(Role::Hq, Scope::All);
        let mut rates = Vec::new();
        for board in dashboards(&store).await? {
            for (quarter, value) in computed(&board, Computed::PostVacancyRate) {
                let day = quarter.reading_day(today());
                let count = |vacant| {
                    let (store, hq) = (store.clone(), hq.clone());
                    async move {
                        roster::posts(
                            &store,
                            &hq,
                            Some(board.mission),
                            vacant,
                            day,
                            Default::default(),
                            Page {
                                offset: 0,
                                limit: 1,
                            },
                        )
                        .await
                        .map(|(_, total)| total as u64)
                    }
                };
                let (vacant, all) = (count(Some(true)).await?, count(None).await?);
                assert_eq!(
                    value,
                    share(vacant, all),
                    "{}: {} {quarter}",
                    t.label,
                    board.mission
                );
                rates.extend(value);
            }
        }
        assert!(
            rates.iter().any(|r| *r > 0.0 && *r < 100.0),
            "{}: some posts filled, some vacant: {rates:?}",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn host_police_trained_equals_the_courses_ended_in_the_quarter() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let hq = actor(Role::Hq, Scope::All);
        let mut total = 0.0;
        for board in dashboards(&store).await? {
            let activities =
                capacity::activities(&store, &hq, Some(board.mission.as_str())).await?;
            for (quarter, value) in computed(&board, Computed::HostPoliceTrained) {
                let mut trained = 0u64;
                for a in activities.iter().map(|r| &r.activity) {
                    if a.kind == ActivityKind::Course
                        && a.ends_on >= quarter.first_day()
                        && a.ends_on <= quarter.last_day()
                    {
                        trained += a
                            .trainees
                            .iter()
                            .map(|t| u64::from(t.women + t.men))
                            .sum::<u64>();
                    }
                }
                assert_eq!(
                    value,
                    Some(trained as f64),
                    "{}: {} {quarter}",
                    t.label,
                    board.mission
                );
                total += trained as f64;
            }
        }
        assert!(total > 100.0, "{}: courses were counted", t.label);
        // The quarter still running is partial: the dashboard weighs the last one that ended.
        let running = Quarter::of(today());
        for board in dashboards(&store).await? {
            for series in &board.indicators {
                let latest = series.latest.map(|m| m.quarter);
                match series.row.indicator.source {
                    Source::Computed(c) if c.counts_over_the_quarter() => {
                        assert_eq!(
                            latest,
                            Some(running.previous()),
                            "{}: {}",
                            t.label,
                            board.mission
                        )
                    }
                    _ => assert_eq!(latest, Some(running), "{}: {}", t.label, board.mission),
                }
            }
        }
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn incidents_against_personnel_equal_the_incidents_listed() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let hq = actor(Role::Hq, Scope::All);
        let mut total = 0.0;
        for board in dashboards(&store).await? {
            for (quarter, value) in computed(&board, Computed::IncidentsAgainstPersonnel) {
                let listed = incidents::list(
                    &store,
                    &hq,
                    &Query {
                        mission: Some(board.mission.to_string()),
                        from: None,
                        to: None,
                        categories: Vec::new(),
                    },
                )
                .await?;
                let counted = listed
                    .iter()
                    .filter(|r| {
                        r.incident.category == IncidentCategory::ThreatToPersonnel
                            && quarter.contains(r.incident.when.started_on)
                    })
                    .count();
                assert_eq!(
                    value,
                    Some(counted as f64),
                    "{}: {} {quarter}",
                    t.label,
                    board.mission
                );
                total += counted as f64;
            }
        }
        assert!(total > 0.0, "{}: incidents were counted", t.label);
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn allegations_per_thousand_equal_the_cases_over_the_officers() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let genders = genders(&store).await?;
        let cases = conduct::cases(&store, &actor(Role::Conduct, Scope::All)).await?;
        assert!(!cases.is_empty(), "{}: the demo records cases", t.label);
        let mut counted = 0;
        for board in dashboards(&store).await? {
            for (quarter, value) in computed(&board, Computed::AllegationsPerThousand) {
                let received = cases
                    .iter()
                    .filter(|c| c.mission == board.mission && quarter.contains(c.received_on))
                    .count() as u64;
                let (women, men) = deployed(
                    &store,
                    &genders,
                    board.mission,
                    quarter.reading_day(today()),
                )
                .await?;
                let expected = (women + men > 0)
                    .then(|| round(1000.0 * received as f64 / (women + men) as f64));
                assert_eq!(value, expected, "{}: {} {quarter}", t.label, board.mission);
                counted += received;
            }
        }
        assert!(
            counted > 0,
            "{}: allegations fell in the quarters shown",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

fn refusal<T: std::fmt::Debug>(result: Result<T, WriteError>) -> String {
    match result {
        Err(WriteError::Refused { message, .. }) => message.key.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn course(mission: &str) -> ActivityInput {
    ActivityInput {
        mission: mission.into(),
        kind: "course".into(),
        topic: "Crime scene management".into(),
        starts_on: "2026-10-05".parse().expect("a day"),
        ends_on: "2026-10-16".parse().expect("a day"),
        place: "Bangui".into(),
        institution: "Gendarmerie nationale".into(),
        partner: Some("unodc".into()),
        trainers: 3,
        trainees: vec![
            TraineesInput {
                rank: "Brigadier".into(),
                women: 4,
                men: 11,
            },
            TraineesInput {
                rank: "Brigadier".into(),
                women: 1,
                men: 0,
            },
        ],
    }
}

#[tokio::test]
async fn each_reader_sees_its_mission_only_and_refusals_are_audited() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let minusca = staff("MINUSCA");
        let unmiss = staff("UNMISS");
        let hq = actor(Role::Hq, Scope::All);
        let analyst = actor(Role::Analyst, Scope::All);
        let pcc = actor(
            Role::Pcc,
            Scope::Country(unpol_domain::CountryCode::parse("SEN")?),
        );

        let id = capacity::record_activity(&store, &minusca, &course("MINUSCA")).await?;
        assert_eq!(
            refusal(capacity::record_activity(&store, &unmiss, &course("MINUSCA")).await),
            "own-mission-records"
        );
        assert_eq!(
            refusal(capacity::record_activity(&store, &analyst, &course("MINUSCA")).await),
            "mission-writers"
        );
        // A course counts once over, a mentoring needs its site, a day is one unpol can hold.
        let unfinished = ActivityInput {
            ends_on: "2026-12-20".parse()?,
            ..course("MINUSCA")
        };
        assert_eq!(
            refusal(capacity::record_activity(&store, &minusca, &unfinished).await),
            "day-in-future"
        );
        let nowhere = ActivityInput {
            kind: "mentoring".into(),
            place: " ".into(),
            ..unfinished.clone()
        };
        assert_eq!(
            refusal(capacity::record_activity(&store, &minusca, &nowhere).await),
            "text-required"
        );
        let ancient = ActivityInput {
            starts_on: "1900-01-01".parse()?,
            ..course("MINUSCA")
        };
        assert_eq!(
            refusal(capacity::record_activity(&store, &minusca, &ancient).await),
            "day-out-of-range"
        );
        let read = capacity::activities(&store, &minusca, None).await?;
        assert_eq!(read.len(), 1, "{}", t.label);
        assert_eq!(read[0].id, id);
        assert_eq!(read[0].activity.trainees.len(), 1, "one rank, added up");
        assert_eq!((read[0].activity.women(), read[0].activity.men()), (5, 11));
        assert!(
            capacity::activities(&store, &unmiss, None)
                .await?
                .is_empty(),
            "{}",
            t.label
        );
        assert!(
            capacity::activities(&store, &unmiss, Some("MINUSCA"))
                .await?
                .is_empty()
        );
        assert!(capacity::activities(&store, &pcc, None).await?.is_empty());
        assert_eq!(
            capacity::activities(&store, &hq, Some("minusca"))
                .await?
                .len(),
            1
        );
        let figures = capacity::quarters(&store, &analyst, Some("MINUSCA")).await?;
        let q4 = figures
            .iter()
            .find(|f| f.quarter.to_string() == "2026-Q4")
            .expect("the quarter");
        assert_eq!(
            (q4.courses, q4.trained_women, q4.trained_men),
            (1, 5, 11),
            "{}",
            t.label
        );
        assert!(
            capacity::quarters(&store, &unmiss, Some("MINUSCA"))
                .await?
                .is_empty()
        );

        // Projects: a delivered one has its day, and only a delivered one.
        let project = |status: &str, delivered_on: Option<&str>| ProjectInput {
            mission: "MINUSCA".into(),
            kind: "police_station".into(),
            name: "Commissariat du 3e arrondissement".into(),
            status: status.into(),
            delivered_on: delivered_on.map(|d| d.parse().expect("a day")),
            ..ProjectInput::default()
        };
        assert_eq!(
            refusal(capacity::record_project(&store, &minusca, &project("delivered", None)).await),
            "project-delivery"
        );
        assert_eq!(
            refusal(
                capacity::record_project(&store, &minusca, &project("planned", Some("2026-10-01")))
                    .await
            ),
            "project-delivery"
        );
        assert_eq!(
            refusal(
                capacity::record_project(
                    &store,
                    &minusca,
                    &project("delivered", Some("2026-12-01"))
                )
                .await
            ),
            "day-in-future"
        );
        let station =
            capacity::record_project(&store, &minusca, &project("under_way", None)).await?;
        let moved = capacity::set_project_status(
            &store,
            &unmiss,
            station,
            "delivered",
            Some("2026-10-20".parse()?),
        )
        .await;
        assert!(
            matches!(moved, Err(WriteError::NotFound)),
            "{}: {moved:?}",
            t.label
        );
        capacity::set_project_status(
            &store,
            &minusca,
            station,
            "delivered",
            Some("2026-10-20".parse()?),
        )
        .await?;
        let figures = capacity::quarters(&store, &hq, Some("MINUSCA")).await?;
        assert_eq!(
            figures.last().map(|f| f.projects_delivered),
            Some(1),
            "{}",
            t.label
        );

        // Indicators: a computed one takes no value; another mission's is not found.
        let entered = indicators::define(
            &store,
            &minusca,
            &IndicatorInput {
                mission: "MINUSCA".into(),
                name_en: "Public confidence in the police".into(),
                name_fr: "Confiance du public envers la police".into(),
                unit: Some("percent".into()),
                direction: Some("increase".into()),
                baseline: 40.0,
                target: 60.0,
                ..IndicatorInput::default()
            },
        )
        .await?;
        let women = indicators::define(
            &store,
            &minusca,
            &IndicatorInput {
                mission: "MINUSCA".into(),
                computed: Some("women_share".into()),
                baseline: 15.0,
                target: 25.0,
                ..IndicatorInput::default()
            },
        )
        .await?;
        let q3: Quarter = "2026-Q3".parse()?;
        assert_eq!(
            refusal(indicators::enter_value(&store, &minusca, entered, q3, 1e13).await),
            "indicator-number",
            "{}: beyond any count a page can show",
            t.label
        );
        indicators::enter_value(&store, &minusca, entered, q3, 48.5).await?;
        indicators::enter_value(&store, &minusca, entered, q3, 51.0).await?;
        assert_eq!(
            refusal(indicators::enter_value(&store, &minusca, women, q3, 30.0).await),
            "indicator-computed"
        );
        assert_eq!(
            refusal(
                indicators::enter_value(&store, &minusca, entered, q3.next().next(), 1.0).await
            ),
            "day-in-future"
        );
        assert_eq!(
            refusal(indicators::enter_value(&store, &minusca, entered, q3, f64::NAN).await),
            "indicator-number"
        );
        let other = indicators::enter_value(&store, &unmiss, entered, q3, 99.0).await;
        assert!(
            matches!(other, Err(WriteError::NotFound)),
            "{}: {other:?}",
            t.label
        );
        let board = indicators::dashboard(&store, &minusca, "MINUSCA")
            .await?
            .expect("its own dashboard");
        let series = board
            .indicators
            .iter()
            .find(|s| s.row.id == entered)
            .expect("the indicator");
        assert_eq!(
            series.latest.map(|m| (m.quarter, m.value)),
            Some((q3, Some(51.0))),
            "{}: the later value replaces the earlier",
            t.label
        );
        assert_eq!(series.met, Some(false));
        let computed = board
            .indicators
            .iter()
            .find(|s| s.row.id == women)
            .expect("the indicator");
        assert_eq!(
            computed.row.indicator.name_fr,
            "Part des femmes dans la composante police"
        );
        assert_eq!(computed.row.indicator.unit.code(), "percent");
        assert!(
            indicators::dashboard(&store, &unmiss, "MINUSCA")
                .await?
                .is_none(),
            "{}",
            t.label
        );
        assert!(
            indicators::dashboard(&store, &pcc, "MINUSCA")
                .await?
                .is_none()
        );

        // Transition tasks: the analyst reads the indicators, not who owns which task.
        let task = indicators::record_task(
            &store,
            &minusca,
            &TaskInput {
                mission: "MINUSCA".into(),
                task: "Security of the courts in Bangui".into(),
                recipient: "host_police".into(),
                owner: "Police Commissioner".into(),
                status: None,
                due_on: "2027-06-30".parse()?,
            },
        )
        .await?;
        let moved = indicators::set_task_status(&store, &unmiss, task, "handed_over").await;
        assert!(
            matches!(moved, Err(WriteError::NotFound)),
            "{}: {moved:?}",
            t.label
        );
        indicators::set_task_status(&store, &minusca, task, "handed_over").await?;
        let board = indicators::dashboard(&store, &hq, "MINUSCA")
            .await?
            .expect("headquarters reads it");
        assert_eq!(board.readiness, Some(100.0), "{}", t.label);
        let analysts = indicators::dashboard(&store, &analyst, "MINUSCA")
            .await?
            .expect("analysts read it");
        assert_eq!(analysts.indicators.len(), 2);
        assert!(analysts.tasks.is_empty(), "{}", t.label);
        assert!(indicators::tasks(&store, &unmiss, None).await?.is_empty());

        // Every refusal of a record outside the caller's scope left a trace.
        let refused = store_audit(&t, "access.refused").await?;
        for record in [
            format!("capacity_project:{station}"),
            format!("indicator:{entered}"),
            format!("transition_task:{task}"),
        ] {
            assert!(
                refused.contains(&record),
                "{}: {record} in {refused:?}",
                t.label
            );
        }
        t.cleanup().await?;
    }
    Ok(())
}

/// The records of the audit trail's entries of an action.
async fn store_audit(t: &TestDb, action: &str) -> anyhow::Result<Vec<String>> {
    let trail = t.db.audit_chain().await?;
    Ok(trail
        .into_iter()
        .filter(|e| e.event.action == action)
        .map(|e| e.event.record)
        .collect())
}

#[tokio::test]
async fn evaluations_keep_the_remedy_rule_and_the_tour() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let hq = actor(Role::Hq, Scope::All);
        let filter = DeploymentFilter {
            mission: Some(code("UNMISS")),
            active_on: Some(today()),
            ..Default::default()
        };
        let (tours, _) = roster::deployments(&store, &hq, &filter, ALL).await?;
        let tour = tours
            .iter()
            .find(|d| d.start <= "2026-09-01".parse().expect("a day"))
            .expect("a tour begun by September");
        let unmiss = staff("UNMISS");
        let input = |overall: &str, remedy: Option<&str>| EvaluationInput {
            officer: tour.officer.0,
            mission: "UNMISS".into(),
            from: "2026-09-01".parse().expect("a day"),
            to: "2026-10-31".parse().expect("a day"),
            overall: overall.into(),
            remedy: remedy.map(String::from),
            scores: vec![
                performance::ScoreInput {
                    competency: "integrity".into(),
                    rating: "meets".into(),
                },
                performance::ScoreInput {
                    competency: "teamwork".into(),
                    rating: "unsatisfactory".into(),
                },
            ],
            ..EvaluationInput::default()
        };
        assert_eq!(
            refusal(
                performance::record_evaluation(&store, &unmiss, &input("unsatisfactory", None))
                    .await
            ),
            "evaluation-remedy"
        );
        assert_eq!(
            refusal(
                performance::record_evaluation(
                    &store,
                    &unmiss,
                    &input("meets", Some("repatriation"))
                )
                .await
            ),
            "evaluation-remedy"
        );
        assert_eq!(
            refusal(performance::record_evaluation(&store, &unmiss, &input("great", None)).await),
            "value-unknown"
        );
        let mut twice = input("meets", None);
        twice.scores.push(performance::ScoreInput {
            competency: "integrity".into(),
            rating: "exceeds".into(),
        });
        assert_eq!(
            refusal(performance::record_evaluation(&store, &unmiss, &twice).await),
            "evaluation-competency"
        );
        assert_eq!(
            refusal(
                performance::record_evaluation(
                    &store,
                    &staff("MINUSCA"),
                    &EvaluationInput {
                        mission: "MINUSCA".into(),
                        ..input("meets", None)
                    }
                )
                .await
            ),
            "evaluation-tour",
            "{}: the officer serves in UNMISS",
            t.label
        );
        let id = performance::record_evaluation(
            &store,
            &unmiss,
            &input("unsatisfactory", Some("improvement_plan")),
        )
        .await?;
        let again = performance::record_evaluation(&store, &unmiss, &input("meets", None)).await;
        assert!(
            matches!(&again, Err(WriteError::Refused { conflict: true, .. })),
            "{}: one evaluation per period: {again:?}",
            t.label
        );
        let read =
            performance::evaluations(&store, &hq, Some("UNMISS"), Some(tour.officer.0)).await?;
        let row = read.iter().find(|r| r.id == id).expect("the evaluation");
        assert_eq!(row.evaluation.scores.len(), 2);
        assert!(
            row.evaluation.outcome.overall().is_underperformance(),
            "{}",
            t.label
        );
        let json = serde_json::to_value(row)?;
        assert_eq!(json["remedy"], "improvement_plan", "{json}");
        assert_eq!(json["underperformance"], true);
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn unit_assessments_follow_the_units_mission_and_country() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = demo_store(&t).await?;
        let hq = actor(Role::Hq, Scope::All);
        let all = performance::unit_assessments(&store, &hq, None).await?;
        assert!(!all.is_empty(), "{}: the demo assesses every unit", t.label);
        let first = &all[0];
        let own = staff(first.mission.as_str());
        let pcc = actor(Role::Pcc, Scope::Country(first.country));
        for row in performance::unit_assessments(&store, &own, None).await? {
            assert_eq!(row.mission, first.mission, "{}", t.label);
        }
        for row in performance::unit_assessments(&store, &pcc, None).await? {
            assert_eq!(row.country, first.country, "{}", t.label);
        }
        let other = if first.mission.as_str() == "UNMISS" {
            "MINUSCA"
        } else {
            "UNMISS"
        };
        let stranger = performance::record_unit_assessment(
            &store,
            &staff(other),
            &performance::UnitAssessmentInput {
                unit: first.assessment.unit.0,
                assessed_on: today(),
                readiness: "ready".into(),
                remarks: String::new(),
            },
        )
        .await;
        assert!(
            matches!(stranger, Err(WriteError::NotFound)),
            "{}: {stranger:?}",
            t.label
        );
        assert!(
            store_audit(&t, "access.refused")
                .await?
                .contains(&format!("unit:{}", first.assessment.unit))
        );
        t.cleanup().await?;
    }
    Ok(())
}
