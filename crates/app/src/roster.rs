//! Writing roster records: the rules a caller's input must satisfy before storage sees it, and the
//! scope of what each caller may write.

use crate::Store;
use chrono::{Months, NaiveDate};
use serde::Deserialize;
use unpol_domain::access::Scope;
use unpol_domain::message;
use unpol_domain::message::Message;
use unpol_domain::reference::Resolver;
use unpol_domain::roster::{
    Assessment, DeploymentId, EndReason, FIRST_DAY, Gender, LAST_DAY, LanguageSkill, OfficerId,
    Post, PostCategory, PostId, Unit, UnitId, plausible_day,
};
use unpol_domain::text::{self, TextProblem};
use unpol_domain::vocabulary::{Unknown, Vocabulary};
use unpol_domain::{Category, MissionCode};
use unpol_storage::Database;
use unpol_storage::deployments::DeploymentFields;
use unpol_storage::officers::OfficerFields;
pub use unpol_storage::officers::WriteError;
use unpol_storage::records::RecordTable;

use crate::Actor;
use crate::scope::visible;

/// An officer as a caller sends it (the API's JSON, a row of an import file).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct OfficerInput {
    pub external_id: String,
    pub given_name: String,
    pub family_name: String,
    /// ISO 3166 alpha-3 code or a name in the alias table.
    pub nationality: String,
    pub gender: String,
    pub birth_date: NaiveDate,
    pub rank: String,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default = "pending")]
    pub vetting: String,
    /// AMS sittings; absent on an update keeps the stored ones.
    #[serde(default)]
    pub assessments: Option<Vec<Assessment>>,
}

fn pending() -> String {
    "pending".into()
}

/// A tour as a caller sends it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct DeploymentInput {
    pub external_id: String,
    pub officer: i64,
    pub unit: Option<i64>,
    pub mission: String,
    pub post: Option<i64>,
    pub category: String,
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_end: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

/// An input the rules refuse, as a message each interface says in its user's language.
fn refused(message: Message) -> WriteError {
    WriteError::refused(message)
}

async fn officer_fields(
    db: &Database,
    actor: &Actor,
    input: OfficerInput,
) -> Result<OfficerFields, WriteError> {
    validate_officer(&db.resolver().await?, actor.scope(), actor.today(), input)
}

/// What is wrong with one field of an officer, kept typed so that a form can put a translated
/// message next to the field and the API can say it in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    Required {
        field: &'static str,
    },
    UnknownCountry {
        value: String,
    },
    NotYourNational {
        own: String,
    },
    UnknownGender {
        value: String,
    },
    UnknownVetting {
        value: String,
    },
    BadLanguage {
        language: String,
        level: u8,
    },
    AssessmentValidity {
        test: String,
        taken_on: NaiveDate,
    },
    /// A rank, skill or language outside its controlled vocabulary.
    Unknown(Unknown),
    Text {
        field: &'static str,
        problem: TextProblem,
    },
    BirthDate {
        earliest: NaiveDate,
        latest: NaiveDate,
    },
}

impl From<Unknown> for FieldProblem {
    fn from(unknown: Unknown) -> Self {
        FieldProblem::Unknown(unknown)
    }
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().english())
    }
}

impl std::error::Error for FieldProblem {}

impl FieldProblem {
    /// The problem as a sentence of the message table (the API and the command line say its
    /// English; a form puts its own words next to the field).
    pub fn message(&self) -> Message {
        match self {
            FieldProblem::Required { field } => message!("text-required", field = field),
            FieldProblem::UnknownCountry { value } => message!("unknown-country", value = value),
            FieldProblem::NotYourNational { own } => message!("own-nationals", own = own),
            FieldProblem::UnknownGender { value } => message!("gender-unknown", value = value),
            FieldProblem::UnknownVetting { value } => message!("vetting-unknown", value = value),
            FieldProblem::BadLanguage { language, level } => {
                message!("fg-language-level", language = language, level = level)
            }
            FieldProblem::AssessmentValidity { test, taken_on } => {
                message!("assessment-validity", test = test, taken_on = taken_on)
            }
            FieldProblem::Unknown(unknown) => unknown.message(),
            FieldProblem::Text { field, problem } => problem.message(field),
            FieldProblem::BirthDate { earliest, latest } => {
                message!("birth-date-range", earliest = earliest, latest = latest)
            }
        }
    }

