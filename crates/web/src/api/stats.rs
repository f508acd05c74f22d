//! The published statistics, public, answering the same JSON as `unpol stats`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use unpol_app::stats::{self, Narrowing, StatsError};
use unpol_domain::Month;

use crate::AppState;
use crate::problem::Problem;

fn problem(error: StatsError) -> Problem {
    match error {
        StatsError::NoData { .. } => Problem::new(StatusCode::NOT_FOUND, Some(error.to_string())),
        StatsError::Storage(e) => Problem::internal(&e),
        other => Problem::new(StatusCode::BAD_REQUEST, Some(other.to_string())),
    }
}

fn month(text: &str) -> Result<Month, Problem> {
    text.parse().map_err(|e: unpol_domain::month::MonthError| {
        Problem::new(StatusCode::BAD_REQUEST, Some(e.to_string()))
    })
}

#[derive(Debug, Deserialize)]
pub struct ContributionsQuery {
    month: String,
    mission: Option<String>,
    country: Option<String>,
}

pub async fn contributions(
    State(state): State<AppState>,
    Query(q): Query<ContributionsQuery>,
) -> Result<Response, Problem> {
    let narrowing = Narrowing {
        mission: q.mission,
        country: q.country,
    };
    let report = stats::contributions(&state.db, month(&q.month)?, &narrowing)
        .await
        .map_err(problem)?;
    Ok(Json(report).into_response())
}

#[derive(Debug, Deserialize)]
pub struct MonthQuery {
    month: String,
}

pub async fn parity(
    State(state): State<AppState>,
    Query(q): Query<MonthQuery>,
) -> Result<Response, Problem> {
    let report = stats::parity(&state.db, month(&q.month)?)
        .await
        .map_err(problem)?;
    Ok(Json(report).into_response())
}

#[derive(Debug, Deserialize)]
pub struct RangeQuery {
    from: String,
    to: String,
}

pub async fn trend(
    State(state): State<AppState>,
    Query(q): Query<RangeQuery>,
) -> Result<Response, Problem> {
    let report = stats::trend(
        &state.db,
        month(&q.from)?,
        month(&q.to)?,
        &Narrowing::default(),
    )
    .await
    .map_err(problem)?;
    Ok(Json(report).into_response())
}
