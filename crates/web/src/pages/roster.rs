//! The signed-in pages of the roster, each through the caller's scope: officers (search and an
//! officer's page with tours), the form that records an officer, posts, units, deployments and the
//! rotations forecast with the women each mission needs at its next rotations.

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
// Repeated keys (one `skills` per ticked box) need serde_html_form's reading of the form.
use axum_extra::extract::Form;
use chrono::NaiveDate;
use serde::Deserialize;
use unpol_app::roster::{self, FieldProblem, OfficerInput};
use unpol_app::roster::{DeploymentFilter, OfficerFilter, OfficerSort, Page, WriteError};
use unpol_app::roster::{DeploymentSort, Order, PostSort, SortKey, UnitSort};
use unpol_app::{forecast, roster_file};
use unpol_domain::roster::{DeploymentId, Gender, Officer, OfficerId, PostCategory, plausible_day};
use unpol_domain::text::TextProblem;
use unpol_domain::vocabulary::Vocabulary;
use unpol_domain::{CountryCode, MissionCode, Month};

use super::{Chrome, ExportQuery, Ui, expired, message, not_found_page, render};
use crate::AppState;
use crate::caller::Caller;
use crate::i18n::Lang;
use crate::problem::Problem;
use crate::table::{Cell, Column, ExportFormat, Table, column};

/// Rows on one page of a list; exports hold every row in scope, up to [`EXPORT_LIMIT`].
const PER_PAGE: i64 = 50;
const EXPORT_LIMIT: i64 = 100_000;

/// The page of rows to read: all of them for an export, else the `page`th.
fn page_of(export: &ExportQuery, page: Option<i64>) -> Page {
    if export.format.is_some() {
        return Page {
            offset: 0,
            limit: EXPORT_LIMIT,
        };
    }
    let page = page.unwrap_or(1).clamp(1, crate::api::MAX_PAGE);
    Page {
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
    }
}

/// The page links of a list: first, previous, next, last, and where this page stands.
#[derive(Debug, Clone)]
pub struct Pager {
    pub first: Option<String>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub last: Option<String>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

impl Pager {
    fn new(chrome: &Chrome, page: Option<i64>, total: i64) -> Pager {
        let page = page.unwrap_or(1).clamp(1, crate::api::MAX_PAGE);
        let (path, query) = chrome.here.split_once('?').unwrap_or((&chrome.here, ""));
        let href = |n: i64| {
            let mut pairs: Vec<String> = query
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("page="))
                .map(str::to_string)
                .collect();
            pairs.push(format!("page={n}"));
            format!("{path}?{}", pairs.join("&"))
        };
        let pages = ((total.max(0) + PER_PAGE - 1) / PER_PAGE).max(1);
        Pager {
            first: (page > 2).then(|| href(1)),
            previous: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            last: (page + 1 < pages).then(|| href(pages)),
            total,
            page,
            pages,
        }
    }

    /// Everything on one page.
    fn single(total: i64) -> Pager {
        Pager {
            first: None,
            previous: None,
            next: None,
            last: None,
            total,
            page: 1,
            pages: 1,
        }
    }
}

#[derive(Template)]
#[template(path = "roster/list.html")]
struct ListPage {
    chrome: Chrome,
    title: String,
    filters: Vec<Filter>,
    /// The day (or month) the list is read on, when it has one: `name`, input type, value.
    as_of: Option<(&'static str, &'static str, String)>,
    /// A sentence under the title (the forecast's assumption).
    note: Option<String>,
    action: &'static str,
    table: Table,
    pager: Pager,
    new_href: Option<&'static str>,
}

/// A search field of a list page: free text, or a choice among `options` (value, label).
#[derive(Debug, Clone)]
struct Filter {
    name: &'static str,
    label: String,
    value: String,
    options: Vec<(String, String)>,
}

fn filter(chrome: &Chrome, name: &'static str, value: &Option<String>) -> Filter {
    Filter {
        name,
        label: chrome.t(&format!("filter-{}", name.replace('_', "-"))),
        value: value.clone().unwrap_or_default(),
        options: Vec::new(),
    }
}

impl Filter {
    /// The same field as a drop-down of these choices.
    fn choices(mut self, options: Vec<(String, String)>) -> Self {
        self.options = options;
        self
    }
}

/// The choices of the roster's filters in the page's language: countries, genders, skills,
/// languages and missions by code.
async fn choices(state: &AppState, chrome: &Chrome) -> Result<FilterChoices, Problem> {
    let lang = chrome.lang.code();
    let mut countries: Vec<(String, String)> = unpol_app::reference::countries(&state.store)
        .await?
        .into_iter()
        .map(|c| {
            let name = if lang == "fr" { c.name_fr } else { c.name_en };
            (c.iso3.to_string(), format!("{name} ({})", c.iso3))
        })
        .collect();
    countries.sort_by(|a, b| a.1.cmp(&b.1));
    let missions = unpol_app::reference::missions(&state.store)
        .await?
        .into_iter()
        .map(|m| (m.acronym.to_string(), m.acronym.to_string()))
        .collect();
    let terms = |v: Vocabulary| {
        let mut list: Vec<(String, String)> = v
            .terms()
            .iter()
            .map(|t| (t.code.to_string(), t.label(lang).to_string()))
            .collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list
    };
    Ok(FilterChoices {
        countries,
        missions,
        genders: [Gender::Female, Gender::Male]
            .into_iter()
            .map(|g| (g.code().to_string(), gender_label(chrome.lang, g)))
            .collect(),
        skills: terms(Vocabulary::Skill),
        languages: terms(Vocabulary::Language),
    })
}

