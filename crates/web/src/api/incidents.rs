//! `/api/v1/incidents`: a mission's incidents (its staff see theirs, headquarters all), one
//! incident, a new one, its follow-up, and the counts per year, month, area or category
//! (analysts too). An incident outside the caller's reach answers 404, audited.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use axum_extra::extract::Query;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use unpol_app::incidents::{self, IncidentInput, Query as IncidentQuery};
use unpol_domain::incident::Grouping;

use super::write_problem;
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

/// The filters of a list or a count.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
pub struct Filters {
    /// A mission's acronym; a mission's staff always read their own.
    #[serde(default, deserialize_with = "present")]
    pub mission: Option<String>,
    /// Incidents that ended on or after this day (YYYY-MM-DD).
    #[serde(default, deserialize_with = "present")]
    pub since: Option<String>,
    /// Incidents that started on or before this day (YYYY-MM-DD).
    #[serde(default, deserialize_with = "present")]
    pub until: Option<String>,
    /// Category codes (repeat the parameter for several).
    #[serde(default)]
    pub category: Vec<String>,
    /// For counts: `year`, `month`, `area` or `category`.
    #[serde(default)]
    pub per: Option<String>,
}

/// A parameter given, even empty (the query extractor reads an empty value as absent otherwise).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    String::deserialize(deserializer).map(Some)
}

/// A day as a parameter gives it: present means a day (an empty value is refused, as the
/// document says).
pub(crate) fn day(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, Problem> {
    value
        .map(|v| {
            v.parse().map_err(|_| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    Some(format!("{field} must be a day (YYYY-MM-DD), not `{v}`")),
                )
            })
        })
        .transpose()
}

impl Filters {
    fn query(&self) -> Result<IncidentQuery, Problem> {
        let bad =
            |field: &str| Problem::new(StatusCode::BAD_REQUEST, Some(format!("{field} is empty")));
        if self.mission.as_deref().is_some_and(|m| m.trim().is_empty()) {
            return Err(bad("mission"));
        }
        if self.category.iter().any(|c| c.trim().is_empty()) {
            return Err(bad("category"));
        }
        Ok(IncidentQuery {
            mission: self.mission.clone(),
            from: day("since", self.since.as_deref())?,
            to: day("until", self.until.as_deref())?,
            categories: self.category.clone(),
        })
    }
}

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filters): Query<Filters>,
) -> Result<Response, Problem> {
    let rows = incidents::list(&state.store, &caller.actor()?, &filters.query()?)
        .await
        .map_err(write_problem)?;
    Ok(Json(rows).into_response())
}

/// The id of an incident just recorded.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct IncidentCreated {
    pub id: i64,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<IncidentInput>,
) -> Result<Response, Problem> {
    let id = incidents::record(&state.store, &caller.actor()?, &input)
        .await
        .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(IncidentCreated { id })).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let row = incidents::incident(&state.store, &caller.actor()?, id)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(row).into_response())
}

/// What the mission did about an incident, and where its follow-up stands.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct FollowUpBody {
    /// `open`, `followed_up` or `closed`.
    pub status: String,
    #[serde(default)]
    pub follow_up: String,
}

pub async fn follow_up(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(body): Json<FollowUpBody>,
) -> Result<Response, Problem> {
    incidents::follow_up(
        &state.store,
        &caller.actor()?,
        id,
        &body.status,
        &body.follow_up,
    )
    .await
    .map_err(write_problem)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn stats(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(filters): Query<Filters>,
) -> Result<Response, Problem> {
    let per = filters.per.as_deref().unwrap_or("year");
    let grouping = Grouping::from_code(per).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            Some(format!(
                "per must be one of {}, not `{per}`",
                Grouping::CODES.join(", ")
            )),
        )
    })?;
    let tallies = incidents::stats(&state.store, &caller.actor()?, &filters.query()?, grouping)
        .await
        .map_err(write_problem)?;
    Ok(Json(tallies).into_response())
}
