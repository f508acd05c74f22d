//! Personnel categories of the UN's uniformed-personnel reports.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The five categories the reports count. Police are individual police plus formed police units;
/// experts on mission, staff officers and troops are military and are kept so that imported
/// reports stay whole.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    schemars::JsonSchema,
    Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    IndividualPolice,
    FormedPoliceUnits,
    ExpertsOnMission,
    StaffOfficers,
    Troops,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::IndividualPolice,
        Category::FormedPoliceUnits,
        Category::ExpertsOnMission,
        Category::StaffOfficers,
        Category::Troops,
    ];

    pub const POLICE: [Category; 2] = [Category::IndividualPolice, Category::FormedPoliceUnits];

    /// The stable code used in the database, the JSON contract and the command line.
    pub fn code(self) -> &'static str {
        match self {
            Category::IndividualPolice => "individual_police",
            Category::FormedPoliceUnits => "formed_police_units",
            Category::ExpertsOnMission => "experts_on_mission",
            Category::StaffOfficers => "staff_officers",
            Category::Troops => "troops",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The name the UN's published data gives the category (`personnel_type` in its CSV).
    pub fn published_name(self) -> &'static str {
        match self {
            Category::IndividualPolice => "Individual Police",
            Category::FormedPoliceUnits => "Formed Police Units",
            Category::ExpertsOnMission => "Experts on Mission",
            Category::StaffOfficers => "Staff Officer",
            Category::Troops => "Troops",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Category::IndividualPolice => "Individual police",
            Category::FormedPoliceUnits => "Formed police units",
            Category::ExpertsOnMission => "Experts on mission",
            Category::StaffOfficers => "Staff officers",
            Category::Troops => "Troops",
        }
    }

    pub fn name_fr(self) -> &'static str {
        match self {
            Category::IndividualPolice => "Policiers hors unités constituées",
            Category::FormedPoliceUnits => "Unités de police constituées",
            Category::ExpertsOnMission => "Experts en mission",
            Category::StaffOfficers => "Officiers d'état-major",
            Category::Troops => "Contingents",
        }
    }

    pub fn is_police(self) -> bool {
        Self::POLICE.contains(&self)
    }

    /// Resolves a label as printed in a report. The reports' layouts changed over the years
    /// (`FPU`, `UNPOL`, `Contingent Troop`, lower-case labels in 2019-2020); every label seen in
    /// them is listed here, and anything else is refused rather than guessed.
    pub fn from_label(label: &str) -> Option<Self> {
        let label = label.trim().to_lowercase();
        let category = match label.as_str() {
            "individual police"
            | "individual police officers"
            | "police"
            | "unpol"
            | "ipo"
            | "individual_police" => Category::IndividualPolice,
            "formed police units" | "formed police unit" | "fpu" | "formed_police_units" => {
                Category::FormedPoliceUnits
            }
            "experts on mission" | "experts" | "unmem" | "experts_on_mission" => {
                Category::ExpertsOnMission
            }
            "staff officer" | "staff officers" | "staff" | "mso" | "staff_officers" => {
                Category::StaffOfficers
            }
            "troops" | "troop" | "contingent troop" | "contingent troops" | "contingent" => {
                Category::Troops
            }
            _ => return None,
        };
        Some(category)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_printed_in_the_reports_resolves() {
        let printed = [
            ("Individual Police", Category::IndividualPolice),
            ("police", Category::IndividualPolice),
            ("UNPOL", Category::IndividualPolice),
            ("Formed Police Units", Category::FormedPoliceUnits),
            ("FPU", Category::FormedPoliceUnits),
            ("fpu", Category::FormedPoliceUnits),
            ("Experts on Mission", Category::ExpertsOnMission),
            ("experts", Category::ExpertsOnMission),
            ("UNMEM", Category::ExpertsOnMission),
            ("Staff Officer", Category::StaffOfficers),
            ("staff", Category::StaffOfficers),
            ("MSO", Category::StaffOfficers),
            ("Troops", Category::Troops),
            ("Contingent Troop", Category::Troops),
            ("Contingent Troops", Category::Troops),
            ("contingent", Category::Troops),
        ];
        for (label, category) in printed {
            assert_eq!(Category::from_label(label), Some(category), "{label}");
        }
        assert_eq!(Category::from_label("Civilians"), None);
    }

    #[test]
    fn codes_round_trip_and_police_is_two_categories() {
        for c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
        }
        assert_eq!(Category::ALL.iter().filter(|c| c.is_police()).count(), 2);
    }
}
