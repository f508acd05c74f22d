//! `/incidents`: a mission's incidents on a map of its host country drawn by unpol (no tile
//! server), with the same filters on the table beside it, and the aggregates per month,
//! first-level area and category as charts and tables. Every table exports as CSV with its HXL
//! row and as XLSX, with the rows the filters selected.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum_extra::extract::Query;
use chrono::NaiveDate;
use serde::Deserialize;
use unpol_app::incidents::{self, Overview, Query as IncidentQuery};
use unpol_domain::Month;
use unpol_domain::incident::IncidentRow;
use unpol_domain::incident::{Grouping, IncidentCategory, IncidentSource, tally};

use super::{Chrome, ExportQuery, Ui, label, render, shown};
use crate::AppState;
use crate::chart::{self, Frame, Series, Unit};
use crate::map::{self, MapFrame, Spot};
use crate::problem::Problem;
use crate::table::{Cell, Column, Table, column};

/// The incidents the page's table lists (the latest); the exports hold every one selected.
const SHOWN_ROWS: usize = 100;

/// The page's filters, as the form sends them (a category per checked box).
#[derive(Debug, Default, Deserialize)]
pub struct Filters {
    #[serde(default)]
    mission: Option<String>,
    #[serde(default)]
    since: Option<String>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    category: Vec<String>,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    table: Option<String>,
}

/// A day as the form sends it: an empty field is no filter.
fn day(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, Problem> {
    crate::api::incidents::day(field, value.map(str::trim).filter(|v| !v.is_empty()))
}

const INCIDENT_COLUMNS: &[Column] = &[
    column("col-incident", "#event+id"),
    column("col-started", "#date+start"),
    column("col-ended", "#date+end"),
    column("col-incident-category", "#event+type"),
    column("col-area", "#adm1+name"),
    column("col-area2", "#adm2+name"),
    column("col-place", "#loc+name"),
    column("col-latitude", "#geo+lat"),
    column("col-longitude", "#geo+lon"),
    column("col-deaths", "#affected+killed"),
    column("col-source", "#meta+source"),
    column("col-source-id", "#meta+id"),
];

const TALLY_COLUMNS: [&[Column]; 3] = [
    &[
        column("col-month", "#date+month"),
        column("col-events", "#x_events+num"),
        column("col-deaths", "#affected+killed"),
    ],
    &[
        column("col-area", "#adm1+name"),
        column("col-events", "#x_events+num"),
        column("col-deaths", "#affected+killed"),
    ],
    &[
        column("col-incident-category", "#event+type"),
        column("col-events", "#x_events+num"),
        column("col-deaths", "#affected+killed"),
    ],
];

/// A category in the legend: its colour, label, events and whether the filters keep it.
pub struct LegendEntry {
    pub code: &'static str,
    pub label: String,
    pub colour: &'static str,
    pub events: u64,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "incidents/map.html")]
struct MapPage {
    chrome: Chrome,
    missions: Vec<(String, String, bool)>,
    mission: Option<String>,
    from: String,
    to: String,
    legend: Vec<LegendEntry>,
    map: String,
    shown_line: String,
    table: Table,
    monthly: String,
    months: Table,
    by_area: String,
    areas: Table,
    categories: Table,
}

fn coordinate(value: Option<f64>) -> Cell {
    Cell::text(value.map_or(String::new(), |v| format!("{v:.6}")))
}

fn incident_row(chrome: &Chrome, row: &IncidentRow) -> Vec<Cell> {
    let i = &row.incident;
    vec![
        Cell::text(row.id.to_string()),
        Cell::Date(Some(i.when.started_on)),
        Cell::Date(Some(i.when.ended_on)),
        shown(chrome, i.category.term()),
        Cell::text(i.adm1.clone()),
        Cell::text(i.adm2.clone()),
        Cell::text(i.place.clone()),
        coordinate(i.point.map(|p| p.latitude)),
        coordinate(i.point.map(|p| p.longitude)),
        Cell::Count(u64::from(i.deaths.best)),
        shown(chrome, i.source.term()),
        Cell::text(i.source_id.clone().unwrap_or_default()),
    ]
}