    /// The input field the problem is about.
    pub fn field(&self) -> &'static str {
        match self {
            FieldProblem::Required { field } | FieldProblem::Text { field, .. } => field,
            FieldProblem::BirthDate { .. } => "birth_date",
            FieldProblem::UnknownCountry { .. } | FieldProblem::NotYourNational { .. } => {
                "nationality"
            }
            FieldProblem::UnknownGender { .. } => "gender",
            FieldProblem::UnknownVetting { .. } => "vetting",
            FieldProblem::BadLanguage { .. } => "languages",
            FieldProblem::Unknown(unknown) => match unknown.vocabulary {
                Vocabulary::Rank => "rank",
                Vocabulary::Skill => "skills",
                Vocabulary::Language => "languages",
            },
            FieldProblem::AssessmentValidity { .. } => "assessments",
        }
    }
}

/// The oldest birth date unpol accepts.
const EARLIEST_BIRTH: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};

/// The latest birth date of someone who is 18 on `day`.
pub fn adult_born_by(day: NaiveDate) -> NaiveDate {
    day.checked_sub_months(Months::new(18 * 12))
        .unwrap_or(NaiveDate::MIN)
}

/// Every problem of an officer's fields against the rules and the writer's scope (a `pcc` writer
/// records its nationals only), in the order of the fields; none when the input is valid.
/// `today` bounds the birth date: an officer is at least 18.
pub fn officer_problems(
    resolver: &Resolver,
    scope: Scope,
    today: NaiveDate,
    input: &OfficerInput,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for (field, value, max) in [
        ("external_id", &input.external_id, text::ID_MAX),
        ("given_name", &input.given_name, text::NAME_MAX),
        ("family_name", &input.family_name, text::NAME_MAX),
    ] {
        if value.trim().is_empty() {
            problems.push(FieldProblem::Required { field });
        } else if let Err(problem) = text::check(value, max) {
            problems.push(FieldProblem::Text { field, problem });
        }
    }
    let latest = adult_born_by(today);
    if !(EARLIEST_BIRTH..=latest).contains(&input.birth_date) {
        problems.push(FieldProblem::BirthDate {
            earliest: EARLIEST_BIRTH,
            latest,
        });
    }
    match resolver.country(&input.nationality) {
        None => problems.push(FieldProblem::UnknownCountry {
            value: input.nationality.clone(),
        }),
        Some(nationality) => {
            if let Some(own) = scope.country()
                && own != nationality
            {
                problems.push(FieldProblem::NotYourNational {
                    own: own.to_string(),
                });
            }
        }
    }
    if Gender::from_code(&input.gender).is_none() {
        problems.push(FieldProblem::UnknownGender {
            value: input.gender.clone(),
        });
    }
    if input.rank.trim().is_empty() {
        problems.push(FieldProblem::Required { field: "rank" });
    } else if let Err(unknown) = Vocabulary::Rank.check(&input.rank) {
        problems.push(unknown.into());
    }
    if input.skills.len() > 50 {
        problems.push(FieldProblem::Text {
            field: "skills",
            problem: TextProblem::TooLong { max: 50 },
        });
    }
    // The first unknown skill is enough: the refusal lists the known ones.
    if let Some(unknown) = input
        .skills
        .iter()
        .find_map(|s| Vocabulary::Skill.check(s).err())
    {
        problems.push(unknown.into());
    }
    if !["pending", "cleared", "refused"].contains(&input.vetting.as_str()) {
        problems.push(FieldProblem::UnknownVetting {
            value: input.vetting.clone(),
        });
    }
    for l in &input.languages {
        if !(1..=5).contains(&l.level) {
            problems.push(FieldProblem::BadLanguage {
                language: l.language.clone(),
                level: l.level,
            });
        } else if let Err(unknown) = Vocabulary::Language.check(&l.language) {
            problems.push(unknown.into());
        }
    }
    for a in input.assessments.iter().flatten() {
        let days = std::iter::once(a.taken_on).chain(a.valid_until);
        if days.clone().any(|d| !plausible_day(d)) || a.valid_until.is_some_and(|v| v <= a.taken_on)
        {
            problems.push(FieldProblem::AssessmentValidity {
                test: a.test.code().into(),
                taken_on: a.taken_on,
            });
        }
    }
    problems
}