struct FilterChoices {
    countries: Vec<(String, String)>,
    missions: Vec<(String, String)>,
    genders: Vec<(String, String)>,
    skills: Vec<(String, String)>,
    languages: Vec<(String, String)>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

#[derive(Debug, Deserialize)]
pub struct OfficerSearch {
    name: Option<String>,
    nationality: Option<String>,
    gender: Option<String>,
    skill: Option<String>,
    language: Option<String>,
    /// A column to sort by (`family_name`...), and `desc` to reverse it.
    sort: Option<String>,
    dir: Option<String>,
    page: Option<i64>,
    #[serde(flatten)]
    export: ExportQuery,
}

const OFFICER_COLUMNS: &[Column] = &[
    column("col-officer", "#x_officer+id"),
    column("col-family-name", "#x_officer+name+family"),
    column("col-given-name", "#x_officer+name+given"),
    column("col-nationality", "#country+code+v_iso3+contributing"),
    column("col-gender", "#x_officer+sex"),
    column("col-rank", "#x_officer+rank"),
    column("col-languages", "#x_officer+languages"),
    column("col-skills", "#x_officer+skills"),
    column("col-vetting", "#x_officer+vetting"),
];

/// Links on a list's sortable headers (`columns` pairs a column with its key): each sorts by
/// its column, the current one reverses it; the page goes back to the first.
fn sortable<K: SortKey>(
    table: &mut Table,
    chrome: &Chrome,
    order: Order<K>,
    columns: &[(usize, K)],
) {
    let (path, query) = chrome.here.split_once('?').unwrap_or((&chrome.here, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            !p.is_empty()
                && !p.starts_with("sort=")
                && !p.starts_with("dir=")
                && !p.starts_with("page=")
        })
        .collect();
    for &(column, key) in columns {
        let current = order.key == Some(key);
        let dir = if current && !order.descending {
            "desc"
        } else {
            "asc"
        };
        let mut pairs = kept.clone();
        let sort_pair = format!("sort={}", key.code());
        let dir_pair = format!("dir={dir}");
        pairs.push(&sort_pair);
        pairs.push(&dir_pair);
        table.sort_by(
            column,
            format!("{path}?{}", pairs.join("&")),
            current.then_some(order.descending),
        );
    }
}

/// The officer list's sortable columns.
const OFFICER_SORTS: &[(usize, OfficerSort)] = &[
    (1, OfficerSort::FamilyName),
    (2, OfficerSort::GivenName),
    (3, OfficerSort::Nationality),
    (4, OfficerSort::Gender),
    (8, OfficerSort::Vetting),
];

fn gender_label(lang: Lang, gender: Gender) -> String {
    lang.t(&format!("gender-{}", gender.code()))
}

fn bad_filter(chrome: Chrome) -> Response {
    message(
        chrome,
        "bad-request-title",
        "bad-filter-message",
        StatusCode::BAD_REQUEST,
    )
}

/// `/roster`: officers in scope, searched by name, nationality, gender, skill or language.
pub async fn officers(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<OfficerSearch>,
) -> Result<Response, Problem> {
    let (name, nationality, gender, skill, language) = (
        non_empty(q.name),
        non_empty(q.nationality),
        non_empty(q.gender),
        non_empty(q.skill),
        non_empty(q.language),
    );
    let parsed_nationality = match nationality.as_deref().map(CountryCode::parse).transpose() {
        Ok(n) => n,
        Err(_) => return Ok(bad_filter(chrome)),
    };
    let parsed_gender = match gender
        .as_deref()
        .map(|g| Gender::from_code(g).ok_or(()))
        .transpose()
    {
        Ok(g) => g,
        Err(()) => return Ok(bad_filter(chrome)),
    };
    let Some(order) = Order::parse(non_empty(q.sort).as_deref(), non_empty(q.dir).as_deref())
    else {
        return Ok(bad_filter(chrome));
    };
    let officer_filter = OfficerFilter {
        nationality: parsed_nationality,
        gender: parsed_gender,
        skill: skill.clone(),
        language: language.clone(),
        name: name.clone(),
        order,
    };
    let page = page_of(&q.export, q.page);
    let (items, total) =
        roster::officers(&state.store, &chrome.actor()?, &officer_filter, page).await?;
    let lang = chrome.lang;
    let mut table = Table::new("officers", OFFICER_COLUMNS);
    for o in &items {
        table.push(vec![
            Cell::link(o.id.0.to_string(), format!("/roster/officers/{}", o.id.0)),
            Cell::text(&o.family_name),
            Cell::text(&o.given_name),
            Cell::text(o.nationality.to_string()),
            Cell::Shown {
                value: o.gender.code().into(),
                shown: gender_label(lang, o.gender),
            },
            Cell::Shown {
                value: o.rank.clone(),
                shown: super::term_label(&chrome, Vocabulary::Rank, &o.rank),
            },
            Cell::text(roster_file::languages_text(&o.languages)),
            Cell::text(o.skills.join(";")),
            Cell::Shown {
                value: o.vetting.clone(),
                shown: lang.t(&format!("vetting-{}", o.vetting)),
            },
        ]);
    }
    sortable(&mut table, &chrome, order, OFFICER_SORTS);
    if let Some((table, format)) = q.export.pick(&[&table])? {
        let today = chrome.today().to_string();
        return audited_download(&state, &chrome, table, format, &today).await;
    }
    let options = choices(&state, &chrome).await?;
    let filters = vec![
        filter(&chrome, "name", &name),
        filter(&chrome, "nationality", &nationality).choices(options.countries),
        filter(&chrome, "gender", &gender).choices(options.genders),
        filter(&chrome, "skill", &skill).choices(options.skills),
        filter(&chrome, "language", &language).choices(options.languages),
    ];
    let page = ListPage {
        title: chrome.t("roster-title"),
        pager: Pager::new(&chrome, q.page, total),
        new_href: chrome.writes_officers().then_some("/roster/officers/new"),
        action: "/roster",
        filters,
        as_of: None,
        note: None,
        table,
        chrome,
    };
    Ok(render(&page, StatusCode::OK))
}

/// A table of personal data as a file, with its trace: who took which list, how many rows. The
/// trace is written once the file is (a refused or failed export is not an export).
async fn audited_download(
    state: &AppState,
    chrome: &Chrome,
    table: &Table,
    format: ExportFormat,
    covers: &str,
) -> Result<Response, Problem> {
    let file = table.download(format, chrome.lang, covers).await?;
    if let Some(caller) = &chrome.caller {
        let detail = format!("{} rows", table.rows.len());
        let event = caller.audit().event("page.export", table.name, &detail);
        unpol_app::audit::record(&state.store, &event).await?;
    }
    Ok(file)
}

const TOUR_COLUMNS: &[Column] = &[
    column("col-tour", "#x_tour+id"),
    column("col-mission", "#org+code+mission"),
    column("col-category", "#x_category"),
    column("col-start", "#date+start"),
    column("col-planned-end", "#date+end+planned"),
    column("col-actual-end", "#date+end"),
    column("col-end-reason", "#x_tour+end+reason"),
];

#[derive(Template)]
#[template(path = "roster/officer.html")]
struct OfficerPage {
    chrome: Chrome,
    officer: Officer,
    gender: String,
    languages: String,
    vetting: String,
    rank: String,
    skills: String,
    tours: Table,
    assessments: Table,
    nominations: Table,
    /// The tours still running, which the page may end or extend: id, mission, planned end.
    running: Vec<(i64, String, chrono::NaiveDate)>,
    may_write_tours: bool,
    missions: Vec<String>,
    today: chrono::NaiveDate,
    /// Why the last change of a tour was refused.
    error: Option<String>,
}

impl OfficerPage {
    /// End-of-tour reasons: code and label.
    fn end_reasons(&self) -> Vec<(&'static str, String)> {
        unpol_domain::roster::EndReason::ALL
            .iter()
            .map(|r| {
                (
                    r.code(),
                    self.chrome
                        .t(&format!("end-reason-{}", r.code().replace('_', "-"))),
                )
            })
            .collect()
    }
}

const AMS_COLUMNS: &[Column] = &[
    column("col-ams-test", "#x_ams+test"),
    column("col-ams-result", "#x_ams+result"),
    column("col-taken-on", "#date+taken"),
    column("col-valid-until", "#date+valid"),
    column("col-valid-today", "#x_ams+valid"),
];

const OFFICER_NOMINATION_COLUMNS: &[Column] = &[
    column("col-request", "#x_request+id"),
    column("col-mission", "#org+code+mission"),
    column("col-title", "#x_request+title"),
    column("col-status", "#x_nomination+status"),
    column("col-nominated-on", "#date+nominated"),
    column("col-decided-on", "#date+decided"),
];

#[derive(Debug, Deserialize)]
pub struct OfficerQuery {
    #[serde(flatten)]
    export: ExportQuery,
}

/// `/roster/officers/{id}`: one officer in scope and its tours. Outside the scope it is a 404,
/// and the refusal is audited.
pub async fn officer(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Query(q): Query<OfficerQuery>,
) -> Result<Response, Problem> {
    officer_page(&state, chrome, id, &q.export, None).await
}

/// The officer page: the record, its assessments with their validity today, its tours (with the
/// forms that end, extend or add one for those who record tours) and its nomination history.
async fn officer_page(
    state: &AppState,
    chrome: Chrome,
    id: i64,
    export: &ExportQuery,
    error: Option<String>,
) -> Result<Response, Problem> {
    let actor = chrome.actor()?;
    let Some(officer) = roster::officer(&state.store, &actor, OfficerId(id)).await? else {
        return Ok(not_found_page(chrome));
    };
    let filter = DeploymentFilter {
        officer: Some(officer.id),
        ..DeploymentFilter::default()
    };
    let all = Page {
        offset: 0,
        limit: 1_000,
    };
    let (tours, _) = roster::deployments(&state.store, &actor, &filter, all).await?;
    let lang = chrome.lang;
    let today = chrome.today();
    let mut table = Table::new("tours", TOUR_COLUMNS);
    for t in &tours {
        table.push(vec![
            Cell::text(t.id.0.to_string()),
            Cell::link(
                t.mission.to_string(),
                format!("/stats/missions/{}", t.mission),
            ),
            Cell::Shown {
                value: t.category.code().into(),
                shown: lang.t(&format!("category-{}", t.category.code().replace('_', "-"))),
            },
            Cell::Date(Some(t.start)),
            Cell::Date(Some(t.planned_end)),
            Cell::Date(t.actual_end),
            t.end_reason.map_or_else(
                || Cell::text(""),
                |r| Cell::Shown {
                    value: r.code().into(),
                    shown: lang.t(&format!("end-reason-{}", r.code().replace('_', "-"))),
                },
            ),
        ]);
    }
    let mut assessments = Table::new("assessments", AMS_COLUMNS);
    for a in &officer.assessments {
        assessments.push(vec![
            Cell::Shown {
                value: a.test.code().into(),
                shown: lang.t(&format!("ams-test-{}", a.test.code())),
            },
            Cell::Shown {
                value: a.result.code().into(),
                shown: lang.t(&format!("ams-result-{}", a.result.code())),
            },
            Cell::Date(Some(a.taken_on)),
            Cell::Date(a.valid_until),
            yes_no(lang, a.valid_on(today)),
        ]);
    }
    let mut nominations = Table::new("officer-nominations", OFFICER_NOMINATION_COLUMNS);
    for n in unpol_app::forcegen::pipeline::nominations_of(&state.store, &actor, officer.id)
        .await
        .map_err(crate::api::write_problem)?
    {
        let status = n.nomination.status.code();
        nominations.push(vec![
            Cell::link(
                n.nomination.request.0.to_string(),
                format!("/forcegen/requests/{}", n.nomination.request.0),
            ),
            Cell::text(n.mission.to_string()),
            Cell::text(n.title),
            Cell::Shown {
                value: status.into(),
                shown: lang.t(&format!("nomination-{}", status.replace('_', "-"))),
            },
            Cell::Date(Some(n.nomination.nominated_on)),
            Cell::Date(n.nomination.decided_on),
        ]);
    }
    if let Some((table, format)) = export.pick(&[&table, &assessments, &nominations])? {
        let covers = format!("officer-{id}_{today}");
        return audited_download(state, &chrome, table, format, &covers).await;
    }
    let may_write_tours = chrome.may(crate::routes::TOUR_WRITE);
    let missions = super::writable_missions(state, &chrome).await?;
    let page = OfficerPage {
        gender: gender_label(lang, officer.gender),
        languages: roster_file::languages_text(&officer.languages),
        vetting: lang.t(&format!("vetting-{}", officer.vetting)),
        rank: super::term_label(&chrome, Vocabulary::Rank, &officer.rank),
        skills: super::term_list(&chrome, Vocabulary::Skill, &officer.skills),
        running: tours
            .iter()
            .filter(|t| t.actual_end.is_none() && t.planned_end >= today)
            .map(|t| (t.id.0, t.mission.to_string(), t.planned_end))
            .collect(),
        officer,
        tours: table,
        assessments,
        nominations,
        may_write_tours,
        missions,
        today,
        error,
        chrome,
    };
    let status = if page.error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(&page, status))
}

