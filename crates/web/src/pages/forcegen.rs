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
use unpol_app::forcegen::pipeline::{self, Decision, PlanOptions, PlanReport, RequestInput};
use unpol_app::roster::WriteError;
use unpol_app::roster_file;
use unpol_domain::forcegen::{Ineligible, Request, RequestId, RequestStatus};
use unpol_domain::roster::OfficerId;
use unpol_domain::vocabulary::Vocabulary;

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
    column("col-status", "#status+code"),
];

fn request_row(lang: crate::i18n::Lang, r: &Request) -> Vec<Cell> {
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
        Cell::Shown {
            value: r.status.code().into(),
            shown: lang.t(&format!(
                "request-status-{}",
                r.status.code().replace('_', "-")
            )),
        },
    ]
}

#[derive(Template)]
#[template(path = "forcegen/requests.html")]
struct RequestsPage {
    chrome: Chrome,
    table: Table,
    may_request: bool,
}

/// `/forcegen`: the requests in the caller's scope.
pub async fn requests(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    axum::extract::Query(q): axum::extract::Query<ExportQuery>,
) -> Result<Response, Problem> {
    let mut table = Table::new("requests", REQUEST_COLUMNS);
    for r in pipeline::requests(&state.store, &chrome.actor()?).await? {
        table.push(request_row(chrome.lang, &r));
    }
    if let Some((table, format)) = q.pick(&[&table])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    let may_request = chrome.may(crate::routes::FG_REQUEST);
    Ok(render(
        &RequestsPage {
            chrome,
            table,
            may_request,
        },
        StatusCode::OK,
    ))
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
    nominations: Table,
    /// Why the last nomination was refused.
    officer_error: Option<String>,
    /// Why the last step asked was refused.
    error: Option<String>,
    /// The officers the caller may nominate, with their eligibility (while nominations are open).
    picks: Vec<PickRow>,
    /// The name searched in the picker.
    q: String,
    today: chrono::NaiveDate,
    /// Posts no deployed officer fills (as far as the caller sees: exact for headquarters).
    open_posts: u32,
    may_request: bool,
    may_nominate: bool,
    may_decide: bool,
}

impl RequestPage {
    fn status_key(&self) -> String {
        format!(
            "request-status-{}",
            self.request.status.code().replace('_', "-")
        )
    }

    fn rank_label(&self) -> String {
        rank_label(&self.chrome, &self.request.profile.min_rank)
    }

    /// `French (3), English (2)`: each language by its label, with the level asked.
    fn languages(&self) -> String {
        let list: Vec<String> = self
            .request
            .profile
            .languages
            .iter()
            .map(|l| {
                let name = super::term_label(&self.chrome, Vocabulary::Language, &l.language);
                format!("{name} ({})", l.level)
            })
            .collect();
        if list.is_empty() {
            "–".into()
        } else {
            list.join(", ")
        }
    }

    fn skills(&self) -> String {
        super::term_list(
            &self.chrome,
            Vocabulary::Skill,
            &self.request.profile.skills,
        )
    }

    fn country_cap(&self) -> String {
        self.chrome.lang.percent_or_dash(self.request.country_cap)
    }

