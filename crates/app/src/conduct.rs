//! Conduct cases as their users reach them (DESIGN.md section 2): a conduct officer records and
//! reads the cases of a mission (or all) in full, except restricted cases assigned to others; a
//! contributing country's focal point reads the cases referred to its country without a victim
//! field or the narrative; headquarters, analysts, mission staff and administrators read none
//! (they get aggregates). A case out of reach answers like a missing one and leaves a refusal in
//! the audit trail; every read of a case leaves an entry too.

use chrono::{Datelike, NaiveDate};
use unpol_domain::access::Role;
use unpol_domain::conduct::{
    AgeGroup, AllegationCount, AllegationType, CaseDates, CaseStatus, CountedCase, CountryAction,
    DeadlineKind, DeadlineRules, InterimMeasure, Investigator, Outcome, count_allegations,
    deadlines,
};
use unpol_domain::message;
use unpol_domain::message::Message;
use unpol_domain::roster::{OfficerId, PostCategory};
use unpol_domain::text;
use unpol_domain::{CountryCode, MissionCode};
use unpol_storage::audit::AuditQuery;
use unpol_storage::conduct::{
    CaseRow, CaseScope, Measure, NewCase, SealedFields, StatusChange, Subject,
};
use unpol_storage::records::RecordTable;

use crate::Store;
use crate::actor::Actor;
use crate::checks::{self, codes, unknown};
use crate::roster::WriteError;
use crate::scope::visible;
use crate::sealed::{Binding, CaseKey, open, seal};

/// A case's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct CaseId(pub i64);

/// An officer (or an unidentified person) a new case names, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct SubjectInput {
    /// The officer's id in the roster; absent for an unidentified person or a unit's member.
    #[serde(default)]
    pub officer: Option<i64>,
    /// `individual_police`, `formed_police_units` or `specialized_police_teams`.
    pub category: String,
    /// ISO 3166 alpha-3.
    pub nationality: String,
}

/// A victim of a new case: a code, never a name.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct VictimInput {
    pub code: String,
    /// `female`, `male` or `unknown`.
    pub sex: String,
    /// `adult` or `child`.
    pub age_group: String,
    /// The assistance, the referrals, a paternity claim: sealed.
    #[serde(default)]
    pub details: String,
}

/// A new case, as a conduct officer records it (the API's body, the command line's file).
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct CaseInput {
    pub mission: String,
    /// The day the allegation was received; today by default.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    pub incident_on: Option<NaiveDate>,
    /// The incident's day is approximate.
    #[serde(default)]
    pub incident_approximate: bool,
    #[serde(default)]
    pub location: String,
    /// `sexual_exploitation`, `sexual_abuse`, `category_1` or `category_2`.
    pub allegation: String,
    /// Three months to investigate instead of six (always so when a victim is a child).
    #[serde(default)]
    pub urgent: bool,
    /// Limited to the officer who records it.
    #[serde(default)]
    pub restricted: bool,
    pub subjects: Vec<SubjectInput>,
    #[serde(default)]
    pub victims: Vec<VictimInput>,
    /// Sealed.
    pub narrative: String,
    /// Sealed.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A victim as a conduct officer reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Victim {
    pub code: String,
    pub sex: String,
    pub age_group: AgeGroup,
    pub details: String,
}

/// A person a case names: an officer of the roster when known, always a category and a
/// nationality.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct SubjectView {
    pub officer: Option<OfficerId>,
    pub category: PostCategory,
    pub nationality: CountryCode,
}

/// A step taken, on its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct StepTaken {
    pub status: CaseStatus,
    pub on: NaiveDate,
}

/// An interim measure taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct MeasureTaken {
    pub measure: InterimMeasure,
    pub officer: Option<OfficerId>,
    pub on: NaiveDate,
}