/// The officer page again, with the date that could not be read.
async fn unreadable_date(state: &AppState, chrome: Chrome, id: i64) -> Result<Response, Problem> {
    let text = chrome.t("field-bad-date");
    officer_page(state, chrome, id, &ExportQuery::default(), Some(text)).await
}

/// A change of a tour from the officer page.
#[derive(Debug, Deserialize)]
pub struct TourForm {
    #[serde(default)]
    csrf: String,
    /// `add`, `end` or `extend`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    tour: Option<i64>,
    #[serde(default)]
    on: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    planned_end: String,
}

/// `POST /roster/officers/{id}/tours`: adds, ends or extends a tour of the officer, through the
/// roster's rules; the page comes back with the change or with why it was refused.
pub async fn change_tour(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<TourForm>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let actor = chrome.actor()?;
    if roster::officer(&state.store, &actor, OfficerId(id))
        .await?
        .is_none()
    {
        return Ok(not_found_page(chrome));
    }
    let day = |text: &str| text.trim().parse::<NaiveDate>().ok();
    let store = &state.store;
    let done = match (form.action.as_str(), form.tour, day(&form.on)) {
        ("end", Some(tour), Some(on)) => {
            roster::end_tour(store, &actor, DeploymentId(tour), on, &form.reason).await
        }
        ("extend", Some(tour), Some(until)) => {
            roster::extend_tour(store, &actor, DeploymentId(tour), until).await
        }
        ("add", None, _) => match (day(&form.start), day(&form.planned_end)) {
            (Some(start), Some(planned_end)) => {
                let input = roster::DeploymentInput {
                    external_id: format!("T-{id}-{start}"),
                    officer: id,
                    unit: None,
                    mission: form.mission.clone(),
                    post: None,
                    category: form.category.clone(),
                    start,
                    planned_end,
                    actual_end: None,
                    end_reason: None,
                };
                roster::save_deployment(store, &actor, None, input)
                    .await
                    .map(|_| ())
            }
            _ => return unreadable_date(&state, chrome, id).await,
        },
        ("end" | "extend", Some(_), None) => return unreadable_date(&state, chrome, id).await,
        _ => return Ok(super::bad_request_page(chrome)),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/roster/officers/{id}")).into_response()),
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
        Err(WriteError::Refused { message, .. }) => {
            let text = super::said(chrome.lang, &message);
            officer_page(&state, chrome, id, &ExportQuery::default(), Some(text)).await
        }
    }
}