    fn countries(&self) -> String {
        self.request
            .countries
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The steps that only need a decision, which the request may take now: code and button.
    fn next_steps(&self) -> Vec<(&'static str, String)> {
        [
            (RequestStatus::Sent, "request-send"),
            (
                RequestStatus::NominationsClosed,
                "request-close-nominations",
            ),
            (RequestStatus::Closed, "request-close"),
            (RequestStatus::Cancelled, "request-cancel"),
        ]
        .into_iter()
        .filter(|(to, _)| self.request.status.may_become(*to))
        .map(|(to, key)| (to.code(), self.chrome.t(key)))
        .collect()
    }

    /// Whether headquarters selects (posts remain open) or deploys now.
    fn deciding(&self) -> bool {
        (self.open_posts > 0 && self.request.status.may_become(RequestStatus::Selected))
            || self.request.status.may_become(RequestStatus::Deployed)
    }

    fn may_select(&self) -> bool {
        self.open_posts > 0 && self.request.status.may_become(RequestStatus::Selected)
    }
}

/// One line of the nomination picker, in the page's language.
struct PickRow {
    officer: i64,
    name: String,
    rank: String,
    gender: String,
    eligible: bool,
    nominated: bool,
    /// `Eligible (fit 13)` or the reasons it is not.
    verdict: String,
}

/// Why a nominee is not eligible, in the page's language.
pub fn ineligible_text(chrome: &Chrome, reason: &Ineligible) -> String {
    match reason {
        Ineligible::Language {
            language,
            required,
            has,
        } => chrome.t_with(
            "ineligible-language",
            &[
                (
                    "language",
                    super::term_label(chrome, Vocabulary::Language, language),
                ),
                ("required", required.to_string()),
                ("has", has.to_string()),
            ],
        ),
        Ineligible::Rank { required, has } => chrome.t_with(
            "ineligible-rank",
            &[
                ("required", rank_label(chrome, required)),
                ("has", rank_label(chrome, has)),
            ],
        ),
        Ineligible::Assessment { on } => {
            chrome.t_with("ineligible-assessment", &[("on", on.to_string())])
        }
        Ineligible::Vetting { status } => chrome.t_with(
            "ineligible-vetting",
            &[("status", chrome.t(&format!("vetting-{status}")))],
        ),
        Ineligible::OnTour { from, to } => chrome.t_with(
            "ineligible-on-tour",
            &[("from", from.to_string()), ("to", to.to_string())],
        ),
        Ineligible::NotRequestedCountry { country } => {
            chrome.t_with("ineligible-country", &[("country", country.to_string())])
        }
        Ineligible::ConductScreening => chrome.t("ineligible-conduct"),
        Ineligible::RepeatedUnderperformance => chrome.t("ineligible-underperformance"),
    }
}

/// Every reason, joined.
fn reasons_text(chrome: &Chrome, reasons: &[Ineligible]) -> String {
    reasons
        .iter()
        .map(|r| ineligible_text(chrome, r))
        .collect::<Vec<_>>()
        .join("; ")
}

fn pick_row(chrome: &Chrome, pick: pipeline::Pick) -> PickRow {
    let verdict = match pick.fit {
        Some(fit) => chrome.t_with("pick-eligible", &[("fit", fit.total.to_string())]),
        None => reasons_text(chrome, &pick.reasons),
    };
    PickRow {
        officer: pick.officer.0,
        rank: rank_label(chrome, &pick.rank),
        gender: chrome.t(&format!("gender-{}", pick.gender.code())),
        eligible: pick.fit.is_some(),
        nominated: pick.nominated,
        name: pick.name,
        verdict,
    }
}

/// A rank as the page's language names it.
fn rank_label(chrome: &Chrome, rank: &str) -> String {
    super::term_label(chrome, Vocabulary::Rank, rank)
}

async fn request_page(
    state: &AppState,
    chrome: Chrome,
    request: Request,
    q: String,
    officer_error: Option<String>,
) -> Result<Response, Problem> {
    let (officer_error, error) =
        if request.status == RequestStatus::Sent && chrome.may(crate::routes::FG_NOMINATE) {
            (officer_error, None)
        } else {
            (None, officer_error)
        };
    respond_request(state, chrome, request, q, officer_error, error).await
}

async fn respond_request(
    state: &AppState,
    chrome: Chrome,
    request: Request,
    q: String,
    officer_error: Option<String>,
    error: Option<String>,
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
            Cell::Shown {
                value: n.status.code().into(),
                shown: lang.t(&format!("nomination-{}", n.status.code().replace('_', "-"))),
            },
            Cell::Date(Some(n.nominated_on)),
            Cell::Date(n.decided_on),
            Cell::Date(n.deployed_on),
        ]);
    }
    let may_nominate = chrome.may(crate::routes::FG_NOMINATE);
    let picks = if may_nominate && request.status == RequestStatus::Sent {
        pipeline::picks(&state.store, &chrome.actor()?, request.id, Some(&q))
            .await
            .map_err(crate::api::write_problem)?
            .into_iter()
            .map(|p| pick_row(&chrome, p))
            .collect()
    } else {
        Vec::new()
    };
    let deployed = list
        .iter()
        .filter(|n| n.status == unpol_domain::forcegen::NominationStatus::Deployed)
        .count();
    let open_posts = request
        .posts
        .saturating_sub(u32::try_from(deployed).unwrap_or(u32::MAX));
    let status = if officer_error.is_some() || error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = RequestPage {
        may_request: chrome.may(crate::routes::FG_REQUEST),
        may_nominate,
        may_decide: chrome.may(crate::routes::FG_DECIDE),
        today: chrome.today(),
        open_posts,
        chrome,
        request,
        nominations,
        picks,
        q,
        officer_error,
        error,
    };
    Ok(render(&page, status))
}