/// What every reader of a case sees: the subjects, the dates, the investigation's fields.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct CaseSummary {
    pub id: CaseId,
    pub mission: MissionCode,
    pub received_on: NaiveDate,
    pub allegation: AllegationType,
    pub status: CaseStatus,
    pub urgent: bool,
    pub referred_to: Option<CountryCode>,
    pub referred_on: Option<NaiveDate>,
    pub investigator: Option<Investigator>,
    pub outcome: Option<Outcome>,
    pub country_action: Option<CountryAction>,
    pub subjects: Vec<SubjectView>,
    pub steps: Vec<StepTaken>,
    pub measures: Vec<MeasureTaken>,
}

/// A read of a case, from the audit trail: who, when, and an administrator's stated reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Reading {
    pub at: String,
    pub login: String,
    /// Why an administrator broke the glass; none for a conduct officer's or focal point's read.
    pub glass_reason: Option<String>,
}

/// A case as its reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(tag = "view", rename_all = "snake_case")]
pub enum CaseView {
    /// A conduct officer's view (or an administrator's who broke the glass): everything, the
    /// sealed fields opened, and who has read the case.
    Full {
        #[serde(flatten)]
        summary: CaseSummary,
        incident_on: Option<NaiveDate>,
        incident_approximate: bool,
        location: String,
        restricted: bool,
        narrative: String,
        notes: Option<String>,
        victims: Vec<Victim>,
        reads: Vec<Reading>,
    },
    /// A focal point's view of a case referred to its country: no victim, no narrative.
    Referred {
        #[serde(flatten)]
        summary: CaseSummary,
    },
}

impl CaseView {
    pub fn summary(&self) -> &CaseSummary {
        match self {
            CaseView::Full { summary, .. } | CaseView::Referred { summary } => summary,
        }
    }
}

fn refused(message: Message) -> WriteError {
    WriteError::refused(message)
}

fn key_of(store: &Store) -> Result<&CaseKey, WriteError> {
    store
        .case_key()
        .ok_or_else(|| refused(message!("conduct-no-key")))
}

/// A victim's sex as recorded: `unknown` when the report does not say.
const SEXES: &[&str] = &["female", "male", "unknown"];

/// The case as it will be stored, every value checked.
fn checked(actor: &Actor, input: &CaseInput) -> Result<NewCase, WriteError> {
    let mission = MissionCode::parse(&input.mission.trim().to_ascii_uppercase())
        .map_err(|_| refused(message!("unknown-mission", value = input.mission)))?;
    if let Some(own) = actor.scope().mission()
        && own != mission
    {
        return Err(refused(message!("own-mission-cases", own = own)));
    }
    let allegation = AllegationType::from_code(&input.allegation).ok_or_else(|| {
        unknown(
            "allegation",
            &input.allegation,
            &codes(AllegationType::TERMS),
        )
    })?;
    if input.subjects.is_empty() {
        return Err(refused(message!("text-required", field = "subjects")));
    }
    let mut subjects = Vec::with_capacity(input.subjects.len());
    for s in &input.subjects {
        let category = PostCategory::from_code(&s.category).ok_or_else(|| {
            let known: Vec<&str> = PostCategory::ALL.iter().map(|c| c.code()).collect();
            unknown("category", &s.category, &known)
        })?;
        let nationality = CountryCode::parse(&s.nationality.trim().to_ascii_uppercase())
            .map_err(|_| refused(message!("unknown-country", value = s.nationality)))?;
        subjects.push(Subject {
            officer: s.officer.map(OfficerId),
            category,
            nationality,
        });
    }
    let mut victims = Vec::with_capacity(input.victims.len());
    for v in &input.victims {
        let code = v.code.trim();
        if code.is_empty() {
            return Err(refused(message!("text-required", field = "victim_code")));
        }
        let code = checks::text("victim_code", code, text::ID_MAX)?;
        if victims.iter().any(|(c, _, _)| *c == code) {
            return Err(refused(message!("conduct-victim-twice", code = code)));
        }
        let sex = v.sex.trim();
        if !SEXES.contains(&sex) {
            return Err(unknown("sex", sex, SEXES));
        }
        let sex = sex.to_string();
        let age = AgeGroup::from_code(&v.age_group)
            .ok_or_else(|| unknown("age_group", &v.age_group, &codes(AgeGroup::TERMS)))?;
        victims.push((code, sex, age));
    }
    if input.narrative.trim().is_empty() {
        return Err(refused(message!("text-required", field = "narrative")));
    }
    let urgent = unpol_domain::conduct::is_urgent(
        input.urgent,
        &victims.iter().map(|(_, _, a)| *a).collect::<Vec<_>>(),
    );
    let today = actor.today();
    let received_on = input.received_on.unwrap_or(today);
    if received_on > today {
        return Err(refused(message!(
            "fg-date-future",
            today = today,
            on = received_on
        )));
    }
    if let Some(incident) = input.incident_on
        && incident > received_on
    {
        return Err(refused(message!(
            "conduct-incident-after",
            incident = incident,
            received = received_on
        )));
    }
    Ok(NewCase {
        mission,
        received_on,
        incident_on: input.incident_on,
        incident_approximate: input.incident_approximate,
        location: checks::text("location", &input.location, text::NAME_MAX)?,
        allegation,
        urgent,
        restricted: input.restricted,
        assignees: if input.restricted {
            vec![actor.principal.login.clone()]
        } else {
            Vec::new()
        },
        subjects,
        victims,
    })
}