/// The officer form as typed: every field a string, so that a bad value comes back to the user
/// with its message instead of a rejected request.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OfficerForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    pub external_id: String,
    #[serde(default)]
    pub given_name: String,
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub nationality: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub rank: String,
    #[serde(default)]
    pub languages: String,
    /// One value per ticked box (the form posts `skills` once for each).
    #[serde(default)]
    pub skills: Vec<String>,
    #[serde(default)]
    pub vetting: String,
}

/// A message next to a field of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMessage {
    pub field: &'static str,
    pub text: String,
}

#[derive(Template)]
#[template(path = "roster/officer_form.html")]
struct OfficerFormPage {
    chrome: Chrome,
    /// Which officer the form edits; none for a new one.
    editing: Option<i64>,
    form: OfficerForm,
    errors: Vec<FieldMessage>,
    /// A problem that is about no one field (a duplicate external id, say).
    general: Option<String>,
}

impl OfficerFormPage {
    fn action(&self) -> String {
        self.editing.map_or_else(
            || "/roster/officers".to_string(),
            |id| format!("/roster/officers/{id}"),
        )
    }

    fn title(&self) -> String {
        self.chrome.t(if self.editing.is_some() {
            "officer-edit"
        } else {
            "officer-new"
        })
    }

    /// The text inputs of the form: name, input type, value.
    fn text_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        let f = &self.form;
        [
            ("external_id", "text", &f.external_id),
            ("given_name", "text", &f.given_name),
            ("family_name", "text", &f.family_name),
            ("nationality", "text", &f.nationality),
            ("birth_date", "text", &f.birth_date),
            ("languages", "text", &f.languages),
        ]
        .into_iter()
        .map(|(name, kind, value)| (name, kind, value.clone()))
        .collect()
    }

    fn label(&self, field: &str) -> String {
        self.chrome.t(&format!("field-{}", field.replace('_', "-")))
    }

    /// The ranks to choose from, code and label; a rank outside the vocabulary that an older
    /// record holds is kept as a choice, so that the form shows it (and saving names the problem).
    fn ranks(&self) -> Vec<(String, String)> {
        let lang = self.chrome.lang.code();
        let mut ranks: Vec<(String, String)> = Vocabulary::Rank
            .terms()
            .iter()
            .map(|t| (t.code.to_string(), t.label(lang).to_string()))
            .collect();
        let current = self.form.rank.trim();
        if !current.is_empty() && Vocabulary::Rank.find(current).is_none() {
            ranks.push((current.to_string(), current.to_string()));
        }
        ranks
    }

    fn rank_is(&self, code: &str) -> bool {
        Vocabulary::Rank
            .find(&self.form.rank)
            .map_or(self.form.rank.trim(), |t| t.code)
            == code
    }

    /// Every known skill, code and label, and whether the officer holds it.
    fn skills(&self) -> Vec<(&'static str, &'static str, bool)> {
        super::skill_choices(&self.chrome, &self.form.skills)
    }

    fn vetting_label(&self, value: &str) -> String {
        self.chrome.t(&format!("vetting-{value}"))
    }

    fn vetting_is(&self, value: &str) -> bool {
        self.form.vetting == value
    }

    fn error_of(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.text.as_str())
    }
}

