//! `/capacity`, `/performance` and `/dashboard`: a mission's host-State police capacity
//! building, the performance of its officers and units, and its indicators against their
//! targets with its transition tasks. Every table exports as CSV with its HXL row and as XLSX.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Query;
use serde::Deserialize;
use unpol_app::{capacity, indicators, performance};
use unpol_domain::Month;
use unpol_domain::capacity::{ActivityRow, ProjectRow, QuarterFigures};
use unpol_domain::indicator::Source;
use unpol_domain::reference::Mission;
use unpol_domain::vocabulary::Term;

use super::{Chrome, ExportQuery, Ui, render, shown};
use crate::AppState;
use crate::api::write_problem;
use crate::chart::{self, Frame, Series, Unit};
use crate::problem::Problem;
use crate::table::{Cell, Column, Table, column};

/// The pages' filters.
#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    #[serde(default)]
    mission: Option<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    table: Option<String>,
}

impl Filters {
    fn mission(&self) -> Option<&str> {
        self.mission
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
    }

    fn export(&self) -> ExportQuery {
        ExportQuery {
            format: self.format.clone(),
            table: self.table.clone(),
        }
    }
}

/// A mission in the page's picker: code, name in the page's language, picked.
pub type MissionOption = (String, String, bool);

fn mission_options(
    chrome: &Chrome,
    missions: &[Mission],
    picked: Option<&str>,
) -> Vec<MissionOption> {
    missions
        .iter()
        .map(|m| {
            let code = m.acronym.to_string();
            let name = if chrome.lang.code() == "fr" {
                m.name_fr.clone()
            } else {
                m.name_en.clone()
            };
            let selected = picked == Some(code.as_str());
            (code, name, selected)
        })
        .collect()
}

/// The missions a caller may pick: its own, or all.
async fn pickable(state: &AppState, chrome: &Chrome) -> Result<Vec<Mission>, Problem> {
    let actor = chrome.actor()?;
    let all = unpol_app::reference::missions(&state.store).await?;
    Ok(match actor.scope().mission() {
        Some(own) => all.into_iter().filter(|m| m.acronym == own).collect(),
        None => all,
    })
}

fn bool_cell(chrome: &Chrome, value: Option<bool>) -> Cell {
    match value {
        Some(true) => Cell::Shown {
            value: "yes".into(),
            shown: chrome.t("yes"),
        },
        Some(false) => Cell::Shown {
            value: "no".into(),
            shown: chrome.t("no"),
        },
        None => Cell::text(""),
    }
}

fn optional(chrome: &Chrome, term: Option<&Term>) -> Cell {
    term.map_or_else(|| Cell::text(""), |t| shown(chrome, t))
}

const ACTIVITY_COLUMNS: &[Column] = &[
    column("col-mission", "#org+code+mission"),
    column("col-activity-kind", "#activity+type"),
    column("col-topic", "#activity+name"),
    column("col-start", "#date+start"),
    column("col-end", "#date+end"),
    column("col-place", "#loc+name"),
    column("col-institution", "#org+name+host"),
    column("col-partner", "#org+name+partner"),
    column("col-trainers", "#x_trainers+num"),
    column("col-women", "#reached+f"),
    column("col-men", "#reached+m"),
];

const PROJECT_COLUMNS: &[Column] = &[
    column("col-mission", "#org+code+mission"),
    column("col-project-kind", "#activity+type+project"),
    column("col-name", "#activity+name+project"),
    column("col-place", "#loc+name"),
    column("col-partner", "#org+name+partner"),
    column("col-status", "#status"),
    column("col-delivered-on", "#date+delivered"),
];

const QUARTER_COLUMNS: &[Column] = &[
    column("col-mission", "#org+code+mission"),
    column("col-quarter", "#date+quarter"),
    column("col-courses", "#x_courses+num"),
    column("col-women", "#reached+f"),
    column("col-men", "#reached+m"),
    column("col-sites", "#x_sites+num"),
    column("col-projects-delivered", "#x_projects+delivered+num"),
];

fn activity_row(chrome: &Chrome, r: &ActivityRow) -> Vec<Cell> {
    let a = &r.activity;
    vec![
        Cell::text(a.mission.to_string()),
        shown(chrome, a.kind.term()),
        Cell::text(a.topic.clone()),
        Cell::Date(Some(a.starts_on)),
        Cell::Date(Some(a.ends_on)),
        Cell::text(a.place.clone()),
        Cell::text(a.institution.clone()),
        shown(chrome, a.partner.term()),
        Cell::Count(u64::from(a.trainers)),
        Cell::Count(a.women()),
        Cell::Count(a.men()),
    ]
}

