//! Force generation in the browser, one view per role, each through the caller's scope: the
//! requests (a country's focal point sees those sent to it, a mission its own), a request with
//! its nominations and the focal point's nomination form, and for headquarters the optimal plan
//! with its bound, the selection of the plan's slate and the deployment.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use unpol_app::forcegen::pipeline::{self, PlanOptions, PlanReport};
use unpol_app::roster::WriteError;
use unpol_app::roster_file;
use unpol_domain::forcegen::{Request, RequestId};
use unpol_domain::roster::OfficerId;

use super::{Chrome, ExportQuery, Ui, expired, not_found_page, render};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;
use crate::table::{Cell, Column, Table, column};

/// The request if the caller's scope holds it; none (and an audited refusal when it exists).
async fn visible(state: &AppState, chrome: &Chrome, id: i64) -> Result<Option<Request>, Problem> {
    match pipeline::request_in_scope(&state.store, &chrome.actor()?, RequestId(id)).await {
        Ok(request) => Ok(Some(request)),
        Err(WriteError::NotFound) => Ok(None),
        Err(error) => Err(crate::api::write_problem(error)),
    }
}

const REQUEST_COLUMNS: &[Column] = &[
    column("col-request", "#x_request+id"),
    column("col-mission", "#org+code+mission"),
    column("col-title", "#x_request+title"),
    column("col-posts", "#x_request+posts"),
    column("col-min-rank", "#x_request+rank+min"),
    column("col-languages", "#x_request+languages"),
    column("col-start", "#date+start"),
    column("col-deadline", "#date+deadline"),
    column("col-countries", "#country+code+v_iso3+contributing"),
];

fn request_row(r: &Request) -> Vec<Cell> {
    vec![
        Cell::link(r.id.0.to_string(), format!("/forcegen/requests/{}", r.id.0)),
        Cell::text(r.mission.to_string()),
        Cell::text(r.title.clone()),
        Cell::Count(u64::from(r.posts)),
        Cell::text(r.profile.min_rank.clone()),
        Cell::text(roster_file::languages_text(&r.profile.languages)),
        Cell::Date(Some(r.start)),
        Cell::Date(Some(r.deadline)),
        Cell::text(
            r.countries
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(";"),
        ),
    ]
}

#[derive(Template)]
#[template(path = "forcegen/requests.html")]
struct RequestsPage {
    chrome: Chrome,
    table: Table,
}

/// `/forcegen`: the requests in the caller's scope.
pub async fn requests(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    axum::extract::Query(q): axum::extract::Query<ExportQuery>,
) -> Result<Response, Problem> {
    let mut table = Table::new("requests", REQUEST_COLUMNS);
    for r in pipeline::requests(&state.store, &chrome.actor()?).await? {
        table.push(request_row(&r));
    }
    if let Some((table, format)) = q.pick(&[&table])? {
        return Ok(table.download(format, chrome.lang).await?);
    }
    Ok(render(&RequestsPage { chrome, table }, StatusCode::OK))
}

const NOMINATION_COLUMNS: &[Column] = &[
    column("col-nomination", "#x_nomination+id"),
    column("col-officer", "#x_officer+id"),
    column("col-nationality", "#country+code+v_iso3+contributing"),
    column("col-status", "#x_nomination+status"),
    column("col-nominated-on", "#date+nominated"),
    column("col-decided-on", "#date+decided"),
    column("col-deployed-on", "#date+deployed"),
];

#[derive(Template)]
#[template(path = "forcegen/request.html")]
struct RequestPage {
    chrome: Chrome,
    request: Request,
    summary: Table,
    nominations: Table,
    /// The value typed in the nomination form, and its problem.
    officer: String,
    officer_error: Option<String>,
    may_nominate: bool,
    may_decide: bool,
}

async fn request_page(
    state: &AppState,
    chrome: Chrome,
    request: Request,
    officer: String,
    officer_error: Option<String>,
) -> Result<Response, Problem> {
    let list = pipeline::nominations(&state.store, &chrome.actor()?, request.id)
        .await
        .map_err(crate::api::write_problem)?;
    let lang = chrome.lang;
    let mut nominations = Table::new("nominations", NOMINATION_COLUMNS);
    for n in &list {
        nominations.push(vec![
            Cell::text(n.id.0.to_string()),
            Cell::link(
                n.officer.0.to_string(),
                format!("/roster/officers/{}", n.officer.0),
            ),
            Cell::text(n.nationality.to_string()),
            Cell::text(lang.t(&format!("nomination-{}", n.status.code().replace('_', "-")))),
            Cell::Date(Some(n.nominated_on)),
            Cell::Date(n.decided_on),
            Cell::Date(n.deployed_on),
        ]);
    }
    let mut summary = Table::new("request", REQUEST_COLUMNS);
    summary.push(request_row(&request));
    let status = if officer_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = RequestPage {
        may_nominate: chrome.may(crate::routes::FG_NOMINATE),
        may_decide: chrome.may(crate::routes::FG_DECIDE),
        chrome,
        request,
        summary,
        nominations,
        officer,
        officer_error,
    };
    Ok(render(&page, status))
}

/// `/forcegen/requests/{id}`: a request, its nominations (a focal point sees its nationals'),
/// the nomination form and the decisions.
pub async fn request(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    request_page(&state, chrome, request, String::new(), None).await
}

#[derive(Debug, Deserialize)]
pub struct NominationForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    officer: String,
}