/// A field problem in the page's language.
fn field_message(lang: Lang, problem: &FieldProblem) -> FieldMessage {
    let text = match problem {
        FieldProblem::Required { .. } => lang.t("field-required"),
        FieldProblem::UnknownCountry { value } => {
            lang.t_with("field-unknown-country", &[("value", value.clone().into())])
        }
        FieldProblem::NotYourNational { own } => {
            lang.t_with("field-not-your-national", &[("own", own.clone().into())])
        }
        FieldProblem::UnknownGender { .. } => lang.t("field-unknown-gender"),
        FieldProblem::UnknownVetting { .. } => lang.t("field-unknown-vetting"),
        FieldProblem::BadLanguage { .. } => lang.t("field-bad-language"),
        FieldProblem::Unknown(unknown) => lang.t_with(
            "field-unknown-term",
            &[
                ("value", unknown.value.clone().into()),
                (
                    "known",
                    unknown
                        .vocabulary
                        .terms()
                        .iter()
                        .map(|t| t.code)
                        .collect::<Vec<_>>()
                        .join(", ")
                        .into(),
                ),
            ],
        ),
        FieldProblem::AssessmentValidity { .. } => lang.t("field-assessment-validity"),
        FieldProblem::Text {
            problem: TextProblem::TooLong { max },
            ..
        } => lang.t_with("field-too-long", &[("max", (*max as i64).into())]),
        FieldProblem::Text {
            problem: TextProblem::ControlCharacter,
            ..
        } => lang.t("field-control-character"),
        FieldProblem::BirthDate { latest, .. } => lang.t_with(
            "field-birth-date-range",
            &[("latest", latest.to_string().into())],
        ),
    };
    FieldMessage {
        field: problem.field(),
        text,
    }
}

impl OfficerForm {
    /// The input for the roster, or the messages for the fields that cannot be read.
    fn input(&self, lang: Lang) -> Result<OfficerInput, Vec<FieldMessage>> {
        let mut errors = Vec::new();
        let birth_date = match NaiveDate::parse_from_str(self.birth_date.trim(), "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(FieldMessage {
                    field: "birth_date",
                    text: lang.t("field-bad-date"),
                });
                None
            }
        };
        let languages = roster_file::languages(&self.languages).unwrap_or_else(|_| {
            errors.push(FieldMessage {
                field: "languages",
                text: lang.t("field-bad-language"),
            });
            Vec::new()
        });
        let (Some(birth_date), true) = (birth_date, errors.is_empty()) else {
            return Err(errors);
        };
        Ok(OfficerInput {
            external_id: self.external_id.clone(),
            given_name: self.given_name.clone(),
            family_name: self.family_name.clone(),
            nationality: self.nationality.trim().to_string(),
            gender: self.gender.clone(),
            birth_date,
            rank: self.rank.clone(),
            languages,
            skills: self.skills.clone(),
            vetting: if self.vetting.is_empty() {
                "pending".into()
            } else {
                self.vetting.clone()
            },
            assessments: None,
        })
    }
}

