//! The monthly contributions report: the figures a force-generation officer quotes ("how many
//! police, from how many countries, in which missions, what share are women?").
//!
//! The JSON shape of [`ContributionsReport`] is a contract (see DESIGN.md and the foundation
//! issue): the command line, the API and the web pages all serialise this one type.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::published::{Level, PublishedFigure};
use crate::{Category, CountryCode, Headcount, MissionCode, Month};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Counts {
    pub total: u64,
    pub women: u64,
    pub men: u64,
}

impl From<Headcount> for Counts {
    fn from(h: Headcount) -> Self {
        Counts {
            total: h.total(),
            women: u64::from(h.women),
            men: u64::from(h.men),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PoliceSummary {
    pub total: u64,
    pub women: u64,
    pub men: u64,
    /// `null` when no police are counted.
    pub women_share: Option<f64>,
    /// Contributing countries with at least one police officer.
    pub countries: usize,
    /// Missions with at least one police officer; `null` for country-level months.
    pub missions: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CategoryCounts {
    pub individual_police: Counts,
    pub formed_police_units: Counts,
    pub experts_on_mission: Counts,
    pub staff_officers: Counts,
    pub troops: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MissionLine {
    pub mission: MissionCode,
    pub police: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct CountryLine {
    pub country: CountryCode,
    pub police: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ContributionsReport {
    pub month: Month,
    pub police: PoliceSummary,
    pub categories: CategoryCounts,
    /// `null` when the month has only country-level figures.
    pub missions: Option<Vec<MissionLine>>,
    pub countries: Vec<CountryLine>,
}

impl ContributionsReport {
    /// Builds the report from the figures of one month, already narrowed to the caller's mission or
    /// country filter. Missions and countries are listed (and counted) where police are above zero,
    /// in code order.
    pub fn build(month: Month, level: Level, figures: &[PublishedFigure]) -> Self {
        let mut by_category: BTreeMap<Category, Headcount> = BTreeMap::new();
        let mut by_mission: BTreeMap<&MissionCode, Headcount> = BTreeMap::new();
        let mut by_country: BTreeMap<&CountryCode, Headcount> = BTreeMap::new();
        for figure in figures.iter().filter(|f| f.month == month) {
            *by_category.entry(figure.category).or_default() += figure.headcount;
            if !figure.category.is_police() {
                continue;
            }
            if let Some(mission) = &figure.mission {
                *by_mission.entry(mission).or_default() += figure.headcount;
            }
            *by_country.entry(&figure.country).or_default() += figure.headcount;
        }
        let category = |c: Category| Counts::from(by_category.get(&c).copied().unwrap_or_default());
        let police: Headcount = Category::POLICE
            .iter()
            .filter_map(|c| by_category.get(c))
            .copied()
            .sum();

        let missions: Option<Vec<MissionLine>> = (level == Level::Mission).then(|| {
            by_mission
                .into_iter()
                .filter(|(_, h)| h.total() > 0)
                .map(|(m, h)| MissionLine {
                    mission: *m,
                    police: h.into(),
                })
                .collect()
        });
        let countries: Vec<CountryLine> = by_country
            .into_iter()
            .filter(|(_, h)| h.total() > 0)
            .map(|(c, h)| CountryLine {
                country: *c,
                police: h.into(),
            })
            .collect();

        ContributionsReport {
            month,
            police: PoliceSummary {
                total: police.total(),
                women: u64::from(police.women),
                men: u64::from(police.men),
                women_share: police.women_share(),
                countries: countries.len(),
                missions: missions.as_ref().map(Vec::len),
            },
            categories: CategoryCounts {
                individual_police: category(Category::IndividualPolice),
                formed_police_units: category(Category::FormedPoliceUnits),
                experts_on_mission: category(Category::ExpertsOnMission),
                staff_officers: category(Category::StaffOfficers),
                troops: category(Category::Troops),
            },
            missions,
            countries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn figure(
        mission: Option<&str>,
        country: &str,
        category: Category,
        w: u32,
        m: u32,
    ) -> PublishedFigure {
        PublishedFigure {
            month: Month::new(2018, 1).expect("valid"),
            mission: mission.map(|s| MissionCode::parse(s).expect("valid")),
            country: CountryCode::parse(country).expect("valid"),
            category,
            headcount: Headcount::new(w, m),
        }
    }

    #[test]
    fn police_is_individual_police_plus_units_and_zero_rows_do_not_count() {
        let month = Month::new(2018, 1).expect("valid");
        let figures = vec![
            figure(Some("UNMISS"), "SEN", Category::FormedPoliceUnits, 10, 130),
            figure(Some("UNMISS"), "GHA", Category::IndividualPolice, 5, 15),
            figure(Some("MINUSCA"), "SEN", Category::IndividualPolice, 0, 0),
            figure(Some("MINUSCA"), "FRA", Category::Troops, 2, 100),
        ];
        let report = ContributionsReport::build(month, Level::Mission, &figures);
        assert_eq!(report.police.total, 160);
        assert_eq!(report.police.women, 15);
        assert_eq!(report.police.countries, 2, "FRA has only troops");
        assert_eq!(report.police.missions, Some(1), "MINUSCA has zero police");
        assert_eq!(report.categories.troops.total, 102);
        let json = serde_json::to_value(&report).expect("serialises");
        assert_eq!(json["month"], "2018-01");
        assert_eq!(json["missions"][0]["mission"], "UNMISS");
        assert_eq!(json["countries"][0]["country"], "GHA");
    }

    #[test]
    fn country_level_months_have_no_missions() {
        let month = Month::new(2018, 1).expect("valid");
        let figures = vec![figure(None, "SEN", Category::IndividualPolice, 1, 2)];
        let report = ContributionsReport::build(month, Level::Country, &figures);
        let json = serde_json::to_value(&report).expect("serialises");
        assert!(json["missions"].is_null());
        assert!(json["police"]["missions"].is_null());
        assert_eq!(json["police"]["countries"], 1);
    }

    proptest! {
        #[test]
        fn lines_add_up_to_the_police_total(
            cells in proptest::collection::vec((0usize..3, 0usize..4, 0usize..5, 0u32..50, 0u32..50), 0..40)
        ) {
            let missions = ["MINUSCA", "UNMISS", "MONUSCO"];
            let countries = ["SEN", "GHA", "RWA", "EGY"];
            let figures: Vec<_> = cells.iter().map(|&(m, c, k, w, n)| {
                figure(Some(missions[m]), countries[c], Category::ALL[k], w, n)
            }).collect();
            let month = Month::new(2018, 1).expect("valid");
            let report = ContributionsReport::build(month, Level::Mission, &figures);
            let by_mission: u64 = report.missions.iter().flatten().map(|l| l.police.total).sum();
            let by_country: u64 = report.countries.iter().map(|l| l.police.total).sum();
            prop_assert_eq!(by_mission, report.police.total);
            prop_assert_eq!(by_country, report.police.total);
            prop_assert_eq!(report.police.total,
                report.categories.individual_police.total + report.categories.formed_police_units.total);
            prop_assert!(report.countries.iter().all(|l| l.police.total > 0));
        }
    }
}
