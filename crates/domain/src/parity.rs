//! Gender parity against the Uniformed Gender Parity Strategy 2018-2028.
//!
//! Only a few of the strategy's yearly targets are public (see the reference data's SOURCES.md).
//! For the other years unpol draws a straight path between the nearest known points, starting from
//! the share measured in 2018, and labels it `path`: a path is never presented as an official
//! target.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{Category, Headcount, Month};

/// The year the strategy starts: its baseline is the share measured in the first month of 2018.
pub const BASELINE_YEAR: i32 = 2018;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// Set in the strategy (or entered by an administrator from an official text).
    Official,
    /// A straight line between known points, for a year with no official target.
    Path,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Target {
    pub share: f64,
    pub kind: TargetKind,
}

/// Known targets per category and year, plus the measured 2018 baseline where figures exist.
#[derive(Debug, Clone, Default)]
pub struct TargetSchedule {
    official: BTreeMap<Category, BTreeMap<i32, f64>>,
    baseline: BTreeMap<Category, f64>,
}

impl TargetSchedule {
    pub fn new(official: impl IntoIterator<Item = (i32, Category, f64)>) -> Self {
        let mut schedule = Self::default();
        for (year, category, share) in official {
            schedule
                .official
                .entry(category)
                .or_default()
                .insert(year, share);
        }
        schedule
    }

    /// Records the share measured in the baseline year, the start of every path.
    pub fn with_baseline(mut self, category: Category, share: f64) -> Self {
        self.baseline.insert(category, share);
        self
    }

    /// The target for a year: official if one is known, otherwise the path between the nearest
    /// known points; after the last known target, that target holds. `None` before the strategy,
    /// or when a path would need a baseline that was never measured.
    pub fn target(&self, category: Category, year: i32) -> Option<Target> {
        let official = self.official.get(&category);
        if let Some(&share) = official.and_then(|o| o.get(&year)) {
            return Some(Target {
                share,
                kind: TargetKind::Official,
            });
        }
        if year < BASELINE_YEAR {
            return None;
        }
        let mut points: Vec<(i32, f64)> = Vec::new();
        if let Some(&baseline) = self.baseline.get(&category) {
            points.push((BASELINE_YEAR, baseline));
        }
        points.extend(official.into_iter().flatten().map(|(&y, &s)| (y, s)));
        points.sort_by_key(|&(y, _)| y);
        points.dedup_by_key(|&mut (y, _)| y);

        let after = points.iter().position(|&(y, _)| y > year);
        let share = match after {
            Some(0) => return None,
            Some(i) => interpolate(points[i - 1], points[i], year),
            None => points.last()?.1,
        };
        Some(Target {
            share,
            kind: TargetKind::Path,
        })
    }
}

fn interpolate((y0, s0): (i32, f64), (y1, s1): (i32, f64), year: i32) -> f64 {
    s0 + (s1 - s0) * f64::from(year - y0) / f64::from(y1 - y0)
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CategoryParity {
    pub women: u64,
    pub total: u64,
    pub women_share: Option<f64>,
    pub target: Option<f64>,
    pub target_kind: Option<TargetKind>,
    /// Target minus share: positive is a shortfall, negative is above target.
    pub gap: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ParityReport {
    pub month: Month,
    pub categories: BTreeMap<Category, CategoryParity>,
}

impl ParityReport {
    pub fn build(
        month: Month,
        police: &BTreeMap<Category, Headcount>,
        schedule: &TargetSchedule,
    ) -> Self {
        let categories = Category::POLICE
            .into_iter()
            .map(|category| {
                let counts = police.get(&category).copied().unwrap_or_default();
                let share = counts.women_share();
                let target = schedule.target(category, month.year());
                let parity = CategoryParity {
                    women: u64::from(counts.women),
                    total: counts.total(),
                    women_share: share,
                    target: target.map(|t| t.share),
                    target_kind: target.map(|t| t.kind),
                    gap: target.zip(share).map(|(t, s)| t.share - s),
                };
                (category, parity)
            })
            .collect();
        ParityReport { month, categories }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn schedule() -> TargetSchedule {
        TargetSchedule::new([
            (2022, Category::FormedPoliceUnits, 0.12),
            (2028, Category::FormedPoliceUnits, 0.20),
            (2028, Category::IndividualPolice, 0.30),
        ])
        .with_baseline(Category::FormedPoliceUnits, 0.08)
        .with_baseline(Category::IndividualPolice, 0.18)
    }

    #[test]
    fn official_years_are_official_and_others_are_on_the_path() {
        let s = schedule();
        let t = s.target(Category::FormedPoliceUnits, 2022).expect("known");
        assert_eq!(
            t,
            Target {
                share: 0.12,
                kind: TargetKind::Official
            }
        );
        let t = s.target(Category::FormedPoliceUnits, 2020).expect("path");
        assert_eq!(t.kind, TargetKind::Path);
        assert!((t.share - 0.10).abs() < 1e-12);
        let t = s.target(Category::FormedPoliceUnits, 2025).expect("path");
        assert!((t.share - 0.16).abs() < 1e-12);
        let t = s.target(Category::IndividualPolice, 2023).expect("path");
        assert!((t.share - 0.24).abs() < 1e-12);
        assert_eq!(s.target(Category::IndividualPolice, 2017), None);
        let t = s.target(Category::IndividualPolice, 2030).expect("held");
        assert_eq!(
            t,
            Target {
                share: 0.30,
                kind: TargetKind::Path
            }
        );
    }

    #[test]
    fn without_a_baseline_early_years_have_no_target() {
        let s = TargetSchedule::new([(2028, Category::IndividualPolice, 0.30)]);
        assert_eq!(s.target(Category::IndividualPolice, 2020), None);
        assert!(s.target(Category::IndividualPolice, 2028).is_some());
    }

    proptest! {
        #[test]
        fn path_stays_between_its_end_points(year in 2018i32..2040, base in 0.0f64..0.5) {
            let s = TargetSchedule::new([
                (2022, Category::FormedPoliceUnits, 0.12),
                (2028, Category::FormedPoliceUnits, 0.20),
            ]).with_baseline(Category::FormedPoliceUnits, base);
            let t = s.target(Category::FormedPoliceUnits, year).expect("has a target");
            let (lo, hi) = if year <= 2022 { (base.min(0.12), base.max(0.12)) } else { (0.12, 0.20) };
            prop_assert!(t.share >= lo - 1e-12 && t.share <= hi + 1e-12);
        }
    }
}
