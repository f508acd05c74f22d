//! Conduct and discipline in the browser, each view through the caller's need to know: the
//! cases (a conduct officer's mission's, a focal point's referred ones), the intake form, a case
//! with its clocks, steps and measures (a focal point's view carries no victim field and no
//! narrative), the overdue clocks, an administrator's broken glass, and the public figures.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::NaiveDate;
use serde::Deserialize;
use unpol_app::conduct::{
    self, CaseId, CaseInput, CaseSummary, CaseView, DueClock, MeasureInput, Step, SubjectInput,
    VictimInput,
};
use unpol_app::roster::WriteError;
use unpol_domain::access::Role;
use unpol_domain::conduct::{
    AgeGroup, AllegationType, CaseStatus, CountryAction, InterimMeasure, Investigator, Outcome,
};
use unpol_domain::roster::PostCategory;
use unpol_domain::vocabulary::Term;

use super::{Chrome, ExportQuery, Ui, expired, label, not_found_page, render, said, shown};
use crate::AppState;
use crate::caller::Caller;
use crate::problem::Problem;
use crate::table::{Cell, Column, Table, column};

const CASE_COLUMNS: &[Column] = &[
    column("col-case", "#x_case+id"),
    column("col-mission", "#org+code+mission"),
    column("col-received-on", "#date+received"),
    column("col-allegation", "#x_allegation+type"),
    column("col-status", "#status+code"),
    column("col-urgent", "#x_case+urgent"),
    column("col-referred-to", "#country+code+v_iso3+contributing"),
    column("col-referred-on", "#date+referred"),
];

fn case_row(chrome: &Chrome, c: &CaseSummary) -> Vec<Cell> {
    vec![
        Cell::link(c.id.0.to_string(), format!("/conduct/cases/{}", c.id.0)),
        Cell::text(c.mission.to_string()),
        Cell::Date(Some(c.received_on)),
        shown(chrome, c.allegation.term()),
        shown(chrome, c.status.term()),
        Cell::Shown {
            value: c.urgent.to_string(),
            shown: chrome.t(if c.urgent { "yes" } else { "no" }),
        },
        Cell::text(c.referred_to.map_or(String::new(), |c| c.to_string())),
        Cell::Date(c.referred_on),
    ]
}

#[derive(Template)]
#[template(path = "conduct/cases.html")]
struct CasesPage {
    chrome: Chrome,
    table: Table,
    may_record: bool,
}

/// `/conduct`: the cases the caller may read.
pub async fn cases(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<ExportQuery>,
) -> Result<Response, Problem> {
    let mut table = Table::new("cases", CASE_COLUMNS);
    for c in conduct::cases(&state.store, &chrome.actor()?).await? {
        table.push(case_row(&chrome, &c));
    }
    if let Some((table, format)) = q.pick(&[&table])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    let may_record = chrome.may(crate::routes::CONDUCT_WRITE);
    Ok(render(
        &CasesPage {
            chrome,
            table,
            may_record,
        },
        StatusCode::OK,
    ))
}

/// The intake form as typed: up to [`SUBJECT_ROWS`] subjects and [`VICTIM_ROWS`] victims, blank
/// rows skipped.
#[derive(Debug, Default, Deserialize)]
pub struct CaseForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    received_on: String,
    #[serde(default)]
    incident_on: String,
    #[serde(default)]
    incident_approximate: Option<String>,
    #[serde(default)]
    location: String,
    #[serde(default)]
    allegation: String,
    #[serde(default)]
    urgent: Option<String>,
    #[serde(default)]
    restricted: Option<String>,
    #[serde(default)]
    subject1_officer: String,
    #[serde(default)]
    subject1_category: String,
    #[serde(default)]
    subject1_nationality: String,
    #[serde(default)]
    subject2_officer: String,
    #[serde(default)]
    subject2_category: String,
    #[serde(default)]
    subject2_nationality: String,
    #[serde(default)]
    victim1_code: String,
    #[serde(default)]
    victim1_sex: String,
    #[serde(default)]
    victim1_age_group: String,
    #[serde(default)]
    victim1_details: String,
    #[serde(default)]
    victim2_code: String,
    #[serde(default)]
    victim2_sex: String,
    #[serde(default)]
    victim2_age_group: String,
    #[serde(default)]
    victim2_details: String,
    #[serde(default)]
    narrative: String,
    #[serde(default)]
    notes: String,
}