/// `/forcegen/requests/{id}`: a request, its nominations (a focal point sees its nationals'),
/// the nomination form and the decisions.
pub async fn request(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    axum::extract::Query(search): axum::extract::Query<PickSearch>,
) -> Result<Response, Problem> {
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    if let Err(problem) = unpol_domain::text::check(&search.q, unpol_domain::text::SEARCH_MAX) {
        let text = problem.to_string();
        return request_page(&state, chrome, request, String::new(), Some(text)).await;
    }
    request_page(&state, chrome, request, search.q, None).await
}

/// The name searched in the nomination picker.
#[derive(Debug, Default, Deserialize)]
pub struct PickSearch {
    #[serde(default)]
    q: String,
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
        return request_page(&state, chrome, request, String::new(), Some(error)).await;
    };
    // An officer outside the caller's scope is "unknown" to it, and the attempt is audited.
    let found =
        unpol_app::roster::officer(&state.store, &chrome.actor()?, OfficerId(officer)).await?;
    if found.is_none() {
        let error = lang.t("field-officer-unknown");
        return request_page(&state, chrome, request, String::new(), Some(error)).await;
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
        Err(WriteError::Refused { message, .. }) => {
            let text = Some(super::said(lang, &message));
            request_page(&state, chrome, request, String::new(), text).await
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
            Cell::Shown {
                value: c.gender.code().into(),
                shown: chrome.t(&format!("gender-{}", c.gender.code())),
            },
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
    /// The share typed in the page's form, as a percentage.
    women_asked: String,
    /// The country cap the plan kept, and where it comes from.
    cap: Option<String>,
    /// The cap typed in the page's form, as a percentage.
    cap_asked: String,
    /// When the page asked for rules other than the request's: the reason a selection of this
    /// slate records, since it departs from the request's plan.
    asked_reason: Option<String>,
    selected: Table,
    reserve: Table,
    ineligible: Table,
    /// The rules that cost fit, in the page's language.
    binding: Vec<String>,
    /// Each rule that leaves posts empty: why, and the slate without it.
    shortfalls: Vec<(String, Table, Vec<i64>)>,
    today: chrono::NaiveDate,
    may_select: bool,
}

impl PlanPage {
    /// Every eligible nominee for the manual selection: id, name, and whether the plan picks it.
    fn choices(&self) -> Vec<(i64, String, bool)> {
        self.plan
            .selected
            .iter()
            .map(|c| (c.officer.0, c.name.clone(), true))
            .chain(
                self.plan
                    .reserve
                    .iter()
                    .map(|c| (c.officer.0, c.name.clone(), false)),
            )
            .collect()
    }
}

#[derive(Debug, Deserialize)]
pub struct PlanQuery {
    #[serde(flatten)]
    export: ExportQuery,
    /// A women's share in percent to plan with instead of the parity target (`25`).
    women: Option<String>,
    /// A cap on one country's share in percent instead of the request's (`100` lifts it).
    cap: Option<String>,
}

/// A share typed in percent (`25`, `33,3`) within `range`; none when blank, an error when not one.
fn percent_share(text: &str, lowest: f64) -> Result<Option<unpol_selection::Share>, ()> {
    match text.trim() {
        "" => Ok(None),
        text => text
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|p| (lowest..=100.0).contains(p))
            .and_then(|p| unpol_selection::Share::new((p * 100.0).round() as i64, 10_000).ok())
            .map(Some)
            .ok_or(()),
    }
}