fn project_row(chrome: &Chrome, r: &ProjectRow) -> Vec<Cell> {
    let p = &r.project;
    vec![
        Cell::text(p.mission.to_string()),
        shown(chrome, p.kind.term()),
        Cell::text(p.name.clone()),
        Cell::text(p.place.clone()),
        shown(chrome, p.partner.term()),
        shown(chrome, p.status.term()),
        Cell::Date(p.delivered_on),
    ]
}

fn quarter_row(q: &QuarterFigures) -> Vec<Cell> {
    vec![
        Cell::text(q.mission.to_string()),
        Cell::text(q.quarter.to_string()),
        Cell::Count(q.courses),
        Cell::Count(q.trained_women),
        Cell::Count(q.trained_men),
        Cell::Count(q.sites),
        Cell::Count(q.projects_delivered),
    ]
}

#[derive(Template)]
#[template(path = "operations/capacity.html")]
struct CapacityPage {
    chrome: Chrome,
    missions: Vec<MissionOption>,
    mission: Option<String>,
    chart: String,
    quarters: Table,
    activities: Table,
    projects: Table,
}

/// `/capacity`: one mission's activities, projects and quarterly figures (all missions' for
/// headquarters until one is picked).
pub async fn capacity(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(filters): Query<Filters>,
) -> Result<Response, Problem> {
    let actor = chrome.actor()?;
    let asked = filters.mission();
    let store = &state.store;
    let activities = capacity::activities(store, &actor, asked)
        .await
        .map_err(write_problem)?;
    let projects = capacity::projects(store, &actor, asked)
        .await
        .map_err(write_problem)?;
    let figures = capacity::quarters(store, &actor, asked)
        .await
        .map_err(write_problem)?;

    let mut quarters = Table::new("capacity-quarters", QUARTER_COLUMNS);
    for q in &figures {
        quarters.push(quarter_row(q));
    }
    let mut activity_table = Table::new("capacity-activities", ACTIVITY_COLUMNS);
    for a in &activities {
        activity_table.push(activity_row(&chrome, a));
    }
    let mut project_table = Table::new("capacity-projects", PROJECT_COLUMNS);
    for p in &projects {
        project_table.push(project_row(&chrome, p));
    }
    if let Some((table, format)) =
        filters
            .export()
            .pick(&[&quarters, &activity_table, &project_table])?
    {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    // The chart adds up the missions shown, quarter by quarter, over the last two years.
    let shown_quarters =
        unpol_domain::quarter::Quarter::of(chrome.today()).last(indicators::QUARTERS_SHOWN);
    let groups: Vec<(String, Vec<f64>)> = shown_quarters
        .iter()
        .map(|q| {
            let (w, m) = figures
                .iter()
                .filter(|f| f.quarter == *q)
                .fold((0, 0), |(w, m), f| (w + f.trained_women, m + f.trained_men));
            (q.to_string(), vec![w as f64, m as f64])
        })
        .collect();
    let chart = chart::bars(
        &Frame {
            title: chrome.t("capacity-chart-title"),
            y_label: chrome.t("capacity-chart-y"),
            unit: Unit::Count,
            source: chrome.t("source-unpol-operations"),
            lang: chrome.lang,
        },
        &[chrome.t("col-women"), chrome.t("col-men")],
        &groups,
    );
    let missions = pickable(&state, &chrome).await?;
    let picked = asked.map(str::to_ascii_uppercase);
    Ok(render(
        &CapacityPage {
            missions: mission_options(&chrome, &missions, picked.as_deref()),
            mission: picked,
            chart,
            quarters,
            activities: activity_table,
            projects: project_table,
            chrome,
        },
        StatusCode::OK,
    ))
}

const EVALUATION_COLUMNS: &[Column] = &[
    column("col-officer", "#x_officer+id"),
    column("col-name", "#x_officer+name"),
    column("col-nationality", "#country+code+v_iso3+contributing"),
    column("col-mission", "#org+code+mission"),
    column("col-start", "#date+start"),
    column("col-end", "#date+end"),
    column("col-rating", "#indicator+rating"),
    column("col-underperformance", "#indicator+underperformance"),
    column("col-remedy", "#response+remedy"),
];

const ASSESSMENT_COLUMNS: &[Column] = &[
    column("col-unit", "#x_unit+id"),
    column("col-designation", "#x_unit+name"),
    column("col-country", "#country+code+v_iso3+contributing"),
    column("col-mission", "#org+code+mission"),
    column("col-assessed-on", "#date+assessed"),
    column("col-readiness", "#indicator+readiness"),
];

#[derive(Template)]
#[template(path = "operations/performance.html")]
struct PerformancePage {
    chrome: Chrome,
    missions: Vec<MissionOption>,
    mission: Option<String>,
    evaluations: Table,
    assessments: Table,
}

/// `/performance`: the evaluations and unit assessments the caller may read.
pub async fn performance(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(filters): Query<Filters>,
) -> Result<Response, Problem> {
    let actor = chrome.actor()?;
    let asked = filters.mission();
    let rows = performance::evaluations(&state.store, &actor, asked, None)
        .await
        .map_err(write_problem)?;
    let units = performance::unit_assessments(&state.store, &actor, asked)
        .await
        .map_err(write_problem)?;
    let mut evaluations = Table::new("evaluations", EVALUATION_COLUMNS);
    for r in &rows {
        let e = &r.evaluation;
        evaluations.push(vec![
            Cell::link(
                e.officer.to_string(),
                format!("/roster/officers/{}", e.officer),
            ),
            Cell::text(r.name.clone()),
            Cell::text(r.nationality.to_string()),
            Cell::text(e.mission.to_string()),
            Cell::Date(Some(e.from)),
            Cell::Date(Some(e.to)),
            shown(&chrome, e.outcome.overall().term()),
            bool_cell(&chrome, Some(e.outcome.overall().is_underperformance())),
            optional(&chrome, e.outcome.remedy().map(|r| r.term())),
        ]);
    }
    let mut assessments = Table::new("unit-assessments", ASSESSMENT_COLUMNS);
    for u in &units {
        assessments.push(vec![
            Cell::text(u.assessment.unit.to_string()),
            Cell::text(u.designation.clone()),
            Cell::text(u.country.to_string()),
            Cell::text(u.mission.to_string()),
            Cell::Date(Some(u.assessment.assessed_on)),
            shown(&chrome, u.assessment.readiness.term()),
        ]);
    }
    if let Some((table, format)) = filters.export().pick(&[&evaluations, &assessments])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    // A focal point reads its nationals wherever they serve: no mission to pick.
    let missions = if actor.scope().country().is_some() {
        Vec::new()
    } else {
        pickable(&state, &chrome).await?
    };
    let picked = asked.map(str::to_ascii_uppercase);
    Ok(render(
        &PerformancePage {
            missions: mission_options(&chrome, &missions, picked.as_deref()),
            mission: picked,
            evaluations,
            assessments,
            chrome,
        },
        StatusCode::OK,
    ))
}

const INDICATOR_COLUMNS: &[Column] = &[
    column("col-indicator", "#indicator+name"),
    column("col-indicator-unit", "#indicator+unit"),
    column("col-direction", "#indicator+direction"),
    column("col-baseline", "#indicator+value+baseline"),
    column("col-target", "#indicator+value+target"),
    column("col-quarter", "#date+quarter"),
    column("col-value", "#indicator+value+num"),
    column("col-met", "#indicator+met"),
    column("col-source", "#meta+source"),
];

const VALUE_COLUMNS: &[Column] = &[
    column("col-indicator", "#indicator+name"),
    column("col-quarter", "#date+quarter"),
    column("col-value", "#indicator+value+num"),
];

const TASK_COLUMNS: &[Column] = &[
    column("col-task", "#activity+name"),
    column("col-recipient", "#org+name+recipient"),
    column("col-owner", "#contact+name"),
    column("col-status", "#status"),
    column("col-due", "#date+due"),
];

/// An indicator's trend, drawn.
pub struct Trend {
    pub chart: String,
}

#[derive(Template)]
#[template(path = "operations/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    missions: Vec<MissionOption>,
    mission: Option<String>,
    readiness: String,
    indicators: Table,
    trends: Vec<Trend>,
    values: Table,
    tasks: Table,
}

