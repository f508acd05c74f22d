//! The performance of deployed officers and units as their users reach it: mission staff
//! evaluate the officers who serve in their mission and assess its units; a contributing
//! country's focal point reads its nationals' evaluations and its units' assessments;
//! headquarters reads all. Repeated underperformance bars selection (force generation reads it
//! through [`repeatedly_underperformed`]).

use chrono::NaiveDate;
use unpol_domain::access::{Role, Scope};
use unpol_domain::message;
use unpol_domain::performance::{
    self, Competency, Evaluation, EvaluationRow, Outcome, Rating, Readiness, Remedy, Score,
    UnitAssessment, UnitAssessmentRow,
};
use unpol_domain::roster::{OfficerId, UnitId};
use unpol_domain::{CountryCode, MissionCode, text};
use unpol_storage::Database;
use unpol_storage::deployments::DeploymentFilter;
use unpol_storage::officers::Page;
use unpol_storage::operations::EvaluationFilter;
use unpol_storage::records::RecordTable;

use crate::capacity::narrowed;
use crate::checks::{self, coded, not_future, period, writable_mission};
use crate::roster::WriteError;
use crate::scope::visible;
use crate::{Actor, Store};

/// One competency's rating, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct ScoreInput {
    pub competency: String,
    /// `unsatisfactory`, `partly_meets`, `meets` or `exceeds`.
    pub rating: String,
}

/// A new evaluation of an officer for a period of a tour.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct EvaluationInput {
    /// The officer's database id.
    pub officer: i64,
    pub mission: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub scores: Vec<ScoreInput>,
    /// The overall rating: below `meets` is underperformance.
    pub overall: String,
    /// What is done about underperformance: `improvement_plan` or `repatriation`; only then.
    #[serde(default)]
    pub remedy: Option<String>,
    #[serde(default)]
    pub comment: String,
}

fn rating(field: &str, typed: &str) -> Result<Rating, WriteError> {
    coded(field, typed, Rating::TERMS, Rating::from_code)
}

fn checked(
    input: &EvaluationInput,
    mission: MissionCode,
    today: NaiveDate,
) -> Result<Evaluation, WriteError> {
    period(input.from, input.to)?;
    not_future("from", input.from, today)?;
    let mut scores: Vec<Score> = Vec::with_capacity(input.scores.len());
    for s in &input.scores {
        let competency = coded(
            "competency",
            &s.competency,
            Competency::TERMS,
            Competency::from_code,
        )?;
        if scores.iter().any(|t| t.competency == competency) {
            return Err(WriteError::refused(message!(
                "evaluation-competency",
                competency = competency.code()
            )));
        }
        scores.push(Score {
            competency,
            rating: rating("rating", &s.rating)?,
        });
    }
    scores.sort_by_key(|s| s.competency);
    let remedy = match input
        .remedy
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(r) => Some(coded("remedy", r, Remedy::TERMS, Remedy::from_code)?),
        None => None,
    };
    let outcome = Outcome::new(rating("rating", &input.overall)?, remedy)
        .ok_or_else(|| WriteError::refused(message!("evaluation-remedy")))?;
    Ok(Evaluation {
        officer: OfficerId(input.officer),
        mission,
        from: input.from,
        to: input.to,
        scores,
        outcome,
        comment: checks::text("comment", &input.comment, text::TEXT_MAX)?,
    })
}

/// Whether the officer served a tour in the mission on some day of the period.
async fn served(db: &Database, e: &Evaluation) -> anyhow::Result<bool> {
    let filter = DeploymentFilter {
        mission: Some(e.mission),
        officer: Some(e.officer),
        ..Default::default()
    };
    let (tours, _) = db
        .deployments(
            Scope::Mission(e.mission),
            &filter,
            Page {
                offset: 0,
                limit: 1000,
            },
        )
        .await?;
    Ok(tours
        .iter()
        .map(|d| d.tour())
        .any(|t| t.start <= e.to && t.end >= e.from))
}

/// Records an officer's evaluation; returns its id. The officer must have served in the
/// mission during the period.
pub async fn record_evaluation(
    store: &Store,
    actor: &Actor,
    input: &EvaluationInput,
) -> Result<i64, WriteError> {
    let mission = writable_mission(store, actor, &input.mission).await?;
    let evaluation = checked(input, mission.acronym, actor.today())?;
    if !served(store.db(), &evaluation).await? {
        return Err(WriteError::refused(message!(
            "evaluation-tour",
            officer = evaluation.officer,
            mission = evaluation.mission
        )));
    }
    let event = actor.event(
        "evaluation.record",
        "evaluation",
        &format!(
            "officer:{} {} {}",
            evaluation.officer,
            evaluation.mission,
            evaluation.outcome.overall().code()
        ),
    );
    store.db().insert_evaluation(&evaluation, &event).await
}

