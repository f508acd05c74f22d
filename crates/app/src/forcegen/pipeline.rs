//! The force-generation pipeline over the roster: a request sent to countries, their nominations,
//! the optimal selection under the hard rules and the share rules, and the deployment that turns
//! the selected into tours.
//!
//! Every read goes through the caller's scope: a country's focal point sees only the requests sent
//! to its country and nominates only its nationals; a record outside the scope is not found.

use crate::Store;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use unpol_domain::Category;
use unpol_domain::access::Scope;
use unpol_domain::forcegen::{
    self, Fit, Ineligible, Nomination, NominationId, NominationStatus, Profile, Request, RequestId,
    rank_order,
};
use unpol_domain::parity::TargetKind;
use unpol_domain::roster::{
    DeploymentId, FIRST_DAY, Gender, LAST_DAY, LanguageSkill, Officer, OfficerId, Tour,
    plausible_day,
};
use unpol_selection::{Edge, Graph, Limits, People, Problem, Share};
use unpol_storage::Database;
use unpol_storage::deployments::{DeploymentFields, DeploymentFilter};
use unpol_storage::forcegen::RequestFields;
use unpol_storage::officers::{Page, WriteError};
use unpol_storage::records::RecordTable;

use crate::Actor;
use crate::scope::visible;

/// A request as a caller sends it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct RequestInput {
    pub mission: String,
    pub title: String,
    pub posts: u32,
    pub min_rank: String,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    #[serde(default)]
    pub skills: Vec<String>,
    pub start: NaiveDate,
    #[serde(default = "twelve")]
    pub tour_months: u32,
    pub deadline: NaiveDate,
    pub country_cap: Option<f64>,
    /// ISO codes or names of the countries the request goes to.
    pub countries: Vec<String>,
}

fn twelve() -> u32 {
    12
}

fn invalid(message: impl Into<String>) -> WriteError {
    WriteError::Invalid(message.into())
}

/// The request, if the caller may see it; "not found" otherwise (the refusal audited when the
/// request exists).
pub async fn request_in_scope(
    store: &Store,
    actor: &Actor,
    id: RequestId,
) -> Result<Request, WriteError> {
    let db = store.db();
    let found = db.request(actor.scope(), id).await?;
    visible(db, actor, RecordTable::Request, id.0, found)
        .await?
        .ok_or(WriteError::NotFound)
}

/// Records a request after checking it; a mission's staff may ask for their own mission only.
pub async fn create_request(
    store: &Store,
    actor: &Actor,
    input: RequestInput,
) -> Result<Request, WriteError> {
    let db = store.db();
    let resolver = db.resolver().await?;
    let mission = *resolver
        .mission(&input.mission)
        .ok_or_else(|| invalid(format!("unknown mission `{}`", input.mission)))?;
    if let Scope::Mission(own) = actor.scope()
        && own != mission
    {
        return Err(invalid(format!("you may only request officers for {own}")));
    }
    if input.title.trim().is_empty() {
        return Err(invalid("title is required"));
    }
    unpol_domain::text::check(&input.title, unpol_domain::text::NAME_MAX)
        .map_err(|problem| invalid(format!("title {problem}")))?;
    if input.skills.len() > 50 {
        return Err(invalid("a request asks for at most 50 skills"));
    }
    for skill in &input.skills {
        unpol_domain::text::check(skill, unpol_domain::text::ID_MAX)
            .map_err(|problem| invalid(format!("skill {problem}")))?;
    }
    if input.posts == 0 || input.posts > 10_000 {
        return Err(invalid("posts must be from 1 to 10,000"));
    }
    if rank_order(&input.min_rank).is_none() {
        return Err(invalid(format!(
            "unknown rank `{}`; one of: {}",
            input.min_rank,
            forcegen::RANKS.join(", ")
        )));
    }
    for l in &input.languages {
        if l.language.len() != 2
            || !l.language.bytes().all(|b| b.is_ascii_lowercase())
            || !(1..=5).contains(&l.level)
        {
            return Err(invalid(format!(
                "language `{}` level {}: use an ISO 639-1 code and a level 1 to 5",
                l.language, l.level
            )));
        }
    }
    if !(1..=36).contains(&input.tour_months) {
        return Err(invalid("tour_months must be from 1 to 36"));
    }
    if !plausible_day(input.start) || !plausible_day(input.deadline) {
        return Err(invalid(format!(
            "start and deadline must be from {FIRST_DAY} to {LAST_DAY}"
        )));
    }
    if input.deadline > input.start {
        return Err(invalid(
            "the deadline for nominations must not be after the start date",
        ));
    }
    if input.country_cap.is_some_and(|c| !(c > 0.0 && c <= 1.0)) {
        return Err(invalid("country_cap must be above 0 and at most 1"));
    }
    let mut countries = Vec::new();
    for name in &input.countries {
        let code = resolver
            .country(name)
            .ok_or_else(|| invalid(format!("unknown country `{name}`")))?;
        if !countries.contains(&code) {
            countries.push(code);
        }
    }
    if countries.is_empty() {
        return Err(invalid("a request goes to at least one country"));
    }
    let fields = RequestFields {
        mission,
        title: input.title.trim().to_string(),
        posts: input.posts,
        profile: Profile {
            min_rank: forcegen::RANKS[rank_order(&input.min_rank).unwrap_or_default()].to_string(),
            languages: input.languages,
            skills: input.skills,
        },
        start: input.start,
        tour_months: input.tour_months,
        deadline: input.deadline,
        country_cap: input.country_cap,
        countries,
        created_on: actor.today(),
    };
    let id = db
        .create_request(&fields, &actor.event("forcegen.request", "", &fields.title))
        .await?;
    db.request(Scope::All, id)
        .await?
        .ok_or(WriteError::NotFound)
}