/// Checks an officer's fields (see [`officer_problems`]); the first problem is the error.
pub fn validate_officer(
    resolver: &Resolver,
    scope: Scope,
    today: NaiveDate,
    input: OfficerInput,
) -> Result<OfficerFields, WriteError> {
    if let Some(problem) = officer_problems(resolver, scope, today, &input)
        .into_iter()
        .next()
    {
        return Err(refused(problem.message()));
    }
    let nationality = resolver
        .country(&input.nationality)
        .ok_or_else(|| refused(message!("unknown-country", value = input.nationality)))?;
    let gender = Gender::from_code(&input.gender).ok_or_else(|| {
        refused(
            FieldProblem::UnknownGender {
                value: input.gender.clone(),
            }
            .message(),
        )
    })?;
    Ok(OfficerFields {
        external_id: input.external_id.trim().into(),
        given_name: input.given_name.trim().into(),
        family_name: input.family_name.trim().into(),
        nationality,
        gender,
        birth_date: input.birth_date,
        rank: Vocabulary::Rank
            .check(&input.rank)
            .map_err(|e| refused(e.message()))?
            .into(),
        languages: input.languages,
        skills: input.skills,
        vetting: input.vetting,
        assessments: input.assessments,
    })
}

pub async fn create_officer(
    store: &Store,
    actor: &Actor,
    input: OfficerInput,
) -> Result<OfficerId, WriteError> {
    let db = store.db();
    let fields = officer_fields(db, actor, input).await?;
    db.create_officer(&fields, &actor.event("officer.create", "", ""))
        .await
}

pub async fn update_officer(
    store: &Store,
    actor: &Actor,
    id: OfficerId,
    input: OfficerInput,
) -> Result<(), WriteError> {
    let db = store.db();
    officer(store, actor, id)
        .await?
        .ok_or(WriteError::NotFound)?;
    let fields = officer_fields(db, actor, input).await?;
    db.update_officer(
        actor.scope(),
        id,
        &fields,
        &actor.event("officer.update", &format!("officer:{id}"), ""),
    )
    .await
}

async fn deployment_fields(
    db: &Database,
    input: DeploymentInput,
) -> Result<DeploymentFields, WriteError> {
    let resolver = db.resolver().await?;
    let mission = *resolver
        .mission(&input.mission)
        .ok_or_else(|| refused(message!("unknown-mission", value = input.mission)))?;
    let category = Category::from_label(&input.category)
        .filter(|c| c.is_police())
        .ok_or_else(|| refused(message!("tour-category", value = input.category)))?;
    let end_reason = input
        .end_reason
        .as_deref()
        .map(|r| EndReason::from_code(r).ok_or_else(|| refused(EndReason::unknown(r))))
        .transpose()?;
    for (field, day) in [
        ("start", Some(input.start)),
        ("planned_end", Some(input.planned_end)),
        ("actual_end", input.actual_end),
    ] {
        if let Some(day) = day.filter(|d| !plausible_day(*d)) {
            return Err(refused(message!(
                "day-out-of-range",
                field = field,
                day = day,
                first = FIRST_DAY,
                last = LAST_DAY
            )));
        }
    }
    Ok(DeploymentFields {
        external_id: required("external_id", &input.external_id, text::ID_MAX)?,
        officer: OfficerId(input.officer),
        unit: input.unit.map(UnitId),
        mission,
        post: input.post.map(PostId),
        category,
        start: input.start,
        planned_end: input.planned_end,
        actual_end: input.actual_end,
        end_reason,
    })
}

/// A record a write names: in the caller's scope, or "no such record" in the words a record that
/// does not exist gets, so that the answer says nothing about records outside the scope.
fn named(no_such: Message) -> impl FnOnce(WriteError) -> WriteError {
    move |error| match error {
        WriteError::NotFound => refused(no_such),
        other => other,
    }
}

