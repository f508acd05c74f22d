//! The demo's operations: for every mission, capacity building with the host State's police,
//! evaluations of the officers serving and readiness assessments of the units, the five
//! indicators unpol computes and two the mission enters, and the police tasks it hands over.
//! Every date is counted back from the day the demo is made, so the pages show the last two
//! years whatever that day is. Everything goes through the use cases, as the mission's staff.

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use unpol_domain::MissionCode;
use unpol_domain::access::Scope;
use unpol_domain::indicator::Computed;
use unpol_domain::quarter::Quarter;
use unpol_storage::deployments::DeploymentFilter;
use unpol_storage::officers::Page;
use unpol_storage::sorting::Order;

use super::incidents::staff_of;
use crate::Store;
use crate::capacity::{self, ActivityInput, ProjectInput, TraineesInput};
use crate::indicators::{self, IndicatorInput, TaskInput};
use crate::performance::{self, EvaluationInput, ScoreInput, UnitAssessmentInput};
use crate::roster::WriteError;

/// Courses each mission gives over the two years shown.
const COURSES: u64 = 10;
/// Officers evaluated per mission.
const EVALUATED: i64 = 40;

const TOPICS: &[&str] = &[
    "Criminal investigation techniques",
    "Investigating sexual and gender-based violence",
    "Community-oriented policing",
    "Human rights and the use of force",
    "Public order management",
    "Border management and document fraud",
    "Crime scene management",
    "Combating organized crime and trafficking",
];

const RANKS: &[&str] = &["Police officer", "Sergeant", "Inspector", "Commissioner"];

const PARTNERS: &[&str] = &["none", "undp", "unodc", "interpol", "au", "eu"];

const TASKS: &[(&str, &str, &str)] = &[
    (
        "Security of the capital's courts",
        "host_police",
        "Police Commissioner",
    ),
    (
        "Basic training at the police academy",
        "host_police",
        "Head of capacity building",
    ),
    (
        "Co-location in the regional police stations",
        "host_police",
        "Sector commanders",
    ),
    (
        "Support to community violence reduction",
        "country_team",
        "Senior police adviser",
    ),
    (
        "Prison perimeter security",
        "host_police",
        "FPU coordinator",
    ),
];

const STATUSES: &[&str] = &[
    "handed_over",
    "in_progress",
    "in_progress",
    "not_started",
    "at_risk",
];

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// What the demo recorded.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Made {
    pub activities: usize,
    pub evaluations: usize,
    pub indicators: usize,
}

pub(super) async fn make(
    store: &Store,
    missions: &[MissionCode],
    today: NaiveDate,
    seed: u64,
) -> Result<Made, WriteError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x0b5e_55ed);
    let mut made = Made::default();
    let mut missions = missions.to_vec();
    missions.dedup();
    for mission in missions {
        let staff = staff_of(mission, today);
        let m = mission.to_string();
        made.activities += capacity_building(store, &staff, &m, today, &mut rng).await?;
        made.evaluations += evaluations(store, &staff, mission, today, &mut rng).await?;
        made.indicators += mission_indicators(store, &staff, &m, today, &mut rng).await?;
        for (i, (task, recipient, owner)) in TASKS.iter().enumerate() {
            let due = if i == 0 {
                days_before(today, 40)
            } else {
                today + Days::new(60 * i as u64)
            };
            indicators::record_task(
                store,
                &staff,
                &TaskInput {
                    mission: m.clone(),
                    task: (*task).into(),
                    recipient: (*recipient).into(),
                    owner: (*owner).into(),
                    status: Some(STATUSES[i % STATUSES.len()].into()),
                    due_on: due,
                },
            )
            .await?;
        }
    }
    Ok(made)
}

