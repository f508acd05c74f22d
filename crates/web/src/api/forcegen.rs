//! `/api/v1/forcegen/requests`: requests, nominations, the optimal plan, selection and deployment,
//! each through the caller's scope (a country's focal point sees the requests sent to it and its
//! own nationals' nominations; a request outside the scope answers 404 and is audited).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use unpol_app::forcegen::pipeline::{self, PlanOptions, RequestInput};
use unpol_domain::access::Principal;
use unpol_domain::forcegen::{Request, RequestId};
use unpol_domain::roster::OfficerId;
use unpol_selection::Share;
use unpol_storage::records::RecordTable;

use super::{in_scope, principal, write_problem};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

/// The request `id` if the caller's scope holds it; otherwise 404, and an audited refusal when
/// it exists.
async fn visible(
    state: &AppState,
    caller: &Caller,
    who: &Principal,
    id: i64,
) -> Result<Request, Problem> {
    let found = state.db.request(who.scope, RequestId(id)).await?;
    in_scope(state, caller, RecordTable::Request, id, found).await
}

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    Ok(Json(state.db.requests(who.scope).await?).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<RequestInput>,
) -> Result<Response, Problem> {
    let request = pipeline::create_request(&state.db, &caller.actor()?, input)
        .await
        .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(request)).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    Ok(Json(visible(&state, &caller, who, id).await?).into_response())
}

pub async fn nominations(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    visible(&state, &caller, who, id).await?;
    let list = pipeline::nominations(&state.db, &caller.actor()?, RequestId(id))
        .await
        .map_err(write_problem)?;
    Ok(Json(list).into_response())
}

#[derive(Debug, Deserialize)]
pub struct NominationInput {
    officer: i64,
}

pub async fn nominate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<NominationInput>,
) -> Result<Response, Problem> {
    let nomination = pipeline::nominate(
        &state.db,
        &caller.actor()?,
        RequestId(id),
        OfficerId(input.officer),
    )
    .await
    .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(nomination)).into_response())
}

#[derive(Debug, Deserialize)]
pub struct PlanQuery {
    /// A women's share to reach instead of the parity target (`0.3`).
    women: Option<String>,
}

pub async fn plan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Query(q): Query<PlanQuery>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    visible(&state, &caller, who, id).await?;
    let women = q
        .women
        .map(|w| {
            Share::parse(&w).map_err(|e| Problem::new(StatusCode::BAD_REQUEST, Some(e.to_string())))
        })
        .transpose()?;
    let report = pipeline::plan(
        &state.db,
        &caller.actor()?,
        RequestId(id),
        PlanOptions { women, gap: 0.0 },
    )
    .await
    .map_err(write_problem)?;
    Ok(Json(report).into_response())
}

#[derive(Debug, Deserialize)]
pub struct SelectionInput {
    /// The officers to select; absent: the plan's slate.
    officers: Option<Vec<i64>>,
}

pub async fn select(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<SelectionInput>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    visible(&state, &caller, who, id).await?;
    let officers = input
        .officers
        .map(|list| list.into_iter().map(OfficerId).collect());
    let list = pipeline::select(&state.db, &caller.actor()?, RequestId(id), officers)
        .await
        .map_err(write_problem)?;
    Ok(Json(list).into_response())
}

pub async fn deploy(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let who = principal(&caller)?;
    visible(&state, &caller, who, id).await?;
    let tours = pipeline::deploy(&state.db, &caller.actor()?, RequestId(id))
        .await
        .map_err(write_problem)?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "deployments": tours })),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct LeadTimeQuery {
    #[serde(default = "by_mission")]
    by: unpol_domain::forcegen::LeadTimeGroup,
}

fn by_mission() -> unpol_domain::forcegen::LeadTimeGroup {
    unpol_domain::forcegen::LeadTimeGroup::Mission
}

pub async fn lead_times(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<LeadTimeQuery>,
) -> Result<Response, Problem> {
    let lines = pipeline::lead_times(&state.db, &caller.actor()?, q.by)
        .await
        .map_err(write_problem)?;
    Ok(Json(lines).into_response())
}
