//! Incidents in a mission's area: what happened, when (and how sure the date is), where (and how
//! sure the place is), to whom, and what the mission did about it.
//!
//! Two kinds of source feed the same record: mission staff entering what they saw or were told,
//! and open event data such as the UCDP Georeferenced Event Dataset (GED), whose codes are kept as
//! published next to the category unpol maps them to, so a reader can always go back to the
//! source's own classification.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::MissionCode;
use crate::vocabulary::coded;

coded! {
    /// What kind of incident it is, as the police component reports them.
    IncidentCategory {
        ThreatToPersonnel => ("threat_to_personnel", "Threat to UN personnel", "Menace contre le personnel des Nations Unies"),
        ProtectionOfCivilians => ("protection_of_civilians", "Protection of civilians", "Protection des civils"),
        Sgbv => ("sgbv", "Sexual and gender-based violence", "Violence sexuelle et fondée sur le genre"),
        OrganizedCrime => ("organized_crime", "Organized crime", "Criminalité organisée"),
        PublicOrder => ("public_order", "Public order", "Ordre public"),
        HateSpeech => ("hate_speech", "Hate speech or disinformation", "Discours de haine ou désinformation"),
        ArmedConflict => ("armed_conflict", "Armed conflict event", "Événement de conflit armé"),
        Other => ("other", "Other", "Autre"),
    }
}

coded! {
    /// Where the mission's follow-up stands.
    IncidentStatus {
        Open => ("open", "Open", "Ouvert"),
        FollowedUp => ("followed_up", "Followed up", "Suivi"),
        Closed => ("closed", "Closed", "Clos"),
    }
}

coded! {
    /// Where a record comes from.
    IncidentSource {
        Entered => ("entered", "Entered by the mission", "Saisi par la mission"),
        UcdpGed => ("ucdp_ged", "UCDP Georeferenced Event Dataset", "UCDP, base de données géoréférencées des événements"),
    }
}

coded! {
    /// UCDP's `type_of_violence`, kept as published.
    ViolenceType {
        StateBased => ("state_based", "State-based conflict", "Conflit impliquant un État"),
        NonState => ("non_state", "Non-state conflict", "Conflit non étatique"),
        OneSided => ("one_sided", "One-sided violence", "Violence unilatérale"),
    }
}

impl ViolenceType {
    /// GED's code: 1 state-based, 2 non-state, 3 one-sided.
    pub fn from_ged(code: u8) -> Option<Self> {
        match code {
            1 => Some(ViolenceType::StateBased),
            2 => Some(ViolenceType::NonState),
            3 => Some(ViolenceType::OneSided),
            _ => None,
        }
    }

    pub fn ged_code(self) -> u8 {
        match self {
            ViolenceType::StateBased => 1,
            ViolenceType::NonState => 2,
            ViolenceType::OneSided => 3,
        }
    }

    /// The category unpol files the event under: fighting between armed groups (with or without
    /// the State) is an armed conflict event; violence against civilians is what the mission's
    /// protection of civilians mandate answers.
    pub fn category(self) -> IncidentCategory {
        match self {
            ViolenceType::StateBased | ViolenceType::NonState => IncidentCategory::ArmedConflict,
            ViolenceType::OneSided => IncidentCategory::ProtectionOfCivilians,
        }
    }
}

coded! {
    /// A victim's sex, where known.
    VictimSex {
        Female => ("female", "Female", "Féminin"),
        Male => ("male", "Male", "Masculin"),
        Unknown => ("unknown", "Unknown", "Inconnu"),
    }
}

coded! {
    /// A victim's age group, where known.
    VictimAge {
        Adult => ("adult", "Adult", "Adulte"),
        Child => ("child", "Child", "Enfant"),
        Unknown => ("unknown", "Unknown", "Inconnu"),
    }
}

/// How sure the date is, on GED's scale: 1 the exact day ... 5 only the year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct DatePrecision(u8);

impl DatePrecision {
    pub const EXACT: DatePrecision = DatePrecision(1);

    pub fn new(level: u8) -> Option<Self> {
        (1..=5).contains(&level).then_some(DatePrecision(level))
    }

    pub fn level(self) -> u8 {
        self.0
    }
}

