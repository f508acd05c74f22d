//! The public statistics pages, from the UN's published figures (aggregates only, no person):
//! a month's contributions, gender parity against the strategy's targets, the trend of police
//! strength, and the history of each mission and each country. Charts are SVG drawn here.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use unpol_app::stats::{self, Narrowing, StatsError};
use unpol_domain::parity::ParityReport;
use unpol_domain::published::Level;
use unpol_domain::report::{ContributionsReport, Counts};
use unpol_domain::trend::TrendReport;
use unpol_domain::{Category, Month};

use super::{Chrome, ExportQuery, Ui, message, message_text, render};
use crate::AppState;
use crate::chart::{self, Series, Unit};
use crate::i18n::Lang;
use crate::problem::Problem;
use crate::table::{Cell, Column, Table, column};

/// Names of countries and missions in the page's language, by code.
struct Names {
    countries: HashMap<String, String>,
    missions: HashMap<String, String>,
}

impl Names {
    /// The names in this language, from the cache of published data.
    async fn cached(state: &AppState, lang: Lang) -> Result<Arc<Names>, Problem> {
        state
            .published
            .get_or_build(&state.store, format!("names:{}", lang.code()), || {
                Names::load(state, lang)
            })
            .await
    }

    async fn load(state: &AppState, lang: Lang) -> Result<Names, Problem> {
        let countries = unpol_app::reference::countries(&state.store).await?;
        let missions = unpol_app::reference::missions(&state.store).await?;
        let pick = |en: &String, fr: &String| match lang {
            Lang::En => en.clone(),
            Lang::Fr => fr.clone(),
        };
        Ok(Names {
            countries: countries
                .iter()
                .map(|c| (c.iso3.to_string(), pick(&c.name_en, &c.name_fr)))
                .collect(),
            missions: missions
                .iter()
                .map(|m| (m.acronym.to_string(), pick(&m.name_en, &m.name_fr)))
                .collect(),
        })
    }

    fn country(&self, code: &str) -> String {
        self.countries
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.into())
    }

    fn mission(&self, code: &str) -> String {
        self.missions
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.into())
    }
}

/// The months with published figures and their level, from the cache.
async fn months(state: &AppState) -> Result<Arc<BTreeMap<Month, Level>>, Problem> {
    state
        .published
        .get_or_build(&state.store, "months".into(), || async {
            Ok::<_, Problem>(unpol_app::stats::published_months(&state.store).await?)
        })
        .await
}

/// The first and last months with figures, none before any import.
async fn span(state: &AppState) -> Result<Option<(Month, Month)>, Problem> {
    let months = months(state).await?;
    Ok(months
        .keys()
        .next()
        .copied()
        .zip(months.keys().next_back().copied()))
}

/// The statistics pages before any import of published figures.
fn no_figures_yet(chrome: Chrome) -> Response {
    message(
        chrome,
        "stats-empty-title",
        "stats-empty",
        StatusCode::NOT_FOUND,
    )
}

/// A stats error as a page: no figures for a month is a 404 that says which months have some.
fn error_page(chrome: Chrome, error: StatsError) -> Response {
    match error {
        StatsError::Storage(e) => Problem::internal(&e).into_response(),
        StatsError::NoData { available, .. } => {
            let text = chrome
                .lang
                .t_with("stats-no-data", &[("available", available.into())]);
            message_text(chrome, "stats-no-data-title", text, StatusCode::NOT_FOUND)
        }
        StatsError::UnknownMission(_) | StatsError::UnknownCountry(_) => {
            super::not_found_page(chrome)
        }
        _ => message(
            chrome,
            "bad-request-title",
            "bad-request-message",
            StatusCode::BAD_REQUEST,
        ),
    }
}

const CATEGORY_COLUMNS: &[Column] = &[
    column("col-category", "#x_category"),
    column("col-women", "#x_police+f"),
    column("col-men", "#x_police+m"),
    column("col-total", "#x_police+total"),
    column("col-women-share", "#x_police+f+pct"),
];

