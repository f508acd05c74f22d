//! The demo's force-generation history, dated around the day the demo is made: two requests
//! deployed and closed months ago (their officers are on tour now, with realistic lead times), one
//! sent and taking nominations, one draft. Every step goes through the pipeline's use cases, each
//! with a clock stopped on the day the step was taken, so the history obeys the same rules as the
//! users' own.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use unpol_domain::forcegen::{RequestId, RequestStatus};
use unpol_domain::roster::{LanguageSkill, OfficerId};
use unpol_domain::{Clock, CountryCode, MissionCode};

use crate::forcegen::pipeline::{self, Decision, RequestInput};
use crate::{Actor, Store};

/// An officer of the demo's pool.
#[derive(Debug, Clone, Copy)]
pub(super) struct Available {
    pub officer: OfficerId,
    pub country: CountryCode,
}

/// What a demo request asks, and when it was made relative to the demo's day.
struct Plan {
    title: &'static str,
    posts: u32,
    skills: &'static [&'static str],
    /// Days before the demo's day that the request was created.
    created_ago: u64,
    /// How far it goes: a draft, sent, or deployed and closed.
    reach: RequestStatus,
}

const PLANS: [Plan; 4] = [
    Plan {
        title: "Community policing advisers",
        posts: 4,
        skills: &["community_policing"],
        created_ago: 250,
        reach: RequestStatus::Closed,
    },
    Plan {
        title: "SGBV investigators",
        posts: 3,
        skills: &["sgbv_investigation"],
        created_ago: 170,
        reach: RequestStatus::Closed,
    },
    Plan {
        title: "Border management advisers",
        posts: 4,
        skills: &["border_management"],
        created_ago: 14,
        reach: RequestStatus::Sent,
    },
    Plan {
        title: "Public order trainers",
        posts: 2,
        skills: &["public_order"],
        created_ago: 2,
        reach: RequestStatus::Draft,
    },
];

fn on(day: NaiveDate) -> Actor {
    Actor::console(Clock::on(day))
}

fn days(n: u64) -> Days {
    Days::new(n)
}

/// Makes the history in `mission` with the pool's officers of its three best-stocked countries
/// (Senegal among them when it has a pool, since the demo's focal point is Senegalese). Returns
/// how many requests were made.
pub(super) async fn make(
    store: &Store,
    mission: MissionCode,
    pool: &[Available],
    today: NaiveDate,
) -> anyhow::Result<usize> {
    let mut by_country: BTreeMap<CountryCode, Vec<Available>> = BTreeMap::new();
    for a in pool {
        by_country.entry(a.country).or_default().push(*a);
    }
    let mut countries: Vec<CountryCode> = by_country.keys().copied().collect();
    countries.sort_by_key(|c| (c.as_str() != "SEN", std::cmp::Reverse(by_country[c].len())));
    countries.truncate(3);
    if countries.is_empty() {
        return Ok(0);
    }
    // Each request takes its nominees from what the ones before it left.
    let mut left: Vec<Available> = countries
        .iter()
        .flat_map(|c| by_country[c].iter().copied())
        .collect();
    for plan in &PLANS {
        let take = (plan.posts as usize + 2).min(left.len());
        let nominees: Vec<Available> = match plan.reach {
            RequestStatus::Draft => Vec::new(),
            // A request still open has a couple of nominations so far.
            RequestStatus::Sent => left.drain(..take.min(2)).collect(),
            _ => left.drain(..take).collect(),
        };
        request(store, mission, &countries, plan, &nominees, today).await?;
    }
    Ok(PLANS.len())
}

async fn request(
    store: &Store,
    mission: MissionCode,
    countries: &[CountryCode],
    plan: &Plan,
    nominees: &[Available],
    today: NaiveDate,
) -> anyhow::Result<RequestId> {
    let created = today - days(plan.created_ago);
    let deadline = created + days(40);
    let start = created + days(150);
    let input = RequestInput {
        mission: mission.to_string(),
        title: plan.title.into(),
        posts: plan.posts,
        min_rank: "Sergeant".into(),
        languages: vec![LanguageSkill {
            language: "en".into(),
            level: 2,
        }],
        skills: plan.skills.iter().map(|s| s.to_string()).collect(),
        start,
        tour_months: 12,
        deadline,
        country_cap: None,
        countries: countries.iter().map(ToString::to_string).collect(),
    };
    let id = pipeline::create_request(store, &on(created), input)
        .await?
        .id;
    if plan.reach == RequestStatus::Draft {
        return Ok(id);
    }
    let sent = created + days(1);
    pipeline::advance(
        store,
        &on(sent),
        id,
        RequestStatus::Sent,
        Decision::default(),
    )
    .await?;
    for (k, a) in nominees.iter().enumerate() {
        let day = (sent + days(3 + 4 * k as u64)).min(today).min(deadline);
        pipeline::nominate(store, &on(day), id, a.officer).await?;
    }
    if plan.reach == RequestStatus::Sent {
        return Ok(id);
    }
    let steps = [
        (RequestStatus::NominationsClosed, deadline + days(1)),
        (RequestStatus::Selected, deadline + days(12)),
        (RequestStatus::Deployed, deadline + days(30)),
        (RequestStatus::Closed, start + days(7)),
    ];
    for (step, day) in steps {
        let decision = Decision {
            on: Some(day),
            reason: String::new(),
        };
        match step {
            RequestStatus::Selected => {
                pipeline::select(store, &on(day), id, None, decision).await?;
            }
            RequestStatus::Deployed => {
                pipeline::deploy(store, &on(day), id, decision).await?;
            }
            _ => {
                pipeline::advance(store, &on(day), id, step, decision).await?;
            }
        }
    }
    Ok(id)
}
