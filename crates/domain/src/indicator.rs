//! Mission performance indicators, CPAS-like: each has a definition (names in English and French,
//! unit, direction, baseline, target) and a value per quarter, either computed by unpol from its
//! own records or entered by the mission. Beside them, the police tasks a mission hands over as
//! it prepares its transition.

use chrono::NaiveDate;
use serde::Serialize;

use crate::MissionCode;
use crate::quarter::Quarter;
use crate::vocabulary::coded;

coded! {
    /// Whether a higher value is better.
    Direction {
        Increase => ("increase", "Higher is better", "Plus élevé est meilleur"),
        Decrease => ("decrease", "Lower is better", "Plus bas est meilleur"),
    }
}

coded! {
    /// What an indicator's values count or measure.
    Measure {
        Percent => ("percent", "%", "%"),
        Officers => ("officers", "officers", "policiers"),
        Incidents => ("incidents", "incidents", "incidents"),
        PerThousand => ("per_thousand", "per 1,000 officers", "pour 1 000 policiers"),
        Cases => ("cases", "cases", "affaires"),
        Number => ("number", "number", "nombre"),
        Days => ("days", "days", "jours"),
    }
}

coded! {
    /// The indicators unpol computes from its own records.
    Computed {
        WomenShare => ("women_share", "Share of women in the police component", "Part des femmes dans la composante police"),
        HostPoliceTrained => ("host_police_trained", "Host police trained in the quarter", "Policiers du pays hôte formés dans le trimestre"),
        IncidentsAgainstPersonnel => ("incidents_against_personnel", "Incidents against UN personnel", "Incidents contre le personnel des Nations Unies"),
        PostVacancyRate => ("post_vacancy_rate", "Vacancy rate of posts", "Taux de vacance des postes"),
        AllegationsPerThousand => ("allegations_per_thousand", "Allegations per 1,000 officers", "Allégations pour 1 000 policiers"),
    }
}

impl Computed {
    /// The unit its values are in.
    pub fn unit(self) -> Measure {
        match self {
            Computed::WomenShare | Computed::PostVacancyRate => Measure::Percent,
            Computed::HostPoliceTrained => Measure::Officers,
            Computed::IncidentsAgainstPersonnel => Measure::Incidents,
            Computed::AllegationsPerThousand => Measure::PerThousand,
        }
    }

    /// Whether it counts what happened over the quarter (rather than a stock on its reading
    /// day): such a value is partial until the quarter ends, and a dashboard does not weigh it
    /// against the target before then.
    pub fn counts_over_the_quarter(self) -> bool {
        matches!(
            self,
            Computed::HostPoliceTrained
                | Computed::IncidentsAgainstPersonnel
                | Computed::AllegationsPerThousand
        )
    }

    /// Which way is better.
    pub fn direction(self) -> Direction {
        match self {
            Computed::WomenShare | Computed::HostPoliceTrained => Direction::Increase,
            _ => Direction::Decrease,
        }
    }

    /// The indicator's value from a quarter's facts; `None` when it has no meaning (a share of
    /// nobody).
    pub fn value(self, facts: &Facts) -> Option<f64> {
        let share =
            |part: u64, whole: u64| (whole > 0).then(|| round(100.0 * part as f64 / whole as f64));
        match self {
            Computed::WomenShare => share(facts.women, facts.women + facts.men),
            Computed::HostPoliceTrained => Some(facts.host_police_trained as f64),
            Computed::IncidentsAgainstPersonnel => Some(facts.incidents_against_personnel as f64),
            Computed::PostVacancyRate => share(facts.vacant_posts, facts.posts),
            Computed::AllegationsPerThousand => {
                let officers = facts.women + facts.men;
                (officers > 0).then(|| round(1000.0 * facts.allegations as f64 / officers as f64))
            }
        }
    }
}

/// Two decimals: what a dashboard shows, and what a direct count is compared with.
pub fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// What unpol's records say of a mission in a quarter, from which the computed indicators follow.
/// Stocks (officers, posts) are read on the quarter's reading day; flows over the whole quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, schemars::JsonSchema)]
pub struct Facts {
    /// Officers deployed on the reading day, by sex.
    pub women: u64,
    pub men: u64,
    /// The mission's posts, and those nobody holds on the reading day.
    pub posts: u64,
    pub vacant_posts: u64,
    /// Host police who completed a course in the quarter.
    pub host_police_trained: u64,
    /// Incidents that started in the quarter, filed as threats to UN personnel.
    pub incidents_against_personnel: u64,
    /// Allegations received in the quarter.
    pub allegations: u64,
}