/// Records a case. Only conduct officers record cases, in their mission (or any, when they
/// cover all); the narrative, the notes and each victim's details are sealed before they reach
/// the database.
pub async fn record_case(
    store: &Store,
    actor: &Actor,
    input: CaseInput,
) -> Result<CaseId, WriteError> {
    if actor.role() != Role::Conduct {
        return Err(refused(message!("conduct-only")));
    }
    let case = checked(actor, &input)?;
    for officer in case.subjects.iter().filter_map(|s| s.officer) {
        if !store
            .db()
            .record_exists(RecordTable::Officer, officer.0)
            .await?
        {
            return Err(refused(message!("conduct-no-officer", officer = officer.0)));
        }
    }
    let key = key_of(store)?.clone();
    let details: Vec<(String, String)> = case
        .victims
        .iter()
        .map(|(code, _, _)| code.clone())
        .zip(input.victims.iter().map(|v| v.details.clone()))
        .collect();
    let narrative = input.narrative.clone();
    let notes = input.notes.clone();
    let sealer = move |id: i64| SealedFields {
        narrative: seal(
            &key,
            Binding {
                case: id,
                field: "narrative",
            },
            &narrative,
        ),
        notes: notes.as_deref().map(|n| {
            seal(
                &key,
                Binding {
                    case: id,
                    field: "notes",
                },
                n,
            )
        }),
        victims: details
            .iter()
            .map(|(code, text)| {
                seal(
                    &key,
                    Binding {
                        case: id,
                        field: &format!("victim:{code}"),
                    },
                    text,
                )
            })
            .collect(),
    };
    let event = actor.event(
        "conduct.case.record",
        "conduct_case",
        &format!("{} in {}", case.allegation.code(), case.mission),
    );
    let id = store.db().insert_case(&case, sealer, &event).await?;
    Ok(CaseId(id))
}

/// The scope a reader reads cases through; none for the roles that see aggregates only.
fn case_scope(actor: &Actor) -> Option<CaseScope> {
    match actor.role() {
        Role::Conduct => Some(CaseScope::Conduct {
            mission: actor.scope().mission(),
            login: actor.principal.login.clone(),
        }),
        Role::Pcc => actor.scope().country().map(CaseScope::ReferredTo),
        Role::Admin | Role::Hq | Role::Mission | Role::Analyst => None,
    }
}