/// `/dashboard`: a mission's indicators against their targets, their trend over two years, and
/// its transition tasks.
pub async fn dashboard(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(filters): Query<Filters>,
) -> Result<Response, Problem> {
    let actor = chrome.actor()?;
    let missions = pickable(&state, &chrome).await?;
    // Headquarters lands on the first mission with indicators until it picks one.
    let picked = match (filters.mission(), actor.scope().mission()) {
        (Some(m), _) => Some(m.to_ascii_uppercase()),
        (None, Some(own)) => Some(own.to_string()),
        (None, None) => indicators::indicators(&state.store, &actor, None)
            .await
            .map_err(write_problem)?
            .first()
            .map(|r| r.indicator.mission.to_string()),
    };
    let board = match &picked {
        Some(m) => indicators::dashboard(&state.store, &actor, m)
            .await
            .map_err(write_problem)?,
        None => None,
    };
    let fr = chrome.lang.code() == "fr";
    let mut table = Table::new("indicators", INDICATOR_COLUMNS);
    let mut values = Table::new("indicator-values", VALUE_COLUMNS);
    let mut tasks = Table::new("transition-tasks", TASK_COLUMNS);
    let mut trends = Vec::new();
    let mut readiness = String::new();
    if let Some(board) = &board {
        for series in &board.indicators {
            let i = &series.row.indicator;
            let name = if fr {
                i.name_fr.clone()
            } else {
                i.name_en.clone()
            };
            let source = match i.source {
                Source::Computed(_) => chrome.t("indicator-source-computed"),
                Source::Entered => chrome.t("indicator-source-entered"),
            };
            table.push(vec![
                Cell::text(name.clone()),
                shown(&chrome, i.unit.term()),
                shown(&chrome, i.direction.term()),
                Cell::Decimal(Some(i.baseline)),
                Cell::Decimal(Some(i.target)),
                Cell::text(
                    series
                        .latest
                        .map(|m| m.quarter.to_string())
                        .unwrap_or_default(),
                ),
                Cell::Decimal(series.latest.and_then(|m| m.value)),
                bool_cell(&chrome, series.met),
                Cell::Shown {
                    value: match i.source {
                        Source::Computed(c) => c.code().to_string(),
                        Source::Entered => "entered".into(),
                    },
                    shown: source,
                },
            ]);
            for m in &series.values {
                values.push(vec![
                    Cell::text(name.clone()),
                    Cell::text(m.quarter.to_string()),
                    Cell::Decimal(m.value),
                ]);
            }
            let month = |q: unpol_domain::quarter::Quarter| Month::from_date(q.first_day());
            let points: Vec<(Month, f64)> = series
                .values
                .iter()
                .filter_map(|m| Some((month(m.quarter), m.value?)))
                .collect();
            let target: Vec<(Month, f64)> = board
                .quarters
                .iter()
                .map(|q| (month(*q), i.target))
                .collect();
            trends.push(Trend {
                chart: chart::line(
                    &Frame {
                        title: name,
                        y_label: super::label(&chrome, i.unit.term()),
                        unit: Unit::Count,
                        source: chrome.t("source-unpol-operations"),
                        lang: chrome.lang,
                    },
                    &[
                        Series {
                            label: chrome.t("col-value"),
                            points,
                            dashed: false,
                        },
                        Series {
                            label: chrome.t("col-target"),
                            points: target,
                            dashed: true,
                        },
                    ],
                ),
            });
        }
        for t in &board.tasks {
            let task = &t.task;
            tasks.push(vec![
                Cell::text(task.task.clone()),
                shown(&chrome, task.recipient.term()),
                Cell::text(task.owner.clone()),
                shown(&chrome, task.status.term()),
                Cell::Date(Some(task.due_on)),
            ]);
        }
        readiness = match board.readiness {
            Some(r) => chrome.t_with(
                "transition-readiness",
                &[
                    ("share", chrome.lang.decimal(r)),
                    ("tasks", chrome.number(&(board.tasks.len() as u64))),
                ],
            ),
            None => String::new(),
        };
    }
    if let Some((table, format)) = filters.export().pick(&[&table, &values, &tasks])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }
    Ok(render(
        &DashboardPage {
            missions: mission_options(&chrome, &missions, picked.as_deref()),
            mission: board.as_ref().map(|b| b.mission.to_string()),
            readiness,
            indicators: table,
            trends,
            values,
            tasks,
            chrome,
        },
        StatusCode::OK,
    ))
}