/// The source line under the map and the charts: UCDP's citation when its events are shown.
fn source_line(chrome: &Chrome, rows: &[IncidentRow]) -> String {
    let ucdp = rows
        .iter()
        .any(|r| r.incident.source == IncidentSource::UcdpGed);
    let entered = rows
        .iter()
        .any(|r| r.incident.source == IncidentSource::Entered);
    let mut parts = Vec::new();
    if ucdp {
        parts.push(chrome.t("source-ucdp-ged"));
    }
    if entered || !ucdp {
        parts.push(chrome.t("source-unpol-incidents"));
    }
    parts.join(" ")
}

/// `/incidents`: the map, the table and the aggregates of one mission's incidents.
pub async fn page(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(filters): Query<Filters>,
) -> Result<Response, Problem> {
    let query = IncidentQuery {
        mission: filters.mission.clone(),
        from: day("since", filters.since.as_deref())?,
        to: day("until", filters.until.as_deref())?,
        categories: filters.category.clone(),
    };
    let actor = chrome.actor()?;
    let Overview {
        missions,
        mission,
        incidents: rows,
    } = incidents::overview(&state.store, &actor, &query)
        .await
        .map_err(crate::api::write_problem)?;

    let mut table = Table::new("incidents", INCIDENT_COLUMNS);
    for row in rows.iter().rev() {
        table.push(incident_row(&chrome, row));
    }
    let counted: Vec<_> = rows.iter().map(|r| r.incident.counted()).collect();
    let tallies = |by| tally(&counted, by);
    let (by_month, by_area, by_category) = (
        tallies(Grouping::Month),
        tallies(Grouping::Area),
        tallies(Grouping::Category),
    );
    let tally_table =
        |name, columns, groups: &[unpol_domain::incident::Tally], key: &dyn Fn(&str) -> Cell| {
            let mut t = Table::new(name, columns);
            for g in groups {
                t.push(vec![
                    key(&g.key),
                    Cell::Count(g.events),
                    Cell::Count(g.deaths),
                ]);
            }
            t
        };
    let months = tally_table("incident-months", TALLY_COLUMNS[0], &by_month, &|k| {
        k.parse::<Month>()
            .map_or_else(|_| Cell::text(k), Cell::Month)
    });
    let unnamed = chrome.t("incidents-area-unnamed");
    let areas = tally_table("incident-areas", TALLY_COLUMNS[1], &by_area, &|k| {
        Cell::text(if k.is_empty() {
            unnamed.clone()
        } else {
            k.to_string()
        })
    });
    let categories = tally_table(
        "incident-categories",
        TALLY_COLUMNS[2],
        &by_category,
        &|k| {
            IncidentCategory::from_code(k)
                .map_or_else(|| Cell::text(k), |c| shown(&chrome, c.term()))
        },
    );
    let export = ExportQuery {
        format: filters.format.clone(),
        table: filters.table.clone(),
    };
    if let Some((table, format)) = export.pick(&[&table, &months, &areas, &categories])? {
        let today = chrome.today().to_string();
        return Ok(table.download(format, chrome.lang, &today).await?);
    }

    let source = source_line(&chrome, &rows);
    let map = match &mission {
        Some(m) if map::has_outline(m.host) => {
            let spots: Vec<Spot> = rows
                .iter()
                .filter_map(|r| {
                    let p = r.incident.point?;
                    Some(Spot {
                        id: r.id,
                        latitude: p.latitude,
                        longitude: p.longitude,
                        category: r.incident.category,
                        deaths: r.incident.deaths.best,
                    })
                })
                .collect();
            let frame = MapFrame {
                title: chrome.t_with("incidents-map-title", &[("mission", m.acronym.to_string())]),
                desc: chrome.t_with(
                    "incidents-map-desc",
                    &[
                        ("events", spots.len().to_string()),
                        ("country", m.host.to_string()),
                    ],
                ),
                source: source.clone(),
            };
            map::draw(m.host, &spots, &frame)
        }
        _ => String::new(),
    };
    let per_category: BTreeMap<&str, u64> = by_category
        .iter()
        .map(|t| (t.key.as_str(), t.events))
        .collect();
    let legend = IncidentCategory::ALL
        .iter()
        .map(|c| LegendEntry {
            code: c.code(),
            label: label(&chrome, c.term()),
            colour: map::colour(*c),
            events: per_category.get(c.code()).copied().unwrap_or_default(),
            checked: query.categories.is_empty() || query.categories.iter().any(|q| q == c.code()),
        })
        .collect();
    let frame = |title: &str, y: &str| Frame {
        title: chrome.t(title),
        y_label: chrome.t(y),
        unit: Unit::Count,
        source: source.clone(),
        lang: chrome.lang,
    };
    let monthly = chart::line(
        &frame("incidents-chart-months", "incidents-chart-events"),
        &[Series {
            label: chrome.t("col-events"),
            points: by_month
                .iter()
                .filter_map(|t| Some((t.key.parse::<Month>().ok()?, t.events as f64)))
                .collect(),
            dashed: false,
        }],
    );
    let area_bars = chart::bars(
        &frame("incidents-chart-areas", "incidents-chart-events"),
        &[chrome.t("col-events"), chrome.t("col-deaths")],
        &by_area
            .iter()
            .map(|t| {
                let name = if t.key.is_empty() {
                    unnamed.clone()
                } else {
                    t.key.replace(" province", "")
                };
                (name, vec![t.events as f64, t.deaths as f64])
            })
            .collect::<Vec<_>>(),
    );
    let total = table.rows.len();
    table.rows.truncate(SHOWN_ROWS);
    let chosen = mission.as_ref().map(|m| m.acronym.to_string());
    let missions = missions
        .iter()
        .map(|m| {
            let code = m.acronym.to_string();
            let selected = chosen.as_deref() == Some(code.as_str());
            (
                code,
                if chrome.lang.code() == "fr" {
                    m.name_fr.clone()
                } else {
                    m.name_en.clone()
                },
                selected,
            )
        })
        .collect();
    Ok(render(
        &MapPage {
            missions,
            mission: chosen,
            from: query.from.map(|d| d.to_string()).unwrap_or_default(),
            to: query.to.map(|d| d.to_string()).unwrap_or_default(),
            legend,
            map,
            shown_line: chrome.t_with(
                "incidents-shown",
                &[
                    ("shown", chrome.number(&(table.rows.len() as u64))),
                    ("total", chrome.number(&(total as u64))),
                ],
            ),
            table,
            monthly,
            months,
            by_area: area_bars,
            areas,
            categories,
            chrome,
        },
        StatusCode::OK,
    ))
}

