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
    RequestStatus, rank_order,
};
use unpol_domain::message;
use unpol_domain::message::Message;
use unpol_domain::parity::TargetKind;
use unpol_domain::roster::{
    DeploymentId, FIRST_DAY, Gender, LAST_DAY, LanguageSkill, Officer, OfficerId, Tour,
    plausible_day,
};
use unpol_domain::vocabulary::Vocabulary;
use unpol_selection::{Edge, Graph, Limits, People, Problem, Share};
use unpol_storage::Database;
use unpol_storage::deployments::{DeploymentFields, DeploymentFilter};
use unpol_storage::forcegen::{RequestFields, StepFields};
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

/// An input the rules refuse, as a message.
fn refused(message: Message) -> WriteError {
    WriteError::refused(message)
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

/// Checks a request as written and resolves its codes; a mission's staff may ask for their own
/// mission only.
async fn request_fields(
    db: &Database,
    actor: &Actor,
    input: RequestInput,
) -> Result<RequestFields, WriteError> {
    let resolver = db.resolver().await?;
    let mission = *resolver
        .mission(&input.mission)
        .ok_or_else(|| refused(message!("unknown-mission", value = input.mission)))?;
    if let Scope::Mission(own) = actor.scope()
        && own != mission
    {
        return Err(refused(message!("fg-own-mission", mission = own)));
    }
    if input.title.trim().is_empty() {
        return Err(refused(message!("fg-title-required")));
    }
    unpol_domain::text::check(&input.title, unpol_domain::text::NAME_MAX)
        .map_err(|problem| refused(message!("fg-title-text", problem = problem)))?;
    if input.skills.len() > 50 {
        return Err(refused(message!("fg-too-many-skills")));
    }
    for skill in &input.skills {
        Vocabulary::Skill
            .check(skill)
            .map_err(|unknown| refused(unknown.message()))?;
    }
    if input.posts == 0 || input.posts > 10_000 {
        return Err(refused(message!("fg-posts-range")));
    }
    if let Err(unknown) = Vocabulary::Rank.check(&input.min_rank) {
        return Err(refused(unknown.message()));
    }
    for l in &input.languages {
        Vocabulary::Language
            .check(&l.language)
            .map_err(|unknown| refused(unknown.message()))?;
        if !(1..=5).contains(&l.level) {
            return Err(refused(message!(
                "fg-language-level",
                language = l.language,
                level = l.level
            )));
        }
    }
    if !(1..=36).contains(&input.tour_months) {
        return Err(refused(message!("fg-tour-months")));
    }
    if !plausible_day(input.start) || !plausible_day(input.deadline) {
        return Err(refused(message!(
            "fg-dates-range",
            first = FIRST_DAY,
            last = LAST_DAY
        )));
    }
    if input.deadline > input.start {
        return Err(refused(message!("fg-deadline-after-start")));
    }
    if input.country_cap.is_some_and(|c| !(c > 0.0 && c <= 1.0)) {
        return Err(refused(message!("fg-country-cap")));
    }
    let mut countries = Vec::new();
    for name in &input.countries {
        let code = resolver
            .country(name)
            .ok_or_else(|| refused(message!("unknown-country", value = name)))?;
        if !countries.contains(&code) {
            countries.push(code);
        }
    }
    if countries.is_empty() {
        return Err(refused(message!("fg-no-country")));
    }
    Ok(RequestFields {
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
    })
}

/// Records a request as a draft: no country sees it until it is sent.
pub async fn create_request(
    store: &Store,
    actor: &Actor,
    input: RequestInput,
) -> Result<Request, WriteError> {
    let db = store.db();
    let fields = request_fields(db, actor, input).await?;
    let id = db
        .create_request(&fields, &actor.event("forcegen.request", "", &fields.title))
        .await?;
    db.request(Scope::All, id)
        .await?
        .ok_or(WriteError::NotFound)
}

/// Rewrites a draft request; once sent, a request is no longer edited (countries act on it).
pub async fn update_request(
    store: &Store,
    actor: &Actor,
    id: RequestId,
    input: RequestInput,
) -> Result<Request, WriteError> {
    let db = store.db();
    let found = request_in_scope(store, actor, id).await?;
    if found.status != RequestStatus::Draft {
        return Err(WriteError::conflict(message!(
            "fg-not-draft",
            request = id,
            status = found.status.code()
        )));
    }
    let mut fields = request_fields(db, actor, input).await?;
    fields.created_on = found.created_on;
    db.update_request(
        id,
        &fields,
        &actor.event("forcegen.request.edit", "", &fields.title),
    )
    .await?;
    db.request(Scope::All, id)
        .await?
        .ok_or(WriteError::NotFound)
}

/// The date and reason of a decision as the caller gives them.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct Decision {
    /// The day the decision was taken; today when absent. Never in the future, never before the
    /// request's previous step.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// Why: required to cancel a request and to select other officers than the plan's.
    #[serde(default)]
    pub reason: String,
}