fn form_page(
    chrome: Chrome,
    editing: Option<i64>,
    form: OfficerForm,
    errors: Vec<FieldMessage>,
    general: Option<String>,
) -> Response {
    let status = if errors.is_empty() && general.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = OfficerFormPage {
        chrome,
        editing,
        form,
        errors,
        general,
    };
    render(&page, status)
}

/// `/roster/officers/new`: the empty form (a focal point's country filled in).
pub async fn new_officer(Ui(chrome): Ui) -> Response {
    let form = OfficerForm {
        nationality: chrome
            .principal()
            .and_then(|p| p.scope.country())
            .map(|c| c.to_string())
            .unwrap_or_default(),
        vetting: "pending".into(),
        ..OfficerForm::default()
    };
    form_page(chrome, None, form, Vec::new(), None)
}

/// `POST /roster/officers`: records the officer, or shows the form again with each problem next
/// to its field.
pub async fn create_officer(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Form(form): Form<OfficerForm>,
) -> Result<Response, Problem> {
    save_officer(&state, &caller, chrome, None, form).await
}

/// `/roster/officers/{id}/edit`: the form filled with an officer in scope.
pub async fn edit_officer(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let Some(o) = roster::officer(&state.store, &chrome.actor()?, OfficerId(id)).await? else {
        return Ok(not_found_page(chrome));
    };
    let form = OfficerForm {
        csrf: String::new(),
        languages: roster_file::languages_text(&o.languages),
        skills: o.skills,
        external_id: o.external_id,
        given_name: o.given_name,
        family_name: o.family_name,
        nationality: o.nationality.to_string(),
        gender: o.gender.code().into(),
        birth_date: o.birth_date.to_string(),
        rank: o.rank,
        vetting: o.vetting,
    };
    Ok(form_page(chrome, Some(id), form, Vec::new(), None))
}

/// `POST /roster/officers/{id}`: saves the edited officer (in scope), or shows the form again.
pub async fn update_officer(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<OfficerForm>,
) -> Result<Response, Problem> {
    save_officer(&state, &caller, chrome, Some(id), form).await
}