/// The evaluations a caller reads: headquarters all, mission staff their mission's, a focal
/// point its nationals'; `None` for the others.
fn evaluation_scope(actor: &Actor) -> Option<EvaluationFilter> {
    let scope = actor.scope();
    match actor.role() {
        Role::Admin | Role::Hq => Some(EvaluationFilter::default()),
        Role::Mission => scope.mission().map(|m| EvaluationFilter {
            mission: Some(m),
            ..Default::default()
        }),
        Role::Pcc => scope.country().map(|c| EvaluationFilter {
            nationality: Some(c),
            ..Default::default()
        }),
        Role::Analyst | Role::Conduct => None,
    }
}

/// The evaluations a caller may read, of the mission and officer asked for.
pub async fn evaluations(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
    officer: Option<i64>,
) -> Result<Vec<EvaluationRow>, WriteError> {
    let Some(mut filter) = evaluation_scope(actor) else {
        return Ok(Vec::new());
    };
    match narrowed(Some(filter.mission), mission)? {
        Some(m) => filter.mission = m,
        None => return Ok(Vec::new()),
    }
    filter.officer = officer.map(OfficerId);
    Ok(store.db().evaluations(filter).await?)
}

/// Whether an officer's evaluations, wherever they served, bar selection.
pub async fn repeatedly_underperformed(db: &Database, officer: OfficerId) -> anyhow::Result<bool> {
    Ok(performance::repeatedly_underperformed(
        &db.evaluation_outcomes(officer).await?,
    ))
}

/// A new readiness assessment of a unit.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct UnitAssessmentInput {
    /// The unit's database id.
    pub unit: i64,
    pub assessed_on: NaiveDate,
    /// `ready`, `ready_with_shortfalls` or `not_ready`.
    pub readiness: String,
    #[serde(default)]
    pub remarks: String,
}

/// Records a unit's readiness assessment; returns its id. A unit outside the caller's mission
/// is not found.
pub async fn record_unit_assessment(
    store: &Store,
    actor: &Actor,
    input: &UnitAssessmentInput,
) -> Result<i64, WriteError> {
    let today = actor.today();
    let found = store
        .db()
        .unit(actor.scope(), UnitId(input.unit), today)
        .await?;
    let Some(unit) = visible(store.db(), actor, RecordTable::Unit, input.unit, found).await? else {
        return Err(WriteError::NotFound);
    };
    writable_mission(store, actor, unit.unit.mission.as_str()).await?;
    not_future("assessed_on", input.assessed_on, today)?;
    let assessment = UnitAssessment {
        unit: unit.unit.id,
        assessed_on: input.assessed_on,
        readiness: coded(
            "readiness",
            &input.readiness,
            Readiness::TERMS,
            Readiness::from_code,
        )?,
        remarks: checks::text("remarks", &input.remarks, text::TEXT_MAX)?,
    };
    let event = actor.event(
        "unit.assess",
        &format!("unit:{}", unit.unit.id),
        assessment.readiness.code(),
    );
    store.db().insert_unit_assessment(&assessment, &event).await
}

/// The readiness assessments a caller may read: headquarters all, mission staff their
/// mission's units', a focal point its country's units'.
pub async fn unit_assessments(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
) -> Result<Vec<UnitAssessmentRow>, WriteError> {
    let scope = actor.scope();
    let (own, country): (Option<MissionCode>, Option<CountryCode>) = match actor.role() {
        Role::Admin | Role::Hq => (None, None),
        Role::Mission => match scope.mission() {
            Some(m) => (Some(m), None),
            None => return Ok(Vec::new()),
        },
        Role::Pcc => match scope.country() {
            Some(c) => (None, Some(c)),
            None => return Ok(Vec::new()),
        },
        Role::Analyst | Role::Conduct => return Ok(Vec::new()),
    };
    match narrowed(Some(own), mission)? {
        Some(m) => Ok(store.db().unit_assessments(m, country).await?),
        None => Ok(Vec::new()),
    }
}