/// The day a step of `request` is dated: the one given or today, checked against the calendar.
fn decision_day(
    actor: &Actor,
    request: &Request,
    decision: &Decision,
) -> Result<NaiveDate, WriteError> {
    let today = actor.today();
    let on = decision.on.unwrap_or(today);
    if on > today {
        return Err(refused(message!("fg-date-future", today = today, on = on)));
    }
    let last = request.last_step_on();
    if on < last {
        return Err(refused(message!(
            "fg-date-before",
            request = request.id,
            last = last,
            on = on
        )));
    }
    unpol_domain::text::check(&decision.reason, unpol_domain::text::TEXT_MAX)
        .map_err(|problem| refused(message!("fg-reason-text", problem = problem)))?;
    Ok(on)
}

/// Moves a request one step that needs nothing but a decision: send it to its countries, close
/// its nominations, close it, or cancel it (with a reason). Selection and deployment have their
/// own use cases, [`select`] and [`deploy`]. Out of order, the step is refused with the status
/// the request is in.
pub async fn advance(
    store: &Store,
    actor: &Actor,
    id: RequestId,
    to: RequestStatus,
    decision: Decision,
) -> Result<Request, WriteError> {
    let db = store.db();
    let request = request_in_scope(store, actor, id).await?;
    match to {
        RequestStatus::Sent | RequestStatus::NominationsClosed | RequestStatus::Closed => {}
        RequestStatus::Cancelled if decision.reason.trim().is_empty() => {
            return Err(refused(message!("fg-cancel-reason")));
        }
        RequestStatus::Cancelled => {}
        RequestStatus::Draft | RequestStatus::Selected | RequestStatus::Deployed => {
            return Err(refused(message!("fg-own-step", next = to.code())));
        }
    }
    if !request.status.may_become(to) {
        return Err(out_of_order(&request, to));
    }
    let on = decision_day(actor, &request, &decision)?;
    if to == RequestStatus::Sent && on > request.deadline {
        return Err(refused(message!(
            "fg-sent-after-deadline",
            deadline = request.deadline,
            on = on
        )));
    }
    let step = StepFields::to(to, on, decision.reason.trim());
    db.advance_request(id, &step, &actor.event("forcegen.request.step", "", ""))
        .await?;
    db.request(Scope::All, id)
        .await?
        .ok_or(WriteError::NotFound)
}

