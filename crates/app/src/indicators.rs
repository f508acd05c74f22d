//! Mission performance indicators and transition readiness as their users reach them: mission
//! staff define their mission's indicators, enter the values unpol cannot compute and track the
//! tasks they hand over; headquarters does so for every mission; analysts read the dashboards
//! (aggregates, no person). Computed indicators are derived from the records on every read, so
//! a corrected record corrects its indicator.

use chrono::NaiveDate;
use unpol_domain::access::Role;
use unpol_domain::indicator::{
    Computed, Direction, Indicator, IndicatorRow, Measure, Measurement, Recipient, Source,
    TaskStatus, TransitionTask, TransitionTaskRow, readiness,
};
use unpol_domain::quarter::Quarter;
use unpol_domain::{MissionCode, message, text};
use unpol_storage::records::RecordTable;

use crate::capacity::narrowed;
use crate::checks::{self, coded, readable_missions, writable_mission};
use crate::roster::WriteError;
use crate::scope::visible;
use crate::{Actor, Store};

/// Quarters a dashboard shows: two years.
pub const QUARTERS_SHOWN: usize = 8;

/// Who reads dashboards: their writers, and analysts (every mission's).
fn dashboard_readers(actor: &Actor) -> Option<Option<MissionCode>> {
    match actor.role() {
        Role::Analyst => Some(None),
        _ => readable_missions(actor),
    }
}

/// A new indicator's definition. For a computed one, the unit, direction and names default to
/// unpol's.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct IndicatorInput {
    pub mission: String,
    /// The rule unpol computes it by (`women_share`, `host_police_trained`,
    /// `incidents_against_personnel`, `post_vacancy_rate`, `allegations_per_thousand`); absent
    /// for an indicator whose values the mission enters.
    #[serde(default)]
    pub computed: Option<String>,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub name_fr: String,
    /// `percent`, `officers`, `incidents`, `per_thousand`, `cases`, `number` or `days`.
    #[serde(default)]
    pub unit: Option<String>,
    /// `increase` or `decrease`.
    #[serde(default)]
    pub direction: Option<String>,
    pub baseline: f64,
    pub target: f64,
}

/// The largest value an indicator takes, either sign: far above any count of a mission, far
/// below where a page's digits or a chart's scale would break.
const LARGEST: f64 = 1e12;

fn finite(field: &str, value: f64) -> Result<f64, WriteError> {
    if value.is_finite() && value.abs() <= LARGEST {
        Ok(value)
    } else {
        Err(WriteError::refused(message!(
            "indicator-number",
            field = field
        )))
    }
}

fn checked(input: &IndicatorInput, mission: MissionCode) -> Result<Indicator, WriteError> {
    let computed = match input
        .computed
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => Some(coded("computed", c, Computed::TERMS, Computed::from_code)?),
        None => None,
    };
    let or = |typed: &str, default: Option<&str>| match (typed.trim(), default) {
        ("", Some(d)) => d.to_string(),
        (t, _) => t.to_string(),
    };
    let direction = match (
        input
            .direction
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty()),
        computed,
    ) {
        (Some(d), _) => coded("direction", d, Direction::TERMS, Direction::from_code)?,
        (None, Some(c)) => c.direction(),
        (None, None) => {
            return Err(WriteError::refused(message!(
                "text-required",
                field = "direction"
            )));
        }
    };
    Ok(Indicator {
        mission,
        name_en: checks::required(
            "name_en",
            &or(&input.name_en, computed.map(|c| c.term().en)),
            text::NAME_MAX,
        )?,
        name_fr: checks::required(
            "name_fr",
            &or(&input.name_fr, computed.map(|c| c.term().fr)),
            text::NAME_MAX,
        )?,
        unit: match (
            input
                .unit
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty()),
            computed,
        ) {
            (Some(u), _) => coded("unit", u, Measure::TERMS, Measure::from_code)?,
            (None, Some(c)) => c.unit(),
            (None, None) => {
                return Err(WriteError::refused(message!(
                    "text-required",
                    field = "unit"
                )));
            }
        },
        direction,
        baseline: finite("baseline", input.baseline)?,
        target: finite("target", input.target)?,
        source: computed.map_or(Source::Entered, Source::Computed),
    })
}

