//! `/api/v1/posts` and `/api/v1/units`: positions and formed units, through the caller's scope.
//! `?on=YYYY-MM-DD` (default today) decides which tours fill a post or count in a unit.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::NaiveDate;
use serde::Deserialize;
use unpol_app::roster::{self, PostInput, UnitInput};
use unpol_domain::MissionCode;
use unpol_domain::roster::{PostId, UnitId};
use unpol_storage::records::RecordTable;

use super::{Listing, Pagination, in_scope, principal, write_problem};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Deserialize)]
pub struct Filters {
    mission: Option<String>,
    #[serde(default)]
    vacant: bool,
    on: Option<NaiveDate>,
}

#[derive(Debug, Deserialize)]
pub struct On {
    on: Option<NaiveDate>,
}

fn mission(m: Option<String>) -> Result<Option<MissionCode>, Problem> {
    m.map(|m| {
        MissionCode::parse(&m)
            .map_err(|e| Problem::new(StatusCode::BAD_REQUEST, Some(e.to_string())))
    })
    .transpose()
}

pub async fn list_posts(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(paging): Query<Pagination>,
    Query(f): Query<Filters>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let (items, total) = state
        .db
        .posts(
            who.scope,
            mission(f.mission)?,
            f.vacant,
            f.on.unwrap_or_else(|| caller.today()),
            paging.page()?,
        )
        .await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

pub async fn get_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Query(on): Query<On>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let found = state
        .db
        .post(
            who.scope,
            PostId(id),
            on.on.unwrap_or_else(|| caller.today()),
        )
        .await?;
    let post = in_scope(&state, &caller, RecordTable::Post, id, found).await?;
    Ok(Json(post).into_response())
}

pub async fn create_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<PostInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let id = roster::save_post(&state.db, &caller.actor()?, None, input)
        .await
        .map_err(write_problem)?;
    let post = state
        .db
        .post(who.scope, id, caller.today())
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok((StatusCode::CREATED, Json(post)).into_response())
}

pub async fn update_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<PostInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    roster::save_post(&state.db, &caller.actor()?, Some(PostId(id)), input)
        .await
        .map_err(write_problem)?;
    let post = state
        .db
        .post(who.scope, PostId(id), caller.today())
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(post).into_response())
}

pub async fn list_units(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(paging): Query<Pagination>,
    Query(f): Query<Filters>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let (items, total) = state
        .db
        .units(
            who.scope,
            mission(f.mission)?,
            f.on.unwrap_or_else(|| caller.today()),
            paging.page()?,
        )
        .await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

pub async fn get_unit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Query(on): Query<On>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let found = state
        .db
        .unit(
            who.scope,
            UnitId(id),
            on.on.unwrap_or_else(|| caller.today()),
        )
        .await?;
    let unit = in_scope(&state, &caller, RecordTable::Unit, id, found).await?;
    Ok(Json(unit).into_response())
}

pub async fn create_unit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<UnitInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let id = roster::save_unit(&state.db, &caller.actor()?, None, input)
        .await
        .map_err(write_problem)?;
    let unit = state
        .db
        .unit(who.scope, id, caller.today())
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok((StatusCode::CREATED, Json(unit)).into_response())
}

pub async fn update_unit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<UnitInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    roster::save_unit(&state.db, &caller.actor()?, Some(UnitId(id)), input)
        .await
        .map_err(write_problem)?;
    let unit = state
        .db
        .unit(who.scope, UnitId(id), caller.today())
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(unit).into_response())
}