/// A country's focal point nominates one of its nationals (headquarters may nominate anyone of
/// a country the request was sent to). The request and the officer must both be in the caller's
/// scope; nominations close after the deadline.
pub async fn nominate(
    store: &Store,
    actor: &Actor,
    request: RequestId,
    officer: OfficerId,
) -> Result<Nomination, WriteError> {
    let db = store.db();
    let request = request_in_scope(store, actor, request).await?;
    let officer = crate::roster::officer(store, actor, officer)
        .await?
        .ok_or(WriteError::NotFound)?;
    if !request.countries.contains(&officer.nationality) {
        return Err(invalid(format!(
            "request {} was not sent to {}",
            request.id, officer.nationality
        )));
    }
    let on = actor.today();
    if on > request.deadline {
        return Err(invalid(format!(
            "nominations for request {} closed on {}",
            request.id, request.deadline
        )));
    }
    let event = actor.event(
        "forcegen.nominate",
        "",
        &format!("officer {} to request {}", officer.id, request.id),
    );
    let id = db.nominate(request.id, officer.id, on, &event).await?;
    let nominations = db.nominations(Scope::All, request.id).await?;
    nominations
        .into_iter()
        .find(|n| n.id == id)
        .ok_or(WriteError::NotFound)
}

/// The nominations of a request that the caller may see.
pub async fn nominations(
    store: &Store,
    actor: &Actor,
    request: RequestId,
) -> Result<Vec<Nomination>, WriteError> {
    let db = store.db();
    request_in_scope(store, actor, request).await?;
    Ok(db.nominations(actor.scope(), request).await?)
}

/// What the planner is told beyond the request.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    /// The women's share to reach; by default the parity target of the start year.
    pub women: Option<Share>,
    /// Stop once the certified gap is at most this.
    pub gap: f64,
}

/// The proposed slate, why each officer is on it or not, and how far from optimal it can be.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PlanReport {
    pub request: RequestId,
    pub posts: u32,
    pub women_rule: Option<WomenRule>,
    pub country_cap: Option<f64>,
    pub objective: i64,
    /// No slate keeping the rules scores more; equal to `objective` when proven optimal.
    pub bound: i64,
    pub gap: f64,
    pub proven_optimal: bool,
    /// The rules that cost objective (a positive price): what keeps the objective from rising.
    pub binding: Vec<String>,
    pub selected: Vec<Candidate>,
    /// Eligible but not on the slate.
    pub reserve: Vec<Candidate>,
    /// The rules that leave posts empty: each with what it asks, what the nominees allow, and the
    /// best slate if only that rule were relaxed.
    pub shortfalls: Vec<Shortfall>,
    pub ineligible: Vec<Refused>,
}