/// Where an indicator's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Computed(Computed),
    Entered,
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Source::Computed(c) => serializer.serialize_str(c.code()),
            Source::Entered => serializer.serialize_str("entered"),
        }
    }
}

impl schemars::JsonSchema for Source {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IndicatorSource".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut codes: Vec<&str> = Computed::TERMS.iter().map(|t| t.code).collect();
        codes.push("entered");
        schemars::json_schema!({"type": "string", "enum": codes})
    }
}

/// An indicator's definition.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Indicator {
    pub mission: MissionCode,
    pub name_en: String,
    pub name_fr: String,
    pub unit: Measure,
    pub direction: Direction,
    pub baseline: f64,
    pub target: f64,
    pub source: Source,
}

impl Indicator {
    /// Whether a value reaches the target.
    pub fn met(&self, value: f64) -> bool {
        match self.direction {
            Direction::Increase => value >= self.target,
            Direction::Decrease => value <= self.target,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct IndicatorRow {
    pub id: i64,
    #[serde(flatten)]
    pub indicator: Indicator,
}

/// One quarter's value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Measurement {
    pub quarter: Quarter,
    /// `null` for a computed indicator without meaning that quarter.
    pub value: Option<f64>,
}

coded! {
    /// Who takes a task over.
    Recipient {
        HostPolice => ("host_police", "Host State police", "Police de l'État hôte"),
        CountryTeam => ("country_team", "UN country team", "Équipe de pays des Nations Unies"),
    }
}

coded! {
    /// Where a handover stands.
    TaskStatus {
        NotStarted => ("not_started", "Not started", "Non commencée"),
        InProgress => ("in_progress", "In progress", "En cours"),
        HandedOver => ("handed_over", "Handed over", "Transférée"),
        AtRisk => ("at_risk", "At risk", "Compromise"),
    }
}

/// A police task a mission hands over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TransitionTask {
    pub mission: MissionCode,
    pub task: String,
    pub recipient: Recipient,
    /// Who answers for it (a post or a person, as the mission writes it).
    pub owner: String,
    pub status: TaskStatus,
    /// The day it is due to be handed over (or was).
    pub due_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct TransitionTaskRow {
    pub id: i64,
    #[serde(flatten)]
    pub task: TransitionTask,
}

/// The share of a mission's tasks handed over, in percent; `None` without tasks.
pub fn readiness(tasks: &[TransitionTask]) -> Option<f64> {
    let done = tasks
        .iter()
        .filter(|t| t.status == TaskStatus::HandedOver)
        .count();
    (!tasks.is_empty()).then(|| round(100.0 * done as f64 / tasks.len() as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_values_follow_the_facts() {
        let facts = Facts {
            women: 30,
            men: 90,
            posts: 200,
            vacant_posts: 50,
            host_police_trained: 400,
            incidents_against_personnel: 3,
            allegations: 2,
        };
        assert_eq!(Computed::WomenShare.value(&facts), Some(25.0));
        assert_eq!(Computed::PostVacancyRate.value(&facts), Some(25.0));
        assert_eq!(Computed::HostPoliceTrained.value(&facts), Some(400.0));
        assert_eq!(Computed::IncidentsAgainstPersonnel.value(&facts), Some(3.0));
        assert_eq!(Computed::AllegationsPerThousand.value(&facts), Some(16.67));
        assert_eq!(Computed::WomenShare.value(&Facts::default()), None);
    }

    #[test]
    fn the_target_is_met_in_the_indicators_direction() {
        let indicator = |direction| Indicator {
            mission: MissionCode::parse("MINUSCA").expect("valid"),
            name_en: "x".into(),
            name_fr: "x".into(),
            unit: Measure::Percent,
            direction,
            baseline: 10.0,
            target: 20.0,
            source: Source::Entered,
        };
        assert!(indicator(Direction::Increase).met(20.0));
        assert!(!indicator(Direction::Increase).met(19.9));
        assert!(indicator(Direction::Decrease).met(19.9));
        assert!(!indicator(Direction::Decrease).met(20.1));
    }
}
