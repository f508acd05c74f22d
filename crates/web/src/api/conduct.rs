//! `/api/v1/conduct`: cases on a need-to-know basis (a conduct officer reads the cases of its
//! mission in full, a focal point the cases referred to its country without a victim field or
//! the narrative), their steps and interim measures, the overdue clocks, an administrator's
//! broken glass, and the public figures. A case outside the caller's reach answers 404, audited.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unpol_app::conduct::{self, CaseId, CaseInput, MeasureInput, Step};
use unpol_domain::conduct::CaseStatus;

use super::write_problem;
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, Problem> {
    let cases = conduct::cases(&state.store, &caller.actor()?).await?;
    Ok(Json(cases).into_response())
}

/// The id of a case just recorded.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct CaseCreated {
    pub id: i64,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<CaseInput>,
) -> Result<Response, Problem> {
    let id = conduct::record_case(&state.store, &caller.actor()?, input)
        .await
        .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(CaseCreated { id: id.0 })).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let view = conduct::case(&state.store, &caller.actor()?, CaseId(id))
        .await
        .map_err(write_problem)?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(view).into_response())
}

/// The next step of a case, with what it records.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct StepBody {
    pub status: CaseStatusCode,
    /// The day of the decision; today by default.
    #[serde(default)]
    pub on: Option<NaiveDate>,
    /// The contributing country (ISO 3166 alpha-3), for `referred`.
    #[serde(default)]
    pub referred_to: Option<String>,
    /// `oios`, `contributing_country` or `mission`, for `investigator_named`.
    #[serde(default)]
    pub investigator: Option<String>,
    /// `substantiated`, `not_substantiated` or `closed_other`, for `outcome`.
    #[serde(default)]
    pub outcome: Option<String>,
    /// `dismissal`, `imprisonment`, `demotion`, `reprimand` or `pending`, for `country_action`.
    #[serde(default)]
    pub action: Option<String>,
}

/// A step's code as a body gives it.
#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatusCode {
    PreliminaryAssessment,
    Referred,
    InvestigatorNamed,
    UnderInvestigation,
    Outcome,
    CountryAction,
    Closed,
}

impl CaseStatusCode {
    fn status(self) -> CaseStatus {
        match self {
            CaseStatusCode::PreliminaryAssessment => CaseStatus::PreliminaryAssessment,
            CaseStatusCode::Referred => CaseStatus::Referred,
            CaseStatusCode::InvestigatorNamed => CaseStatus::InvestigatorNamed,
            CaseStatusCode::UnderInvestigation => CaseStatus::UnderInvestigation,
            CaseStatusCode::Outcome => CaseStatus::Outcome,
            CaseStatusCode::CountryAction => CaseStatus::CountryAction,
            CaseStatusCode::Closed => CaseStatus::Closed,
        }
    }
}

pub async fn step(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(body): Json<StepBody>,
) -> Result<Response, Problem> {
    let step = Step {
        on: body.on,
        referred_to: body.referred_to.as_deref(),
        investigator: body.investigator.as_deref(),
        outcome: body.outcome.as_deref(),
        action: body.action.as_deref(),
        ..Step::to(body.status.status())
    };
    let summary = conduct::advance(&state.store, &caller.actor()?, CaseId(id), step)
        .await
        .map_err(write_problem)?;
    Ok(Json(summary).into_response())
}

pub async fn measure(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<MeasureInput>,
) -> Result<Response, Problem> {
    let taken = conduct::take_measure(&state.store, &caller.actor()?, CaseId(id), &input)
        .await
        .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(taken)).into_response())
}

/// Why an administrator opens a case.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct GlassBody {
    /// At least 10 characters; shown on the case to its conduct officers.
    pub reason: String,
}

pub async fn glass(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(body): Json<GlassBody>,
) -> Result<Response, Problem> {
    let view = conduct::break_glass(&state.store, &caller.actor()?, CaseId(id), &body.reason)
        .await
        .map_err(write_problem)?;
    Ok(Json(view).into_response())
}

#[derive(Debug, Deserialize)]
pub struct OverdueQuery {
    /// Also the clocks due within this many days (0 to 366; 30 by default).
    #[serde(default = "thirty")]
    within: u32,
}

fn thirty() -> u32 {
    30
}

pub async fn overdue(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<OverdueQuery>,
) -> Result<Response, Problem> {
    if q.within > 366 {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            Some("within: 0 to 366 days".into()),
        ));
    }
    let clocks = conduct::overdue(&state.store, &caller.actor()?, q.within).await?;
    Ok(Json(clocks).into_response())
}

pub async fn figures(State(state): State<AppState>) -> Result<Response, Problem> {
    Ok(Json(conduct::allegations(&state.store).await?).into_response())
}