/// A rule that cannot hold with every post filled.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Shortfall {
    pub rule: String,
    /// Why, in numbers: e.g. "2 women needed to fill 4 posts at 30.0%, 1 eligible".
    pub detail: String,
    pub filled: usize,
    pub filled_without_rule: usize,
    pub objective_without_rule: i64,
    pub slate_without_rule: Vec<Candidate>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct WomenRule {
    pub share: f64,
    /// `parity target 2027 (path)`, or `given`.
    pub source: String,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Candidate {
    pub nomination: NominationId,
    pub officer: OfficerId,
    pub name: String,
    pub nationality: String,
    pub gender: Gender,
    pub fit: Fit,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Refused {
    pub nomination: NominationId,
    pub officer: OfficerId,
    pub name: String,
    pub reasons: Vec<Ineligible>,
}

/// A nomination that may still be decided, with its officer and tours.
#[derive(Debug, Clone)]
struct Nominee {
    nomination: Nomination,
    officer: Officer,
    verdict: Result<Fit, Vec<Ineligible>>,
}

async fn nominees(db: &Database, request: &Request) -> Result<Vec<Nominee>, WriteError> {
    let mut out = Vec::new();
    for nomination in db.nominations(Scope::All, request.id).await? {
        if matches!(
            nomination.status,
            NominationStatus::Withdrawn | NominationStatus::Deployed
        ) {
            continue;
        }
        let officer = db
            .officer(Scope::All, nomination.officer)
            .await?
            .ok_or(WriteError::NotFound)?;
        let filter = DeploymentFilter {
            officer: Some(officer.id),
            ..Default::default()
        };
        let (tours, _) = db
            .deployments(
                Scope::All,
                &filter,
                Page {
                    offset: 0,
                    limit: 1000,
                },
            )
            .await?;
        let tours: Vec<Tour> = tours.iter().map(|d| d.tour()).collect();
        let verdict = forcegen::check(request, &officer, &tours);
        out.push(Nominee {
            nomination,
            officer,
            verdict,
        });
    }
    Ok(out)
}

async fn women_rule(
    db: &Database,
    request: &Request,
    given: Option<Share>,
) -> Result<Option<(Share, WomenRule)>, WriteError> {
    if let Some(share) = given {
        return Ok(Some((
            share,
            WomenRule {
                share: share.as_f64(),
                source: "given".into(),
            },
        )));
    }
    let schedule = crate::stats::schedule_of(db)
        .await
        .map_err(|e| WriteError::Storage(anyhow::anyhow!("{e}")))?;
    let year = chrono::Datelike::year(&request.start);
    let Some(target) = schedule.target(Category::IndividualPolice, year) else {
        return Ok(None);
    };
    // Rounded up to a ten-thousandth, so the rule asks at least the target.
    let share = Share::new(
        ((target.share * 10_000.0).ceil() as i64).min(10_000),
        10_000,
    )
    .map_err(|e| invalid(e.to_string()))?;
    let kind = match target.kind {
        TargetKind::Official => "official",
        TargetKind::Path => "path",
    };
    Ok(Some((
        share,
        WomenRule {
            share: share.as_f64(),
            source: format!("parity target {year} ({kind})"),
        },
    )))
}

/// Proposes the best slate for a request: every post filled at most once by an eligible nominee,
/// at least the women's share of the parity target, at most the request's share per country.
pub async fn plan(
    store: &Store,
    actor: &Actor,
    request: RequestId,
    options: PlanOptions,
) -> Result<PlanReport, WriteError> {
    let db = store.db();
    let request = request_in_scope(store, actor, request).await?;
    let nominees = nominees(db, &request).await?;
    plan_for(db, &request, &nominees, options).await
}

/// The plan of a request whose open nominees are already loaded (`select` reuses them).
async fn plan_for(
    db: &Database,
    request: &Request,
    nominees: &[Nominee],
    options: PlanOptions,
) -> Result<PlanReport, WriteError> {
    let women = women_rule(db, request, options.women).await?;
    // The optimizer is CPU work of up to seconds: on the blocking pool, not an async worker.
    let (request, nominees) = (request.clone(), nominees.to_vec());
    tokio::task::spawn_blocking(move || solve_plan(&request, &nominees, women, options))
        .await
        .map_err(|e| WriteError::Storage(anyhow::anyhow!("the planner stopped: {e}")))?
}

/// The plan of a request once its nominees and women's rule are known: no I/O.
fn solve_plan(
    request: &Request,
    nominees: &[Nominee],
    women: Option<(Share, WomenRule)>,
    options: PlanOptions,
) -> Result<PlanReport, WriteError> {
    let country_cap = request
        .country_cap
        .map(|c| Share::new((c * 10_000.0).floor() as i64, 10_000))
        .transpose()
        .map_err(|e| invalid(e.to_string()))?;
    let eligible: Vec<(&Nominee, Fit)> = nominees
        .iter()
        .filter_map(|n| n.verdict.as_ref().ok().map(|f| (n, *f)))
        .collect();
    let posts = request.posts as usize;
    let edges = (0..posts as u32)
        .flat_map(|p| {
            eligible.iter().enumerate().map(move |(c, (_, fit))| Edge {
                post: p,
                candidate: c as u32,
                fit: fit.total,
            })
        })
        .collect();
    let graph =
        Graph::new(posts, eligible.len(), edges).map_err(|e| WriteError::Storage(e.into()))?;
    let female: Vec<bool> = eligible
        .iter()
        .map(|(n, _)| n.officer.gender == Gender::Female)
        .collect();
    let mut countries: Vec<_> = eligible
        .iter()
        .map(|(n, _)| n.officer.nationality)
        .collect();
    countries.sort();
    countries.dedup();
    let country: Vec<u16> = eligible
        .iter()
        .map(|(n, _)| {
            countries
                .binary_search(&n.officer.nationality)
                .unwrap_or_default() as u16
        })
        .collect();
    let post_mission = vec![0u16; posts];
    let solve = |women: Option<Share>, country_cap: Option<Share>| {
        let problem = Problem {
            graph: &graph,
            post_mission: &post_mission,
            missions: 1,
            people: People {
                female: &female,
                country: &country,
            },
            women,
            country_cap,
        };
        unpol_selection::plan(
            &problem,
            Limits {
                gap: options.gap,
                ..Limits::default()
            },
        )
    };
    let women_share = women.as_ref().map(|(s, _)| *s);
    let result = solve(women_share, country_cap);
    let chosen: Vec<usize> = result.slate.iter().map(|&(_, c)| c as usize).collect();
    let candidate = |(n, fit): &(&Nominee, Fit)| Candidate {
        nomination: n.nomination.id,
        officer: n.officer.id,
        name: format!("{} {}", n.officer.given_name, n.officer.family_name),
        nationality: n.officer.nationality.to_string(),
        gender: n.officer.gender,
        fit: *fit,
    };
    let binding = result
        .rules
        .iter()
        .filter(|r| r.binding)
        .map(|r| match r.rule.members {
            unpol_selection::Members::Women => format!(
                "women at least {:.1}% (price {:.3} per unit)",
                women.as_ref().map_or(0.0, |(s, _)| s.as_f64() * 100.0),
                r.multiplier
            ),
            unpol_selection::Members::Country(c) => format!(
                "{} at most {:.1}% (price {:.3} per unit)",
                countries[c as usize],
                request.country_cap.unwrap_or(1.0) * 100.0,
                r.multiplier
            ),
        })
        .collect();
    // Posts left empty although nominees remain: relax one rule at a time to see which one costs.
    let mut shortfalls = Vec::new();
    let fillable = posts.min(eligible.len());
    if result.slate.len() < fillable {
        let slate_of = |plan: &unpol_selection::Plan| -> Vec<Candidate> {
            plan.slate
                .iter()
                .map(|&(_, c)| candidate(&eligible[c as usize]))
                .collect()
        };
        if let Some(share) = women_share {
            let relaxed = solve(None, country_cap);
            let eligible_women = female.iter().filter(|f| **f).count();
            shortfalls.push(Shortfall {
                rule: format!("women at least {:.1}%", share.as_f64() * 100.0),
                detail: format!(
                    "{} women needed to fill {fillable} posts, {eligible_women} eligible",
                    share.least_of(fillable as i64)
                ),
                filled: result.slate.len(),
                filled_without_rule: relaxed.slate.len(),
                objective_without_rule: relaxed.objective,
                slate_without_rule: slate_of(&relaxed),
            });
        }
        if let Some(cap) = country_cap {
            let relaxed = solve(women_share, None);
            let per_country: Vec<String> = countries
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    format!(
                        "{c} {}",
                        country.iter().filter(|&&k| k as usize == i).count()
                    )
                })
                .collect();
            shortfalls.push(Shortfall {
                rule: format!("one country at most {:.1}%", cap.as_f64() * 100.0),
                detail: format!(
                    "at most {} from one country when {fillable} posts are filled; eligible: {}",
                    cap.most_of(fillable as i64),
                    per_country.join(", ")
                ),
                filled: result.slate.len(),
                filled_without_rule: relaxed.slate.len(),
                objective_without_rule: relaxed.objective,
                slate_without_rule: slate_of(&relaxed),
            });
        }
        shortfalls.retain(|s| s.filled_without_rule > s.filled);
    }
    Ok(PlanReport {
        request: request.id,
        posts: request.posts,
        women_rule: women.map(|(_, rule)| rule),
        country_cap: request.country_cap,
        objective: result.objective,
        bound: result.bound,
        gap: result.gap(),
        proven_optimal: result.bound == result.objective,
        binding,
        selected: chosen.iter().map(|&c| candidate(&eligible[c])).collect(),
        reserve: (0..eligible.len())
            .filter(|c| !chosen.contains(c))
            .map(|c| candidate(&eligible[c]))
            .collect(),
        shortfalls,
        ineligible: nominees
            .iter()
            .filter_map(|n| {
                n.verdict.as_ref().err().map(|reasons| Refused {
                    nomination: n.nomination.id,
                    officer: n.officer.id,
                    name: format!("{} {}", n.officer.given_name, n.officer.family_name),
                    reasons: reasons.clone(),
                })
            })
            .collect(),
    })
}