fn summary(row: &CaseRow) -> CaseSummary {
    CaseSummary {
        id: CaseId(row.id),
        mission: row.mission,
        received_on: row.received_on,
        allegation: row.allegation,
        status: row.status,
        urgent: row.urgent,
        referred_to: row.referred_to,
        referred_on: row.referred_on,
        investigator: row.investigator,
        outcome: row.outcome,
        country_action: row.country_action,
        subjects: row
            .subjects
            .iter()
            .map(|s| SubjectView {
                officer: s.officer,
                category: s.category,
                nationality: s.nationality,
            })
            .collect(),
        steps: row
            .steps
            .iter()
            .map(|(status, on)| StepTaken {
                status: *status,
                on: *on,
            })
            .collect(),
        measures: row
            .measures
            .iter()
            .map(|m| MeasureTaken {
                measure: m.measure,
                officer: m.officer,
                on: m.on,
            })
            .collect(),
    }
}

/// A case's summary as its reader may see it: a focal point sees only the subjects of its own
/// country, and only the measures taken against them (a case may name officers of several
/// countries).
fn summary_for(actor: &Actor, row: &CaseRow) -> CaseSummary {
    let mut seen = summary(row);
    if let (Role::Pcc, Some(country)) = (actor.role(), actor.scope().country()) {
        seen.subjects.retain(|s| s.nationality == country);
        let own: Vec<OfficerId> = seen.subjects.iter().filter_map(|s| s.officer).collect();
        seen.measures
            .retain(|m| m.officer.is_some_and(|o| own.contains(&o)));
    }
    seen
}

