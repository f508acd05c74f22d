//! A row of the UN's published monthly contributions, and the rules it must satisfy before it is
//! stored.

use serde::Serialize;

use crate::headcount::HeadcountError;
use crate::month::MonthError;
use crate::reference::Resolver;
use crate::{Category, CountryCode, Headcount, MissionCode, Month};

/// Whether a report breaks figures down by mission (most months) or only by contributing country
/// (March 2018 to August 2019).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Mission,
    Country,
}

/// One validated cell of a report: this many women and men of this category, from this country,
/// in this mission (or in all missions, for country-level reports), in this month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedFigure {
    pub month: Month,
    pub mission: Option<MissionCode>,
    pub country: CountryCode,
    pub category: Category,
    pub headcount: Headcount,
}

/// The key a report cell is stored under; two rows with one key in a file are added together
/// (the reports print a few such pairs, one of them zero).
pub type FigureKey = (Month, Option<MissionCode>, CountryCode, Category);

impl PublishedFigure {
    pub fn key(&self) -> FigureKey {
        (self.month, self.mission, self.country, self.category)
    }

    pub fn level(&self) -> Level {
        if self.mission.is_some() {
            Level::Mission
        } else {
            Level::Country
        }
    }
}

/// A row as read from a file, before any rule is checked. Readers fill it from CSV or XLSX;
/// [`RawRow::validate`] turns it into a [`PublishedFigure`] or says what is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    pub month: String,
    /// `None` for a country-level file (no mission column).
    pub mission: Option<String>,
    pub country: String,
    /// The file's own ISO 3166 code column, if it has one: checked against the name.
    pub iso3: Option<String>,
    pub category: String,
    pub women: i64,
    pub men: i64,
    pub total: i64,
}

/// Why a row is refused. The message is the `reason` in `FILE:LINE: reason`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowError {
    #[error("unknown month: {0}")]
    Month(#[from] MonthError),
    #[error("unknown country `{0}`")]
    UnknownCountry(String),
    #[error("unknown ISO 3166 code `{0}`")]
    UnknownCountryCode(String),
    #[error("country `{name}` is {resolved}, but the row's ISO 3166 code says {given}")]
    CountryMismatch {
        name: String,
        resolved: CountryCode,
        given: String,
    },
    #[error("unknown mission `{0}`")]
    UnknownMission(String),
    #[error("unknown personnel category `{0}`")]
    UnknownCategory(String),
    #[error("{0}")]
    Headcount(#[from] HeadcountError),
    #[error("`{value}` in column {column} is not a whole number")]
    NotANumber { column: String, value: String },
    #[error("missing value in column {0}")]
    Missing(String),
    #[error(
        "month {month} is after the current month ({latest}): figures are published after the fact"
    )]
    FutureMonth { month: Month, latest: Month },
}

impl RawRow {
    /// The figure of this row, if it satisfies every rule; `latest` is the current month, after
    /// which nothing can have been published.
    pub fn validate(
        &self,
        resolver: &Resolver,
        latest: Month,
    ) -> Result<PublishedFigure, RowError> {
        let month: Month = self.month.parse()?;
        if month > latest {
            return Err(RowError::FutureMonth { month, latest });
        }
        let country = self.resolve_country(resolver)?;
        let mission = match &self.mission {
            None => None,
            Some(acronym) if acronym.trim().is_empty() => {
                return Err(RowError::Missing("mission".into()));
            }
            Some(acronym) => Some(
                resolver
                    .mission(acronym)
                    .cloned()
                    .ok_or_else(|| RowError::UnknownMission(acronym.trim().to_string()))?,
            ),
        };
        let category = Category::from_label(&self.category)
            .ok_or_else(|| RowError::UnknownCategory(self.category.trim().to_string()))?;
        let headcount = Headcount::from_printed(self.women, self.men, self.total)?;
        Ok(PublishedFigure {
            month,
            mission,
            country,
            category,
            headcount,
        })
    }

    fn resolve_country(&self, resolver: &Resolver) -> Result<CountryCode, RowError> {
        let given = self
            .iso3
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if self.country.trim().is_empty() {
            let given = given.ok_or_else(|| RowError::Missing("contributing_country".into()))?;
            return CountryCode::parse(given)
                .ok()
                .filter(|code| resolver.is_known_country(code))
                .ok_or_else(|| RowError::UnknownCountryCode(given.to_string()));
        }
        let resolved = resolver
            .country_by_name(&self.country)
            .cloned()
            .ok_or_else(|| RowError::UnknownCountry(self.country.trim().to_string()))?;
        match given {
            Some(code) if !code.eq_ignore_ascii_case(resolved.as_str()) => {
                Err(RowError::CountryMismatch {
                    name: self.country.trim().to_string(),
                    resolved,
                    given: code.to_string(),
                })
            }
            _ => Ok(resolved),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The current month of these tests.
    fn latest() -> Month {
        Month::new(2026, 11).expect("a month")
    }

    fn resolver() -> Resolver {
        Resolver::new(
            [(
                "Senegal".to_string(),
                CountryCode::parse("SEN").expect("valid"),
            )],
            [(
                "UNMISS".to_string(),
                MissionCode::parse("UNMISS").expect("valid"),
            )],
        )
    }

    fn row() -> RawRow {
        RawRow {
            month: "2018-01-31".into(),
            mission: Some("UNMISS".into()),
            country: "Senegal".into(),
            iso3: Some("SEN".into()),
            category: "FPU".into(),
            women: 10,
            men: 130,
            total: 140,
        }
    }

    #[test]
    fn a_good_row_becomes_a_figure() {
        let figure = row().validate(&resolver(), latest()).expect("valid row");
        assert_eq!(figure.month.to_string(), "2018-01");
        assert_eq!(figure.category, Category::FormedPoliceUnits);
        assert_eq!(figure.headcount.total(), 140);
        assert_eq!(figure.level(), Level::Mission);
    }

    #[test]
    fn each_rule_names_what_is_wrong() {
        let r = resolver();
        let cases: Vec<(RawRow, &str)> = vec![
            (
                RawRow {
                    country: "Senegall".into(),
                    ..row()
                },
                "unknown country `Senegall`",
            ),
            (
                RawRow {
                    mission: Some("UNMIS".into()),
                    ..row()
                },
                "unknown mission `UNMIS`",
            ),
            (
                RawRow {
                    category: "Civilian".into(),
                    ..row()
                },
                "unknown personnel category",
            ),
            (
                RawRow {
                    month: "2018-13".into(),
                    ..row()
                },
                "unknown month",
            ),
            (
                RawRow {
                    women: -1,
                    total: 129,
                    ..row()
                },
                "negative count",
            ),
            (
                RawRow {
                    total: 141,
                    ..row()
                },
                "women + men != total",
            ),
            (
                RawRow {
                    iso3: Some("MLI".into()),
                    ..row()
                },
                "code says MLI",
            ),
            (
                RawRow {
                    month: "2999-12".into(),
                    ..row()
                },
                "after the current month",
            ),
        ];
        for (raw, expected) in cases {
            let err = raw
                .validate(&r, latest())
                .expect_err("row must be refused")
                .to_string();
            assert!(
                err.contains(expected),
                "`{err}` should contain `{expected}`"
            );
        }
    }
}