/// Records a new officer or saves an edited one: the form's own checks, then the roster's rules
/// with each problem next to its field, then the write.
async fn save_officer(
    state: &AppState,
    caller: &Caller,
    chrome: Chrome,
    editing: Option<i64>,
    form: OfficerForm,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let who = chrome.who()?.clone();
    if let Some(id) = editing {
        let found = roster::officer(&state.store, &chrome.actor()?, OfficerId(id)).await?;
        if found.is_none() {
            return Ok(not_found_page(chrome));
        }
    }
    let lang = chrome.lang;
    let input = match form.input(lang) {
        Ok(input) => input,
        Err(errors) => return Ok(form_page(chrome, editing, form, errors, None)),
    };
    let resolver = unpol_app::reference::resolver(&state.store).await?;
    let problems = roster::officer_problems(&resolver, who.scope, chrome.today(), &input);
    if !problems.is_empty() {
        let errors = problems.iter().map(|p| field_message(lang, p)).collect();
        return Ok(form_page(chrome, editing, form, errors, None));
    }
    let saved = match editing {
        None => roster::create_officer(&state.store, &chrome.actor()?, input).await,
        Some(id) => roster::update_officer(&state.store, &chrome.actor()?, OfficerId(id), input)
            .await
            .map(|()| OfficerId(id)),
    };
    match saved {
        Ok(id) => Ok(Redirect::to(&format!("/roster/officers/{}", id.0)).into_response()),
        Err(WriteError::Refused { message, .. }) => {
            let general = super::said(lang, &message);
            Ok(form_page(chrome, editing, form, Vec::new(), Some(general)))
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}

#[derive(Debug, Deserialize)]
pub struct MissionSearch {
    mission: Option<String>,
    page: Option<i64>,
    /// The day units and posts are read on (`YYYY-MM-DD`); today by default.
    on: Option<String>,
    /// The first month of the rotations (`YYYY-MM`); next month by default.
    from: Option<String>,
    /// A column to sort by (`title`...), and `desc` to reverse it.
    sort: Option<String>,
    dir: Option<String>,
    #[serde(flatten)]
    export: ExportQuery,
}

/// What the lists filtered by mission share: the filter as typed and as read, the page asked,
/// and the export asked.
struct MissionListing {
    title: &'static str,
    action: &'static str,
    typed: Option<String>,
    mission: Option<MissionCode>,
    page: Option<i64>,
    export: ExportQuery,
    on: Option<NaiveDate>,
    from: Option<Month>,
    as_of: Option<(&'static str, &'static str, String)>,
    note: Option<String>,
    /// The `sort` and `dir` asked, read by the list that knows its keys.
    sort: Option<String>,
    dir: Option<String>,
}

impl MissionListing {
    /// The listing asked by the query; none when the mission cannot be read.
    fn parse(q: MissionSearch, title: &'static str, action: &'static str) -> Option<Self> {
        let typed = non_empty(q.mission);
        let mission = match typed.as_deref() {
            None => None,
            Some(m) => Some(MissionCode::parse(&m.to_ascii_uppercase()).ok()?),
        };
        let on = match non_empty(q.on) {
            None => None,
            Some(day) => Some(
                day.trim()
                    .parse::<NaiveDate>()
                    .ok()
                    .filter(|d| plausible_day(*d))?,
            ),
        };
        let from = match non_empty(q.from) {
            None => None,
            Some(month) => Some(month.trim().parse::<Month>().ok()?),
        };
        Some(MissionListing {
            title,
            action,
            typed,
            mission,
            page: q.page,
            export: q.export,
            on,
            from,
            as_of: None,
            note: None,
            sort: non_empty(q.sort),
            dir: non_empty(q.dir),
        })
    }

    /// The day the list is read on, shown in its form.
    fn on_day(&mut self, today: NaiveDate) -> NaiveDate {
        let day = self.on.unwrap_or(today);
        self.as_of = Some(("on", "date", day.to_string()));
        day
    }

    /// The first month of a forecast, shown in its form.
    fn start_month(&mut self, default: Month) -> Month {
        let month = self.from.unwrap_or(default);
        self.as_of = Some(("from", "month", month.to_string()));
        month
    }

    /// The order asked, among the list's keys; none when it names another.
    fn order<K: SortKey>(&self) -> Option<Order<K>> {
        Order::parse(self.sort.as_deref(), self.dir.as_deref())
    }

    fn rows(&self) -> Page {
        page_of(&self.export, self.page)
    }

    /// The page with its table, or the table as a file (an audited export).
    async fn respond(
        self,
        chrome: Chrome,
        state: &AppState,
        table: Table,
        total: i64,
    ) -> Result<Response, Problem> {
        if let Some((table, format)) = self.export.pick(&[&table])? {
            // Named after the day (or month) the list is read on.
            let covers = self
                .as_of
                .as_ref()
                .map_or_else(|| chrome.today().to_string(), |(_, _, v)| v.clone());
            return audited_download(state, &chrome, table, format, &covers).await;
        }
        let shown = i64::try_from(table.rows.len()).unwrap_or(i64::MAX);
        let pager = if shown >= total {
            // Everything is on this page (the rotations forecast is never paged).
            Pager::single(total)
        } else {
            Pager::new(&chrome, self.page, total)
        };
        let page = ListPage {
            title: chrome.t(self.title),
            filters: vec![
                filter(&chrome, "mission", &self.typed)
                    .choices(choices(state, &chrome).await?.missions),
            ],
            as_of: self.as_of,
            note: self.note,
            pager,
            new_href: None,
            action: self.action,
            table,
            chrome,
        };
        Ok(render(&page, StatusCode::OK))
    }
}

const POST_COLUMNS: &[Column] = &[
    column("col-post", "#x_post+id"),
    column("col-mission", "#org+code+mission"),
    column("col-title", "#x_post+title"),
    column("col-category", "#x_category"),
    column("col-location", "#loc+name"),
    column("col-filled", "#x_post+filled"),
];

const POST_SORTS: &[(usize, PostSort)] = &[
    (1, PostSort::Mission),
    (2, PostSort::Title),
    (3, PostSort::Category),
    (4, PostSort::Location),
];

fn post_category_label(lang: Lang, category: PostCategory) -> String {
    lang.t(&format!(
        "post-category-{}",
        category.code().replace('_', "-")
    ))
}

/// Yes or no on the page; `yes` or `no` in files, whatever the language.
fn yes_no(lang: Lang, yes: bool) -> Cell {
    let code = if yes { "yes" } else { "no" };
    Cell::Shown {
        value: code.into(),
        shown: lang.t(code),
    }
}

/// `/roster/posts`: posts in scope, filled or vacant today.
pub async fn posts(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<MissionSearch>,
) -> Result<Response, Problem> {
    let Some(mut list) = MissionListing::parse(q, "posts-title", "/roster/posts") else {
        return Ok(bad_filter(chrome));
    };
    let Some(order) = list.order::<PostSort>() else {
        return Ok(bad_filter(chrome));
    };
    let today = list.on_day(chrome.today());
    let actor = chrome.actor()?;
    let (items, total) = roster::posts(
        &state.store,
        &actor,
        list.mission,
        None,
        today,
        order,
        list.rows(),
    )
    .await?;
    let lang = chrome.lang;
    let mut table = Table::new("posts", POST_COLUMNS);
    for p in &items {
        table.push(vec![
            Cell::text(p.post.external_id.clone()),
            Cell::text(p.post.mission.to_string()),
            Cell::text(p.post.title.clone()),
            Cell::Shown {
                value: p.post.category.code().into(),
                shown: post_category_label(lang, p.post.category),
            },
            Cell::text(p.post.location.clone()),
            yes_no(lang, p.filled),
        ]);
    }
    sortable(&mut table, &chrome, order, POST_SORTS);
    list.respond(chrome, &state, table, total).await
}

const UNIT_COLUMNS: &[Column] = &[
    column("col-unit", "#x_unit+id"),
    column("col-designation", "#x_unit+name"),
    column("col-mission", "#org+code+mission"),
    column("col-country", "#country+code+v_iso3+contributing"),
    column("col-category", "#x_category"),
    column("col-women", "#x_police+f"),
    column("col-men", "#x_police+m"),
];

const UNIT_SORTS: &[(usize, UnitSort)] = &[
    (1, UnitSort::Designation),
    (2, UnitSort::Mission),
    (3, UnitSort::Country),
    (4, UnitSort::Category),
];

/// `/roster/units`: units in scope with their members today.
pub async fn units(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<MissionSearch>,
) -> Result<Response, Problem> {
    let Some(mut list) = MissionListing::parse(q, "units-title", "/roster/units") else {
        return Ok(bad_filter(chrome));
    };
    let Some(order) = list.order::<UnitSort>() else {
        return Ok(bad_filter(chrome));
    };
    let today = list.on_day(chrome.today());
    let actor = chrome.actor()?;
    let (items, total) = roster::units(
        &state.store,
        &actor,
        list.mission,
        today,
        order,
        list.rows(),
    )
    .await?;
    let mut table = Table::new("units", UNIT_COLUMNS);
    for u in &items {
        table.push(vec![
            Cell::text(u.unit.external_id.clone()),
            Cell::text(u.unit.designation.clone()),
            Cell::text(u.unit.mission.to_string()),
            Cell::text(u.unit.country.to_string()),
            Cell::Shown {
                value: u.unit.kind.code().into(),
                shown: post_category_label(chrome.lang, u.unit.kind),
            },
            Cell::Count(u64::try_from(u.women).unwrap_or(0)),
            Cell::Count(u64::try_from(u.men).unwrap_or(0)),
        ]);
    }
    sortable(&mut table, &chrome, order, UNIT_SORTS);
    list.respond(chrome, &state, table, total).await
}

const DEPLOYMENT_COLUMNS: &[Column] = &[
    column("col-tour", "#x_tour+id"),
    column("col-officer", "#x_officer+id"),
    column("col-mission", "#org+code+mission"),
    column("col-category", "#x_category"),
    column("col-start", "#date+start"),
    column("col-planned-end", "#date+end+planned"),
    column("col-actual-end", "#date+end"),
];

const DEPLOYMENT_SORTS: &[(usize, DeploymentSort)] = &[
    (1, DeploymentSort::Officer),
    (2, DeploymentSort::Mission),
    (3, DeploymentSort::Category),
    (4, DeploymentSort::Start),
    (5, DeploymentSort::PlannedEnd),
];

/// `/roster/deployments`: tours in scope.
pub async fn deployments(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<MissionSearch>,
) -> Result<Response, Problem> {
    let Some(list) = MissionListing::parse(q, "deployments-title", "/roster/deployments") else {
        return Ok(bad_filter(chrome));
    };
    let Some(order) = list.order::<DeploymentSort>() else {
        return Ok(bad_filter(chrome));
    };
    let filter = DeploymentFilter {
        mission: list.mission,
        order,
        ..DeploymentFilter::default()
    };
    let (items, total) =
        roster::deployments(&state.store, &chrome.actor()?, &filter, list.rows()).await?;
    let mut table = Table::new("deployments", DEPLOYMENT_COLUMNS);
    for t in &items {
        table.push(vec![
            Cell::text(t.id.0.to_string()),
            Cell::link(
                t.officer.0.to_string(),
                format!("/roster/officers/{}", t.officer.0),
            ),
            Cell::text(t.mission.to_string()),
            Cell::Shown {
                value: t.category.code().into(),
                shown: chrome.t(&format!("category-{}", t.category.code().replace('_', "-"))),
            },
            Cell::Date(Some(t.start)),
            Cell::Date(Some(t.planned_end)),
            Cell::Date(t.actual_end),
        ]);
    }
    sortable(&mut table, &chrome, order, DEPLOYMENT_SORTS);
    list.respond(chrome, &state, table, total).await
}

const ROTATION_COLUMNS: &[Column] = &[
    column("col-mission", "#org+code+mission"),
    column("col-month", "#date+month"),
    column("col-category", "#x_category"),
    column("col-ending-women", "#x_tour+end+f"),
    column("col-ending-men", "#x_tour+end+m"),
    column("col-strength", "#x_police+total"),
    column("col-strength-if-replaced", "#x_police+total+replaced"),
    column("col-women-in-strength", "#x_police+f"),
    column("col-target", "#x_police+f+pct+target"),
    column("col-women-needed", "#x_police+f+needed"),
    column("col-reachable", "#x_target+reachable"),
];

/// `/roster/rotations`: the next twelve months' rotations and the women each needs to keep the
/// mission on its parity target.
pub async fn rotations(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<MissionSearch>,
) -> Result<Response, Problem> {
    let Some(mut list) = MissionListing::parse(q, "rotations-title", "/roster/rotations") else {
        return Ok(bad_filter(chrome));
    };
    let from = list.start_month(Month::from_date(chrome.today()).next());
    list.note = Some(chrome.t_with(
        "rotations-assumption",
        &[("before", chrome.lang.month(from))],
    ));
    let mission = list.mission.map(|m| m.to_string());
    let report =
        match forecast::rotations(&state.store, &chrome.actor()?, from, 12, mission.as_deref())
            .await
        {
            Ok(report) => report,
            Err(unpol_app::stats::StatsError::Storage(e)) => return Err(Problem::internal(&e)),
            Err(_) => return Ok(bad_filter(chrome)),
        };
    let lang = chrome.lang;
    let mut table = Table::new("rotations", ROTATION_COLUMNS);
    for l in &report.lines {
        table.push(vec![
            Cell::text(l.mission.to_string()),
            Cell::Month(l.month),
            Cell::Shown {
                value: l.category.code().into(),
                shown: lang.t(&format!("category-{}", l.category.code().replace('_', "-"))),
            },
            Cell::Count(l.ending_women),
            Cell::Count(l.ending_men),
            Cell::Count(l.strength),
            Cell::Count(l.strength_if_replaced),
            Cell::Count(l.women_in_strength),
            Cell::Share(l.target),
            l.women_needed.map_or_else(|| Cell::text(""), Cell::Count),
            l.target_reachable
                .map_or_else(|| Cell::text(""), |r| yes_no(lang, r)),
        ]);
    }
    let total = i64::try_from(table.rows.len()).unwrap_or(i64::MAX);
    list.respond(chrome, &state, table, total).await
}
