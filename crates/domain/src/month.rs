//! Calendar months, the unit of every published figure.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A calendar month. The UN's reports are "as of" the last day of a month; unpol keys figures by
/// month so that a report dated the 30th and one dated the 31st never count as different months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: i32,
    month: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a month (expected YYYY-MM or a date YYYY-MM-DD)")]
pub struct MonthError(pub String);

impl Month {
    /// The earliest year unpol accepts: UN peace operations begin in 1948.
    pub const FIRST_YEAR: i32 = 1948;

    pub fn new(year: i32, month: u32) -> Option<Self> {
        ((Self::FIRST_YEAR..=9999).contains(&year) && (1..=12).contains(&month))
            .then_some(Self { year, month })
    }

    pub fn from_date(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// The day the UN's reports are dated: the last day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        let next = self.next();
        NaiveDate::from_ymd_opt(next.year, next.month, 1)
            .and_then(|d| d.pred_opt())
            .expect("months are validated on construction")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
}

impl FromStr for Month {
    type Err = MonthError;

    /// Accepts `YYYY-MM` and full dates `YYYY-MM-DD` (the reports' "as of" dates).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let err = || MonthError(s.to_string());
        let number = |s: &str| -> Result<u32, MonthError> {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| err())
            } else {
                Err(err())
            }
        };
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next(), parts.next(), parts.next());
        let (Some(year), Some(month)) = (year, month) else {
            return Err(err());
        };
        if year.len() != 4 || month.len() != 2 || parts.next().is_some() {
            return Err(err());
        }
        let parsed = Month::new(number(year)? as i32, number(month)?).ok_or_else(err)?;
        match day {
            None => Ok(parsed),
            // A report date: the day must exist in that month.
            Some(day)
                if day.len() == 2
                    && number(day)? >= 1
                    && number(day)? <= parsed.last_day().day() =>
            {
                Ok(parsed)
            }
            Some(_) => Err(err()),
        }
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl schemars::JsonSchema for Month {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Month".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"})
    }
}

impl TryFrom<String> for Month {
    type Error = MonthError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Month> for String {
    fn from(value: Month) -> Self {
        value.to_string()
    }
}

/// Writes a sorted list of months as ranges (`2015-01, 2015-04 to 2015-12`), so that an error
/// naming the months that exist stays readable when there are a hundred of them.
pub fn describe_ranges(months: &[Month]) -> String {
    let mut parts = Vec::new();
    let mut iter = months.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&end.next()) {
            end = end.next();
            iter.next();
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start} to {end}")
        });
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_months_and_report_dates() {
        assert_eq!("2018-01".parse::<Month>().ok(), Month::new(2018, 1));
        assert_eq!("2018-02-28".parse::<Month>().ok(), Month::new(2018, 2));
        for bad in [
            "2018-13",
            "2018-1",
            "18-01",
            "2018-02-30",
            "January 2018",
            "",
            "1900-01",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn last_day_handles_leap_years() {
        assert_eq!(
            Month::new(2016, 2).map(Month::last_day),
            NaiveDate::from_ymd_opt(2016, 2, 29)
        );
        assert_eq!(
            Month::new(2018, 12).map(Month::last_day),
            NaiveDate::from_ymd_opt(2018, 12, 31)
        );
    }

    #[test]
    fn ranges_compress_consecutive_months() {
        let months: Vec<Month> = [
            "2015-01", "2015-04", "2015-05", "2015-06", "2016-12", "2017-01",
        ]
        .iter()
        .map(|m| m.parse().expect("valid"))
        .collect();
        assert_eq!(
            describe_ranges(&months),
            "2015-01, 2015-04 to 2015-06, 2016-12 to 2017-01"
        );
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(year in 1948i32..=9999, month in 1u32..=12) {
            let m = Month::new(year, month).expect("in range");
            prop_assert_eq!(m.to_string().parse::<Month>(), Ok(m));
            prop_assert!(m.next() > m);
            prop_assert_eq!(Month::from_date(m.last_day()), m);
        }
    }
}
