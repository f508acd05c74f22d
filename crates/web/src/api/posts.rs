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

use super::{Listing, Pagination, write_problem};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Deserialize)]
pub struct Filters {
    mission: Option<String>,
    /// `true`: only the posts no tour holds on the day; `false`: only those one holds.
    vacant: Option<bool>,
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
    let day = f.on.unwrap_or_else(|| caller.today());
    let (items, total) = roster::posts(
        &state.store,
        &caller.actor()?,
        mission(f.mission)?,
        f.vacant,
        day,
        roster::Order::default(),
        paging.page()?,
    )
    .await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

async fn post_in_scope(
    state: &AppState,
    caller: &Caller,
    id: PostId,
    day: NaiveDate,
) -> Result<Response, Problem> {
    let post = roster::post(&state.store, &caller.actor()?, id, day)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(post).into_response())
}

pub async fn get_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Query(on): Query<On>,
) -> Result<Response, Problem> {
    let day = on.on.unwrap_or_else(|| caller.today());
    post_in_scope(&state, &caller, PostId(id), day).await
}

pub async fn create_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<PostInput>,
) -> Result<Response, Problem> {
    let id = roster::save_post(&state.store, &caller.actor()?, None, input)
        .await
        .map_err(write_problem)?;
    let created = post_in_scope(&state, &caller, id, caller.today()).await?;
    Ok((StatusCode::CREATED, created).into_response())
}

pub async fn update_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<PostInput>,
) -> Result<Response, Problem> {
    roster::save_post(&state.store, &caller.actor()?, Some(PostId(id)), input)
        .await
        .map_err(write_problem)?;
    post_in_scope(&state, &caller, PostId(id), caller.today()).await
}

pub async fn list_units(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(paging): Query<Pagination>,
    Query(f): Query<Filters>,
) -> Result<Response, Problem> {
    let day = f.on.unwrap_or_else(|| caller.today());
    let (items, total) = roster::units(
        &state.store,
        &caller.actor()?,
        mission(f.mission)?,
        day,
        roster::Order::default(),
        paging.page()?,
    )
    .await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

async fn unit_in_scope(
    state: &AppState,
    caller: &Caller,
    id: UnitId,
    day: NaiveDate,
) -> Result<Response, Problem> {
    let unit = roster::unit(&state.store, &caller.actor()?, id, day)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(unit).into_response())
}

pub async fn get_unit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Query(on): Query<On>,
) -> Result<Response, Problem> {
    let day = on.on.unwrap_or_else(|| caller.today());
    unit_in_scope(&state, &caller, UnitId(id), day).await
}

pub async fn create_unit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<UnitInput>,
) -> Result<Response, Problem> {
    let id = roster::save_unit(&state.store, &caller.actor()?, None, input)
        .await
        .map_err(write_problem)?;
    let created = unit_in_scope(&state, &caller, id, caller.today()).await?;
    Ok((StatusCode::CREATED, created).into_response())
}

pub async fn update_unit(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<UnitInput>,
) -> Result<Response, Problem> {
    roster::save_unit(&state.store, &caller.actor()?, Some(UnitId(id)), input)
        .await
        .map_err(write_problem)?;
    unit_in_scope(&state, &caller, UnitId(id), caller.today()).await
}
