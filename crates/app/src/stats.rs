//! Statistics from the published figures: contributions, parity, trend.

use crate::Store;
use std::collections::BTreeMap;

use unpol_domain::month::describe_ranges;
use unpol_domain::parity::{BASELINE_YEAR, ParityReport, TargetSchedule};
use unpol_domain::published::Level;
use unpol_domain::report::ContributionsReport;
use unpol_domain::trend::{TrendPoint, TrendReport};
use unpol_domain::{Category, Headcount, Month};
use unpol_storage::Database;
use unpol_storage::published::FigureFilter;

#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error("no published figures for {month}; months with figures: {available}")]
    NoData { month: Month, available: String },
    #[error("{month} has only country-level figures: the UN published no mission breakdown for it")]
    NoMissionBreakdown { month: Month },
    #[error("unknown mission `{0}`")]
    UnknownMission(String),
    #[error("unknown country `{0}`")]
    UnknownCountry(String),
    #[error("from {from} is after to {to}")]
    EmptyRange { from: Month, to: Month },
    #[error("the forecast window must be from 1 to {max} months")]
    BadWindow { max: u32 },
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

/// A report's optional narrowing, as the user typed it (an acronym, an ISO3 code or a name).
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    pub mission: Option<String>,
    pub country: Option<String>,
}

async fn level_of(db: &Database, month: Month) -> Result<Level, StatsError> {
    if let Some(level) = db.month_level(month).await? {
        return Ok(level);
    }
    let months = db.published_months().await?;
    months.get(&month).copied().ok_or_else(|| {
        let available: Vec<Month> = months.keys().copied().collect();
        let available = if available.is_empty() {
            "none (run `unpol import published`)".into()
        } else {
            describe_ranges(&available)
        };
        StatsError::NoData { month, available }
    })
}

async fn resolve(db: &Database, narrowing: &Narrowing) -> Result<FigureFilter, StatsError> {
    if narrowing.mission.is_none() && narrowing.country.is_none() {
        return Ok(FigureFilter::default());
    }
    let resolver = db.resolver().await?;
    let mission = match &narrowing.mission {
        None => None,
        Some(m) => Some(
            resolver
                .mission(m)
                .cloned()
                .ok_or_else(|| StatsError::UnknownMission(m.clone()))?,
        ),
    };
    let country = match &narrowing.country {
        None => None,
        Some(c) => Some(
            resolver
                .country(c)
                .ok_or_else(|| StatsError::UnknownCountry(c.clone()))?,
        ),
    };
    Ok(FigureFilter { mission, country })
}

/// The contributions report for one month, narrowed to a mission and/or a country.
pub async fn contributions(
    store: &Store,
    month: Month,
    narrowing: &Narrowing,
) -> Result<ContributionsReport, StatsError> {
    let db = store.db();
    let level = level_of(db, month).await?;
    let filter = resolve(db, narrowing).await?;
    if filter.mission.is_some() && level == Level::Country {
        return Err(StatsError::NoMissionBreakdown { month });
    }
    let figures = db.published_figures(month, level, &filter).await?;
    Ok(ContributionsReport::build(month, level, &figures))
}

/// The contributions report counted from the roster: deployments active on the month's last day.
/// The same JSON as from published figures; military categories are zero (unpol holds police).
pub async fn contributions_from_records(
    store: &Store,
    month: Month,
    narrowing: &Narrowing,
) -> Result<ContributionsReport, StatsError> {
    let db = store.db();
    let filter = resolve(db, narrowing).await?;
    let figures: Vec<_> = db
        .records_figures(month)
        .await?
        .into_iter()
        .filter(|f| filter.mission.is_none_or(|m| f.mission == Some(m)))
        .filter(|f| filter.country.is_none_or(|c| f.country == c))
        .collect();
    Ok(ContributionsReport::build(month, Level::Mission, &figures))
}

/// Women's share of police by category against the parity strategy's targets.
pub async fn parity(store: &Store, month: Month) -> Result<ParityReport, StatsError> {
    let db = store.db();
    level_of(db, month).await?;
    let police = db
        .police_by_month(month, month, &FigureFilter::default())
        .await?
        .remove(&month)
        .unwrap_or_default();
    let schedule = schedule_of(db).await?;
    Ok(ParityReport::build(month, &police, &schedule))
}

/// The parity report of every month from `from` to `to` that has figures, from one query.
pub async fn parity_history(
    store: &Store,
    from: Month,
    to: Month,
) -> Result<Vec<ParityReport>, StatsError> {
    let db = store.db();
    let schedule = schedule_of(db).await?;
    let police = db
        .police_by_month(from, to, &FigureFilter::default())
        .await?;
    Ok(police
        .iter()
        .map(|(month, counts)| ParityReport::build(*month, counts, &schedule))
        .collect())
}

/// The official targets plus the baseline: the shares measured in the first month of 2018 that
/// has figures.
pub async fn schedule(store: &Store) -> Result<TargetSchedule, StatsError> {
    schedule_of(store.db()).await
}

pub(crate) async fn schedule_of(db: &Database) -> Result<TargetSchedule, StatsError> {
    let mut schedule = TargetSchedule::new(db.parity_targets().await?);
    let year_start = Month::new(BASELINE_YEAR, 1).expect("valid month");
    let year_end = Month::new(BASELINE_YEAR, 12).expect("valid month");
    let baseline_year = db
        .police_by_month(year_start, year_end, &FigureFilter::default())
        .await?;
    if let Some(first) = baseline_year.values().next() {
        for category in Category::POLICE {
            if let Some(share) = first.get(&category).and_then(|h| h.women_share()) {
                schedule = schedule.with_baseline(category, share);
            }
        }
    }
    Ok(schedule)
}

/// Police strength and women's share for every month with figures in a range, narrowed to a
/// mission or a country.
pub async fn trend(
    store: &Store,
    from: Month,
    to: Month,
    narrowing: &Narrowing,
) -> Result<TrendReport, StatsError> {
    let db = store.db();
    if from > to {
        return Err(StatsError::EmptyRange { from, to });
    }
    let filter = resolve(db, narrowing).await?;
    let by_month: BTreeMap<Month, BTreeMap<Category, Headcount>> =
        db.police_by_month(from, to, &filter).await?;
    let months = by_month
        .into_iter()
        .map(|(month, categories)| TrendPoint::new(month, categories.into_values().sum()))
        .collect();
    Ok(TrendReport { from, to, months })
}

/// Every month with published figures, and the finest level it has.
pub async fn published_months(
    store: &Store,
) -> anyhow::Result<std::collections::BTreeMap<Month, unpol_domain::published::Level>> {
    store.db().published_months().await
}

/// A text that changes whenever published figures are imported: the key of caches built on them.
pub async fn published_version(store: &Store) -> anyhow::Result<String> {
    store.db().published_version().await
}