/// A day typed in a form: blank is none; anything else must be a day.
fn day_field(chrome: &Chrome, name: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .parse()
            .map(Some)
            .map_err(|_| chrome.t_with("field-bad-date", &[("field", chrome.t(name))])),
    }
}

impl CaseForm {
    /// The case as the use case takes it, or why the form cannot say one.
    fn input(&self, chrome: &Chrome) -> Result<CaseInput, String> {
        let mut subjects = Vec::new();
        for (officer, category, nationality) in [
            (
                &self.subject1_officer,
                &self.subject1_category,
                &self.subject1_nationality,
            ),
            (
                &self.subject2_officer,
                &self.subject2_category,
                &self.subject2_nationality,
            ),
        ] {
            if officer.trim().is_empty() && nationality.trim().is_empty() {
                continue;
            }
            let officer = match officer.trim() {
                "" => None,
                text => Some(
                    text.parse::<i64>()
                        .map_err(|_| chrome.t("field-officer-number"))?,
                ),
            };
            subjects.push(SubjectInput {
                officer,
                category: category.clone(),
                nationality: nationality.clone(),
            });
        }
        let victims = [
            (
                &self.victim1_code,
                &self.victim1_sex,
                &self.victim1_age_group,
                &self.victim1_details,
            ),
            (
                &self.victim2_code,
                &self.victim2_sex,
                &self.victim2_age_group,
                &self.victim2_details,
            ),
        ]
        .into_iter()
        .filter(|(code, _, _, details)| !code.trim().is_empty() || !details.trim().is_empty())
        .map(|(code, sex, age_group, details)| VictimInput {
            code: code.clone(),
            sex: sex.clone(),
            age_group: age_group.clone(),
            details: details.clone(),
        })
        .collect();
        Ok(CaseInput {
            mission: self.mission.clone(),
            received_on: day_field(chrome, "field-received-on", &self.received_on)?,
            incident_on: day_field(chrome, "field-incident-on", &self.incident_on)?,
            incident_approximate: self.incident_approximate.is_some(),
            location: self.location.clone(),
            allegation: self.allegation.clone(),
            urgent: self.urgent.is_some(),
            restricted: self.restricted.is_some(),
            subjects,
            victims,
            narrative: self.narrative.clone(),
            notes: Some(self.notes.clone()).filter(|n| !n.trim().is_empty()),
        })
    }
}

#[derive(Template)]
#[template(path = "conduct/case_form.html")]
struct CaseFormPage {
    chrome: Chrome,
    form: CaseForm,
    missions: Vec<String>,
    error: Option<String>,
}

impl CaseFormPage {
    fn allegations(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, AllegationType::TERMS)
    }

    fn categories(&self) -> Vec<(&'static str, String)> {
        PostCategory::ALL
            .iter()
            .map(|c| {
                (
                    c.code(),
                    self.chrome
                        .t(&format!("category-{}", c.code().replace('_', "-"))),
                )
            })
            .collect()
    }

    fn age_groups(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, AgeGroup::TERMS)
    }

    fn sexes(&self) -> Vec<(&'static str, String)> {
        ["female", "male", "unknown"]
            .into_iter()
            .map(|s| (s, self.chrome.t(&format!("sex-{s}"))))
            .collect()
    }
}