fn full(key: &CaseKey, row: CaseRow, reads: Vec<Reading>) -> anyhow::Result<CaseView> {
    let opened = |field: &str, sealed: &[u8]| -> anyhow::Result<String> {
        open(
            key,
            Binding {
                case: row.id,
                field,
            },
            sealed,
        )
        .map_err(|e| anyhow::anyhow!("case {}: {field}: {e}", row.id))
    };
    let narrative = opened("narrative", &row.narrative)?;
    let notes = row
        .notes
        .as_deref()
        .map(|n| opened("notes", n))
        .transpose()?;
    let victims = row
        .victims
        .iter()
        .map(|v| {
            Ok(Victim {
                code: v.code.clone(),
                sex: v.sex.clone(),
                age_group: v.age_group,
                details: opened(&format!("victim:{}", v.code), &v.details)?,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(CaseView::Full {
        summary: summary(&row),
        incident_on: row.incident_on,
        incident_approximate: row.incident_approximate,
        location: row.location,
        restricted: row.restricted,
        narrative,
        notes,
        victims,
        reads,
    })
}

/// The audit trail's name of a case.
fn record_of(id: CaseId) -> String {
    format!("{}:{}", RecordTable::Case.name(), id.0)
}

const READ: &str = "conduct.case.read";
const GLASS: &str = "conduct.case.glass";

/// Who has read a case and when, from the audit trail, with each broken glass's reason.
async fn reads_of(store: &Store, id: CaseId) -> anyhow::Result<Vec<Reading>> {
    let query = AuditQuery {
        record: Some(record_of(id)),
        ..Default::default()
    };
    Ok(store
        .db()
        .audit_entries(&query)
        .await?
        .into_iter()
        .filter(|e| e.event.action == READ || e.event.action == GLASS)
        .map(|e| Reading {
            glass_reason: (e.event.action == GLASS).then_some(e.event.detail),
            at: e.event.at,
            login: e.event.actor,
        })
        .collect())
}

/// The full view of a case, its sealed fields opened.
async fn opened(store: &Store, row: CaseRow) -> anyhow::Result<CaseView> {
    let key = key_of(store).map_err(|e| anyhow::anyhow!("{e}"))?;
    let reads = reads_of(store, CaseId(row.id)).await?;
    full(key, row, reads)
}

/// One case as the reader may see it, or none when out of reach (the refusal is audited, as is
/// every read).
pub async fn case(
    store: &Store,
    actor: &Actor,
    id: CaseId,
) -> Result<Option<CaseView>, WriteError> {
    let db = store.db();
    if actor.role() == Role::Conduct {
        key_of(store)?;
    }
    let found = match case_scope(actor) {
        Some(scope) => db.case(Some(&scope), id.0).await?,
        None => None,
    };
    let Some(row) = visible(db, actor, RecordTable::Case, id.0, found).await? else {
        return Ok(None);
    };
    db.append_audit(&actor.event(READ, &record_of(id), ""))
        .await?;
    let view = match actor.role() {
        Role::Conduct => opened(store, row).await?,
        _ => CaseView::Referred {
            summary: summary_for(actor, &row),
        },
    };
    Ok(Some(view))
}

/// An administrator opens a case outside the need to know: "breaking the glass", with a stated
/// reason that the audit trail keeps and the case shows to its conduct officers.
pub async fn break_glass(
    store: &Store,
    actor: &Actor,
    id: CaseId,
    reason: &str,
) -> Result<CaseView, WriteError> {
    if actor.role() != Role::Admin {
        return Err(refused(message!("conduct-glass-admin")));
    }
    let reason = reason.trim();
    if reason.chars().count() < 10 {
        return Err(refused(message!("conduct-glass-reason")));
    }
    let reason = checks::text("reason", reason, text::TEXT_MAX)?;
    key_of(store)?;
    let db = store.db();
    let row = db.case(None, id.0).await?.ok_or(WriteError::NotFound)?;
    db.append_audit(&actor.event(GLASS, &record_of(id), &reason))
        .await?;
    Ok(opened(store, row).await?)
}

/// The cases the reader may see, each as its summary; the list's read is audited too.
pub async fn cases(store: &Store, actor: &Actor) -> anyhow::Result<Vec<CaseSummary>> {
    let Some(scope) = case_scope(actor) else {
        return Ok(Vec::new());
    };
    let rows = store.db().cases(&scope).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let event = actor.event(
        "conduct.case.list",
        "",
        &format!("{} cases: {}", ids.len(), ids.join(" ")),
    );
    store.db().append_audit(&event).await?;
    Ok(rows.iter().map(|row| summary_for(actor, row)).collect())
}

/// A step of a case as its reader takes it.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub to: CaseStatus,
    /// The day of the decision; today by default.
    pub on: Option<NaiveDate>,
    /// The contributing country, for a referral.
    pub referred_to: Option<&'a str>,
    /// Who investigates, when the investigator is named.
    pub investigator: Option<&'a str>,
    /// What the investigation found, for the outcome.
    pub outcome: Option<&'a str>,
    /// What the contributing country reports it did.
    pub action: Option<&'a str>,
}

impl<'a> Step<'a> {
    /// A step with nothing more than its status, dated today.
    pub fn to(to: CaseStatus) -> Step<'a> {
        Step {
            to,
            on: None,
            referred_to: None,
            investigator: None,
            outcome: None,
            action: None,
        }
    }
}

/// The steps a contributing country's focal point records on a case referred to it: who
/// investigates, the investigation, its outcome and the action taken.
fn country_records(to: CaseStatus) -> bool {
    matches!(
        to,
        CaseStatus::InvestigatorNamed
            | CaseStatus::UnderInvestigation
            | CaseStatus::Outcome
            | CaseStatus::CountryAction
    )
}

/// A code a step requires for its status, parsed; none for the other statuses.
fn step_code<T>(
    to: CaseStatus,
    wanted: CaseStatus,
    field: &str,
    value: Option<&str>,
    parse: fn(&str) -> Option<T>,
    terms: &[unpol_domain::vocabulary::Term],
) -> Result<Option<T>, WriteError> {
    if to != wanted {
        return Ok(None);
    }
    let value = value.ok_or_else(|| refused(message!("text-required", field = field)))?;
    parse(value)
        .map(Some)
        .ok_or_else(|| unknown(field, value, &codes(terms)))
}

/// Takes the next step of a case: a conduct officer who may read the case takes any step; the
/// focal point of the country it was referred to records the investigator, the investigation,
/// the outcome and the action. Only in order, dated no later than today and no earlier than the
/// step before.
pub async fn advance(
    store: &Store,
    actor: &Actor,
    id: CaseId,
    step: Step<'_>,
) -> Result<CaseSummary, WriteError> {
    let to = step.to;
    match actor.role() {
        Role::Conduct => {}
        Role::Pcc if country_records(to) => {}
        Role::Pcc => {
            return Err(refused(message!(
                "conduct-step-country",
                target = to.code()
            )));
        }
        _ => return Err(refused(message!("conduct-only"))),
    }
    let db = store.db();
    let scope = case_scope(actor).ok_or(WriteError::NotFound)?;
    let found = db.case(Some(&scope), id.0).await?;
    let Some(row) = visible(db, actor, RecordTable::Case, id.0, found).await? else {
        return Err(WriteError::NotFound);
    };
    let out_of_order = || {
        WriteError::conflict(message!(
            "conduct-out-of-order",
            case = id.0,
            step = row.status.code(),
            target = to.code()
        ))
    };
    if !row.status.may_become(to) {
        return Err(out_of_order());
    }
    let today = actor.today();
    let on = step.on.unwrap_or(today);
    if on > today {
        return Err(refused(message!("fg-date-future", today = today, on = on)));
    }
    let last = row.steps.last().map_or(row.received_on, |(_, day)| *day);
    if on < last {
        return Err(refused(message!(
            "conduct-date-before",
            case = id.0,
            last = last,
            on = on
        )));
    }
    let referral = match (to, step.referred_to) {
        (CaseStatus::Referred, Some(country)) => Some(
            CountryCode::parse(&country.trim().to_ascii_uppercase())
                .map_err(|_| refused(message!("unknown-country", value = country)))?,
        ),
        (CaseStatus::Referred, None) => {
            return Err(refused(message!("text-required", field = "referred_to")));
        }
        _ => None,
    };
    let change = StatusChange {
        from: row.status,
        to,
        on,
        referral,
        investigator: step_code(
            to,
            CaseStatus::InvestigatorNamed,
            "investigator",
            step.investigator,
            Investigator::from_code,
            Investigator::TERMS,
        )?,
        outcome: step_code(
            to,
            CaseStatus::Outcome,
            "outcome",
            step.outcome,
            Outcome::from_code,
            Outcome::TERMS,
        )?,
        action: step_code(
            to,
            CaseStatus::CountryAction,
            "action",
            step.action,
            CountryAction::from_code,
            CountryAction::TERMS,
        )?,
    };
    let event = actor.event(
        "conduct.case.step",
        &record_of(id),
        &format!("{} on {on}", to.code()),
    );
    db.set_case_status(id.0, &change, &event)
        .await
        .map_err(|e| match e {
            // Another step was taken in between.
            WriteError::NotFound => out_of_order(),
            other => other,
        })?;
    let mut row = row;
    row.status = to;
    row.steps.push((to, on));
    if let Some(country) = referral {
        row.referred_to = Some(country);
        row.referred_on = Some(on);
    }
    row.investigator = change.investigator.or(row.investigator);
    row.outcome = change.outcome.or(row.outcome);
    row.country_action = change.action.or(row.country_action);
    Ok(summary_for(actor, &row))
}

/// An interim measure as a conduct officer records it.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct MeasureInput {
    /// `repatriation`, `administrative_leave`, `payment_suspension` or `barred`.
    pub measure: String,
    /// The subject officer it applies to, if the case names one.
    #[serde(default)]
    pub officer: Option<i64>,
    /// The day it takes effect; today by default.
    #[serde(default)]
    pub on: Option<NaiveDate>,
}

/// Records an interim measure on an open case; a repatriation ends the officer's running tour
/// as a disciplinary repatriation, which bars the officer from further service.
pub async fn take_measure(
    store: &Store,
    actor: &Actor,
    id: CaseId,
    input: &MeasureInput,
) -> Result<MeasureTaken, WriteError> {
    if actor.role() != Role::Conduct {
        return Err(refused(message!("conduct-only")));
    }
    let measure = InterimMeasure::from_code(&input.measure)
        .ok_or_else(|| unknown("measure", &input.measure, &codes(InterimMeasure::TERMS)))?;
    let db = store.db();
    let scope = case_scope(actor).ok_or(WriteError::NotFound)?;
    let found = db.case(Some(&scope), id.0).await?;
    let Some(row) = visible(db, actor, RecordTable::Case, id.0, found).await? else {
        return Err(WriteError::NotFound);
    };
    if !row.status.is_open() {
        return Err(WriteError::conflict(message!(
            "conduct-closed",
            case = id.0
        )));
    }
    let officer = input.officer.map(OfficerId);
    if officer.is_none()
        && matches!(
            measure,
            InterimMeasure::Repatriation | InterimMeasure::Barred
        )
    {
        return Err(refused(message!("text-required", field = "officer")));
    }
    if let Some(officer) = officer
        && !row.subjects.iter().any(|s| s.officer == Some(officer))
    {
        return Err(refused(message!(
            "conduct-not-subject",
            case = id.0,
            officer = officer.0
        )));
    }
    let today = actor.today();
    let on = input.on.unwrap_or(today);
    if on > today {
        return Err(refused(message!("fg-date-future", today = today, on = on)));
    }
    if on < row.received_on {
        return Err(refused(message!(
            "conduct-date-before",
            case = id.0,
            last = row.received_on,
            on = on
        )));
    }
    let taken = Measure {
        measure,
        officer,
        on,
    };
    let event = actor.event(
        "conduct.case.measure",
        &record_of(id),
        &format!(
            "{} of {} on {on}",
            measure.code(),
            officer.map_or("-".to_string(), |o| format!("officer:{o}"))
        ),
    );
    db.insert_measure(id.0, &taken, &event).await?;
    Ok(MeasureTaken {
        measure,
        officer,
        on,
    })
}

/// The public figures on allegations, as the UN publishes them: per year, mission, category,
/// nationality, type and step; no person, no victim, no narrative. Anyone may read them.
pub async fn allegations(store: &Store) -> anyhow::Result<Vec<AllegationCount>> {
    let rows = store.db().allegation_rows().await?;
    let counted: Vec<CountedCase> = rows
        .into_iter()
        .map(|r| CountedCase {
            year: r.received_on.year(),
            mission: r.mission,
            category: r.category,
            nationality: r.nationality,
            allegation: r.allegation,
            status: r.status,
        })
        .collect();
    Ok(count_allegations(&counted))
}

/// A clock of a case that has run out, or will within the days asked: what the overdue list
/// shows, per contributing country.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct DueClock {
    pub case: CaseId,
    pub mission: MissionCode,
    /// The contributing country the case was referred to.
    pub country: Option<CountryCode>,
    /// `name_investigator` or `complete_investigation`.
    pub clock: &'static str,
    pub due: NaiveDate,
    /// Days from today to the due day: negative once it has run out.
    pub days_left: i64,
}

