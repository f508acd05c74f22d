//! Host-State police capacity building: what a mission's police component does with the host
//! country's police (courses, recruitment and vetting support, co-location and mentoring at their
//! sites) and the infrastructure it builds for them, with the quarterly figures missions report.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::MissionCode;
use crate::quarter::Quarter;
use crate::vocabulary::coded;

coded! {
    /// What the mission did with the host State's police.
    ActivityKind {
        Course => ("course", "Training course", "Formation"),
        Recruitment => ("recruitment", "Recruitment support", "Appui au recrutement"),
        Vetting => ("vetting", "Vetting support", "Appui à la vérification des antécédents"),
        Mentoring => ("mentoring", "Co-location and mentoring", "Colocalisation et encadrement"),
    }
}

coded! {
    /// Who the mission worked with.
    Partner {
        None => ("none", "None", "Aucun"),
        Undp => ("undp", "UNDP", "PNUD"),
        Unodc => ("unodc", "UNODC", "ONUDC"),
        Interpol => ("interpol", "INTERPOL", "INTERPOL"),
        Au => ("au", "African Union", "Union africaine"),
        Eu => ("eu", "European Union", "Union européenne"),
        Other => ("other", "Other", "Autre"),
    }
}

coded! {
    /// What a project builds.
    ProjectKind {
        PoliceStation => ("police_station", "Police station", "Commissariat de police"),
        CommunityPolicingCentre => ("community_policing_centre", "Community-oriented policing centre", "Centre de police de proximité"),
        TrainingFacility => ("training_facility", "Training facility", "Centre de formation"),
        Other => ("other", "Other", "Autre"),
    }
}

coded! {
    /// Where a project stands.
    ProjectStatus {
        Planned => ("planned", "Planned", "Prévu"),
        UnderWay => ("under_way", "Under way", "En cours"),
        Delivered => ("delivered", "Delivered", "Livré"),
        Cancelled => ("cancelled", "Cancelled", "Annulé"),
    }
}

/// Host police officers of one rank who took part, by sex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Trainees {
    /// The host police's own rank title, as the mission records it.
    pub rank: String,
    pub women: u32,
    pub men: u32,
}

/// One activity with the host State's police: a course, support to its recruitment or vetting,
/// or co-location and mentoring at one of its sites (`place`).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Activity {
    pub mission: MissionCode,
    pub kind: ActivityKind,
    pub topic: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// The town or the host police site.
    pub place: String,
    /// The host institution (national police, gendarmerie, academy...).
    pub institution: String,
    pub partner: Partner,
    /// UN police officers who trained or mentored.
    pub trainers: u32,
    pub trainees: Vec<Trainees>,
}

impl Activity {
    pub fn women(&self) -> u64 {
        self.trainees.iter().map(|t| u64::from(t.women)).sum()
    }

    pub fn men(&self) -> u64 {
        self.trainees.iter().map(|t| u64::from(t.men)).sum()
    }

