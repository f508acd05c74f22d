//! `/api/v1/officers`: the roster's people, always through the caller's scope.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use unpol_app::roster::{self, OfficerInput};
use unpol_domain::CountryCode;
use unpol_domain::roster::{Gender, OfficerId};
use unpol_storage::officers::OfficerFilter;
use unpol_storage::records::RecordTable;

use super::{Listing, Pagination, in_scope, principal, write_problem};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

#[derive(Debug, Deserialize)]
pub struct Filters {
    nationality: Option<String>,
    gender: Option<String>,
    skill: Option<String>,
    language: Option<String>,
    name: Option<String>,
}

fn bad(message: String) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, Some(message))
}

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(paging): Query<Pagination>,
    Query(f): Query<Filters>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let filter = OfficerFilter {
        nationality: f
            .nationality
            .map(|c| CountryCode::parse(&c).map_err(|e| bad(e.to_string())))
            .transpose()?,
        gender: f
            .gender
            .map(|g| Gender::from_code(&g).ok_or_else(|| bad(format!("unknown gender `{g}`"))))
            .transpose()?,
        skill: f.skill,
        language: f.language,
        name: f.name,
    };
    let (items, total) = state
        .db
        .officers(who.scope, &filter, paging.page()?)
        .await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let found = state.db.officer(who.scope, OfficerId(id)).await?;
    let officer = in_scope(&state, &caller, RecordTable::Officer, id, found).await?;
    Ok(Json(officer).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<OfficerInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    let id = roster::create_officer(&state.db, &caller.actor()?, input)
        .await
        .map_err(write_problem)?;
    let officer = state
        .db
        .officer(who.scope, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok((StatusCode::CREATED, Json(officer)).into_response())
}

pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<OfficerInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    roster::update_officer(&state.db, &caller.actor()?, OfficerId(id), input)
        .await
        .map_err(write_problem)?;
    let officer = state
        .db
        .officer(who.scope, OfficerId(id))
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(officer).into_response())
}