/// The clocks of the cases the reader may see that have run out or will within `within` days
/// of today (the actor's clock), under the deadlines of the reference data.
pub async fn overdue(store: &Store, actor: &Actor, within: u32) -> anyhow::Result<Vec<DueClock>> {
    let rules = unpol_storage::reference::conduct_deadline_rules()?;
    overdue_under(store, actor, within, &rules).await
}

/// [`overdue`] under the given deadlines.
pub async fn overdue_under(
    store: &Store,
    actor: &Actor,
    within: u32,
    rules: &DeadlineRules,
) -> anyhow::Result<Vec<DueClock>> {
    let Some(scope) = case_scope(actor) else {
        return Ok(Vec::new());
    };
    let today = actor.today();
    let mut due: Vec<DueClock> = store
        .db()
        .cases(&scope)
        .await?
        .iter()
        .flat_map(|row| clocks_under(&summary(row), today, rules))
        .filter(|clock| clock.days_left <= i64::from(within))
        .collect();
    due.sort_by(|a, b| {
        (a.country.map(|c| c.to_string()), a.due, a.case.0).cmp(&(
            b.country.map(|c| c.to_string()),
            b.due,
            b.case.0,
        ))
    });
    Ok(due)
}

/// The clocks still running on a case its reader holds, on the reader's day, under the
/// deadlines of the reference data: what the case's page shows.
pub fn running_clocks(case: &CaseSummary, actor: &Actor) -> anyhow::Result<Vec<DueClock>> {
    let rules = unpol_storage::reference::conduct_deadline_rules()?;
    Ok(clocks_under(case, actor.today(), &rules))
}

