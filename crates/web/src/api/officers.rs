//! `/api/v1/officers`: the roster's people, always through the caller's scope.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use unpol_app::roster::{self, OfficerFilter, OfficerInput};
use unpol_domain::CountryCode;
use unpol_domain::roster::{Gender, OfficerId};

use super::{Listing, Pagination, write_problem};
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
        ..OfficerFilter::default()
    };
    for (field, value) in [
        ("skill", &filter.skill),
        ("language", &filter.language),
        ("name", &filter.name),
    ] {
        if let Some(value) = value {
            unpol_domain::text::check(value, unpol_domain::text::SEARCH_MAX)
                .map_err(|problem| bad(format!("{field} {problem}")))?;
        }
    }
    let (items, total) =
        roster::officers(&state.store, &caller.actor()?, &filter, paging.page()?).await?;
    Ok(Json(Listing::new(items, total, paging)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let officer = roster::officer(&state.store, &caller.actor()?, OfficerId(id))
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(officer).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<OfficerInput>,
) -> Result<Response, Problem> {
    let actor = caller.actor()?;
    let id = roster::create_officer(&state.store, &actor, input)
        .await
        .map_err(write_problem)?;
    let officer = roster::officer(&state.store, &actor, id)
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
    let actor = caller.actor()?;
    roster::update_officer(&state.store, &actor, OfficerId(id), input)
        .await
        .map_err(write_problem)?;
    let officer = roster::officer(&state.store, &actor, OfficerId(id))
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(officer).into_response())
}