    /// Whether the activity ran on at least one day of the quarter.
    pub fn runs_in(&self, quarter: Quarter) -> bool {
        self.starts_on <= quarter.last_day() && self.ends_on >= quarter.first_day()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ActivityRow {
    pub id: i64,
    #[serde(flatten)]
    pub activity: Activity,
}

/// Infrastructure built for the host State's police.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Project {
    pub mission: MissionCode,
    pub kind: ProjectKind,
    pub name: String,
    pub place: String,
    pub partner: Partner,
    pub status: ProjectStatus,
    /// The day it was handed to the host police; set exactly when it is delivered.
    pub delivered_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ProjectRow {
    pub id: i64,
    #[serde(flatten)]
    pub project: Project,
}

/// A mission's capacity building in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct QuarterFigures {
    pub mission: MissionCode,
    pub quarter: Quarter,
    /// Courses that ended in the quarter.
    pub courses: u64,
    /// Host police who completed a course in the quarter, by sex.
    pub trained_women: u64,
    pub trained_men: u64,
    /// Host police sites where UN police were co-located or mentoring during the quarter.
    pub sites: u64,
    /// Projects handed over in the quarter.
    pub projects_delivered: u64,
}

impl QuarterFigures {
    pub fn trained(&self) -> u64 {
        self.trained_women + self.trained_men
    }
}

/// Host police who completed a course in the quarter (CPAS's "host police trained"), by sex.
pub fn trained_in(activities: &[Activity], quarter: Quarter) -> (u64, u64) {
    activities
        .iter()
        .filter(|a| a.kind == ActivityKind::Course && quarter.contains(a.ends_on))
        .fold((0, 0), |(w, m), a| (w + a.women(), m + a.men()))
}

/// The figures per mission and quarter, for every quarter from the first with an activity or a
/// delivery to `until`'s, oldest first.
pub fn quarterly(
    activities: &[Activity],
    projects: &[Project],
    until: Quarter,
) -> Vec<QuarterFigures> {
    let mut missions: BTreeMap<MissionCode, Quarter> = BTreeMap::new();
    let firsts = activities
        .iter()
        .map(|a| (a.mission, Quarter::of(a.starts_on)))
        .chain(
            projects
                .iter()
                .filter_map(|p| p.delivered_on.map(|d| (p.mission, Quarter::of(d)))),
        );
    for (mission, quarter) in firsts {
        let first = missions.entry(mission).or_insert(quarter);
        *first = (*first).min(quarter);
    }
    let mut out = Vec::new();
    for (mission, first) in missions {
        let own: Vec<Activity> = activities
            .iter()
            .filter(|a| a.mission == mission)
            .cloned()
            .collect();
        let mut quarter = first;
        while quarter <= until {
            let (trained_women, trained_men) = trained_in(&own, quarter);
            let sites: BTreeSet<&str> = own
                .iter()
                .filter(|a| a.kind == ActivityKind::Mentoring && a.runs_in(quarter))
                .map(|a| a.place.as_str())
                .collect();
            out.push(QuarterFigures {
                mission,
                quarter,
                courses: own
                    .iter()
                    .filter(|a| a.kind == ActivityKind::Course && quarter.contains(a.ends_on))
                    .count() as u64,
                trained_women,
                trained_men,
                sites: sites.len() as u64,
                projects_delivered: projects
                    .iter()
                    .filter(|p| {
                        p.mission == mission && p.delivered_on.is_some_and(|d| quarter.contains(d))
                    })
                    .count() as u64,
            });
            quarter = quarter.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("valid")
    }

    fn activity(
        kind: ActivityKind,
        place: &str,
        from: &str,
        to: &str,
        women: u32,
        men: u32,
    ) -> Activity {
        Activity {
            mission: MissionCode::parse("MINUSCA").expect("valid"),
            kind,
            topic: "Investigations".into(),
            starts_on: day(from),
            ends_on: day(to),
            place: place.into(),
            institution: "Police centrafricaine".into(),
            partner: Partner::Undp,
            trainers: 2,
            trainees: vec![Trainees {
                rank: "Brigadier".into(),
                women,
                men,
            }],
        }
    }

    #[test]
    fn a_course_counts_in_the_quarter_it_ends() {
        let activities = [
            activity(
                ActivityKind::Course,
                "Bangui",
                "2026-03-20",
                "2026-04-10",
                5,
                15,
            ),
            activity(
                ActivityKind::Course,
                "Bouar",
                "2026-01-10",
                "2026-01-20",
                1,
                2,
            ),
            activity(
                ActivityKind::Recruitment,
                "Bangui",
                "2026-02-01",
                "2026-02-02",
                50,
                50,
            ),
        ];
        let q1: Quarter = "2026-Q1".parse().expect("valid");
        assert_eq!(trained_in(&activities, q1), (1, 2));
        assert_eq!(trained_in(&activities, q1.next()), (5, 15));
    }

    #[test]
    fn sites_are_counted_once_per_quarter_they_are_mentored() {
        let activities = [
            activity(
                ActivityKind::Mentoring,
                "Commissariat 3",
                "2025-11-01",
                "2026-05-01",
                0,
                0,
            ),
            activity(
                ActivityKind::Mentoring,
                "Commissariat 3",
                "2026-02-01",
                "2026-02-10",
                0,
                0,
            ),
            activity(
                ActivityKind::Mentoring,
                "Gendarmerie Bouar",
                "2026-04-01",
                "2026-04-30",
                0,
                0,
            ),
        ];
        let figures = quarterly(&activities, &[], "2026-Q3".parse().expect("valid"));
        let sites: Vec<(String, u64)> = figures
            .iter()
            .map(|f| (f.quarter.to_string(), f.sites))
            .collect();
        assert_eq!(
            sites,
            [
                ("2025-Q4".into(), 1),
                ("2026-Q1".into(), 1),
                ("2026-Q2".into(), 2),
                ("2026-Q3".into(), 0)
            ]
        );
    }

    #[test]
    fn projects_count_in_the_quarter_they_are_delivered() {
        let project = |delivered: Option<&str>| Project {
            mission: MissionCode::parse("UNMISS").expect("valid"),
            kind: ProjectKind::PoliceStation,
            name: "Station".into(),
            place: "Juba".into(),
            partner: Partner::None,
            status: if delivered.is_some() {
                ProjectStatus::Delivered
            } else {
                ProjectStatus::UnderWay
            },
            delivered_on: delivered.map(day),
        };
        let figures = quarterly(
            &[],
            &[
                project(Some("2026-02-01")),
                project(None),
                project(Some("2026-03-31")),
            ],
            "2026-Q2".parse().expect("valid"),
        );
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].projects_delivered, 2);
        assert_eq!(figures[1].projects_delivered, 0);
    }
}