/// A mission the caller may record in: its own when it is a mission's staff.
/// `refusal` is the message's key (`own-mission-tours`...), which names what is recorded.
fn own_mission(
    actor: &Actor,
    mission: MissionCode,
    refusal: &'static str,
) -> Result<(), WriteError> {
    match actor.scope() {
        Scope::Mission(own) if own != mission => Err(refused(Message {
            key: refusal,
            args: vec![("own", own.to_string())],
        })),
        _ => Ok(()),
    }
}

/// Creates a tour, or replaces one in scope. Every record the tour names (the officer, the post,
/// the unit) must be one the caller may read, so that no write widens what its author reads:
/// a mission's staff record tours of officers they already see, in their own mission, on their
/// own posts and units.
pub async fn save_deployment(
    store: &Store,
    actor: &Actor,
    replacing: Option<DeploymentId>,
    input: DeploymentInput,
) -> Result<DeploymentId, WriteError> {
    let db = store.db();
    if let Some(id) = replacing {
        deployment(store, actor, id)
            .await?
            .ok_or(WriteError::NotFound)?;
    }
    let fields = deployment_fields(db, input).await?;
    own_mission(actor, fields.mission, "own-mission-tours")?;
    let officer = officer(store, actor, fields.officer)
        .await?
        .ok_or(WriteError::NotFound)
        .map_err(named(message!("no-officer", id = fields.officer)))?;
    if officer.birth_date > adult_born_by(fields.start) {
        return Err(refused(message!(
            "tour-under-18",
            officer = officer.id,
            day = fields.start
        )));
    }
    if let Some(post) = fields.post {
        let post = self::post(store, actor, post, fields.start)
            .await?
            .ok_or(WriteError::NotFound)
            .map_err(named(message!("no-post", id = post)))?;
        if post.post.mission != fields.mission {
            return Err(refused(message!(
                "tour-post-mission",
                post = post.post.id,
                mission = post.post.mission,
                wanted = fields.mission
            )));
        }
    }
    if let Some(unit) = fields.unit {
        let unit = self::unit(store, actor, unit, fields.start)
            .await?
            .ok_or(WriteError::NotFound)
            .map_err(named(message!("no-unit", id = unit)))?;
        if unit.unit.mission != fields.mission {
            return Err(refused(message!(
                "tour-unit-mission",
                unit = unit.unit.id,
                mission = unit.unit.mission,
                wanted = fields.mission
            )));
        }
        if unit.unit.country != officer.nationality {
            return Err(refused(message!(
                "tour-unit-country",
                unit = unit.unit.id,
                country = unit.unit.country,
                officer = officer.id,
                nationality = officer.nationality
            )));
        }
        if fields.category != Category::FormedPoliceUnits && unit.unit.kind == PostCategory::Fpu {
            return Err(refused(message!("tour-fpu-category", unit = unit.unit.id)));
        }
    }
    let action = if replacing.is_some() {
        "deployment.update"
    } else {
        "deployment.create"
    };
    db.save_deployment(
        actor.scope(),
        replacing,
        &fields,
        &actor.event(action, "", ""),
    )
    .await
}

/// A post as a caller sends it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct PostInput {
    pub external_id: String,
    pub mission: String,
    pub title: String,
    /// `individual_police`, `formed_police_units` or `specialized_police_teams` (or the short codes
    /// `ipo`, `fpu`, `spt` that earlier versions took).
    pub category: String,
    #[serde(default)]
    pub location: String,
}

/// A formed police unit or specialized team as a caller sends it.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct UnitInput {
    pub external_id: String,
    /// `fpu` or `spt`.
    pub kind: String,
    pub country: String,
    pub mission: String,
    pub designation: String,
}

/// A tour as its writer would send it again (to end or extend it through the same rules).
fn input_of(d: &unpol_domain::roster::Deployment) -> DeploymentInput {
    DeploymentInput {
        external_id: d.external_id.clone(),
        officer: d.officer.0,
        unit: d.unit.map(|u| u.0),
        mission: d.mission.to_string(),
        post: d.post.map(|p| p.0),
        category: d.category.code().into(),
        start: d.start,
        planned_end: d.planned_end,
        actual_end: d.actual_end,
        end_reason: d.end_reason.map(|r| r.code().into()),
    }
}