/// Defines an indicator for a mission; returns its id.
pub async fn define(
    store: &Store,
    actor: &Actor,
    input: &IndicatorInput,
) -> Result<i64, WriteError> {
    let mission = writable_mission(store, actor, &input.mission).await?;
    let indicator = checked(input, mission.acronym)?;
    let event = actor.event(
        "indicator.define",
        "indicator",
        &format!("{} {}", indicator.mission, indicator.name_en),
    );
    store.db().insert_indicator(&indicator, &event).await
}

/// Enters an indicator's value for a quarter, replacing an earlier one. A computed indicator
/// takes none.
pub async fn enter_value(
    store: &Store,
    actor: &Actor,
    id: i64,
    quarter: Quarter,
    value: f64,
) -> Result<(), WriteError> {
    if !matches!(actor.role(), Role::Hq | Role::Mission) {
        return Err(WriteError::refused(message!("mission-writers")));
    }
    let found = store
        .db()
        .indicators(actor.scope().mission(), Some(id))
        .await?
        .pop();
    let Some(row) = visible(store.db(), actor, RecordTable::Indicator, id, found).await? else {
        return Err(WriteError::NotFound);
    };
    if let Source::Computed(_) = row.indicator.source {
        return Err(WriteError::conflict(message!(
            "indicator-computed",
            indicator = id
        )));
    }
    let current = Quarter::of(actor.today());
    if quarter > current {
        return Err(WriteError::refused(message!(
            "day-in-future",
            field = "quarter",
            today = actor.today()
        )));
    }
    let value = finite("value", value)?;
    let event = actor.event(
        "indicator.value",
        &format!("indicator:{id}"),
        &format!("{quarter}: {value}"),
    );
    store
        .db()
        .set_indicator_value(id, quarter, value, &event)
        .await
}

/// An indicator with its values over the dashboard's quarters.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Series {
    #[serde(flatten)]
    pub row: IndicatorRow,
    /// One per quarter shown, oldest first.
    pub values: Vec<Measurement>,
    /// The latest value there is (for a count over a quarter, of the last quarter that ended).
    pub latest: Option<Measurement>,
    /// Whether the latest value meets the target.
    pub met: Option<bool>,
}

/// A mission's dashboard: its indicators against their targets, and its transition tasks.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Dashboard {
    pub mission: MissionCode,
    pub quarters: Vec<Quarter>,
    pub indicators: Vec<Series>,
    pub tasks: Vec<TransitionTaskRow>,
    /// The share of its tasks handed over, in percent.
    pub readiness: Option<f64>,
}

/// The value of each of a mission's computed indicators for a quarter, read on the quarter's
/// reading day.
pub async fn computed_value(
    store: &Store,
    mission: MissionCode,
    computed: Computed,
    quarter: Quarter,
    today: NaiveDate,
) -> anyhow::Result<Option<f64>> {
    let facts = store
        .db()
        .facts(mission, quarter, quarter.reading_day(today))
        .await?;
    Ok(computed.value(&facts))
}

/// A mission's dashboard, if the caller may read it.
pub async fn dashboard(
    store: &Store,
    actor: &Actor,
    mission: &str,
) -> Result<Option<Dashboard>, WriteError> {
    let Some(Some(code)) = narrowed(dashboard_readers(actor), Some(mission))? else {
        return Ok(None);
    };
    if !store
        .db()
        .missions()
        .await?
        .iter()
        .any(|m| m.acronym == code)
    {
        return Err(WriteError::refused(message!(
            "unknown-mission",
            value = mission
        )));
    }
    let today = actor.today();
    let quarters = Quarter::of(today).last(QUARTERS_SHOWN);
    let mut facts = Vec::with_capacity(quarters.len());
    for q in &quarters {
        facts.push(store.db().facts(code, *q, q.reading_day(today)).await?);
    }
    let entered = store.db().indicator_values(Some(code)).await?;
    let indicators = store
        .db()
        .indicators(Some(code), None)
        .await?
        .into_iter()
        .map(|row| {
            let values: Vec<Measurement> = quarters
                .iter()
                .zip(&facts)
                .map(|(q, f)| Measurement {
                    quarter: *q,
                    value: match row.indicator.source {
                        Source::Computed(c) => c.value(f),
                        Source::Entered => entered
                            .get(&row.id)
                            .and_then(|v| v.iter().find(|(at, _)| at == q))
                            .map(|(_, value)| *value),
                    },
                })
                .collect();
            // A count over a quarter still running is partial: the latest is the last whole one.
            let partial = |m: &&Measurement| match row.indicator.source {
                Source::Computed(c) => c.counts_over_the_quarter() && m.quarter.last_day() >= today,
                Source::Entered => false,
            };
            let latest = values
                .iter()
                .rev()
                .filter(|m| !partial(m))
                .find(|m| m.value.is_some())
                .copied();
            let met = latest.and_then(|m| m.value).map(|v| row.indicator.met(v));
            Series {
                row,
                values,
                latest,
                met,
            }
        })
        .collect();
    // Tasks name their owners: analysts read the indicators only.
    let tasks = match readable_missions(actor) {
        Some(_) => store.db().transition_tasks(Some(code), None).await?,
        None => Vec::new(),
    };
    let all: Vec<TransitionTask> = tasks.iter().map(|t| t.task.clone()).collect();
    Ok(Some(Dashboard {
        mission: code,
        quarters,
        indicators,
        readiness: readiness(&all),
        tasks,
    }))
}