/// How sure the place is, on GED's scale: 1 the exact place ... 6 the country only, 7
/// international waters or airspace.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(transparent)]
pub struct LocationPrecision(u8);

impl LocationPrecision {
    pub const EXACT: LocationPrecision = LocationPrecision(1);

    pub fn new(level: u8) -> Option<Self> {
        (1..=7).contains(&level).then_some(LocationPrecision(level))
    }

    pub fn level(self) -> u8 {
        self.0
    }
}

/// A point on the WGS 84 globe; a latitude or longitude out of range cannot be one.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

impl Point {
    pub fn new(latitude: f64, longitude: f64) -> Option<Self> {
        let ok = latitude.is_finite()
            && longitude.is_finite()
            && (-90.0..=90.0).contains(&latitude)
            && (-180.0..=180.0).contains(&longitude);
        ok.then_some(Point {
            latitude,
            longitude,
        })
    }
}

/// When: a first and a last day (the same for a one-day event), and how sure they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct When {
    pub started_on: NaiveDate,
    pub ended_on: NaiveDate,
    pub precision: DatePrecision,
}

impl When {
    /// Refuses an end before the start.
    pub fn new(
        started_on: NaiveDate,
        ended_on: NaiveDate,
        precision: DatePrecision,
    ) -> Option<Self> {
        (ended_on >= started_on).then_some(When {
            started_on,
            ended_on,
            precision,
        })
    }

    pub fn day(on: NaiveDate) -> Self {
        When {
            started_on: on,
            ended_on: on,
            precision: DatePrecision::EXACT,
        }
    }
}

/// Deaths: the best estimate, and the lowest and highest where the source gives them. A source
/// may publish a best estimate outside its own range (GED does, in 20 rows for the Central
/// African Republic); the record keeps it as published and says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, schemars::JsonSchema)]
pub struct Deaths {
    pub best: u32,
    pub low: Option<u32>,
    pub high: Option<u32>,
}

impl Deaths {
    pub fn within_estimates(self) -> bool {
        self.low.is_none_or(|low| low <= self.best)
            && self.high.is_none_or(|high| self.best <= high)
    }
}

/// How many victims of one sex and age group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Victims {
    pub sex: VictimSex,
    pub age: VictimAge,
    pub count: u32,
}

/// An incident as recorded: everything but its id.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Incident {
    pub mission: MissionCode,
    pub source: IncidentSource,
    /// The source's own identifier (GED's `id`); none for an incident entered in unpol.
    pub source_id: Option<String>,
    /// The source's own classification (GED's `type_of_violence`), kept as published.
    pub source_type: Option<ViolenceType>,
    pub category: IncidentCategory,
    pub when: When,
    /// The first administrative level (prefecture, province), as the source spells it.
    pub adm1: String,
    /// The second administrative level (sub-prefecture).
    pub adm2: String,
    /// The place's name (a town, a road, a site).
    pub place: String,
    pub point: Option<Point>,
    pub location_precision: Option<LocationPrecision>,
    /// The actors: for UCDP, side A and side B of the dyad (`Civilians` for one-sided violence).
    pub side_a: String,
    pub side_b: String,
    pub deaths: Deaths,
    pub injuries: Option<u32>,
    pub victims: Vec<Victims>,
    pub description: String,
    pub follow_up: String,
    pub status: IncidentStatus,
}

/// A stored incident: its id and what it records.
#[derive(Debug, Clone, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct IncidentRow {
    pub id: i64,
    #[serde(flatten)]
    pub incident: Incident,
}

impl Incident {
    /// What the statistics count of it.
    pub fn counted(&self) -> Counted {
        Counted {
            started_on: self.when.started_on,
            area: self.adm1.clone(),
            category: self.category,
            deaths: self.deaths.best,
        }
    }
}

/// What the statistics of incidents group by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Year,
    Month,
    /// The first administrative level (a prefecture, a province), as the source spells it.
    Area,
    Category,
}

impl Grouping {
    pub const CODES: &'static [&'static str] = &["year", "month", "area", "category"];

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim() {
            "year" => Some(Grouping::Year),
            "month" => Some(Grouping::Month),
            "area" => Some(Grouping::Area),
            "category" => Some(Grouping::Category),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Grouping::Year => "year",
            Grouping::Month => "month",
            Grouping::Area => "area",
            Grouping::Category => "category",
        }
    }
}

