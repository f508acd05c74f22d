//! `/api/v1/deployments`: tours, through the caller's scope.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::NaiveDate;
use serde::Deserialize;
use unpol_app::roster::{self, DeploymentFilter, DeploymentInput};
use unpol_domain::MissionCode;
use unpol_domain::roster::{DeploymentId, OfficerId};

use super::{Listing, Pagination, write_problem};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Deserialize)]
pub struct Filters {
    mission: Option<String>,
    officer: Option<i64>,
    active_on: Option<NaiveDate>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(paging): Query<Pagination>,
    Query(f): Query<Filters>,
) -> Result<Response, Problem> {
    let mission = f
        .mission
        .map(|m| {
            MissionCode::parse(&m)
                .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, Some(e.to_string())))
        })
        .transpose()?;
    let filter = DeploymentFilter {
        mission,
        officer: f.officer.map(OfficerId),
        active_on: f.active_on,
        ..DeploymentFilter::default()
    };
    let (items, total) =
        roster::deployments(&state.store, &caller.actor()?, &filter, paging.page()?).await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

async fn scoped(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<unpol_domain::roster::Deployment, Problem> {
    roster::deployment(&state.store, &caller.actor()?, DeploymentId(id))
        .await?
        .ok_or_else(Problem::not_found)
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    Ok(Json(scoped(&state, &caller, id).await?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<DeploymentInput>,
) -> Result<Response, Problem> {
    let id = roster::save_deployment(&state.store, &caller.actor()?, None, input)
        .await
        .map_err(write_problem)?;
    Ok((
        StatusCode::CREATED,
        Json(scoped(&state, &caller, id.0).await?),
    )
        .into_response())
}

pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<DeploymentInput>,
) -> Result<Response, Problem> {
    roster::save_deployment(
        &state.store,
        &caller.actor()?,
        Some(DeploymentId(id)),
        input,
    )
    .await
    .map_err(write_problem)?;
    Ok(Json(scoped(&state, &caller, id).await?).into_response())
}