fn out_of_order(request: &Request, to: RequestStatus) -> WriteError {
    WriteError::conflict(message!(
        "fg-out-of-order",
        request = request.id,
        status = request.status.code(),
        next = to.code()
    ))
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
        return Err(refused(message!(
            "fg-not-sent-to",
            request = request.id,
            country = officer.nationality
        )));
    }
    if request.status != RequestStatus::Sent {
        return Err(WriteError::conflict(message!(
            "fg-not-taking",
            request = request.id,
            status = request.status.code()
        )));
    }
    let on = actor.today();
    if on > request.deadline {
        return Err(refused(message!(
            "fg-nominations-ended",
            request = request.id,
            deadline = request.deadline
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

/// An officer the caller may nominate to a request, with the verdict of the hard rules.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Pick {
    pub officer: OfficerId,
    pub name: String,
    pub nationality: String,
    pub rank: String,
    pub gender: Gender,
    /// Already nominated to this request.
    pub nominated: bool,
    /// The fit when eligible; none with the reasons otherwise.
    pub fit: Option<Fit>,
    pub reasons: Vec<Ineligible>,
}

/// How many officers the picker lists.
pub const PICKS: usize = 60;
/// How many of a country's nationals the picker weighs (a country's whole police roster in unpol
/// is far below this).
const NATIONALS_WEIGHED: i64 = 5_000;

/// The officers the caller may nominate to a request, each with its eligibility and reasons
/// before anyone is nominated: a focal point sees its own nationals, headquarters the nationals of
/// every country the request was sent to. `name` narrows by given or family name. Eligible
/// officers come first, best fit first; at most [`PICKS`].
pub async fn picks(
    store: &Store,
    actor: &Actor,
    request: RequestId,
    name: Option<&str>,
) -> Result<Vec<Pick>, WriteError> {
    let db = store.db();
    let request = request_in_scope(store, actor, request).await?;
    let nominated: Vec<OfficerId> = db
        .nominations(Scope::All, request.id)
        .await?
        .iter()
        .map(|n| n.officer)
        .collect();
    let countries: Vec<_> = request
        .countries
        .iter()
        .copied()
        .filter(|c| actor.scope().country().is_none_or(|own| own == *c))
        .collect();
    let everyone = Page {
        offset: 0,
        limit: NATIONALS_WEIGHED,
    };
    let mut picks = Vec::new();
    for country in countries {
        let filter = unpol_storage::officers::OfficerFilter {
            nationality: Some(country),
            name: name
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
            ..Default::default()
        };
        let (officers, _) = db.officers(actor.scope(), &filter, everyone).await?;
        // Their tours in one read, not one per officer.
        let tours_filter = DeploymentFilter {
            nationality: Some(country),
            ..Default::default()
        };
        let (tours, _) = db.deployments(Scope::All, &tours_filter, everyone).await?;
        let mut by_officer: std::collections::HashMap<OfficerId, Vec<Tour>> = Default::default();
        let mut repatriated = std::collections::HashSet::new();
        for d in &tours {
            by_officer.entry(d.officer).or_default().push(d.tour());
            if repatriation(d) {
                repatriated.insert(d.officer);
            }
        }
        for officer in officers {
            let tours = by_officer.get(&officer.id).map_or(&[][..], Vec::as_slice);
            let verdict = forcegen::screened(
                forcegen::check(&request, &officer, tours),
                screening(db, officer.id, repatriated.contains(&officer.id)).await?,
            );
            picks.push(Pick {
                officer: officer.id,
                name: format!("{} {}", officer.given_name, officer.family_name),
                nationality: officer.nationality.to_string(),
                rank: officer.rank.clone(),
                gender: officer.gender,
                nominated: nominated.contains(&officer.id),
                fit: verdict.as_ref().ok().copied(),
                reasons: verdict.err().unwrap_or_default(),
            });
        }
    }
    picks.sort_by(|a, b| (b.fit.map(|f| f.total), &a.name).cmp(&(a.fit.map(|f| f.total), &b.name)));
    picks.truncate(PICKS);
    Ok(picks)
}

/// What screening finds of an officer: conduct clears it when there is no open case, no
/// substantiated allegation of sexual exploitation or abuse, and it was not `repatriated` for
/// discipline; its evaluations must not rate it underperforming again and again.
async fn screening(
    db: &Database,
    officer: OfficerId,
    repatriated: bool,
) -> Result<forcegen::Screening, WriteError> {
    let cases = db.screening(officer).await?;
    Ok(forcegen::Screening {
        conduct_cleared: unpol_domain::conduct::cleared(&cases, repatriated),
        repeated_underperformance: crate::performance::repeatedly_underperformed(db, officer)
            .await?,
    })
}

/// Whether a tour ended in a disciplinary repatriation.
fn repatriation(tour: &unpol_domain::roster::Deployment) -> bool {
    tour.end_reason == Some(unpol_domain::roster::EndReason::DisciplinaryRepatriation)
}

/// Every tour of an officer (the eligibility rules look at all of them), and whether one ended in
/// a disciplinary repatriation.
async fn tours_of(db: &Database, officer: OfficerId) -> Result<(Vec<Tour>, bool), WriteError> {
    let filter = DeploymentFilter {
        officer: Some(officer),
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
    Ok((
        tours.iter().map(|d| d.tour()).collect(),
        tours.iter().any(repatriation),
    ))
}

/// One nomination of an officer, with the request it went to.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OfficerNomination {
    pub nomination: Nomination,
    pub title: String,
    pub mission: unpol_domain::MissionCode,
}

/// An officer's nominations the caller may see, newest first (none when the officer is not).
pub async fn nominations_of(
    store: &Store,
    actor: &Actor,
    officer: OfficerId,
) -> Result<Vec<OfficerNomination>, WriteError> {
    if crate::roster::officer(store, actor, officer)
        .await?
        .is_none()
    {
        return Err(WriteError::NotFound);
    }
    Ok(store
        .db()
        .officer_nominations(actor.scope(), officer)
        .await?
        .into_iter()
        .map(|(nomination, title, mission)| OfficerNomination {
            nomination,
            title,
            mission,
        })
        .collect())
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
    /// The most any one country may hold of the slate, instead of the request's cap (`1` lifts
    /// it): hq tries a looser or stricter balance before deciding.
    pub country_cap: Option<Share>,
    /// Stop once the certified gap is at most this.
    pub gap: f64,
}

/// The proposed slate, why each officer is on it or not, and how far from optimal it can be.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PlanReport {
    pub request: RequestId,
    pub posts: u32,
    /// Posts already filled by deployed officers: the plan fills the others only.
    pub deployed: u32,
    pub open_posts: u32,
    pub women_rule: Option<WomenRule>,
    /// The cap the plan kept on any one country's share: the one asked for, or the request's.
    pub country_cap: Option<f64>,
    pub objective: i64,
    /// No slate keeping the rules scores more; equal to `objective` when proven optimal.
    pub bound: i64,
    pub gap: f64,
    pub proven_optimal: bool,
    /// The rules that cost objective (a positive price): what keeps the objective from rising.
    pub binding: Vec<String>,
    /// The same rules, as data (for pages in any language).
    pub binding_rules: Vec<BindingRule>,
    pub selected: Vec<Candidate>,
    /// Eligible but not on the slate.
    pub reserve: Vec<Candidate>,
    /// The rules that leave posts empty: each with what it asks, what the nominees allow, and the
    /// best slate if only that rule were relaxed.
    pub shortfalls: Vec<Shortfall>,
    pub ineligible: Vec<Refused>,
}

/// A share rule that costs objective, and its price per unit.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct BindingRule {
    /// `women`, or the ISO code of the country the cap holds back.
    pub members: String,
    pub share: f64,
    pub price: f64,
}

/// Why a share rule leaves posts empty, as data.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ShortRule {
    /// `needed` women to fill `posts` posts at `share`; `eligible` are.
    Women {
        share: f64,
        needed: i64,
        posts: usize,
        eligible: usize,
    },
    /// At most `most` from one country when `posts` are filled; the eligible per country.
    Country {
        cap: f64,
        most: i64,
        posts: usize,
        eligible: Vec<(String, usize)>,
    },
}