const MISSION_COLUMNS: &[Column] = &[
    column("col-mission", "#org+code+mission"),
    column("col-mission-name", "#org+name+mission"),
    column("col-women", "#x_police+f"),
    column("col-men", "#x_police+m"),
    column("col-total", "#x_police+total"),
    column("col-women-share", "#x_police+f+pct"),
];

const COUNTRY_COLUMNS: &[Column] = &[
    column("col-country", "#country+code+v_iso3+contributing"),
    column("col-country-name", "#country+name+contributing"),
    column("col-women", "#x_police+f"),
    column("col-men", "#x_police+m"),
    column("col-total", "#x_police+total"),
    column("col-women-share", "#x_police+f+pct"),
];

fn share(c: &Counts) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    (c.total > 0).then(|| c.women as f64 / c.total as f64)
}

fn count_cells(c: &Counts) -> [Cell; 4] {
    [
        Cell::Count(c.women),
        Cell::Count(c.men),
        Cell::Count(c.total),
        Cell::Share(share(c)),
    ]
}

/// The month's tables. Pages show names in their language; files keep the English names and
/// the category codes, so that a column means the same whatever language exported it.
fn contribution_tables(
    report: &ContributionsReport,
    names: &Names,
    english: &Names,
    lang: Lang,
) -> [Table; 3] {
    let mut categories = Table::new("categories", CATEGORY_COLUMNS);
    for (category, counts) in [
        (
            Category::IndividualPolice,
            &report.categories.individual_police,
        ),
        (
            Category::FormedPoliceUnits,
            &report.categories.formed_police_units,
        ),
    ] {
        let code = category.code();
        let mut row = vec![Cell::Shown {
            value: code.into(),
            shown: lang.t(&format!("category-{}", code.replace('_', "-"))),
        }];
        row.extend(count_cells(counts));
        categories.push(row);
    }
    let mut missions = Table::new("missions", MISSION_COLUMNS);
    for line in report.missions.iter().flatten() {
        let code = line.mission.to_string();
        let mut row = vec![
            Cell::link(code.clone(), format!("/stats/missions/{code}")),
            Cell::Shown {
                value: english.mission(&code),
                shown: names.mission(&code),
            },
        ];
        row.extend(count_cells(&line.police));
        missions.push(row);
    }
    let mut countries = Table::new("countries", COUNTRY_COLUMNS);
    for line in &report.countries {
        let code = line.country.to_string();
        let mut row = vec![
            Cell::link(code.clone(), format!("/stats/countries/{code}")),
            Cell::Shown {
                value: english.country(&code),
                shown: names.country(&code),
            },
        ];
        row.extend(count_cells(&line.police));
        countries.push(row);
    }
    [categories, missions, countries]
}

#[derive(Debug, Deserialize)]
pub struct MonthQuery {
    month: Option<String>,
    #[serde(flatten)]
    export: ExportQuery,
}

#[derive(Template)]
#[template(path = "stats/contributions.html")]
struct ContributionsPage {
    chrome: Chrome,
    report: Arc<ContributionsReport>,
    month_label: String,
    heading: String,
    month_value: String,
    first: String,
    last: String,
    previous: Option<Month>,
    next: Option<Month>,
    tables: [Table; 3],
}