/// The indicators' definitions a caller may read.
pub async fn indicators(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
) -> Result<Vec<IndicatorRow>, WriteError> {
    match narrowed(dashboard_readers(actor), mission)? {
        Some(m) => Ok(store.db().indicators(m, None).await?),
        None => Ok(Vec::new()),
    }
}

/// A new police task to hand over.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct TaskInput {
    pub mission: String,
    pub task: String,
    /// `host_police` or `country_team`.
    pub recipient: String,
    pub owner: String,
    /// `not_started` by default; `in_progress`, `handed_over` or `at_risk`.
    #[serde(default)]
    pub status: Option<String>,
    pub due_on: NaiveDate,
}

fn task_status(typed: &str) -> Result<TaskStatus, WriteError> {
    coded(
        "task_status",
        typed,
        TaskStatus::TERMS,
        TaskStatus::from_code,
    )
}

/// Records a transition task; returns its id.
pub async fn record_task(
    store: &Store,
    actor: &Actor,
    input: &TaskInput,
) -> Result<i64, WriteError> {
    let mission = writable_mission(store, actor, &input.mission).await?;
    let task = TransitionTask {
        mission: mission.acronym,
        task: checks::required("task", &input.task, text::NAME_MAX)?,
        recipient: coded(
            "recipient",
            &input.recipient,
            Recipient::TERMS,
            Recipient::from_code,
        )?,
        owner: checks::required("owner", &input.owner, text::NAME_MAX)?,
        status: match input
            .status
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => task_status(s)?,
            None => TaskStatus::NotStarted,
        },
        due_on: {
            checks::plausible("due_on", input.due_on)?;
            input.due_on
        },
    };
    let event = actor.event(
        "transition.record",
        "transition_task",
        &format!("{} {}", task.mission, task.recipient.code()),
    );
    store.db().insert_transition_task(&task, &event).await
}

/// Moves a transition task to a status.
pub async fn set_task_status(
    store: &Store,
    actor: &Actor,
    id: i64,
    status: &str,
) -> Result<(), WriteError> {
    if !matches!(actor.role(), Role::Hq | Role::Mission) {
        return Err(WriteError::refused(message!("mission-writers")));
    }
    let status = task_status(status)?;
    let mission = actor.scope().mission();
    let found = store.db().transition_tasks(mission, Some(id)).await?.pop();
    if visible(store.db(), actor, RecordTable::TransitionTask, id, found)
        .await?
        .is_none()
    {
        return Err(WriteError::NotFound);
    }
    let event = actor.event(
        "transition.status",
        &format!("transition_task:{id}"),
        status.code(),
    );
    store
        .db()
        .set_task_status(id, mission, status, &event)
        .await
}

/// The transition tasks a caller may read.
pub async fn tasks(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
) -> Result<Vec<TransitionTaskRow>, WriteError> {
    match narrowed(readable_missions(actor), mission)? {
        Some(m) => Ok(store.db().transition_tasks(m, None).await?),
        None => Ok(Vec::new()),
    }
}