async fn case_form(
    state: &AppState,
    chrome: Chrome,
    form: CaseForm,
    error: Option<String>,
) -> Result<Response, Problem> {
    let missions = super::writable_missions(state, &chrome).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        &CaseFormPage {
            chrome,
            form,
            missions,
            error,
        },
        status,
    ))
}

/// `/conduct/cases/new`: the intake form.
pub async fn new_case(State(state): State<AppState>, Ui(chrome): Ui) -> Result<Response, Problem> {
    let form = CaseForm {
        received_on: chrome.today().to_string(),
        ..CaseForm::default()
    };
    case_form(&state, chrome, form, None).await
}

/// `POST /conduct/cases`: records the case, or shows the form again with the problem.
pub async fn create_case(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Form(form): Form<CaseForm>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let input = match form.input(&chrome) {
        Ok(input) => input,
        Err(error) => return case_form(&state, chrome, form, Some(error)).await,
    };
    match conduct::record_case(&state.store, &chrome.actor()?, input).await {
        Ok(id) => Ok(Redirect::to(&format!("/conduct/cases/{}", id.0)).into_response()),
        Err(WriteError::Refused { message, .. }) => {
            let error = Some(said(chrome.lang, &message));
            case_form(&state, chrome, form, error).await
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}

/// A clock of a case as the page shows it.
struct ClockLine {
    clock: String,
    due: NaiveDate,
    state: String,
}

#[derive(Template)]
#[template(path = "conduct/case.html")]
struct CasePage {
    chrome: Chrome,
    view: CaseView,
    clocks: Vec<ClockLine>,
    error: Option<String>,
    today: NaiveDate,
    /// The steps the caller may take now: code and button.
    steps: Vec<(&'static str, String)>,
    may_measure: bool,
}

impl CasePage {
    fn summary(&self) -> &CaseSummary {
        self.view.summary()
    }

    fn t_term(&self, term: &Term) -> String {
        label(&self.chrome, term)
    }

    fn subjects(&self) -> Vec<String> {
        self.summary()
            .subjects
            .iter()
            .map(|s| {
                let who = s.officer.map_or_else(
                    || self.chrome.t("conduct-unidentified"),
                    |o| {
                        self.chrome
                            .t_with("conduct-officer", &[("id", o.to_string())])
                    },
                );
                format!(
                    "{who}, {}, {}",
                    self.chrome
                        .t(&format!("category-{}", s.category.code().replace('_', "-"))),
                    s.nationality
                )
            })
            .collect()
    }

    fn steps_taken(&self) -> Vec<(String, NaiveDate)> {
        let s = self.summary();
        std::iter::once((self.t_term(CaseStatus::Received.term()), s.received_on))
            .chain(
                s.steps
                    .iter()
                    .map(|step| (self.t_term(step.status.term()), step.on)),
            )
            .collect()
    }

    fn measures(&self) -> Vec<String> {
        self.summary()
            .measures
            .iter()
            .map(|m| {
                let whom = m.officer.map_or(String::new(), |o| {
                    format!(
                        " ({})",
                        self.chrome
                            .t_with("conduct-officer", &[("id", o.to_string())])
                    )
                });
                format!("{}{whom}, {}", self.t_term(m.measure.term()), m.on)
            })
            .collect()
    }

    fn investigation(&self) -> Vec<(String, String)> {
        let s = self.summary();
        let dash = || "–".to_string();
        vec![
            (
                self.chrome.t("field-investigator"),
                s.investigator.map_or_else(dash, |i| self.t_term(i.term())),
            ),
            (
                self.chrome.t("field-outcome"),
                s.outcome.map_or_else(dash, |o| self.t_term(o.term())),
            ),
            (
                self.chrome.t("field-country-action"),
                s.country_action
                    .map_or_else(dash, |a| self.t_term(a.term())),
            ),
        ]
    }

    fn investigators(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, Investigator::TERMS)
    }

    fn outcomes(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, Outcome::TERMS)
    }

    fn actions(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, CountryAction::TERMS)
    }

    fn measure_options(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, InterimMeasure::TERMS)
    }

    fn officers(&self) -> Vec<i64> {
        self.summary()
            .subjects
            .iter()
            .filter_map(|s| s.officer.map(|o| o.0))
            .collect()
    }

    /// When a read happened, to the minute, in UTC.
    fn read_at(&self, at: &str) -> String {
        format!("{} UTC", at.get(..16).unwrap_or(at).replace('T', " "))
    }

    fn age_label(&self, age: &AgeGroup) -> String {
        self.t_term(age.term())
    }

    fn sex_label(&self, sex: &str) -> String {
        self.chrome.t(&format!("sex-{sex}"))
    }
}