/// Selects officers for a request: the plan's slate when `officers` is none, otherwise the officers
/// named (each must be an eligible nominee). Every other open nomination becomes not selected.
pub async fn select(
    store: &Store,
    actor: &Actor,
    request: RequestId,
    officers: Option<Vec<OfficerId>>,
) -> Result<Vec<Nomination>, WriteError> {
    let db = store.db();
    let found = request_in_scope(store, actor, request).await?;
    let nominees = nominees(db, &found).await?;
    let chosen: Vec<OfficerId> = match officers {
        Some(list) => list,
        None => plan_for(db, &found, &nominees, PlanOptions::default())
            .await?
            .selected
            .iter()
            .map(|c| c.officer)
            .collect(),
    };
    if chosen.len() > found.posts as usize {
        return Err(invalid(format!(
            "request {request} has {} posts; {} officers were chosen",
            found.posts,
            chosen.len()
        )));
    }
    for officer in &chosen {
        let nominee = nominees
            .iter()
            .find(|n| n.officer.id == *officer)
            .ok_or_else(|| {
                invalid(format!(
                    "officer {officer} has no open nomination to request {request}"
                ))
            })?;
        if let Err(reasons) = &nominee.verdict {
            let reasons: Vec<String> = reasons.iter().map(ToString::to_string).collect();
            return Err(invalid(format!(
                "officer {officer} is not eligible: {}",
                reasons.join("; ")
            )));
        }
    }
    let decisions: Vec<(NominationId, NominationStatus)> = nominees
        .iter()
        .map(|n| {
            let next = if chosen.contains(&n.officer.id) {
                NominationStatus::Selected
            } else {
                NominationStatus::NotSelected
            };
            (n.nomination.id, next)
        })
        .collect();
    db.decide_nominations(
        request,
        &decisions,
        actor.today(),
        &actor.event("forcegen.select", "", ""),
    )
    .await?;
    Ok(db.nominations(Scope::All, request).await?)
}