/// The report form as typed: one row of victims (blank when unknown).
#[derive(Debug, Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    started_on: String,
    #[serde(default)]
    ended_on: String,
    #[serde(default)]
    adm1: String,
    #[serde(default)]
    adm2: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    latitude: String,
    #[serde(default)]
    longitude: String,
    #[serde(default)]
    actors: String,
    #[serde(default)]
    deaths: String,
    #[serde(default)]
    injuries: String,
    #[serde(default)]
    victim_sex: String,
    #[serde(default)]
    victim_age: String,
    #[serde(default)]
    victims: String,
    #[serde(default)]
    description: String,
}

impl ReportForm {
    /// The use case's input, or the first field the page must ask again.
    fn input(&self, chrome: &Chrome) -> Result<unpol_app::incidents::IncidentInput, String> {
        let date = |v: &str, required: bool| -> Result<Option<NaiveDate>, String> {
            match v.trim() {
                "" if required => Err(chrome.t("field-bad-date")),
                "" => Ok(None),
                v => v.parse().map(Some).map_err(|_| chrome.t("field-bad-date")),
            }
        };
        let count = |v: &str| -> Result<Option<u32>, String> {
            match v.trim() {
                "" => Ok(None),
                v => v
                    .parse()
                    .map(Some)
                    .map_err(|_| chrome.t("field-whole-number")),
            }
        };
        let degrees = |v: &str| -> Result<Option<f64>, String> {
            match v.trim().replace(',', ".").as_str() {
                "" => Ok(None),
                v => v.parse().map(Some).map_err(|_| chrome.t("field-degrees")),
            }
        };
        let victims = match count(&self.victims)? {
            Some(n) if n > 0 => vec![unpol_app::incidents::VictimsInput {
                sex: self.victim_sex.clone(),
                age_group: self.victim_age.clone(),
                count: n,
            }],
            _ => Vec::new(),
        };
        Ok(unpol_app::incidents::IncidentInput {
            mission: self.mission.clone(),
            category: self.category.clone(),
            started_on: date(&self.started_on, true)?.unwrap_or_default(),
            ended_on: date(&self.ended_on, false)?,
            adm1: self.adm1.clone(),
            adm2: self.adm2.clone(),
            place: self.place.clone(),
            latitude: degrees(&self.latitude)?,
            longitude: degrees(&self.longitude)?,
            actors: self.actors.clone(),
            deaths: count(&self.deaths)?.unwrap_or(0),
            injuries: count(&self.injuries)?,
            victims,
            description: self.description.clone(),
            ..Default::default()
        })
    }
}