/// `POST /forcegen/requests/{id}/nominations`: nominates an officer, or shows the request again
/// with the problem next to the officer field.
pub async fn nominate(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<NominationForm>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    let lang = chrome.lang;
    let Ok(officer) = form.officer.trim().parse::<i64>() else {
        let error = lang.t("field-officer-number");
        return request_page(&state, chrome, request, form.officer, Some(error)).await;
    };
    // An officer outside the caller's scope is "unknown" to it, and the attempt is audited.
    let found =
        unpol_app::roster::officer(&state.store, &chrome.actor()?, OfficerId(officer)).await?;
    if found.is_none() {
        let error = lang.t("field-officer-unknown");
        return request_page(&state, chrome, request, form.officer, Some(error)).await;
    }
    let result = pipeline::nominate(
        &state.store,
        &chrome.actor()?,
        request.id,
        OfficerId(officer),
    )
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/forcegen/requests/{id}")).into_response()),
        Err(WriteError::Invalid(text) | WriteError::Conflict(text)) => {
            request_page(&state, chrome, request, form.officer, Some(text)).await
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}

const SLATE_COLUMNS: &[Column] = &[
    column("col-officer", "#x_officer+id"),
    column("col-name", "#x_officer+name"),
    column("col-nationality", "#country+code+v_iso3+contributing"),
    column("col-gender", "#x_officer+sex"),
    column("col-fit-skills", "#x_fit+skills"),
    column("col-fit-languages", "#x_fit+languages"),
    column("col-fit-experience", "#x_fit+experience"),
    column("col-fit", "#x_fit+total"),
];

const INELIGIBLE_COLUMNS: &[Column] = &[
    column("col-officer", "#x_officer+id"),
    column("col-name", "#x_officer+name"),
    column("col-reasons", "#x_ineligible+reasons"),
];

fn slate(name: &'static str, plan: &[pipeline::Candidate], chrome: &Chrome) -> Table {
    let mut table = Table::new(name, SLATE_COLUMNS);
    for c in plan {
        table.push(vec![
            Cell::link(
                c.officer.0.to_string(),
                format!("/roster/officers/{}", c.officer.0),
            ),
            Cell::text(c.name.clone()),
            Cell::text(c.nationality.clone()),
            Cell::text(chrome.t(&format!("gender-{}", c.gender.code()))),
            Cell::Count(u64::try_from(c.fit.skills).unwrap_or(0)),
            Cell::Count(u64::try_from(c.fit.languages).unwrap_or(0)),
            Cell::Count(u64::try_from(c.fit.experience).unwrap_or(0)),
            Cell::Count(u64::try_from(c.fit.total).unwrap_or(0)),
        ]);
    }
    table
}

#[derive(Template)]
#[template(path = "forcegen/plan.html")]
struct PlanPage {
    chrome: Chrome,
    request: Request,
    plan: PlanReport,
    heading: String,
    gap: String,
    /// The women's rule: its share and where it comes from.
    women: Option<String>,
    selected: Table,
    reserve: Table,
    ineligible: Table,
}

#[derive(Debug, Deserialize)]
pub struct PlanQuery {
    #[serde(flatten)]
    export: ExportQuery,
}

/// `/forcegen/requests/{id}/plan`: the optimal slate, each pick's fit, the binding rules, the
/// bound that certifies it, the reserve and the ineligible with their reasons.
pub async fn plan(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<PlanQuery>,
) -> Result<Response, Problem> {
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    let plan = pipeline::plan(
        &state.store,
        &chrome.actor()?,
        request.id,
        PlanOptions::default(),
    )
    .await
    .map_err(crate::api::write_problem)?;
    let selected = slate("slate", &plan.selected, &chrome);
    let reserve = slate("reserve", &plan.reserve, &chrome);
    let mut ineligible = Table::new("ineligible", INELIGIBLE_COLUMNS);
    for r in &plan.ineligible {
        ineligible.push(vec![
            Cell::text(r.officer.0.to_string()),
            Cell::text(r.name.clone()),
            Cell::text(
                r.reasons
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ]);
    }
    if let Some((table, format)) = q.export.pick(&[&selected, &reserve, &ineligible])? {
        return Ok(table.download(format, chrome.lang).await?);
    }
    let page = PlanPage {
        heading: chrome.lang.t_with(
            "plan-heading",
            &[(
                "title",
                format!("{} ({})", request.title, request.mission).into(),
            )],
        ),
        gap: chrome.lang.percent(plan.gap),
        women: plan
            .women_rule
            .as_ref()
            .map(|r| format!("{} ({})", chrome.lang.percent(r.share), r.source)),
        chrome,
        request,
        plan,
        selected,
        reserve,
        ineligible,
    };
    Ok(render(&page, StatusCode::OK))
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /forcegen/requests/{id}/selection`: selects the plan's slate.
pub async fn select(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, Problem> {
    decide(state, caller, chrome, id, form, Decision::Select).await
}

/// `POST /forcegen/requests/{id}/deployment`: deploys the selected officers.
pub async fn deploy(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, Problem> {
    decide(state, caller, chrome, id, form, Decision::Deploy).await
}

#[derive(Debug, Clone, Copy)]
enum Decision {
    Select,
    Deploy,
}

async fn decide(
    state: AppState,
    caller: Caller,
    chrome: Chrome,
    id: i64,
    form: CsrfForm,
    decision: Decision,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    let done = match decision {
        Decision::Select => pipeline::select(&state.store, &chrome.actor()?, request.id, None)
            .await
            .map(|_| ()),
        Decision::Deploy => pipeline::deploy(&state.store, &chrome.actor()?, request.id)
            .await
            .map(|_| ()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/forcegen/requests/{id}")).into_response()),
        Err(WriteError::Invalid(text) | WriteError::Conflict(text)) => {
            request_page(&state, chrome, request, String::new(), Some(text)).await
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}