/// The steps a reader may take on a case now.
fn next_steps(chrome: &Chrome, status: CaseStatus) -> Vec<(&'static str, String)> {
    let role = chrome.principal().map(|p| p.role);
    CaseStatus::ALL
        .iter()
        .copied()
        .filter(|to| status.may_become(*to))
        .filter(|to| match role {
            Some(Role::Conduct) => true,
            Some(Role::Pcc) => matches!(
                to,
                CaseStatus::InvestigatorNamed
                    | CaseStatus::UnderInvestigation
                    | CaseStatus::Outcome
                    | CaseStatus::CountryAction
            ),
            _ => false,
        })
        .map(|to| (to.code(), label(chrome, to.term())))
        .collect()
}

fn clock_lines(chrome: &Chrome, clocks: &[DueClock]) -> Vec<ClockLine> {
    clocks
        .iter()
        .map(|c| ClockLine {
            clock: chrome.t(&format!("clock-{}", c.clock.replace('_', "-"))),
            due: c.due,
            state: if c.days_left < 0 {
                chrome.t_with("clock-overdue", &[("days", (-c.days_left).to_string())])
            } else {
                chrome.t_with("clock-left", &[("days", c.days_left.to_string())])
            },
        })
        .collect()
}

fn case_page(chrome: Chrome, view: CaseView, error: Option<String>) -> Result<Response, Problem> {
    let clocks = conduct::running_clocks(view.summary(), &chrome.actor()?)?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = CasePage {
        clocks: clock_lines(&chrome, &clocks),
        steps: next_steps(&chrome, view.summary().status),
        may_measure: chrome.may(crate::routes::CONDUCT_WRITE) && view.summary().status.is_open(),
        today: chrome.today(),
        chrome,
        view,
        error,
    };
    Ok(render(&page, status))
}

/// `/conduct/cases/{id}`: a case as the caller may read it (the read is audited).
pub async fn case(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    match conduct::case(&state.store, &chrome.actor()?, CaseId(id))
        .await
        .map_err(crate::api::write_problem)?
    {
        Some(view) => case_page(chrome, view, None),
        None => Ok(not_found_page(chrome)),
    }
}

#[derive(Debug, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    referred_to: String,
    #[serde(default)]
    investigator: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    action: String,
}

/// Shows a case again with the problem of the last form, or a missing page.
async fn refused_on_case(
    state: &AppState,
    chrome: Chrome,
    id: i64,
    error: String,
) -> Result<Response, Problem> {
    match conduct::case(&state.store, &chrome.actor()?, CaseId(id))
        .await
        .map_err(crate::api::write_problem)?
    {
        Some(view) => case_page(chrome, view, Some(error)),
        None => Ok(not_found_page(chrome)),
    }
}

/// What a write's refusal becomes on a case page.
async fn after_write<T>(
    state: &AppState,
    chrome: Chrome,
    id: i64,
    result: Result<T, WriteError>,
) -> Result<Response, Problem> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/conduct/cases/{id}")).into_response()),
        Err(WriteError::Refused { message, .. }) => {
            let error = said(chrome.lang, &message);
            refused_on_case(state, chrome, id, error).await
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}