async fn capacity_building(
    store: &Store,
    staff: &crate::Actor,
    mission: &str,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Result<usize, WriteError> {
    let mut n = 0;
    for i in 0..COURSES {
        let ends = days_before(today, 5 + i * 70 + rng.random_range(0..30));
        let starts = days_before(ends, rng.random_range(4..20));
        let trainees = RANKS[..rng.random_range(1..=RANKS.len())]
            .iter()
            .map(|rank| TraineesInput {
                rank: (*rank).into(),
                women: rng.random_range(2..15),
                men: rng.random_range(8..40),
            })
            .collect();
        capacity::record_activity(
            store,
            staff,
            &ActivityInput {
                mission: mission.into(),
                kind: "course".into(),
                topic: (*TOPICS.choose(rng).unwrap_or(&TOPICS[0])).into(),
                starts_on: starts,
                ends_on: ends,
                place: "Police academy".into(),
                institution: "National police".into(),
                partner: Some((*PARTNERS.choose(rng).unwrap_or(&"none")).into()),
                trainers: rng.random_range(2..6),
                trainees,
            },
        )
        .await?;
        n += 1;
    }
    for (k, site) in [
        "Central police station",
        "Gendarmerie brigade, north",
        "Police post, airport",
    ]
    .iter()
    .enumerate()
    {
        let k = k as u64;
        capacity::record_activity(
            store,
            staff,
            &ActivityInput {
                mission: mission.into(),
                kind: "mentoring".into(),
                topic: "Co-location and daily mentoring".into(),
                starts_on: days_before(today, 700 - k * 200),
                ends_on: today,
                place: (*site).into(),
                institution: "National police".into(),
                partner: None,
                trainers: 4,
                trainees: Vec::new(),
            },
        )
        .await?;
        n += 1;
    }
    for (kind, days) in [("recruitment", 200), ("vetting", 120)] {
        capacity::record_activity(
            store,
            staff,
            &ActivityInput {
                mission: mission.into(),
                kind: kind.into(),
                topic: "Recruitment of police cadets".into(),
                starts_on: days_before(today, days + 30),
                ends_on: days_before(today, days),
                place: "Capital".into(),
                institution: "Ministry of the interior".into(),
                partner: Some("undp".into()),
                trainers: 3,
                trainees: vec![TraineesInput {
                    rank: "Cadet".into(),
                    women: rng.random_range(40..120),
                    men: rng.random_range(150..400),
                }],
            },
        )
        .await?;
        n += 1;
    }
    for (kind, name, status, delivered) in [
        (
            "police_station",
            "Police station, eastern district",
            "delivered",
            Some(days_before(today, rng.random_range(20..400))),
        ),
        (
            "community_policing_centre",
            "Community-oriented policing centre",
            "under_way",
            None,
        ),
        (
            "training_facility",
            "Firing range of the police academy",
            "planned",
            None,
        ),
    ] {
        capacity::record_project(
            store,
            staff,
            &ProjectInput {
                mission: mission.into(),
                kind: kind.into(),
                name: name.into(),
                place: "Capital".into(),
                partner: Some("undp".into()),
                status: status.into(),
                delivered_on: delivered,
            },
        )
        .await?;
    }
    Ok(n)
}

/// Evaluations of officers who have served at least two months, over their first two months;
/// about one in eight underperforms, with an improvement plan. One assessment per unit.
async fn evaluations(
    store: &Store,
    staff: &crate::Actor,
    mission: MissionCode,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Result<usize, WriteError> {
    let db = store.db();
    let filter = DeploymentFilter {
        mission: Some(mission),
        active_on: Some(today),
        ..Default::default()
    };
    let (tours, _) = db
        .deployments(
            Scope::Mission(mission),
            &filter,
            Page {
                offset: 0,
                limit: EVALUATED * 3,
            },
        )
        .await?;
    let mut n = 0;
    for tour in tours
        .iter()
        .filter(|t| t.start <= days_before(today, 60))
        .take(EVALUATED as usize)
    {
        let under = rng.random_range(0..8) == 0;
        let overall = if under {
            "partly_meets"
        } else {
            *["meets", "meets", "exceeds"]
                .choose(rng)
                .unwrap_or(&"meets")
        };
        let scores = ["professionalism", "integrity", "communication", "teamwork"]
            .iter()
            .map(|c| ScoreInput {
                competency: (*c).into(),
                rating: overall.into(),
            })
            .collect();
        performance::record_evaluation(
            store,
            staff,
            &EvaluationInput {
                officer: tour.officer.0,
                mission: mission.to_string(),
                from: tour.start,
                to: tour.start + Days::new(59),
                scores,
                overall: overall.into(),
                remedy: under.then(|| "improvement_plan".into()),
                comment: String::new(),
            },
        )
        .await?;
        n += 1;
    }
    let (units, _) = db
        .units(
            Scope::Mission(mission),
            Some(mission),
            today,
            Order::default(),
            Page {
                offset: 0,
                limit: 100,
            },
        )
        .await?;
    for unit in units {
        let readiness = *["ready", "ready", "ready_with_shortfalls", "not_ready"]
            .choose(rng)
            .unwrap_or(&"ready");
        performance::record_unit_assessment(
            store,
            staff,
            &UnitAssessmentInput {
                unit: unit.unit.id.0,
                assessed_on: days_before(today, rng.random_range(5..150)),
                readiness: readiness.into(),
                remarks: String::new(),
            },
        )
        .await?;
    }
    Ok(n)
}

async fn mission_indicators(
    store: &Store,
    staff: &crate::Actor,
    mission: &str,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Result<usize, WriteError> {
    let computed = [
        (Computed::WomenShare, 15.0, 25.0),
        (Computed::HostPoliceTrained, 100.0, 250.0),
        (Computed::IncidentsAgainstPersonnel, 6.0, 2.0),
        (Computed::PostVacancyRate, 20.0, 10.0),
        (Computed::AllegationsPerThousand, 1.5, 0.5),
    ];
    for (c, baseline, target) in computed {
        indicators::define(
            store,
            staff,
            &IndicatorInput {
                mission: mission.into(),
                computed: Some(c.code().into()),
                baseline,
                target,
                ..Default::default()
            },
        )
        .await?;
    }
    let entered = [
        (
            "Public confidence in the police (survey)",
            "Confiance du public envers la police (enquête)",
            "percent",
            "increase",
            42.0,
            60.0,
        ),
        (
            "SGBV cases referred to the courts",
            "Affaires de VSBG transmises à la justice",
            "cases",
            "increase",
            30.0,
            80.0,
        ),
    ];
    for (en, fr, unit, direction, baseline, target) in entered {
        let id = indicators::define(
            store,
            staff,
            &IndicatorInput {
                mission: mission.into(),
                computed: None,
                name_en: en.into(),
                name_fr: fr.into(),
                unit: Some(unit.into()),
                direction: Some(direction.into()),
                baseline,
                target,
            },
        )
        .await?;
        let mut value = baseline;
        for quarter in Quarter::of(today).last(indicators::QUARTERS_SHOWN) {
            value += (target - baseline) / 10.0 * rng.random_range(0.2..1.6);
            indicators::enter_value(store, staff, id, quarter, (value * 10.0).round() / 10.0)
                .await?;
        }
    }
    Ok(computed.len() + entered.len())
}
