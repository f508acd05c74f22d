//! Forecasting rotations: which tours end in the coming months, per mission, and how many of the
//! replacements must be women for each mission to meet its parity target.

use crate::Store;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use unpol_domain::roster::Gender;
use unpol_domain::rotation::{RotationForecast, RotationLine};
use unpol_domain::{Category, Headcount, MissionCode, Month};
use unpol_storage::deployments::TourCounts;

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

fn by_mission(rows: TourCounts) -> BTreeMap<(MissionCode, Category), Headcount> {
    let mut counts = BTreeMap::new();
    for (mission, _, category, gender, n) in rows {
        add(&mut counts, mission, category, gender, n);
    }
    counts
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
    let mut lines = Vec::new();
    let mut month = from;
    for _ in 0..months {
        let first = NaiveDate::from_ymd_opt(month.year(), month.month(), 1).expect("valid month");
        let before = by_mission(
            db.strength_on(scope, first.pred_opt().unwrap_or(first), mission)
                .await?,
        );
        let ending = by_mission(
            db.tours_ending(scope, first, month.last_day(), mission)
                .await?,
        );
        for ((m, category), ending) in ending {
            let strength = before.get(&(m, category)).copied().unwrap_or_default();
            let target = schedule.target(category, month.year());
            lines.push(RotationLine::new(
                m, month, category, ending, strength, target,
            ));
        }
        month = month.next();
    }
    Ok(RotationForecast {
        from,
        months,
        lines,
    })
}
