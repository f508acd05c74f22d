//! Forecasting rotations: which tours end in the coming months, per mission, and how many of the
//! replacements must be women for each mission to meet its parity target.

use crate::Store;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use unpol_domain::roster::Gender;
use unpol_domain::rotation::{RotationForecast, RotationLine};
use unpol_domain::{Category, Headcount, MissionCode, Month};

use crate::stats::StatsError;

/// The longest window a forecast covers.
pub const MAX_MONTHS: u32 = 36;

fn add(
    counts: &mut BTreeMap<(MissionCode, Category), Headcount>,
    mission: MissionCode,
    category: Category,
    gender: Gender,
    n: u32,
) {
    let cell = counts.entry((mission, category)).or_default();
    match gender {
        Gender::Female => cell.women += n,
        Gender::Male => cell.men += n,
    }
}

fn first_day(month: Month) -> NaiveDate {
    NaiveDate::from_ymd_opt(month.year(), month.month(), 1).expect("valid month")
}

/// The forecast for `months` months from `from`, within the caller's scope (a `pcc` caller sees
/// its nationals' tours, a `mission` caller its mission).
pub async fn rotations(
    store: &Store,
    actor: &crate::Actor,
    from: Month,
    months: u32,
    mission: Option<&str>,
) -> Result<RotationForecast, StatsError> {
    let db = store.db();
    let scope = actor.scope();
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(StatsError::BadWindow { max: MAX_MONTHS });
    }
    let mission = match mission {
        None => None,
        Some(m) => Some(
            *db.resolver()
                .await?
                .mission(m)
                .ok_or_else(|| StatsError::UnknownMission(m.into()))?,
        ),
    };
    let schedule = crate::stats::schedule_of(db).await?;
    let first = first_day(from);
    let last = (1..months).fold(from, |m, _| m.next()).last_day();
    let tours = db
        .tour_months(scope, first.pred_opt().unwrap_or(first), last, mission)
        .await?;
    let mut lines = Vec::new();
    let mut month = from;
    // The strength on the day before the forecast: what replacement one for one keeps.
    let mut at_start: BTreeMap<(MissionCode, Category), Headcount> = BTreeMap::new();
    for t in &tours {
        if t.start < from && t.after_end >= from {
            add(&mut at_start, t.mission, t.category, t.gender, t.count);
        }
    }
    for _ in 0..months {
        // Strength on the last day of the month before; tours whose last day falls in the month.
        let mut before = BTreeMap::new();
        let mut ending = BTreeMap::new();
        for t in &tours {
            if t.start < month && t.after_end >= month {
                add(&mut before, t.mission, t.category, t.gender, t.count);
            }
            if t.end == month {
                add(&mut ending, t.mission, t.category, t.gender, t.count);
            }
        }
        for ((m, category), ending) in ending {
            let strength = before.get(&(m, category)).copied().unwrap_or_default();
            let target = schedule.target(category, month.year());
            let mut line = RotationLine::new(m, month, category, ending, strength, target);
            if let Some(start) = at_start.get(&(m, category)) {
                line.strength_if_replaced = start.total();
            }
            lines.push(line);
        }
        month = month.next();
    }
    Ok(RotationForecast {
        from,
        months,
        lines,
    })
}
