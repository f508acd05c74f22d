//! `/api/v1/capacity`, `/api/v1/evaluations`, `/api/v1/unit-assessments`, `/api/v1/indicators`,
//! `/api/v1/dashboard` and `/api/v1/transition-tasks`: a mission's host-State police capacity
//! building, the performance of its officers and units, its indicators and its transition. Each
//! reads through the caller's scope; a record outside it answers 404, audited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use axum_extra::extract::Query;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unpol_app::roster::WriteError;
use unpol_app::{capacity, indicators, performance};
use unpol_domain::quarter::Quarter;

use super::write_problem;
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

/// The mission a list is narrowed to (a mission's staff always read their own).
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct MissionFilter {
    /// A mission's acronym.
    #[serde(default, deserialize_with = "present")]
    pub mission: Option<String>,
    /// An officer's database id (evaluations only).
    #[serde(default)]
    pub officer: Option<i64>,
}

/// A parameter given, even empty (the query extractor reads an empty value as absent otherwise).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    String::deserialize(deserializer).map(Some)
}

impl MissionFilter {
    fn mission(&self) -> Result<Option<&str>, Problem> {
        match self.mission.as_deref() {
            Some(m) if m.trim().is_empty() => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                Some("mission is empty".to_string()),
            )),
            other => Ok(other),
        }
    }
}

/// The id of a record just made.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Created {
    pub id: i64,
}

fn created(id: Result<i64, WriteError>) -> Result<Response, Problem> {
    let id = id.map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

fn listed<T: Serialize>(rows: Result<T, WriteError>) -> Result<Response, Problem> {
    Ok(Json(rows.map_err(write_problem)?).into_response())
}

fn done(result: Result<(), WriteError>) -> Result<Response, Problem> {
    result.map_err(write_problem)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn activities(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(capacity::activities(&state.store, &caller.actor()?, filter.mission()?).await)
}

pub async fn create_activity(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<capacity::ActivityInput>,
) -> Result<Response, Problem> {
    created(capacity::record_activity(&state.store, &caller.actor()?, &input).await)
}

pub async fn projects(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(capacity::projects(&state.store, &caller.actor()?, filter.mission()?).await)
}

pub async fn create_project(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<capacity::ProjectInput>,
) -> Result<Response, Problem> {
    created(capacity::record_project(&state.store, &caller.actor()?, &input).await)
}

/// A project's new status.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ProjectStatusBody {
    /// `planned`, `under_way`, `delivered` or `cancelled`.
    pub status: String,
    /// The day it was handed over, exactly when `delivered`.
    #[serde(default)]
    pub delivered_on: Option<NaiveDate>,
}

pub async fn project_status(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(body): Json<ProjectStatusBody>,
) -> Result<Response, Problem> {
    done(
        capacity::set_project_status(
            &state.store,
            &caller.actor()?,
            id,
            &body.status,
            body.delivered_on,
        )
        .await,
    )
}

pub async fn quarters(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(capacity::quarters(&state.store, &caller.actor()?, filter.mission()?).await)
}

pub async fn evaluations(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(
        performance::evaluations(
            &state.store,
            &caller.actor()?,
            filter.mission()?,
            filter.officer,
        )
        .await,
    )
}

pub async fn create_evaluation(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<performance::EvaluationInput>,
) -> Result<Response, Problem> {
    created(performance::record_evaluation(&state.store, &caller.actor()?, &input).await)
}

pub async fn unit_assessments(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(performance::unit_assessments(&state.store, &caller.actor()?, filter.mission()?).await)
}

pub async fn create_unit_assessment(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<performance::UnitAssessmentInput>,
) -> Result<Response, Problem> {
    created(performance::record_unit_assessment(&state.store, &caller.actor()?, &input).await)
}

pub async fn indicator_list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(indicators::indicators(&state.store, &caller.actor()?, filter.mission()?).await)
}

pub async fn create_indicator(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<indicators::IndicatorInput>,
) -> Result<Response, Problem> {
    created(indicators::define(&state.store, &caller.actor()?, &input).await)
}

/// An entered indicator's value for a quarter.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ValueBody {
    pub quarter: Quarter,
    pub value: f64,
}

pub async fn indicator_value(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(body): Json<ValueBody>,
) -> Result<Response, Problem> {
    done(
        indicators::enter_value(&state.store, &caller.actor()?, id, body.quarter, body.value).await,
    )
}

pub async fn dashboard(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(mission): Path<String>,
) -> Result<Response, Problem> {
    let board = indicators::dashboard(&state.store, &caller.actor()?, &mission)
        .await
        .map_err(write_problem)?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(board).into_response())
}

pub async fn tasks(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filter): Query<MissionFilter>,
) -> Result<Response, Problem> {
    listed(indicators::tasks(&state.store, &caller.actor()?, filter.mission()?).await)
}

pub async fn create_task(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<indicators::TaskInput>,
) -> Result<Response, Problem> {
    created(indicators::record_task(&state.store, &caller.actor()?, &input).await)
}

/// A transition task's new status.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct TaskStatusBody {
    /// `not_started`, `in_progress`, `handed_over` or `at_risk`.
    pub status: String,
}

pub async fn task_status(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(body): Json<TaskStatusBody>,
) -> Result<Response, Problem> {
    done(indicators::set_task_status(&state.store, &caller.actor()?, id, &body.status).await)
}