impl fmt::Display for Grouping {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// What the statistics need of one incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub started_on: NaiveDate,
    pub area: String,
    pub category: IncidentCategory,
    pub deaths: u32,
}

/// One group's events and deaths (best estimates).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Tally {
    /// `2014`, `2014-03`, the area's name (empty when the source names none) or the category's
    /// code.
    pub key: String,
    pub events: u64,
    pub deaths: u64,
}

/// Events and deaths per group, in the group's order (time, name, the categories' order). An
/// event counts in the year and month it started.
pub fn tally(incidents: &[Counted], by: Grouping) -> Vec<Tally> {
    let mut groups: BTreeMap<(usize, String), (u64, u64)> = BTreeMap::new();
    for incident in incidents {
        let key = match by {
            Grouping::Year => (0, format!("{:04}", incident.started_on.year())),
            Grouping::Month => (0, incident.started_on.format("%Y-%m").to_string()),
            Grouping::Area => (0, incident.area.clone()),
            Grouping::Category => {
                let rank = IncidentCategory::ALL
                    .iter()
                    .position(|c| *c == incident.category)
                    .unwrap_or_default();
                (rank, incident.category.code().to_string())
            }
        };
        let group = groups.entry(key).or_default();
        group.0 += 1;
        group.1 += u64::from(incident.deaths);
    }
    groups
        .into_iter()
        .map(|((_, key), (events, deaths))| Tally {
            key,
            events,
            deaths,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(on: &str, area: &str, category: IncidentCategory, deaths: u32) -> Counted {
        Counted {
            started_on: on.parse().expect("date"),
            area: area.into(),
            category,
            deaths,
        }
    }

    #[test]
    fn tallies_group_by_start_and_keep_their_order() {
        let rows = [
            counted("2017-02-01", "Ouaka province", IncidentCategory::Other, 3),
            counted(
                "2014-12-31",
                "Bangui province",
                IncidentCategory::ArmedConflict,
                5,
            ),
            counted("2014-01-01", "", IncidentCategory::ProtectionOfCivilians, 0),
        ];
        let years = tally(&rows, Grouping::Year);
        let pairs: Vec<_> = years
            .iter()
            .map(|t| (t.key.as_str(), t.events, t.deaths))
            .collect();
        assert_eq!(pairs, [("2014", 2, 5), ("2017", 1, 3)]);
        let categories: Vec<_> = tally(&rows, Grouping::Category)
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(
            categories,
            ["protection_of_civilians", "armed_conflict", "other"]
        );
        let areas: Vec<_> = tally(&rows, Grouping::Area)
            .into_iter()
            .map(|t| t.key)
            .collect();
        assert_eq!(areas, ["", "Bangui province", "Ouaka province"]);
        assert_eq!(tally(&rows, Grouping::Month)[0].key, "2014-01");
    }

    #[test]
    fn ranges_and_scales_refuse_what_cannot_be() {
        assert!(Point::new(91.0, 0.0).is_none());
        assert!(Point::new(4.36, 18.58).is_some());
        assert!(DatePrecision::new(0).is_none() && DatePrecision::new(5).is_some());
        assert!(LocationPrecision::new(8).is_none() && LocationPrecision::new(7).is_some());
        let day = |s: &str| s.parse::<NaiveDate>().expect("date");
        assert!(When::new(day("2020-01-02"), day("2020-01-01"), DatePrecision::EXACT).is_none());
        let published = Deaths {
            best: 20,
            low: Some(0),
            high: Some(0),
        };
        assert!(!published.within_estimates());
        assert!(
            Deaths {
                best: 3,
                low: Some(2),
                high: Some(4)
            }
            .within_estimates()
        );
    }

    #[test]
    fn ged_types_map_to_categories_and_back() {
        for code in 1..=3 {
            let t = ViolenceType::from_ged(code).expect("known type");
            assert_eq!(t.ged_code(), code);
        }
        assert_eq!(ViolenceType::from_ged(4), None);
        assert_eq!(
            ViolenceType::OneSided.category(),
            IncidentCategory::ProtectionOfCivilians
        );
        assert_eq!(
            ViolenceType::NonState.category(),
            IncidentCategory::ArmedConflict
        );
    }
}