/// The running clocks of a case on `today`.
fn clocks_under(case: &CaseSummary, today: NaiveDate, rules: &DeadlineRules) -> Vec<DueClock> {
    let step_day = |status: CaseStatus| {
        case.steps
            .iter()
            .find(|step| step.status == status)
            .map(|step| step.on)
    };
    let dates = CaseDates {
        referred_on: case.referred_on,
        investigator_named_on: step_day(CaseStatus::InvestigatorNamed),
        outcome_on: step_day(CaseStatus::Outcome),
        urgent: case.urgent,
    };
    deadlines(&dates, rules)
        .into_iter()
        .filter(|clock| clock.met_on.is_none())
        .map(|clock| DueClock {
            case: case.id,
            mission: case.mission,
            country: case.referred_to,
            clock: match clock.kind {
                DeadlineKind::NameInvestigator => "name_investigator",
                DeadlineKind::CompleteInvestigation => "complete_investigation",
            },
            due: clock.due,
            days_left: (clock.due - today).num_days(),
        })
        .collect()
}

/// What a key rotation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rotation {
    /// Values re-sealed from the old key to the current one.
    pub resealed: usize,
    /// Values already sealed with the current key (a rotation run again, or interrupted).
    pub current: usize,
}

/// Rotates the case key: every value sealed with `old` is opened and sealed again with the
/// store's current key, in one transaction (all or none), audited. Values already under the
/// current key are left as they are, so a rotation can be run again; a value under neither key
/// stops it, naming the case and field. Run it at the console, with the new key in place and the
/// old one given (`unpol conduct rekey --old-key-file FILE`).
pub async fn rekey(store: &Store, actor: &Actor, old: &CaseKey) -> Result<Rotation, WriteError> {
    if actor.role() != Role::Admin && actor.role() != Role::Hq {
        return Err(refused(message!("conduct-rekey")));
    }
    let current = key_of(store)?.clone();
    let db = store.db();
    let mut rotation = Rotation {
        resealed: 0,
        current: 0,
    };
    let mut changed = Vec::new();
    for mut value in db.sealed_values().await? {
        let binding = Binding {
            case: value.case,
            field: &value.field,
        };
        if open(&current, binding, &value.sealed).is_ok() {
            rotation.current += 1;
            continue;
        }
        let text = open(old, binding, &value.sealed).map_err(|e| {
            WriteError::Storage(anyhow::anyhow!("case {}: {}: {e}", value.case, value.field))
        })?;
        value.sealed = seal(&current, binding, &text);
        changed.push(value);
    }
    rotation.resealed = changed.len();
    let event = actor.event(
        "conduct.rekey",
        "",
        &format!(
            "{} values re-sealed from key {} to key {}",
            changed.len(),
            hex::encode(old.fingerprint()),
            hex::encode(current.fingerprint())
        ),
    );
    db.replace_sealed(&changed, &event).await?;
    Ok(rotation)
}
