//! The published statistics, public, answering the same JSON as `unpol stats`. Answers are kept
//! serialised in the [`crate::published_cache`] until the next import.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use unpol_app::stats::{self, Narrowing, StatsError};
use unpol_domain::Month;

use crate::AppState;
use crate::problem::Problem;

/// A report's refusal as an answer: figures or a mission that do not exist are not found, a
/// range that ends before it starts breaks a rule, a window out of bounds is a bad request.
pub fn problem(error: StatsError) -> Problem {
    let status = match &error {
        StatsError::NoData { .. }
        | StatsError::NoMissionBreakdown { .. }
        | StatsError::UnknownMission(_)
        | StatsError::UnknownCountry(_) => StatusCode::NOT_FOUND,
        StatsError::EmptyRange { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        StatsError::BadWindow { .. } => StatusCode::BAD_REQUEST,
        StatsError::Storage(e) => return Problem::internal(e),
    };
    Problem::new(status, Some(error.to_string()))
}

/// The cached JSON of an answer, built by `build` on a miss.
async fn cached_json<T, F, Fut>(
    state: &AppState,
    key: String,
    build: F,
) -> Result<Response, Problem>
where
    T: Serialize,
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<T, StatsError>>,
{
    let bytes = state
        .published
        .get_or_build(&state.store, key, || async {
            let report = build().await.map_err(problem)?;
            serde_json::to_vec(&report)
                .map(Bytes::from)
                .map_err(|e| Problem::internal(&e.into()))
        })
        .await?;
    // `Bytes` shares the cached answer: no copy per request.
    Ok((
        [(header::CONTENT_TYPE, "application/json")],
        Bytes::clone(&bytes),
    )
        .into_response())
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
    let month = month(&q.month)?;
    let key = format!("api:contributions:{month}:{:?}:{:?}", q.mission, q.country);
    let narrowing = Narrowing {
        mission: q.mission,
        country: q.country,
    };
    cached_json(&state, key, || {
        stats::contributions(&state.store, month, &narrowing)
    })
    .await
}

#[derive(Debug, Deserialize)]
pub struct MonthQuery {
    month: String,
}

pub async fn parity(
    State(state): State<AppState>,
    Query(q): Query<MonthQuery>,
) -> Result<Response, Problem> {
    let month = month(&q.month)?;
    cached_json(&state, format!("api:parity:{month}"), || {
        stats::parity(&state.store, month)
    })
    .await
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
    let (from, to) = (month(&q.from)?, month(&q.to)?);
    let everywhere = Narrowing::default();
    cached_json(&state, format!("api:trend:{from}:{to}"), || {
        stats::trend(&state.store, from, to, &everywhere)
    })
    .await
}
