//! Calendar quarters: the period capacity-building figures and mission performance indicators are
//! reported for (CPAS reports quarterly).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A calendar quarter, written `2026-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: i32,
    /// 1 to 4.
    number: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a quarter (YYYY-Qn, n from 1 to 4)")]
pub struct QuarterError(pub String);

impl Quarter {
    pub fn new(year: i32, number: u32) -> Option<Self> {
        ((1..=4).contains(&number) && (1..=9999).contains(&year))
            .then_some(Quarter { year, number })
    }

    /// The quarter a day falls in.
    pub fn of(day: NaiveDate) -> Self {
        Quarter {
            year: day.year(),
            number: (day.month() - 1) / 3 + 1,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.number
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1)
            .expect("a quarter's first day exists")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next()
            .first_day()
            .pred_opt()
            .expect("a quarter's last day exists")
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        Quarter::of(day) == self
    }

    pub fn next(self) -> Self {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                number: self.number + 1,
                ..self
            }
        }
    }

    pub fn previous(self) -> Self {
        if self.number == 1 {
            Quarter {
                year: self.year - 1,
                number: 4,
            }
        } else {
            Quarter {
                number: self.number - 1,
                ..self
            }
        }
    }

    /// The `count` quarters that end with this one, oldest first.
    pub fn last(self, count: usize) -> Vec<Quarter> {
        let mut quarters: Vec<Quarter> = std::iter::successors(Some(self), |q| Some(q.previous()))
            .take(count)
            .collect();
        quarters.reverse();
        quarters
    }

    /// The day a quarter's stock figures are read on: its last day, or `today` while it runs.
    pub fn reading_day(self, today: NaiveDate) -> NaiveDate {
        self.last_day().min(today)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = QuarterError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || QuarterError(s.to_string());
        let (year, number) = s.trim().split_once("-Q").ok_or_else(bad)?;
        if year.len() != 4 || number.len() != 1 {
            return Err(bad());
        }
        Quarter::new(
            year.parse().map_err(|_| bad())?,
            number.parse().map_err(|_| bad())?,
        )
        .ok_or_else(bad)
    }
}

impl serde::Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Quarter {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Quarter {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Quarter".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[0-9]{4}-Q[1-4]$", "examples": ["2026-Q3"]})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("valid")
    }

    #[test]
    fn a_quarter_spans_its_three_months() {
        let q: Quarter = "2024-Q1".parse().expect("valid");
        assert_eq!(q.first_day(), day("2024-01-01"));
        assert_eq!(q.last_day(), day("2024-03-31"));
        assert_eq!(Quarter::of(day("2024-12-31")).to_string(), "2024-Q4");
        assert_eq!(q.previous().to_string(), "2023-Q4");
        assert_eq!(q.previous().next(), q);
        assert!(q.contains(day("2024-02-29")) && !q.contains(day("2024-04-01")));
    }

    #[test]
    fn the_last_quarters_end_with_this_one() {
        let q: Quarter = "2026-Q2".parse().expect("valid");
        let names: Vec<String> = q.last(3).iter().map(ToString::to_string).collect();
        assert_eq!(names, ["2025-Q4", "2026-Q1", "2026-Q2"]);
    }

    #[test]
    fn bad_quarters_are_refused() {
        for bad in ["2024-Q5", "2024-Q0", "2024Q1", "24-Q1", "2024-Q12", ""] {
            assert!(bad.parse::<Quarter>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_running_quarter_is_read_today() {
        let q: Quarter = "2026-Q4".parse().expect("valid");
        assert_eq!(q.reading_day(day("2026-12-03")), day("2026-12-03"));
        assert_eq!(
            q.previous().reading_day(day("2026-12-03")),
            day("2026-09-30")
        );
    }
}