/// A rule that cannot hold with every post filled.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Shortfall {
    pub rule: String,
    /// Why, in numbers: e.g. "2 women needed to fill 4 posts at 30.0%, 1 eligible".
    pub detail: String,
    pub why: ShortRule,
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
    /// The year of the parity target the share comes from; none when given.
    pub target_year: Option<i32>,
    /// `official` (a target the strategy names) or `path` (a year on the way to one).
    pub target_kind: Option<String>,
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

/// The open nominees of a request (neither withdrawn nor deployed) with their verdicts, and how
/// many of its posts are already filled by deployed officers.
async fn nominees(db: &Database, request: &Request) -> Result<(Vec<Nominee>, u32), WriteError> {
    let mut out = Vec::new();
    let mut deployed = 0;
    for nomination in db.nominations(Scope::All, request.id).await? {
        match nomination.status {
            NominationStatus::Deployed => {
                deployed += 1;
                continue;
            }
            NominationStatus::Withdrawn => continue,
            _ => {}
        }
        let officer = db
            .officer(Scope::All, nomination.officer)
            .await?
            .ok_or(WriteError::NotFound)?;
        let (tours, repatriated) = tours_of(db, officer.id).await?;
        let verdict = forcegen::screened(
            forcegen::check(request, &officer, &tours),
            screening(db, officer.id, repatriated).await?,
        );
        out.push(Nominee {
            nomination,
            officer,
            verdict,
        });
    }
    Ok((out, deployed))
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
                target_year: None,
                target_kind: None,
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
    .map_err(|e| WriteError::Storage(anyhow::anyhow!("the parity target of {year}: {e}")))?;
    let kind = match target.kind {
        TargetKind::Official => "official",
        TargetKind::Path => "path",
    };
    Ok(Some((
        share,
        WomenRule {
            share: share.as_f64(),
            source: format!("parity target {year} ({kind})"),
            target_year: Some(year),
            target_kind: Some(kind.into()),
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
    let (nominees, deployed) = nominees(db, &request).await?;
    plan_for(db, &request, &nominees, deployed, options).await
}

/// The plan of a request whose open nominees are already loaded (`select` reuses them).
async fn plan_for(
    db: &Database,
    request: &Request,
    nominees: &[Nominee],
    deployed: u32,
    options: PlanOptions,
) -> Result<PlanReport, WriteError> {
    let women = women_rule(db, request, options.women).await?;
    // The optimizer is CPU work of up to seconds: on the blocking pool, not an async worker.
    let (request, nominees) = (request.clone(), nominees.to_vec());
    tokio::task::spawn_blocking(move || solve_plan(&request, &nominees, deployed, women, options))
        .await
        .map_err(|e| WriteError::Storage(anyhow::anyhow!("the planner stopped: {e}")))?
}

/// The plan of a request once its nominees and women's rule are known: no I/O.
fn solve_plan(
    request: &Request,
    nominees: &[Nominee],
    deployed: u32,
    women: Option<(Share, WomenRule)>,
    options: PlanOptions,
) -> Result<PlanReport, WriteError> {
    let country_cap = match options.country_cap {
        Some(cap) => Some(cap),
        None => request
            .country_cap
            .map(|c| Share::new((c * 10_000.0).floor() as i64, 10_000))
            .transpose()
            .map_err(|e| {
                WriteError::Storage(anyhow::anyhow!("request {}: country cap: {e}", request.id))
            })?,
    };
    let cap_share = country_cap.map(Share::as_f64);
    let eligible: Vec<(&Nominee, Fit)> = nominees
        .iter()
        .filter_map(|n| n.verdict.as_ref().ok().map(|f| (n, *f)))
        .collect();
    let open_posts = request.posts.saturating_sub(deployed);
    let posts = open_posts as usize;
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
    let binding_rules: Vec<BindingRule> = result
        .rules
        .iter()
        .filter(|r| r.binding)
        .map(|r| match r.rule.members {
            unpol_selection::Members::Women => BindingRule {
                members: "women".into(),
                share: women.as_ref().map_or(0.0, |(s, _)| s.as_f64()),
                price: r.multiplier,
            },
            unpol_selection::Members::Country(c) => BindingRule {
                members: countries[c as usize].to_string(),
                share: cap_share.unwrap_or(1.0),
                price: r.multiplier,
            },
        })
        .collect();
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
                cap_share.unwrap_or(1.0) * 100.0,
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
                why: ShortRule::Women {
                    share: share.as_f64(),
                    needed: share.least_of(fillable as i64),
                    posts: fillable,
                    eligible: eligible_women,
                },
                filled: result.slate.len(),
                filled_without_rule: relaxed.slate.len(),
                objective_without_rule: relaxed.objective,
                slate_without_rule: slate_of(&relaxed),
            });
        }
        if let Some(cap) = country_cap {
            let relaxed = solve(women_share, None);
            let counts: Vec<(String, usize)> = countries
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    (
                        c.to_string(),
                        country.iter().filter(|&&k| k as usize == i).count(),
                    )
                })
                .collect();
            let per_country: Vec<String> = counts.iter().map(|(c, n)| format!("{c} {n}")).collect();
            shortfalls.push(Shortfall {
                rule: format!("one country at most {:.1}%", cap.as_f64() * 100.0),
                detail: format!(
                    "at most {} from one country when {fillable} posts are filled; eligible: {}",
                    cap.most_of(fillable as i64),
                    per_country.join(", ")
                ),
                why: ShortRule::Country {
                    cap: cap.as_f64(),
                    most: cap.most_of(fillable as i64),
                    posts: fillable,
                    eligible: counts.clone(),
                },
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
        deployed,
        open_posts,
        women_rule: women.map(|(_, rule)| rule),
        country_cap: cap_share,
        objective: result.objective,
        bound: result.bound,
        gap: result.gap(),
        proven_optimal: result.bound == result.objective,
        binding,
        binding_rules,
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
/// named (each an eligible nominee; a slate other than the plan's needs a reason, recorded with
/// the step). Every other open nomination becomes not selected. Only the posts no deployed officer
/// fills are selected for, and the database refuses more whatever the path.
pub async fn select(
    store: &Store,
    actor: &Actor,
    request: RequestId,
    officers: Option<Vec<OfficerId>>,
    decision: Decision,
) -> Result<Vec<Nomination>, WriteError> {
    let db = store.db();
    let found = request_in_scope(store, actor, request).await?;
    if !found.status.may_become(RequestStatus::Selected) {
        return Err(out_of_order(&found, RequestStatus::Selected));
    }
    let on = decision_day(actor, &found, &decision)?;
    let (nominees, deployed) = nominees(db, &found).await?;
    let open = found.posts.saturating_sub(deployed) as usize;
    if open == 0 {
        return Err(WriteError::conflict(message!(
            "fg-all-filled",
            request = request,
            deployed = deployed,
            posts = found.posts
        )));
    }
    let plan = plan_for(db, &found, &nominees, deployed, PlanOptions::default()).await?;
    let mut planned: Vec<OfficerId> = plan.selected.iter().map(|c| c.officer).collect();
    planned.sort();
    let chosen: Vec<OfficerId> = match officers {
        Some(list) if list.is_empty() => return Err(refused(message!("fg-none-chosen"))),
        Some(mut list) => {
            list.sort();
            list.dedup();
            if list != planned && decision.reason.trim().is_empty() {
                return Err(refused(message!("fg-reason-needed")));
            }
            list
        }
        None => planned,
    };
    if chosen.is_empty() {
        return Err(refused(if nominees.is_empty() {
            message!("fg-no-nomination", request = request)
        } else {
            message!(
                "fg-none-eligible",
                count = nominees.len(),
                request = request
            )
        }));
    }
    if chosen.len() > open {
        return Err(refused(message!(
            "fg-too-many",
            request = request,
            open = open,
            chosen = chosen.len()
        )));
    }
    for officer in &chosen {
        let nominee = nominees
            .iter()
            .find(|n| n.officer.id == *officer)
            .ok_or_else(|| {
                refused(message!(
                    "fg-not-nominee",
                    officer = officer,
                    request = request
                ))
            })?;
        if let Err(reasons) = &nominee.verdict {
            let reasons: Vec<String> = reasons.iter().map(ToString::to_string).collect();
            return Err(refused(message!(
                "fg-not-eligible",
                officer = officer,
                reasons = reasons.join("; ")
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
    let step = StepFields::to(RequestStatus::Selected, on, decision.reason.trim());
    db.decide_nominations(
        request,
        &step,
        &decisions,
        &actor.event("forcegen.select", "", ""),
    )
    .await?;
    Ok(db.nominations(Scope::All, request).await?)
}

/// Deploys every selected officer of a request: one tour each, from the request's start date for
/// its tour length, in the request's mission. A request deploys once per selection: a second call
/// finds it deployed and is refused, whichever interface it comes from.
pub async fn deploy(
    store: &Store,
    actor: &Actor,
    request: RequestId,
    decision: Decision,
) -> Result<Vec<DeploymentId>, WriteError> {
    let db = store.db();
    let request = request_in_scope(store, actor, request).await?;
    if !request.status.may_become(RequestStatus::Deployed) {
        return Err(out_of_order(&request, RequestStatus::Deployed));
    }
    let on = decision_day(actor, &request, &decision)?;
    let end = request
        .start
        .checked_add_months(Months::new(request.tour_months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| refused(message!("fg-tour-past-calendar")))?;
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
        return Err(refused(message!(
            "fg-nothing-to-deploy",
            request = request.id
        )));
    }
    db.deploy_nominations(
        request.id,
        &StepFields::to(RequestStatus::Deployed, on, ""),
        &tours,
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