#[derive(Template)]
#[template(path = "incidents/report.html")]
struct ReportPage {
    chrome: Chrome,
    form: ReportForm,
    missions: Vec<String>,
    error: Option<String>,
}

impl ReportPage {
    fn categories(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, IncidentCategory::TERMS)
    }

    fn sexes(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, unpol_domain::incident::VictimSex::TERMS)
    }

    fn ages(&self) -> Vec<(&'static str, String)> {
        super::options(&self.chrome, unpol_domain::incident::VictimAge::TERMS)
    }
}

async fn report_form(
    state: &AppState,
    chrome: Chrome,
    form: ReportForm,
    error: Option<String>,
) -> Result<Response, Problem> {
    let missions = super::writable_missions(state, &chrome).await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok(render(
        &ReportPage {
            chrome,
            form,
            missions,
            error,
        },
        status,
    ))
}

/// `/incidents/new`: the report form of mission staff.
pub async fn new_report(
    State(state): State<AppState>,
    Ui(chrome): Ui,
) -> Result<Response, Problem> {
    let form = ReportForm {
        started_on: chrome.today().to_string(),
        ..ReportForm::default()
    };
    report_form(&state, chrome, form, None).await
}

/// `POST /incidents`: records the incident and shows the mission's map from its day, or the form
/// again with the problem.
pub async fn create_report(
    State(state): State<AppState>,
    axum::Extension(caller): axum::Extension<crate::caller::Caller>,
    Ui(chrome): Ui,
    axum::Form(form): axum::Form<ReportForm>,
) -> Result<Response, Problem> {
    use axum::response::{IntoResponse, Redirect};
    use unpol_app::roster::WriteError;
    if caller.csrf() != Some(form.csrf.as_str()) {
        return Ok(super::expired(chrome));
    }
    let input = match form.input(&chrome) {
        Ok(input) => input,
        Err(error) => return report_form(&state, chrome, form, Some(error)).await,
    };
    match incidents::record(&state.store, &chrome.actor()?, &input).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/incidents?mission={}&since={}",
            percent_encoding::utf8_percent_encode(
                &input.mission.trim().to_ascii_uppercase(),
                percent_encoding::NON_ALPHANUMERIC
            ),
            input.started_on
        ))
        .into_response()),
        Err(WriteError::Refused { message, .. }) => {
            let error = Some(super::said(chrome.lang, &message));
            report_form(&state, chrome, form, error).await
        }
        Err(WriteError::NotFound) => Ok(super::not_found_page(chrome)),
        Err(WriteError::Storage(e)) => Err(Problem::internal(&e)),
    }
}