/// `/stats?month=2018-01`: the month's figures (the latest month without `month`).
pub async fn contributions(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<MonthQuery>,
) -> Result<Response, Problem> {
    let Some((first, last)) = span(&state).await? else {
        return Ok(no_figures_yet(chrome));
    };
    let month = match q.month.as_deref().filter(|m| !m.is_empty()) {
        None => last,
        Some(text) => match text.parse::<Month>() {
            Ok(month) => month,
            Err(_) => {
                return Ok(message(
                    chrome,
                    "bad-month-title",
                    "bad-month-message",
                    StatusCode::BAD_REQUEST,
                ));
            }
        },
    };
    let everywhere = Narrowing::default();
    let built = state
        .published
        .get_or_build(&state.store, format!("contributions:{month}"), || {
            stats::contributions(&state.store, month, &everywhere)
        })
        .await;
    let report = match built {
        Ok(report) => report,
        Err(error) => return Ok(error_page(chrome, error)),
    };
    let names = Names::cached(&state, chrome.lang).await?;
    let english = Names::cached(&state, Lang::En).await?;
    let tables = contribution_tables(&report, &names, &english, chrome.lang);
    if let Some((table, format)) = q.export.pick(&tables.each_ref().map(|t| t))? {
        return Ok(table
            .download(format, chrome.lang, &month.to_string())
            .await?);
    }
    let months = months(&state).await?;
    let previous = months.range(..month).next_back().map(|(m, _)| *m);
    let next = months.range(month.next()..).next().map(|(m, _)| *m);
    let page = ContributionsPage {
        month_label: chrome.lang.month(month),
        heading: chrome.lang.t_with(
            "stats-heading",
            &[("month", chrome.lang.month(month).into())],
        ),
        month_value: month.to_string(),
        first: first.to_string(),
        last: last.to_string(),
        previous,
        next,
        tables,
        report,
        chrome,
    };
    Ok(render(&page, StatusCode::OK))
}

fn storage(error: StatsError) -> Problem {
    match error {
        StatsError::Storage(e) => Problem::internal(&e),
        other => Problem::internal(&anyhow::anyhow!("{other}")),
    }
}

const PARITY_COLUMNS: &[Column] = &[
    column("col-month", "#date+month"),
    column("col-ipo-women", "#x_police+ipo+f"),
    column("col-ipo-total", "#x_police+ipo+total"),
    column("col-ipo-share", "#x_police+ipo+f+pct"),
    column("col-ipo-target", "#x_police+ipo+f+pct+target"),
    column("col-fpu-women", "#x_police+fpu+f"),
    column("col-fpu-total", "#x_police+fpu+total"),
    column("col-fpu-share", "#x_police+fpu+f+pct"),
    column("col-fpu-target", "#x_police+fpu+f+pct+target"),
];

fn parity_table(history: &[ParityReport]) -> Table {
    let mut table = Table::new("parity", PARITY_COLUMNS);
    for report in history {
        let mut row = vec![Cell::Month(report.month)];
        for category in Category::POLICE {
            let Some(p) = report.categories.get(&category) else {
                continue;
            };
            row.extend([
                Cell::Count(p.women),
                Cell::Count(p.total),
                Cell::Share(p.women_share),
                Cell::Share(p.target),
            ]);
        }
        table.push(row);
    }
    table
}

fn parity_chart(history: &[ParityReport], lang: Lang) -> String {
    let series_of = |category: Category, label: &str, target: bool| Series {
        label: lang.t(label),
        points: history
            .iter()
            .filter_map(|r| {
                let p = r.categories.get(&category)?;
                let value = if target { p.target } else { p.women_share }?;
                Some((r.month, value))
            })
            .collect(),
        dashed: target,
    };
    chart::line(
        &chart::Frame {
            title: lang.t("parity-chart-title"),
            y_label: lang.t("parity-chart-y"),
            unit: Unit::Share,
            source: lang.t("source-un"),
            lang,
        },
        &[
            series_of(Category::IndividualPolice, "series-ipo-share", false),
            series_of(Category::FormedPoliceUnits, "series-fpu-share", false),
            series_of(Category::IndividualPolice, "series-ipo-target", true),
            series_of(Category::FormedPoliceUnits, "series-fpu-target", true),
        ],
    )
}

#[derive(Template)]
#[template(path = "stats/history.html")]
struct HistoryPage {
    chrome: Chrome,
    title: String,
    intro: String,
    chart: String,
    table: Table,
    /// The range shown, for the form: `YYYY-MM`.
    from: String,
    to: String,
    /// The months with figures, the bounds of the form.
    first: String,
    last: String,
}

#[derive(Debug, Deserialize)]
pub struct HistoryQuery {
    /// The first and last months shown (`YYYY-MM`); all months with figures by default.
    from: Option<String>,
    to: Option<String>,
    #[serde(flatten)]
    export: ExportQuery,
}