/// A rule that costs fit, in the page's language.
fn binding_text(chrome: &Chrome, rule: &pipeline::BindingRule) -> String {
    let share = chrome.lang.percent(rule.share);
    let price = format!("{:.3}", rule.price);
    if rule.members == "women" {
        chrome.t_with("binding-women", &[("share", share), ("price", price)])
    } else {
        chrome.t_with(
            "binding-country",
            &[
                ("country", rule.members.clone()),
                ("share", share),
                ("price", price),
            ],
        )
    }
}

/// Why a share rule leaves posts empty, in the page's language.
fn shortfall_text(chrome: &Chrome, short: &pipeline::Shortfall, posts: u32) -> String {
    let filled = [
        ("filled", short.filled.to_string()),
        ("posts", posts.to_string()),
        ("without", short.filled_without_rule.to_string()),
    ];
    match &short.why {
        pipeline::ShortRule::Women {
            share,
            needed,
            posts: fill,
            eligible,
        } => chrome.t_with(
            "shortfall-women",
            &[
                &filled[..],
                &[
                    ("share", chrome.lang.percent(*share)),
                    ("needed", needed.to_string()),
                    ("fill", fill.to_string()),
                    ("eligible", eligible.to_string()),
                ],
            ]
            .concat(),
        ),
        pipeline::ShortRule::Country {
            cap,
            most,
            posts: fill,
            eligible,
        } => chrome.t_with(
            "shortfall-country",
            &[
                &filled[..],
                &[
                    ("cap", chrome.lang.percent(*cap)),
                    ("most", most.to_string()),
                    ("fill", fill.to_string()),
                    (
                        "eligible",
                        eligible
                            .iter()
                            .map(|(c, n)| format!("{c} {n}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ],
            ]
            .concat(),
        ),
    }
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
    let women_asked = q.women.clone().unwrap_or_default();
    let cap_asked = q.cap.clone().unwrap_or_default();
    // A cap of 0 % would leave every post empty: the smallest is a hundredth of a percent.
    let (Ok(women), Ok(country_cap)) = (
        percent_share(&women_asked, 0.0),
        percent_share(&cap_asked, 0.01),
    ) else {
        return Ok(super::bad_request_page(chrome));
    };
    let plan = pipeline::plan(
        &state.store,
        &chrome.actor()?,
        request.id,
        PlanOptions {
            women,
            country_cap,
            gap: 0.0,
        },
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
            Cell::Shown {
                value: r
                    .reasons
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                shown: reasons_text(&chrome, &r.reasons),
            },
        ]);
    }

    let shortfalls = plan
        .shortfalls
        .iter()
        .enumerate()
        .map(|(k, short)| {
            let name: &'static str = if k == 0 { "relaxed" } else { "relaxed-2" };
            (
                shortfall_text(&chrome, short, plan.open_posts),
                slate(name, &short.slate_without_rule, &chrome),
                short
                    .slate_without_rule
                    .iter()
                    .map(|c| c.officer.0)
                    .collect(),
            )
        })
        .collect();
    let shortfalls: Vec<(String, Table, Vec<i64>)> = shortfalls;
    let mut tables = vec![&selected, &reserve, &ineligible];
    tables.extend(shortfalls.iter().map(|(_, t, _)| t));
    if let Some((table, format)) = q.export.pick(&tables)? {
        let covers = format!("request-{}_{}", request.id, chrome.today());
        return Ok(table.download(format, chrome.lang, &covers).await?);
    }
    let binding = plan
        .binding_rules
        .iter()
        .map(|r| binding_text(&chrome, r))
        .collect();
    let page = PlanPage {
        may_select: plan.open_posts > 0 && request.status.may_become(RequestStatus::Selected),
        today: chrome.today(),
        women_asked,
        binding,
        shortfalls,
        heading: chrome.lang.t_with(
            "plan-heading",
            &[(
                "title",
                format!("{} ({})", request.title, request.mission).into(),
            )],
        ),
        gap: chrome.lang.percent(plan.gap),
        women: plan.women_rule.as_ref().map(|r| {
            let source = match (r.target_year, &r.target_kind) {
                (Some(year), Some(kind)) => chrome.t_with(
                    "plan-women-target",
                    &[("year", year.to_string()), ("kind", kind.clone())],
                ),
                _ => chrome.t("plan-women-given"),
            };
            format!("{} ({source})", chrome.lang.percent(r.share))
        }),
        cap: plan.country_cap.map(|c| {
            let share = chrome.lang.percent(c);
            if country_cap.is_some() {
                format!("{share} ({})", chrome.t("plan-cap-given"))
            } else {
                share
            }
        }),
        asked_reason: (women.is_some() || country_cap.is_some()).then(|| {
            let dash = || "—".to_string();
            chrome.t_with(
                "plan-asked-reason",
                &[
                    (
                        "women",
                        plan.women_rule
                            .as_ref()
                            .map_or_else(dash, |r| chrome.lang.percent(r.share)),
                    ),
                    (
                        "cap",
                        plan.country_cap
                            .map_or_else(dash, |c| chrome.lang.percent(c)),
                    ),
                ],
            )
        }),
        cap_asked,
        chrome,
        request,
        plan,
        selected,
        reserve,
        ineligible,
    };
    Ok(render(&page, StatusCode::OK))
}

/// The date and reason of a decision taken on a page.
#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    on: String,
    #[serde(default)]
    reason: String,
    /// The step asked for, on `/steps`.
    #[serde(default)]
    status: String,
    /// The officers ticked, on a selection other than the plan's.
    #[serde(default)]
    officers: Vec<i64>,
    /// Set by the forms that name their officers: none ticked is then a choice, not the plan.
    #[serde(default)]
    manual: bool,
}

impl DecisionForm {
    fn decision(&self, chrome: &Chrome) -> Result<Decision, String> {
        let on = match self.on.trim() {
            "" => None,
            text => Some(
                text.parse()
                    .map_err(|_| chrome.t_with("field-bad-date", &[("value", text.to_string())]))?,
            ),
        };
        Ok(Decision {
            on,
            reason: self.reason.trim().to_string(),
        })
    }
}

/// `POST /forcegen/requests/{id}/selection`: selects the plan's slate.
pub async fn select(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<DecisionForm>,
) -> Result<Response, Problem> {
    decide(state, caller, chrome, id, form, Step::Select).await
}

/// `POST /forcegen/requests/{id}/deployment`: deploys the selected officers.
pub async fn deploy(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Problem> {
    decide(state, caller, chrome, id, form, Step::Deploy).await
}

/// `POST /forcegen/requests/{id}/steps`: sends the request, closes its nominations, closes or
/// cancels it.
pub async fn step(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, Problem> {
    let Some(to) = RequestStatus::from_code(&form.status) else {
        return Ok(super::bad_request_page(chrome));
    };
    decide(state, caller, chrome, id, form, Step::Advance(to)).await
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Select,
    Deploy,
    Advance(RequestStatus),
}

async fn decide(
    state: AppState,
    caller: Caller,
    chrome: Chrome,
    id: i64,
    form: DecisionForm,
    step: Step,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    let decision = match form.decision(&chrome) {
        Ok(decision) => decision,
        Err(text) => {
            return respond_request(&state, chrome, request, String::new(), None, Some(text)).await;
        }
    };
    let actor = chrome.actor()?;
    let store = &state.store;
    let officers = (form.manual || !form.officers.is_empty())
        .then(|| form.officers.iter().copied().map(OfficerId).collect());
    let done = match step {
        Step::Select => pipeline::select(store, &actor, request.id, officers, decision)
            .await
            .map(|_| ()),
        Step::Deploy => pipeline::deploy(store, &actor, request.id, decision)
            .await
            .map(|_| ()),
        Step::Advance(to) => pipeline::advance(store, &actor, request.id, to, decision)
            .await
            .map(|_| ()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/forcegen/requests/{id}")).into_response()),
        Err(WriteError::Refused { message, .. }) => {
            // The request as it now stands: another user may have moved it meanwhile.
            let text = Some(super::said(chrome.lang, &message));
            let request = visible(&state, &chrome, id).await?.unwrap_or(request);
            respond_request(&state, chrome, request, String::new(), None, text).await
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}

/// The request form's fields as typed, so that a refused form comes back as it was.
#[derive(Debug, Default, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    posts: String,
    #[serde(default)]
    min_rank: String,
    #[serde(default)]
    languages: String,
    /// One value per ticked box.
    #[serde(default)]
    skills: Vec<String>,
    #[serde(default)]
    start: String,
    #[serde(default)]
    tour_months: String,
    #[serde(default)]
    deadline: String,
    #[serde(default)]
    country_cap: String,
    #[serde(default)]
    countries: String,
}

impl RequestForm {
    fn of(request: &Request) -> Self {
        RequestForm {
            csrf: String::new(),
            mission: request.mission.to_string(),
            title: request.title.clone(),
            posts: request.posts.to_string(),
            min_rank: request.profile.min_rank.clone(),
            languages: roster_file::languages_text(&request.profile.languages),
            skills: request.profile.skills.clone(),
            start: request.start.to_string(),
            tour_months: request.tour_months.to_string(),
            deadline: request.deadline.to_string(),
            country_cap: request
                .country_cap
                .map_or_else(String::new, |c| c.to_string()),
            countries: request
                .countries
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(";"),
        }
    }

    /// The use case's input, or the first field that cannot be read, in the page's language.
    fn input(&self, chrome: &Chrome) -> Result<RequestInput, String> {
        let bad = |field: &str, value: &str| {
            chrome.t_with(
                "field-unreadable",
                &[
                    ("field", chrome.t(&format!("field-{field}"))),
                    ("value", value.to_string()),
                ],
            )
        };
        let number = |field: &str, value: &str| -> Result<u32, String> {
            value.trim().parse().map_err(|_| bad(field, value))
        };
        let day = |field: &str, value: &str| -> Result<chrono::NaiveDate, String> {
            value.trim().parse().map_err(|_| bad(field, value))
        };
        let list = |text: &str| -> Vec<String> {
            text.split([';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        };
        let languages = roster_file::languages(&self.languages)
            .map_err(|_| bad("languages", &self.languages))?;
        let country_cap = match self.country_cap.trim() {
            "" => None,
            text => Some(
                text.replace(',', ".")
                    .parse::<f64>()
                    .map_err(|_| bad("country-cap", text))?,
            ),
        };
        Ok(RequestInput {
            mission: self.mission.trim().to_string(),
            title: self.title.clone(),
            posts: number("posts", &self.posts)?,
            min_rank: self.min_rank.clone(),
            languages,
            skills: self.skills.clone(),
            start: day("start", &self.start)?,
            tour_months: number("tour-months", &self.tour_months)?,
            deadline: day("deadline", &self.deadline)?,
            country_cap,
            countries: list(&self.countries),
        })
    }
}

#[derive(Template)]
#[template(path = "forcegen/request_form.html")]
struct RequestFormPage {
    chrome: Chrome,
    form: RequestForm,
    /// The draft being edited; none for a new request.
    editing: Option<RequestId>,
    missions: Vec<String>,
    ranks: &'static [&'static str],
    error: Option<String>,
}

impl RequestFormPage {
    fn title(&self) -> String {
        self.chrome.t(if self.editing.is_some() {
            "request-edit-title"
        } else {
            "request-new-title"
        })
    }

    fn action(&self) -> String {
        match self.editing {
            Some(id) => format!("/forcegen/requests/{}/edit", id.0),
            None => "/forcegen/requests".into(),
        }
    }

    /// The text fields: name, input type, value.
    fn text_fields(&self) -> Vec<(&'static str, &'static str, &str)> {
        let f = &self.form;
        vec![
            ("title", "text", f.title.as_str()),
            ("posts", "number", f.posts.as_str()),
            ("languages", "text", f.languages.as_str()),
            ("start", "date", f.start.as_str()),
            ("tour-months", "number", f.tour_months.as_str()),
            ("deadline", "date", f.deadline.as_str()),
            ("country-cap", "text", f.country_cap.as_str()),
            ("countries", "text", f.countries.as_str()),
        ]
    }

    fn label(&self, field: &str) -> String {
        self.chrome.t(&format!("field-{field}"))
    }

    fn rank_label(&self, rank: &str) -> String {
        rank_label(&self.chrome, rank)
    }

    /// Every known skill, code and label, and whether the request asks for it.
    fn skills(&self) -> Vec<(&'static str, &'static str, bool)> {
        super::skill_choices(&self.chrome, &self.form.skills)
    }

    fn hint(&self, field: &str) -> String {
        match field {
            "languages" | "country-cap" | "countries" => self.chrome.t(&format!("hint-{field}")),
            _ => String::new(),
        }
    }
}

async fn request_form(
    state: &AppState,
    chrome: Chrome,
    form: RequestForm,
    editing: Option<RequestId>,
    error: Option<String>,
) -> Result<Response, Problem> {
    let missions = super::writable_missions(state, &chrome).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = RequestFormPage {
        chrome,
        form,
        editing,
        missions,
        ranks: &unpol_domain::forcegen::RANKS,
        error,
    };
    Ok(render(&page, status))
}

/// `GET /forcegen/requests/new`: the form of a new request.
pub async fn new_request(
    State(state): State<AppState>,
    Ui(chrome): Ui,
) -> Result<Response, Problem> {
    let form = RequestForm {
        tour_months: "12".into(),
        ..RequestForm::default()
    };
    request_form(&state, chrome, form, None, None).await
}

/// `POST /forcegen/requests`: records a draft and shows it.
pub async fn create_request(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    axum_extra::extract::Form(form): axum_extra::extract::Form<RequestForm>,
) -> Result<Response, Problem> {
    save_request(state, caller, chrome, form, None).await
}

/// `GET /forcegen/requests/{id}/edit`: the form of a draft.
pub async fn edit_request(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    let Some(request) = visible(&state, &chrome, id).await? else {
        return Ok(not_found_page(chrome));
    };
    let form = RequestForm::of(&request);
    request_form(&state, chrome, form, Some(request.id), None).await
}

/// `POST /forcegen/requests/{id}/edit`: rewrites a draft.
pub async fn update_request(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    Path(id): Path<i64>,
    axum_extra::extract::Form(form): axum_extra::extract::Form<RequestForm>,
) -> Result<Response, Problem> {
    if visible(&state, &chrome, id).await?.is_none() {
        return Ok(not_found_page(chrome));
    }
    save_request(state, caller, chrome, form, Some(RequestId(id))).await
}

async fn save_request(
    state: AppState,
    caller: Caller,
    chrome: Chrome,
    form: RequestForm,
    editing: Option<RequestId>,
) -> Result<Response, Problem> {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(expired(chrome));
    }
    let input = match form.input(&chrome) {
        Ok(input) => input,
        Err(text) => return request_form(&state, chrome, form, editing, Some(text)).await,
    };
    let actor = chrome.actor()?;
    let saved = match editing {
        Some(id) => pipeline::update_request(&state.store, &actor, id, input).await,
        None => pipeline::create_request(&state.store, &actor, input).await,
    };
    match saved {
        Ok(request) => {
            Ok(Redirect::to(&format!("/forcegen/requests/{}", request.id.0)).into_response())
        }
        Err(WriteError::Refused { message, .. }) => {
            let text = Some(super::said(chrome.lang, &message));
            request_form(&state, chrome, form, editing, text).await
        }
        Err(WriteError::NotFound) => Ok(not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}