/// A tour in the caller's scope that has not ended: what end and extend change.
async fn running_tour(
    store: &Store,
    actor: &Actor,
    id: DeploymentId,
) -> Result<unpol_domain::roster::Deployment, WriteError> {
    let tour = deployment(store, actor, id)
        .await?
        .ok_or(WriteError::NotFound)?;
    if tour.actual_end.is_some() {
        return Err(WriteError::conflict(message!("tour-ended", tour = id)));
    }
    Ok(tour)
}

/// Ends a running tour on `on` for `reason`, through the rules of every tour write (scope, the
/// mission's own, overlaps). The day is not before the tour's start.
pub async fn end_tour(
    store: &Store,
    actor: &Actor,
    id: DeploymentId,
    on: NaiveDate,
    reason: &str,
) -> Result<(), WriteError> {
    let tour = running_tour(store, actor, id).await?;
    if on < tour.start {
        return Err(WriteError::refused(message!(
            "tour-end-before-start",
            tour = id,
            start = tour.start
        )));
    }
    let mut input = input_of(&tour);
    input.actual_end = Some(on);
    input.end_reason = Some(reason.to_string());
    save_deployment(store, actor, Some(id), input)
        .await
        .map(|_| ())
}

/// Extends a running tour to `until`, later than its planned end, through the same rules.
pub async fn extend_tour(
    store: &Store,
    actor: &Actor,
    id: DeploymentId,
    until: NaiveDate,
) -> Result<(), WriteError> {
    let tour = running_tour(store, actor, id).await?;
    if until <= tour.planned_end {
        return Err(WriteError::refused(message!(
            "tour-extend-earlier",
            tour = id,
            end = tour.planned_end
        )));
    }
    let mut input = input_of(&tour);
    input.planned_end = until;
    save_deployment(store, actor, Some(id), input)
        .await
        .map(|_| ())
}

fn required(field: &str, value: &str, max: usize) -> Result<String, WriteError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(refused(message!("text-required", field = field)));
    }
    optional(field, value, max)
}

fn optional(field: &str, value: &str, max: usize) -> Result<String, WriteError> {
    crate::checks::text(field, value, max)
}

/// Creates a post, or replaces one in scope; a mission's staff record posts of their mission.
pub async fn save_post(
    store: &Store,
    actor: &Actor,
    replacing: Option<PostId>,
    input: PostInput,
) -> Result<PostId, WriteError> {
    let db = store.db();
    if let Some(id) = replacing {
        self::post(store, actor, id, actor.today())
            .await?
            .ok_or(WriteError::NotFound)?;
    }
    let resolver = db.resolver().await?;
    let post = Post {
        id: replacing.unwrap_or(PostId(0)),
        external_id: required("external_id", &input.external_id, text::ID_MAX)?,
        mission: *resolver
            .mission(&input.mission)
            .ok_or_else(|| refused(message!("unknown-mission", value = input.mission)))?,
        title: required("title", &input.title, text::NAME_MAX)?,
        category: PostCategory::from_code(&input.category)
            .ok_or_else(|| refused(message!("post-category", value = input.category)))?,
        location: optional("location", &input.location, text::NAME_MAX)?,
    };
    own_mission(actor, post.mission, "own-mission-posts")?;
    let action = if replacing.is_some() {
        "post.update"
    } else {
        "post.create"
    };
    db.save_post(
        actor.scope(),
        replacing,
        &post,
        &actor.event(action, "", ""),
    )
    .await
}

/// Creates a unit, or replaces one in scope.
pub async fn save_unit(
    store: &Store,
    actor: &Actor,
    replacing: Option<UnitId>,
    input: UnitInput,
) -> Result<UnitId, WriteError> {
    let db = store.db();
    if let Some(id) = replacing {
        self::unit(store, actor, id, actor.today())
            .await?
            .ok_or(WriteError::NotFound)?;
    }
    let resolver = db.resolver().await?;
    let kind = PostCategory::from_code(&input.kind)
        .filter(|k| *k != PostCategory::Ipo)
        .ok_or_else(|| refused(message!("unit-kind", value = input.kind)))?;
    let country = resolver
        .country(&input.country)
        .ok_or_else(|| refused(message!("unknown-country", value = input.country)))?;
    let unit = Unit {
        id: replacing.unwrap_or(UnitId(0)),
        external_id: required("external_id", &input.external_id, text::ID_MAX)?,
        kind,
        country,
        mission: *resolver
            .mission(&input.mission)
            .ok_or_else(|| refused(message!("unknown-mission", value = input.mission)))?,
        designation: required("designation", &input.designation, text::NAME_MAX)?,
    };
    own_mission(actor, unit.mission, "own-mission-units")?;
    if let Scope::Country(own) = actor.scope()
        && own != unit.country
    {
        return Err(refused(message!("own-country-units", own = own)));
    }
    let action = if replacing.is_some() {
        "unit.update"
    } else {
        "unit.create"
    };
    db.save_unit(replacing, &unit, &actor.event(action, "", ""))
        .await
}