/// The months a history page shows, within the months with figures.
#[derive(Debug, Clone, Copy)]
struct Range {
    from: Month,
    to: Month,
}

impl Range {
    fn contains(self, month: Month) -> bool {
        (self.from..=self.to).contains(&month)
    }
}

/// Why a history page refuses its range.
#[derive(Debug, Clone, Copy)]
enum BadRange {
    /// A month that is not one: 400.
    NotAMonth,
    /// A range that ends before it starts: 422.
    Reversed,
}

impl BadRange {
    fn page(self, chrome: Chrome) -> Response {
        match self {
            BadRange::NotAMonth => message(
                chrome,
                "bad-month-title",
                "bad-month-message",
                StatusCode::BAD_REQUEST,
            ),
            BadRange::Reversed => message(
                chrome,
                "bad-range-title",
                "bad-range-message",
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        }
    }
}

/// The range a history page asks for: all months with figures by default.
fn range(q: &HistoryQuery, (first, last): (Month, Month)) -> Result<Range, BadRange> {
    let month = |text: &Option<String>, default: Month| match text.as_deref() {
        None | Some("") => Ok(default),
        Some(text) => text.parse::<Month>().map_err(|_| BadRange::NotAMonth),
    };
    let range = Range {
        from: month(&q.from, first)?,
        to: month(&q.to, last)?,
    };
    if range.from > range.to {
        return Err(BadRange::Reversed);
    }
    Ok(range)
}

/// What a history page shows, before the page around it.
struct History {
    title: String,
    intro: String,
    chart: String,
    table: Table,
    range: Range,
    span: (Month, Month),
}

async fn history_page(
    chrome: Chrome,
    history: History,
    q: &HistoryQuery,
) -> Result<Response, Problem> {
    if let Some((table, format)) = q.export.pick(&[&history.table])? {
        // Named after the months the file holds: the range asked, within those published.
        let from = history.range.from.max(history.span.0);
        let to = history.range.to.min(history.span.1);
        return Ok(table
            .download(format, chrome.lang, &format!("{from}_{to}"))
            .await?);
    }
    let page = HistoryPage {
        chrome,
        title: history.title,
        intro: history.intro,
        chart: history.chart,
        table: history.table,
        from: history.range.from.to_string(),
        to: history.range.to.to_string(),
        first: history.span.0.to_string(),
        last: history.span.1.to_string(),
    };
    Ok(render(&page, StatusCode::OK))
}

/// `/stats/parity`: women's share of individual police and formed units, every month, against
/// the targets of the Uniformed Gender Parity Strategy 2018-2028.
pub async fn parity(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<HistoryQuery>,
) -> Result<Response, Problem> {
    let Some((first, last)) = span(&state).await? else {
        return Ok(no_figures_yet(chrome));
    };
    let range = match range(&q, (first, last)) {
        Ok(range) => range,
        Err(bad) => return Ok(bad.page(chrome)),
    };
    let history = state
        .published
        .get_or_build(&state.store, "parity-history".into(), || {
            stats::parity_history(&state.store, first, last)
        })
        .await
        .map_err(storage)?;
    let shown: Vec<ParityReport> = history
        .iter()
        .filter(|r| range.contains(r.month))
        .cloned()
        .collect();
    let lang = chrome.lang;
    let history = History {
        title: lang.t("parity-title"),
        intro: lang.t("parity-intro"),
        chart: parity_chart(&shown, lang),
        table: parity_table(&shown),
        range,
        span: (first, last),
    };
    history_page(chrome, history, &q).await
}

const TREND_COLUMNS: &[Column] = &[
    column("col-month", "#date+month"),
    column("col-women", "#x_police+f"),
    column("col-men", "#x_police+m"),
    column("col-total", "#x_police+total"),
    column("col-women-share", "#x_police+f+pct"),
];

fn trend_table(name: &'static str, trend: &TrendReport) -> Table {
    let mut table = Table::new(name, TREND_COLUMNS);
    for point in &trend.months {
        table.push(vec![
            Cell::Month(point.month),
            Cell::Count(point.women),
            Cell::Count(point.men),
            Cell::Count(point.police_total),
            Cell::Share(point.women_share),
        ]);
    }
    table
}

fn trend_chart(trend: &TrendReport, title: String, lang: Lang) -> String {
    #[allow(clippy::cast_precision_loss)]
    let series = |label: &str, value: fn(&unpol_domain::trend::TrendPoint) -> u64| Series {
        label: lang.t(label),
        points: trend
            .months
            .iter()
            .map(|p| (p.month, value(p) as f64))
            .collect(),
        dashed: false,
    };
    chart::line(
        &chart::Frame {
            title,
            y_label: lang.t("trend-chart-y"),
            unit: Unit::Count,
            source: lang.t("source-un"),
            lang,
        },
        &[
            series("series-police", |p| p.police_total),
            series("series-women", |p| p.women),
        ],
    )
}

/// Whose history a history page shows.
#[derive(Debug, Clone, Copy)]
enum Subject {
    Everyone,
    Mission,
    Country,
}

/// A history page: the trend of police strength for everyone, a mission or a country.
async fn history(
    state: &AppState,
    chrome: Chrome,
    subject: Subject,
    code: Option<String>,
    q: &HistoryQuery,
) -> Result<Response, Problem> {
    let narrowing = match subject {
        Subject::Everyone => Narrowing::default(),
        Subject::Mission => Narrowing {
            mission: code.clone(),
            country: None,
        },
        Subject::Country => Narrowing {
            mission: None,
            country: code.clone(),
        },
    };
    let Some((first, last)) = span(state).await? else {
        return Ok(no_figures_yet(chrome));
    };
    let range = match range(q, (first, last)) {
        Ok(range) => range,
        Err(bad) => return Ok(bad.page(chrome)),
    };
    let key = format!("trend:{:?}:{:?}", narrowing.mission, narrowing.country);
    let built = state
        .published
        .get_or_build(&state.store, key, || {
            stats::trend(&state.store, first, last, &narrowing)
        })
        .await;
    let report = match built {
        Ok(report) => report,
        Err(error) => return Ok(error_page(chrome, error)),
    };
    let lang = chrome.lang;
    let names = Names::cached(state, lang).await?;
    let code = code.unwrap_or_default();
    let (title, intro, table) = match subject {
        Subject::Everyone => (lang.t("trend-title"), "trend-intro", "trend"),
        Subject::Mission => (
            format!("{} ({code})", names.mission(&code)),
            "mission-intro",
            "mission",
        ),
        Subject::Country => (
            format!("{} ({code})", names.country(&code)),
            "country-intro",
            "country",
        ),
    };
    let mut shown = TrendReport::clone(&report);
    shown.months.retain(|point| range.contains(point.month));
    (shown.from, shown.to) = (range.from, range.to);
    let history = History {
        chart: trend_chart(&shown, title.clone(), lang),
        title,
        intro: lang.t(intro),
        table: trend_table(table, &shown),
        range,
        span: (first, last),
    };
    history_page(chrome, history, q).await
}

/// `/stats/trend`: police strength and women, every month with figures.
pub async fn trend(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Query(q): Query<HistoryQuery>,
) -> Result<Response, Problem> {
    history(&state, chrome, Subject::Everyone, None, &q).await
}

/// `/stats/missions/{code}`: one mission's police over time.
pub async fn mission(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(code): Path<String>,
    Query(q): Query<HistoryQuery>,
) -> Result<Response, Problem> {
    history(&state, chrome, Subject::Mission, Some(code), &q).await
}

/// `/stats/countries/{code}`: one contributing country's police over time, in every mission.
pub async fn country(
    State(state): State<AppState>,
    Ui(chrome): Ui,
    Path(code): Path<String>,
    Query(q): Query<HistoryQuery>,
) -> Result<Response, Problem> {
    history(&state, chrome, Subject::Country, Some(code), &q).await
}