/// `POST /conduct/cases/{id}/steps`.
pub async fn step(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<StepForm>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let on = match day_field(&chrome, "field-decided-on", &form.on) {
        Ok(on) => on,
        Err(error) => return refused_on_case(&state, chrome, id, error).await,
    };
    let Some(to) = CaseStatus::from_code(&form.status) else {
        return Ok(super::bad_request_page(chrome));
    };
    let given = |text: &str| {
        Some(text.trim())
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let (referred_to, investigator, outcome, action) = (
        given(&form.referred_to),
        given(&form.investigator),
        given(&form.outcome),
        given(&form.action),
    );
    let step = Step {
        on,
        referred_to: referred_to.as_deref(),
        investigator: investigator.as_deref(),
        outcome: outcome.as_deref(),
        action: action.as_deref(),
        ..Step::to(to)
    };
    let result = conduct::advance(&state.store, &chrome.actor()?, CaseId(id), step).await;
    after_write(&state, chrome, id, result).await
}

#[derive(Debug, Deserialize)]
pub struct MeasureForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    measure: String,
    #[serde(default)]
    officer: String,
    #[serde(default)]
    on: String,
}

/// `POST /conduct/cases/{id}/measures`.
pub async fn measure(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<MeasureForm>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let on = match day_field(&chrome, "field-decided-on", &form.on) {
        Ok(on) => on,
        Err(error) => return refused_on_case(&state, chrome, id, error).await,
    };
    let officer = match form.officer.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(o) => Some(o),
            Err(_) => {
                let error = chrome.t("field-officer-number");
                return refused_on_case(&state, chrome, id, error).await;
            }
        },
    };
    let input = MeasureInput {
        measure: form.measure,
        officer,
        on,
    };
    let result = conduct::take_measure(&state.store, &chrome.actor()?, CaseId(id), &input).await;
    after_write(&state, chrome, id, result).await
}

#[derive(Template)]
#[template(path = "conduct/glass.html")]
struct GlassPage {
    chrome: Chrome,
    id: i64,
    reason: String,
    error: Option<String>,
}

/// `/conduct/cases/{id}/glass`: the form on which an administrator says why it opens a case.
pub async fn glass_form(Ui(chrome): Ui, Path(id): Path<i64>) -> Response {
    render(
        &GlassPage {
            chrome,
            id,
            reason: String::new(),
            error: None,
        },
        StatusCode::OK,
    )
}

