//! Police strength month by month, for the trend charts.

use serde::Serialize;

use crate::{Headcount, Month};

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TrendPoint {
    pub month: Month,
    pub police_total: u64,
    pub women: u64,
    pub men: u64,
    pub women_share: Option<f64>,
}

impl TrendPoint {
    pub fn new(month: Month, police: Headcount) -> Self {
        TrendPoint {
            month,
            police_total: police.total(),
            women: u64::from(police.women),
            men: u64::from(police.men),
            women_share: police.women_share(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TrendReport {
    pub from: Month,
    pub to: Month,
    /// Only months with figures; gaps in the UN's publication stay gaps.
    pub months: Vec<TrendPoint>,
}
