//! `/api/v1/forcegen/requests`: requests, nominations, the optimal plan, selection and deployment,
//! each through the caller's scope (a country's focal point sees the requests sent to it and its
//! own nationals' nominations; a request outside the scope answers 404 and is audited).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use unpol_app::forcegen::pipeline::{self, Decision, PlanOptions, RequestInput};
use unpol_domain::forcegen::{RequestId, RequestStatus};
use unpol_domain::roster::OfficerId;
use unpol_selection::Share;

use super::write_problem;
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;

pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Response, Problem> {
    let requests = pipeline::requests(&state.store, &caller.actor()?).await?;
    Ok(Json(requests).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Json(input): Json<RequestInput>,
) -> Result<Response, Problem> {
    let request = pipeline::create_request(&state.store, &caller.actor()?, input)
        .await
        .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(request)).into_response())
}

/// `PUT /api/v1/forcegen/requests/{id}`: rewrites a draft.
pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<RequestInput>,
) -> Result<Response, Problem> {
    let request = pipeline::update_request(&state.store, &caller.actor()?, RequestId(id), input)
        .await
        .map_err(write_problem)?;
    Ok(Json(request).into_response())
}

/// A step of a request that needs only a decision.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct StepInput {
    /// `sent`, `nominations_closed`, `closed` or `cancelled` (selection and deployment have their
    /// own routes).
    status: RequestStatus,
    #[serde(flatten)]
    decision: Decision,
}

/// `POST /api/v1/forcegen/requests/{id}/steps`: sends, closes nominations, closes or cancels.
pub async fn step(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<StepInput>,
) -> Result<Response, Problem> {
    let request = pipeline::advance(
        &state.store,
        &caller.actor()?,
        RequestId(id),
        input.status,
        input.decision,
    )
    .await
    .map_err(write_problem)?;
    Ok(Json(request).into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let request = pipeline::request_in_scope(&state.store, &caller.actor()?, RequestId(id))
        .await
        .map_err(write_problem)?;
    Ok(Json(request).into_response())
}

pub async fn nominations(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let list = pipeline::nominations(&state.store, &caller.actor()?, RequestId(id))
        .await
        .map_err(write_problem)?;
    Ok(Json(list).into_response())
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
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
        &state.store,
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
    /// The most one country may hold instead of the request's cap (`0.6`; `1` lifts it).
    cap: Option<String>,
}

/// A share from the query (`0.3`), as the planner reads it.
fn share_of(name: &str, text: Option<String>) -> Result<Option<Share>, Problem> {
    text.map(|w| {
        let bad = |detail: String| Problem::new(StatusCode::BAD_REQUEST, Some(detail));
        if w.trim() != w {
            return Err(bad(format!("{name} `{w}`: no spaces around the share")));
        }
        Share::parse(&w).map_err(|e| bad(format!("{name}: {e}")))
    })
    .transpose()
}

pub async fn plan(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Query(q): Query<PlanQuery>,
) -> Result<Response, Problem> {
    let women = share_of("women", q.women)?;
    let country_cap = share_of("cap", q.cap)?;
    if country_cap.is_some_and(|c| c.as_f64() <= 0.0) {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            Some("cap: a cap of 0 leaves every post empty; give more than 0, up to 1".into()),
        ));
    }
    let report = pipeline::plan(
        &state.store,
        &caller.actor()?,
        RequestId(id),
        PlanOptions {
            women,
            country_cap,
            gap: 0.0,
        },
    )
    .await
    .map_err(write_problem)?;
    Ok(Json(report).into_response())
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct SelectionInput {
    /// The officers to select; absent: the plan's slate.
    officers: Option<Vec<i64>>,
    #[serde(flatten)]
    decision: Decision,
}

pub async fn select(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    Json(input): Json<SelectionInput>,
) -> Result<Response, Problem> {
    let officers = input
        .officers
        .map(|list| list.into_iter().map(OfficerId).collect());
    let list = pipeline::select(
        &state.store,
        &caller.actor()?,
        RequestId(id),
        officers,
        input.decision,
    )
    .await
    .map_err(write_problem)?;
    Ok(Json(list).into_response())
}

/// The tours a deployment created.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct Deployed {
    pub deployments: Vec<unpol_domain::roster::DeploymentId>,
}

pub async fn deploy(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Response, Problem> {
    // The body is optional: none deploys today.
    let decision: Decision = if body.iter().all(u8::is_ascii_whitespace) {
        Decision::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(format!(
                    "the body is not a decision {{\"on\": \"YYYY-MM-DD\"}}: {e}"
                )),
            )
        })?
    };
    let tours = pipeline::deploy(&state.store, &caller.actor()?, RequestId(id), decision)
        .await
        .map_err(write_problem)?;
    Ok((StatusCode::CREATED, Json(Deployed { deployments: tours })).into_response())
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
    let lines = pipeline::lead_times(&state.store, &caller.actor()?, q.by)
        .await
        .map_err(write_problem)?;
    Ok(Json(lines).into_response())
}