// Reads. Each goes through the caller's scope; one record outside it is "not found" and its
// refusal audited (see [`visible`]).

pub use unpol_storage::deployments::{DeploymentFilter, DeploymentSort};
pub use unpol_storage::officers::{OfficerFilter, OfficerSort, Page};
pub use unpol_storage::posts::{PostSort, UnitSort};
pub use unpol_storage::posts::{PostView, UnitView};
pub use unpol_storage::sorting::{Order, SortKey};

/// A page of the officers the caller may read, with the total for paging.
pub async fn officers(
    store: &Store,
    actor: &Actor,
    filter: &OfficerFilter,
    page: Page,
) -> anyhow::Result<(Vec<unpol_domain::roster::Officer>, i64)> {
    store.db().officers(actor.scope(), filter, page).await
}

/// One officer, if the caller may read it.
pub async fn officer(
    store: &Store,
    actor: &Actor,
    id: OfficerId,
) -> anyhow::Result<Option<unpol_domain::roster::Officer>> {
    let db = store.db();
    let found = db.officer(actor.scope(), id).await?;
    visible(db, actor, RecordTable::Officer, id.0, found).await
}

/// A page of the tours the caller may read.
pub async fn deployments(
    store: &Store,
    actor: &Actor,
    filter: &DeploymentFilter,
    page: Page,
) -> anyhow::Result<(Vec<unpol_domain::roster::Deployment>, i64)> {
    store.db().deployments(actor.scope(), filter, page).await
}

/// One tour, if the caller may read it.
pub async fn deployment(
    store: &Store,
    actor: &Actor,
    id: DeploymentId,
) -> anyhow::Result<Option<unpol_domain::roster::Deployment>> {
    let db = store.db();
    let found = db.deployment(actor.scope(), id).await?;
    visible(db, actor, RecordTable::Deployment, id.0, found).await
}

/// A page of the posts the caller may read, filled or not on `day`: all of them (`vacant: None`),
/// the vacant ones (`Some(true)`) or the filled ones (`Some(false)`).
pub async fn posts(
    store: &Store,
    actor: &Actor,
    mission: Option<MissionCode>,
    vacant: Option<bool>,
    day: NaiveDate,
    order: Order<PostSort>,
    page: Page,
) -> anyhow::Result<(Vec<PostView>, i64)> {
    store
        .db()
        .posts(actor.scope(), mission, vacant, day, order, page)
        .await
}

/// One post, if the caller may read it.
pub async fn post(
    store: &Store,
    actor: &Actor,
    id: PostId,
    day: NaiveDate,
) -> anyhow::Result<Option<PostView>> {
    let db = store.db();
    let found = db.post(actor.scope(), id, day).await?;
    visible(db, actor, RecordTable::Post, id.0, found).await
}

/// A page of the units the caller may read, with their strength on `day`.
pub async fn units(
    store: &Store,
    actor: &Actor,
    mission: Option<MissionCode>,
    day: NaiveDate,
    order: Order<UnitSort>,
    page: Page,
) -> anyhow::Result<(Vec<UnitView>, i64)> {
    store
        .db()
        .units(actor.scope(), mission, day, order, page)
        .await
}

/// One unit, if the caller may read it.
pub async fn unit(
    store: &Store,
    actor: &Actor,
    id: UnitId,
    day: NaiveDate,
) -> anyhow::Result<Option<UnitView>> {
    let db = store.db();
    let found = db.unit(actor.scope(), id, day).await?;
    visible(db, actor, RecordTable::Unit, id.0, found).await
}
