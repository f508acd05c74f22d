//! Rotations: the tours that end in a month, and how many of their replacements must be women for a
//! mission to reach its parity target.

use serde::Serialize;

use crate::parity::{Target, TargetKind};
use crate::{Category, Headcount, MissionCode, Month};

/// How many replacements must be women so that, once every ending tour is replaced, women make up
/// at least `target` of `strength`, and whether that reaches the target at all: when even
/// all-women replacements fall short, the answer is every replacement, and `false`.
pub fn women_needed(
    strength: u64,
    women_staying: u64,
    replacements: u64,
    target: f64,
) -> (u64, bool) {
    let wanted = (target * strength as f64 - 1e-9).ceil().max(0.0) as u64;
    let missing = wanted.saturating_sub(women_staying);
    (missing.min(replacements), missing <= replacements)
}

/// One mission, one month, one category.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RotationLine {
    pub mission: MissionCode,
    pub month: Month,
    pub category: Category,
    /// Tours ending this month.
    pub ending_women: u64,
    pub ending_men: u64,
    /// Deployed on the last day of the month before, by the tours recorded today: without
    /// replacement, strength falls as tours end.
    pub strength: u64,
    /// The strength on the day before the forecast starts, which the mission keeps if every
    /// rotating officer is replaced one for one (what `women_needed` assumes).
    pub strength_if_replaced: u64,
    pub women_in_strength: u64,
    pub target: Option<f64>,
    pub target_kind: Option<TargetKind>,
    /// How many replacements must be women to meet the target (null without a target).
    pub women_needed: Option<u64>,
    /// False when even all-women replacements would not reach the target.
    pub target_reachable: Option<bool>,
}

impl RotationLine {
    pub fn new(
        mission: MissionCode,
        month: Month,
        category: Category,
        ending: Headcount,
        before: Headcount,
        target: Option<Target>,
    ) -> Self {
        let ending_total = ending.total();
        let women_staying = u64::from(before.women).saturating_sub(u64::from(ending.women));
        let need =
            target.map(|t| women_needed(before.total(), women_staying, ending_total, t.share));
        RotationLine {
            mission,
            month,
            category,
            ending_women: u64::from(ending.women),
            ending_men: u64::from(ending.men),
            strength: before.total(),
            strength_if_replaced: before.total(),
            women_in_strength: u64::from(before.women),
            target: target.map(|t| t.share),
            target_kind: target.map(|t| t.kind),
            women_needed: need.map(|(n, _)| n),
            target_reachable: need.map(|(_, ok)| ok),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RotationForecast {
    pub from: Month,
    pub months: u32,
    pub lines: Vec<RotationLine>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn replacements_make_up_the_shortfall() {
        // 100 officers, 20 women of whom 5 leave with 10 men: 15 stay; 30% needs 30, so 15 of the
        // 15 replacements must be women.
        assert_eq!(women_needed(100, 15, 15, 0.30), (15, true));
        assert_eq!(
            women_needed(100, 15, 10, 0.30),
            (10, false),
            "short even with all women"
        );
        assert_eq!(
            women_needed(100, 40, 10, 0.30),
            (0, true),
            "already above target"
        );
    }

    proptest! {
        #[test]
        fn the_answer_is_the_least_that_reaches_the_target(
            strength in 1u64..500, staying_share in 0.0f64..1.0, replacing_share in 0.0f64..1.0, target in 0.0f64..0.6,
        ) {
            let replacements = (strength as f64 * replacing_share) as u64;
            let staying_total = strength - replacements;
            let women_staying = (staying_total as f64 * staying_share) as u64;
            let (n, ok) = women_needed(strength, women_staying, replacements, target);
            prop_assert!(n <= replacements);
            let share = |w: u64| w as f64 / strength as f64;
            if ok {
                prop_assert!(share(women_staying + n) >= target - 1e-9);
                if n > 0 {
                    prop_assert!(share(women_staying + n - 1) < target);
                }
            } else {
                prop_assert_eq!(n, replacements);
                prop_assert!(share(women_staying + replacements) < target);
            }
        }
    }
}
