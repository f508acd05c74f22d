//! The performance of deployed officers and units: an officer's evaluation for a period against
//! the standard competencies, with what was done about underperformance, and a formed police
//! unit's operational readiness assessment.

use chrono::NaiveDate;
use serde::Serialize;

use crate::roster::{OfficerId, UnitId};
use crate::vocabulary::coded;
use crate::{CountryCode, MissionCode};

coded! {
    /// The competencies an officer is evaluated against.
    Competency {
        Professionalism => ("professionalism", "Professionalism", "Professionnalisme"),
        Integrity => ("integrity", "Integrity", "Intégrité"),
        Communication => ("communication", "Communication", "Communication"),
        Teamwork => ("teamwork", "Teamwork", "Esprit d'équipe"),
        Planning => ("planning", "Planning and organizing", "Planification et organisation"),
        Accountability => ("accountability", "Accountability", "Responsabilité"),
        Mentoring => ("mentoring", "Mentoring and advising", "Encadrement et conseil"),
    }
}

coded! {
    /// A rating, lowest first: the first two are underperformance.
    Rating {
        Unsatisfactory => ("unsatisfactory", "Unsatisfactory", "Insatisfaisant"),
        PartlyMeets => ("partly_meets", "Partly meets the standard", "Répond en partie à la norme"),
        Meets => ("meets", "Meets the standard", "Répond à la norme"),
        Exceeds => ("exceeds", "Exceeds the standard", "Dépasse la norme"),
    }
}

impl Rating {
    pub fn is_underperformance(self) -> bool {
        self < Rating::Meets
    }
}

coded! {
    /// What is done about underperformance.
    Remedy {
        ImprovementPlan => ("improvement_plan", "Performance improvement plan", "Plan d'amélioration des performances"),
        Repatriation => ("repatriation", "Repatriation", "Rapatriement"),
    }
}

coded! {
    /// A formed police unit's operational readiness, as assessed.
    Readiness {
        Ready => ("ready", "Operationally ready", "Opérationnellement prête"),
        ReadyWithShortfalls => ("ready_with_shortfalls", "Ready with shortfalls", "Prête avec des lacunes"),
        NotReady => ("not_ready", "Not ready", "Pas prête"),
    }
}

/// Evaluations rated underperformance that bar an officer from selection: one can be a bad
/// period; two are a pattern the next mission should not inherit.
pub const REPEATED_UNDERPERFORMANCE: usize = 2;

/// The outcome of an evaluation: an underperformance always carries what was done about it, and
/// nothing else does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Satisfactory(Rating),
    Underperformance(Rating, Remedy),
}

impl Outcome {
    /// The outcome of an overall rating and the remedy given; `None` when they disagree (an
    /// underperformance without a remedy, or a remedy without underperformance).
    pub fn new(overall: Rating, remedy: Option<Remedy>) -> Option<Self> {
        match (overall.is_underperformance(), remedy) {
            (true, Some(remedy)) => Some(Outcome::Underperformance(overall, remedy)),
            (false, None) => Some(Outcome::Satisfactory(overall)),
            _ => None,
        }
    }

    pub fn overall(self) -> Rating {
        match self {
            Outcome::Satisfactory(r) | Outcome::Underperformance(r, _) => r,
        }
    }

    pub fn remedy(self) -> Option<Remedy> {
        match self {
            Outcome::Satisfactory(_) => None,
            Outcome::Underperformance(_, remedy) => Some(remedy),
        }
    }
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Outcome", 3)?;
        s.serialize_field("overall", &self.overall())?;
        s.serialize_field("underperformance", &self.overall().is_underperformance())?;
        s.serialize_field("remedy", &self.remedy())?;
        s.end()
    }
}

impl schemars::JsonSchema for Outcome {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Outcome".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let rating = generator.subschema_for::<Rating>();
        let remedy = generator.subschema_for::<Option<Remedy>>();
        schemars::json_schema!({
            "type": "object",
            "required": ["overall", "underperformance", "remedy"],
            "properties": {
                "overall": rating,
                "underperformance": {"type": "boolean"},
                "remedy": remedy,
            }
        })
    }
}

/// One competency's rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Score {
    pub competency: Competency,
    pub rating: Rating,
}

/// An officer's evaluation for a period of a tour in a mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Evaluation {
    pub officer: OfficerId,
    pub mission: MissionCode,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub scores: Vec<Score>,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub comment: String,
}

/// An evaluation as its readers see it: with the officer's name and nationality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct EvaluationRow {
    pub id: i64,
    pub name: String,
    pub nationality: CountryCode,
    #[serde(flatten)]
    pub evaluation: Evaluation,
}

/// A formed police unit's readiness assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnitAssessment {
    pub unit: UnitId,
    pub assessed_on: NaiveDate,
    pub readiness: Readiness,
    pub remarks: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnitAssessmentRow {
    pub id: i64,
    pub mission: MissionCode,
    pub country: CountryCode,
    pub designation: String,
    #[serde(flatten)]
    pub assessment: UnitAssessment,
}

/// Whether an officer's evaluations bar selection: [`REPEATED_UNDERPERFORMANCE`] or more rated
/// underperformance, wherever they served.
pub fn repeatedly_underperformed(outcomes: &[Outcome]) -> bool {
    outcomes
        .iter()
        .filter(|o| o.overall().is_underperformance())
        .count()
        >= REPEATED_UNDERPERFORMANCE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underperformance_always_carries_a_remedy() {
        assert_eq!(
            Outcome::new(Rating::PartlyMeets, Some(Remedy::ImprovementPlan)),
            Some(Outcome::Underperformance(
                Rating::PartlyMeets,
                Remedy::ImprovementPlan
            ))
        );
        assert_eq!(Outcome::new(Rating::Unsatisfactory, None), None);
        assert_eq!(
            Outcome::new(Rating::Meets, Some(Remedy::Repatriation)),
            None
        );
        assert_eq!(
            Outcome::new(Rating::Exceeds, None),
            Some(Outcome::Satisfactory(Rating::Exceeds))
        );
    }

    #[test]
    fn two_underperformances_bar_selection_one_does_not() {
        let bad = Outcome::Underperformance(Rating::Unsatisfactory, Remedy::ImprovementPlan);
        let good = Outcome::Satisfactory(Rating::Meets);
        assert!(!repeatedly_underperformed(&[bad, good, good]));
        assert!(repeatedly_underperformed(&[bad, good, bad]));
    }
}