/// Deploys every selected officer of a request: one tour each, from the request's start date for
/// its tour length, in the request's mission.
pub async fn deploy(
    store: &Store,
    actor: &Actor,
    request: RequestId,
) -> Result<Vec<DeploymentId>, WriteError> {
    let db = store.db();
    let request = request_in_scope(store, actor, request).await?;
    let end = request
        .start
        .checked_add_months(Months::new(request.tour_months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| invalid("the tour would end past the calendar"))?;
    let tours: Vec<(NominationId, DeploymentFields)> = db
        .nominations(Scope::All, request.id)
        .await?
        .into_iter()
        .filter(|n| n.status == NominationStatus::Selected)
        .map(|n| {
            let fields = DeploymentFields {
                external_id: format!("FG-{}-{}", request.id, n.id),
                officer: n.officer,
                unit: None,
                mission: request.mission,
                post: None,
                category: Category::IndividualPolice,
                start: request.start,
                planned_end: end,
                actual_end: None,
                end_reason: None,
            };
            (n.id, fields)
        })
        .collect();
    if tours.is_empty() {
        return Err(invalid(format!(
            "request {} has no selected officer to deploy",
            request.id
        )));
    }
    db.deploy_nominations(
        &tours,
        actor.today(),
        &actor.event("forcegen.deploy", "", &format!("request {}", request.id)),
    )
    .await
}

/// Median days from request to nomination, selection and deployment, per mission, country or
/// profile, over the deployments the caller may see.
pub async fn lead_times(
    store: &Store,
    actor: &Actor,
    by: forcegen::LeadTimeGroup,
) -> Result<Vec<forcegen::LeadTime>, WriteError> {
    let db = store.db();
    Ok(forcegen::lead_times(&db.journeys(actor.scope()).await?, by))
}

/// The requests the caller may see: those sent to its country, or of its mission, or all.
pub async fn requests(store: &Store, actor: &Actor) -> anyhow::Result<Vec<Request>> {
    store.db().requests(actor.scope()).await
}
