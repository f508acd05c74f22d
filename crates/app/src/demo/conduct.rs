//! The demo's conduct cases: synthetic allegations against police in the demo's missions, in
//! the proportions the UN publishes (most years a handful to a few dozen against police, about
//! half of them sexual exploitation or abuse), dated around the day the demo is made so that
//! the overdue list always holds a clock run out and one about to. No subject is a roster
//! officer (so force generation's pool stays cleared), and no victim is a person: codes only.
//! Every case and step goes through the conduct use cases, each with a clock stopped on the day
//! the step was taken.

use chrono::{Datelike, Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::conduct::CaseStatus;
use unpol_domain::{Clock, CountryCode, MissionCode};

use crate::accounts::AuditContext;
use crate::conduct::{self, CaseId, CaseInput, Step, SubjectInput, VictimInput};
use crate::{Actor, Store};

/// The demo's conduct officer, who covers every mission, on `day`.
fn officer_on(day: NaiveDate) -> Actor {
    Actor::new(
        Principal {
            user_id: 0,
            login: "conduct".into(),
            role: Role::Conduct,
            scope: Scope::All,
        },
        AuditContext {
            actor: "conduct".into(),
            ..AuditContext::console().with_clock(Clock::on(day))
        },
    )
}

/// Where the demo's police serve: a mission, a contributing country, formed units or not.
#[derive(Debug, Clone, Copy)]
pub(super) struct Serving {
    pub mission: MissionCode,
    pub country: CountryCode,
    pub formed: bool,
}

/// How far a case went, and how many days after its receipt each step was taken.
struct Course {
    received_ago: u64,
    /// Days after receipt: assessment, referral, investigator named, outcome, closure.
    steps: [Option<u64>; 5],
    outcome: &'static str,
}

/// Makes the cases; returns how many.
pub(super) async fn make(
    store: &Store,
    serving: &[Serving],
    today: NaiveDate,
    seed: u64,
) -> anyhow::Result<usize> {
    if serving.is_empty() || store.case_key().is_none() {
        return Ok(0);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xC0_DE);
    let mut courses = Vec::new();
    // The four calendar years before this one: closed, a few with a substantiated outcome.
    for year in today.year() - 4..today.year() {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        for _ in 0..rng.random_range(6..=14) {
            let received = first + Days::new(rng.random_range(0..360));
            let outcome = *[
                "substantiated",
                "not_substantiated",
                "substantiated",
                "closed_other",
            ]
            .choose(&mut rng)
            .unwrap_or(&"not_substantiated");
            courses.push(Course {
                received_ago: u64::try_from((today - received).num_days()).unwrap_or(0),
                steps: [Some(5), Some(12), Some(20), Some(150), Some(170)],
                outcome,
            });
        }
    }
    // The live cases: a clock run out, one about to, an investigation due within weeks, and
    // cases still being assessed.
    courses.extend([
        Course {
            received_ago: 24,
            steps: [Some(2), Some(4), None, None, None],
            outcome: "",
        },
        Course {
            received_ago: 12,
            steps: [Some(2), Some(5), None, None, None],
            outcome: "",
        },
        Course {
            received_ago: 180,
            steps: [Some(3), Some(9), Some(15), None, None],
            outcome: "",
        },
        Course {
            received_ago: 3,
            steps: [Some(1), None, None, None, None],
            outcome: "",
        },
        Course {
            received_ago: 1,
            steps: [None; 5],
            outcome: "",
        },
    ]);
    // The demo's focal point is Senegalese: the cases waiting for an investigator are Senegal's
    // when Senegal serves in the demo.
    let senegal = serving
        .iter()
        .find(|s| s.country.as_str() == "SEN")
        .copied();
    let mut made = 0;
    for (n, course) in courses.iter().enumerate() {
        let random = *serving.choose(&mut rng).unwrap_or(&serving[0]);
        let waiting = course.steps[1].is_some() && course.steps[2].is_none();
        let at = if waiting {
            senegal.unwrap_or(random)
        } else {
            random
        };
        let allegation = *[
            "sexual_exploitation",
            "sexual_abuse",
            "category_1",
            "category_2",
            "category_2",
        ]
        .choose(&mut rng)
        .unwrap_or(&"category_2");
        let child = allegation == "sexual_abuse" && rng.random_bool(0.3);
        case(store, today, n, course, at, allegation, child).await?;
        made += 1;
    }
    Ok(made)
}

async fn case(
    store: &Store,
    today: NaiveDate,
    n: usize,
    course: &Course,
    at: Serving,
    allegation: &str,
    child: bool,
) -> anyhow::Result<CaseId> {
    let received = today - Days::new(course.received_ago);
    let sea = allegation.starts_with("sexual");
    let input = CaseInput {
        mission: at.mission.to_string(),
        received_on: Some(received),
        incident_on: Some(received - Days::new(10)),
        incident_approximate: true,
        location: format!("Sector {}", n % 4 + 1),
        allegation: allegation.into(),
        subjects: vec![SubjectInput {
            officer: None,
            category: if at.formed {
                "formed_police_units"
            } else {
                "individual_police"
            }
            .into(),
            nationality: at.country.to_string(),
        }],
        victims: if sea {
            vec![VictimInput {
                code: format!("V-{}-{n}", received.year()),
                sex: "female".into(),
                age_group: if child { "child" } else { "adult" }.into(),
                details: "Synthetic demo victim: medical and psychosocial assistance given".into(),
            }]
        } else {
            Vec::new()
        },
        narrative: format!(
            "Synthetic demo case {n}: no real person or event. A report received on {received}."
        ),
        ..CaseInput::default()
    };
    let id = conduct::record_case(store, &officer_on(received), input).await?;
    let statuses = [
        CaseStatus::PreliminaryAssessment,
        CaseStatus::Referred,
        CaseStatus::InvestigatorNamed,
        CaseStatus::Outcome,
        CaseStatus::Closed,
    ];
    let country = at.country.to_string();
    for (to, after) in statuses.into_iter().zip(course.steps) {
        let Some(after) = after else { break };
        let day = (received + Days::new(after)).min(today);
        let actor = officer_on(day);
        if to == CaseStatus::Outcome {
            conduct::advance(store, &actor, id, Step::to(CaseStatus::UnderInvestigation)).await?;
        }
        let step = Step {
            referred_to: (to == CaseStatus::Referred).then_some(country.as_str()),
            investigator: (to == CaseStatus::InvestigatorNamed).then_some("contributing_country"),
            outcome: (to == CaseStatus::Outcome).then_some(course.outcome),
            ..Step::to(to)
        };
        conduct::advance(store, &actor, id, step).await?;
    }
    Ok(id)
}