#[derive(Debug, Deserialize)]
pub struct GlassForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /conduct/cases/{id}/glass`: opens the case, audited, with the reason shown on it.
pub async fn glass(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<GlassForm>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    match conduct::break_glass(&state.store, &chrome.actor()?, CaseId(id), &form.reason).await {
        Ok(view) => case_page(chrome, view, None),
        Err(WriteError::Refused { message, .. }) => {
            let page = GlassPage {
                error: Some(said(chrome.lang, &message)),
                chrome,
                id,
                reason: form.reason,
            };
            Ok(render(&page, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}

const DUE_COLUMNS: &[Column] = &[
    column("col-referred-to", "#country+code+v_iso3+contributing"),
    column("col-case", "#x_case+id"),
    column("col-mission", "#org+code+mission"),
    column("col-clock", "#x_clock+code"),
    column("col-due", "#date+due"),
    column("col-days-left", "#x_clock+days_left"),
];

#[derive(Template)]
#[template(path = "conduct/overdue.html")]
struct OverduePage {
    chrome: Chrome,
    table: Table,
    within: u32,
}

#[derive(Debug, Deserialize)]
pub struct OverdueQuery {
    #[serde(flatten)]
    export: ExportQuery,
    within: Option<String>,
}

/// `/conduct/overdue`: the clocks run out or due within `within` days, per contributing country.
pub async fn overdue(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<OverdueQuery>,
) -> Result<Response, Problem> {
    let within = match q.within.as_deref().map(str::trim) {
        None | Some("") => 30,
        Some(text) => match text.parse::<u32>() {
            Ok(days) if days <= 366 => days,
            _ => return Ok(super::bad_request_page(chrome)),
        },
    };
    let mut table = Table::new("overdue", DUE_COLUMNS);
    for c in conduct::overdue(&state.store, &chrome.actor()?, within).await? {
        // A negative count of days left does not fit a count cell: the days are text.
        table.push(vec![
            Cell::text(c.country.map_or(String::new(), |c| c.to_string())),
            Cell::link(c.case.0.to_string(), format!("/conduct/cases/{}", c.case.0)),
            Cell::text(c.mission.to_string()),
            Cell::Shown {
                value: c.clock.into(),
                shown: chrome.t(&format!("clock-{}", c.clock.replace('_', "-"))),
            },
            Cell::Date(Some(c.due)),
            Cell::text(c.days_left.to_string()),
        ]);
    }
    if let Some((table, format)) = q.export.pick(&[&table])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    Ok(render(
        &OverduePage {
            chrome,
            table,
            within,
        },
        StatusCode::OK,
    ))
}

const FIGURE_COLUMNS: &[Column] = &[
    column("col-year", "#date+year"),
    column("col-mission", "#org+code+mission"),
    column("col-category", "#x_category"),
    column("col-nationality", "#country+code+v_iso3"),
    column("col-allegation", "#x_allegation+type"),
    column("col-status", "#status+code"),
    column("col-allegations", "#x_allegations+num"),
];

#[derive(Template)]
#[template(path = "conduct/figures.html")]
struct FiguresPage {
    chrome: Chrome,
    chart: String,
    table: Table,
}

/// `/conduct/figures`: allegations as the UN publishes them, with a chart; no person, no victim.
pub async fn figures(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<ExportQuery>,
) -> Result<Response, Problem> {
    let figures = conduct::allegations(&state.store).await?;
    let mut table = Table::new("allegations", FIGURE_COLUMNS);
    for f in &figures {
        table.push(vec![
            Cell::text(f.year.to_string()),
            Cell::text(f.mission.to_string()),
            Cell::Shown {
                value: f.category.code().into(),
                shown: chrome.t(&format!("category-{}", f.category.code().replace('_', "-"))),
            },
            Cell::text(f.nationality.to_string()),
            shown(&chrome, f.allegation.term()),
            shown(&chrome, f.status.term()),
            Cell::Count(u64::from(f.allegations)),
        ]);
    }
    if let Some((table, format)) = q.pick(&[&table])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    let chart = figures_chart(&chrome, &figures);
    Ok(render(
        &FiguresPage {
            chrome,
            chart,
            table,
        },
        StatusCode::OK,
    ))
}

/// Allegations per year: sexual exploitation and abuse, and other misconduct.
fn figures_chart(chrome: &Chrome, figures: &[unpol_domain::conduct::AllegationCount]) -> String {
    let mut years: std::collections::BTreeMap<i32, (f64, f64)> = std::collections::BTreeMap::new();
    for f in figures {
        let entry = years.entry(f.year).or_default();
        if f.allegation.is_sea() {
            entry.0 += f64::from(f.allegations);
        } else {
            entry.1 += f64::from(f.allegations);
        }
    }
    let groups: Vec<(String, Vec<f64>)> = years
        .into_iter()
        .map(|(year, (sea, other))| (year.to_string(), vec![sea, other]))
        .collect();
    crate::chart::bars(
        &crate::chart::Frame {
            title: chrome.t("conduct-chart-title"),
            y_label: chrome.t("conduct-chart-y"),
            unit: crate::chart::Unit::Count,
            source: chrome.t("source-unpol-conduct"),
            lang: chrome.lang,
        },
        &[chrome.t("series-sea"), chrome.t("series-other-misconduct")],
        &groups,
    )
}
