//! `/api/v1/forecast/rotations`: the rotation forecast within the caller's scope.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use unpol_app::forecast;
use unpol_domain::Month;

use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Deserialize)]
pub struct RotationsQuery {
    from: String,
    #[serde(default = "twelve")]
    months: u32,
    mission: Option<String>,
}

fn twelve() -> u32 {
    12
}

pub async fn rotations(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<RotationsQuery>,
) -> Result<Response, Problem> {
    let from: Month = q
        .from
        .parse()
        .map_err(|e: unpol_domain::month::MonthError| {
            Problem::new(StatusCode::BAD_REQUEST, Some(e.to_string()))
        })?;
    let report = forecast::rotations(
        &state.store,
        &caller.actor()?,
        from,
        q.months,
        q.mission.as_deref(),
    )
    .await
    .map_err(super::stats::problem)?;
    Ok(Json(report).into_response())
}
