//! The roster: officers, units, posts and the tours that deploy them, with the rules every record
//! obeys whatever interface wrote it (storage enforces the same rules again in the database).

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Category, CountryCode, MissionCode};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

pub(crate) use id_type;

id_type!(/// An officer's database id.
    OfficerId);
id_type!(/// A formed police unit's or specialized team's database id.
    UnitId);
id_type!(/// A post's database id.
    PostId);
id_type!(/// A deployment's (tour's) database id.
    DeploymentId);

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
pub enum Gender {
    Female,
    Male,
}

impl Gender {
    pub fn code(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            // The French words the pages show are accepted too.
            "female" | "f" | "woman" | "femme" => Some(Gender::Female),
            "male" | "m" | "man" | "homme" | "h" => Some(Gender::Male),
            _ => None,
        }
    }
}

/// What kind of post, and so what kind of deployment fills it.
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
pub enum PostCategory {
    /// Individual police officer.
    #[serde(rename = "individual_police", alias = "ipo")]
    Ipo,
    /// A place in a formed police unit.
    #[serde(rename = "formed_police_units", alias = "fpu")]
    Fpu,
    /// A place in a specialized police team.
    #[serde(rename = "specialized_police_teams", alias = "spt")]
    Spt,
}

impl PostCategory {
    pub const ALL: [PostCategory; 3] = [PostCategory::Ipo, PostCategory::Fpu, PostCategory::Spt];

    /// The code files, the API and the command line use: the vocabulary of the tours' and the
    /// statistics' categories (`individual_police`, `formed_police_units`), with
    /// `specialized_police_teams` for the teams the UN counts as individual police.
    pub fn code(self) -> &'static str {
        match self {
            PostCategory::Ipo => "individual_police",
            PostCategory::Fpu => "formed_police_units",
            PostCategory::Spt => "specialized_police_teams",
        }
    }

    /// The code the database keeps (its CHECK constraints name these).
    pub fn stored(self) -> &'static str {
        match self {
            PostCategory::Ipo => "ipo",
            PostCategory::Fpu => "fpu",
            PostCategory::Spt => "spt",
        }
    }

    /// A category by its code, or by the short code earlier versions wrote (`ipo`, `fpu`, `spt`).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|c| c.code() == code || c.stored() == code)
    }

    /// The personnel category of the UN's reports that a deployment to this post counts in.
    /// Specialized police teams are counted as individual police.
    pub fn counted_as(self) -> Category {
        match self {
            PostCategory::Fpu => Category::FormedPoliceUnits,
            PostCategory::Ipo | PostCategory::Spt => Category::IndividualPolice,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    EndOfTour,
    Extension,
    Medical,
    DisciplinaryRepatriation,
    Compassionate,
    Other,
}

impl EndReason {
    pub const ALL: [EndReason; 6] = [
        EndReason::EndOfTour,
        EndReason::Extension,
        EndReason::Medical,
        EndReason::DisciplinaryRepatriation,
        EndReason::Compassionate,
        EndReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EndReason::EndOfTour => "end_of_tour",
            EndReason::Extension => "extension",
            EndReason::Medical => "medical",
            EndReason::DisciplinaryRepatriation => "disciplinary_repatriation",
            EndReason::Compassionate => "compassionate",
            EndReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The reason of a code, or the refusal that lists the known ones (every entry point says
    /// the same).
    pub fn parse(code: &str) -> Result<Self, String> {
        Self::from_code(code).ok_or_else(|| Self::unknown(code).english())
    }

    /// The refusal of a code outside the list, naming the known ones.
    pub fn unknown(code: &str) -> crate::message::Message {
        let known: Vec<&str> = Self::ALL.iter().map(|r| r.code()).collect();
        crate::message!("tour-end-reason", value = code, known = known.join(", "))
    }
}

/// The days a tour covers, both ends included: the planned end until an actual end is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Tour {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TourError {
    #[error("a tour must end after it starts (start {start}, end {end})")]
    EndsBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error(
        "this tour ({new_start} to {new_end}) overlaps the officer's tour {existing_start} to {existing_end}"
    )]
    Overlap {
        new_start: NaiveDate,
        new_end: NaiveDate,
        existing_start: NaiveDate,
        existing_end: NaiveDate,
    },
    #[error(
        "an individual police officer's tour needs a post of category individual_police or specialized_police_teams, not {0}"
    )]
    WrongPost(&'static str),
}

impl TourError {
    /// The refusal as a message (pages say it in their language).
    pub fn message(&self) -> crate::message::Message {
        match *self {
            TourError::EndsBeforeStart { start, end } => {
                crate::message!("tour-ends-before-start", start = start, end = end)
            }
            TourError::Overlap {
                new_start,
                new_end,
                existing_start,
                existing_end,
            } => crate::message!(
                "tour-overlaps",
                new_start = new_start,
                new_end = new_end,
                existing_start = existing_start,
                existing_end = existing_end
            ),
            TourError::WrongPost(category) => {
                crate::message!("tour-wrong-post", category = category)
            }
        }
    }
}

impl Tour {
    /// A tour from `start` to `end` (inclusive), which must be after `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, TourError> {
        if end <= start {
            return Err(TourError::EndsBeforeStart { start, end });
        }
        Ok(Tour { start, end })
    }

    pub fn covers(self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn overlaps(self, other: Tour) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Refuses this tour if it overlaps any of the officer's other tours.
    pub fn check_against(self, others: impl IntoIterator<Item = Tour>) -> Result<(), TourError> {
        match others.into_iter().find(|o| self.overlaps(*o)) {
            Some(o) => Err(TourError::Overlap {
                new_start: self.start,
                new_end: self.end,
                existing_start: o.start,
                existing_end: o.end,
            }),
            None => Ok(()),
        }
    }
}

/// An officer deployed as an individual police officer holds an `ipo` post; one in a unit holds
/// the unit's kind of post.
pub fn check_post(deployed_as: Category, post: Option<PostCategory>) -> Result<(), TourError> {
    match (deployed_as, post) {
        (_, None) => Ok(()),
        (Category::IndividualPolice, Some(PostCategory::Ipo | PostCategory::Spt)) => Ok(()),
        (Category::FormedPoliceUnits, Some(PostCategory::Fpu)) => Ok(()),
        (_, Some(p)) => Err(TourError::WrongPost(p.code())),
    }
}

/// A language an officer speaks, with a level from 1 (basic) to 5 (native), as ISO 639-1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema, Deserialize)]
pub struct LanguageSkill {
    pub language: String,
    pub level: u8,
}

/// The tests of the Assessment for Mission Service.
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
pub enum AmsTest {
    Language,
    Driving,
    Firearms,
}

impl AmsTest {
    pub const ALL: [AmsTest; 3] = [AmsTest::Language, AmsTest::Driving, AmsTest::Firearms];

    pub fn code(self) -> &'static str {
        match self {
            AmsTest::Language => "language",
            AmsTest::Driving => "driving",
            AmsTest::Firearms => "firearms",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

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
pub enum AmsResult {
    Scheduled,
    Passed,
    Failed,
}

impl AmsResult {
    pub fn code(self) -> &'static str {
        match self {
            AmsResult::Scheduled => "scheduled",
            AmsResult::Passed => "passed",
            AmsResult::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [AmsResult::Scheduled, AmsResult::Passed, AmsResult::Failed]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

/// One sitting of one AMS test.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema, Deserialize,
)]
pub struct Assessment {
    pub test: AmsTest,
    pub result: AmsResult,
    pub taken_on: NaiveDate,
    /// Until when a pass counts; none for a scheduled or failed sitting.
    pub valid_until: Option<NaiveDate>,
}

impl Assessment {
    /// A pass that still counts on `day`.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.result == AmsResult::Passed
            && self.taken_on <= day
            && self.valid_until.is_none_or(|v| day <= v)
    }
}

/// An officer as the roster holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Officer {
    pub id: OfficerId,
    /// The contributing country's own reference, stable across imports.
    pub external_id: String,
    pub given_name: String,
    pub family_name: String,
    pub nationality: CountryCode,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub rank: String,
    pub languages: Vec<LanguageSkill>,
    pub skills: Vec<String>,
    pub vetting: String,
    /// Assessment for Mission Service sittings, oldest first.
    pub assessments: Vec<Assessment>,
}

impl Officer {
    /// Whether the officer holds a valid pass of every AMS test on `day`.
    pub fn assessed_for_service(&self, day: NaiveDate) -> bool {
        AmsTest::ALL.iter().all(|test| {
            self.assessments
                .iter()
                .any(|a| a.test == *test && a.valid_on(day))
        })
    }
}

/// A deployment of one officer to a mission: a tour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Deployment {
    pub id: DeploymentId,
    pub external_id: String,
    pub officer: OfficerId,
    pub unit: Option<UnitId>,
    pub mission: MissionCode,
    pub post: Option<PostId>,
    pub category: Category,
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_end: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
}

impl Deployment {
    pub fn tour(&self) -> Tour {
        Tour {
            start: self.start,
            end: self.actual_end.unwrap_or(self.planned_end),
        }
    }
}

/// The first day unpol records anything on: UN peace operations begin in 1948.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1948, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};
/// The last day unpol records anything on: far beyond any tour, deadline or certificate, and
/// within what every spreadsheet can hold as a date.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2199, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

/// Whether a day of a tour, a request or an assessment is one unpol keeps.
pub fn plausible_day(day: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&day)
}

/// A post with whether a tour holds it on the day asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct PostView {
    #[serde(flatten)]
    pub post: Post,
    pub filled: bool,
}

/// A unit with its members deployed on the day asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct UnitView {
    #[serde(flatten)]
    pub unit: Unit,
    pub women: i64,
    pub men: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_post_category_speaks_the_vocabulary_of_tours_and_reads_the_old_short_codes() {
        for category in PostCategory::ALL {
            assert_eq!(PostCategory::from_code(category.code()), Some(category));
            assert_eq!(PostCategory::from_code(category.stored()), Some(category));
            let json = serde_json::to_string(&category).expect("json");
            assert_eq!(json, format!("\"{}\"", category.code()));
            let short: PostCategory =
                serde_json::from_str(&format!("\"{}\"", category.stored())).expect("alias");
            assert_eq!(short, category);
        }
        // The tours' vocabulary is a subset: a post's code is its tour's when both exist.
        assert_eq!(PostCategory::Ipo.code(), Category::IndividualPolice.code());
        assert_eq!(PostCategory::Fpu.code(), Category::FormedPoliceUnits.code());
        assert_eq!(
            PostCategory::from_code("Individual_Police"),
            Some(PostCategory::Ipo)
        );
        assert_eq!(PostCategory::from_code("police"), None);
    }

    #[test]
    fn a_gender_reads_in_english_or_in_french() {
        for (text, gender) in [
            ("female", Some(Gender::Female)),
            ("Femme", Some(Gender::Female)),
            ("homme", Some(Gender::Male)),
            ("M", Some(Gender::Male)),
            ("femmes", None),
        ] {
            assert_eq!(Gender::from_code(text), gender, "{text}");
        }
    }

    #[test]
    fn tours_end_after_they_start_and_never_overlap() {
        assert!(Tour::new(day("2025-01-01"), day("2025-01-01")).is_err());
        let a = Tour::new(day("2025-01-01"), day("2025-12-31")).expect("valid");
        let next = Tour::new(day("2026-01-01"), day("2026-12-31")).expect("valid");
        assert!(
            next.check_against([a]).is_ok(),
            "a rotation the next day is fine"
        );
        let clash = Tour::new(day("2025-12-31"), day("2026-06-30")).expect("valid");
        assert!(matches!(
            clash.check_against([a]),
            Err(TourError::Overlap { .. })
        ));
    }

    #[test]
    fn a_pass_counts_until_it_expires() {
        let pass = Assessment {
            test: AmsTest::Language,
            result: AmsResult::Passed,
            taken_on: day("2024-01-10"),
            valid_until: Some(day("2026-01-10")),
        };
        assert!(pass.valid_on(day("2025-06-01")));
        assert!(!pass.valid_on(day("2026-01-11")));
        assert!(!pass.valid_on(day("2024-01-09")));
        let failed = Assessment {
            result: AmsResult::Failed,
            ..pass
        };
        assert!(!failed.valid_on(day("2025-06-01")));
        let officer = |assessments: Vec<Assessment>| Officer {
            id: OfficerId(1),
            external_id: "X".into(),
            given_name: "A".into(),
            family_name: "B".into(),
            nationality: CountryCode::parse("SEN").expect("code"),
            gender: Gender::Female,
            birth_date: day("1980-01-01"),
            rank: "Inspector".into(),
            languages: vec![],
            skills: vec![],
            vetting: "cleared".into(),
            assessments,
        };
        let all_passed: Vec<_> = AmsTest::ALL
            .iter()
            .map(|&test| Assessment { test, ..pass })
            .collect();
        assert!(officer(all_passed.clone()).assessed_for_service(day("2025-06-01")));
        assert!(
            !officer(all_passed[..2].to_vec()).assessed_for_service(day("2025-06-01")),
            "firearms missing"
        );
    }

    #[test]
    fn an_individual_officer_holds_an_ipo_post() {
        assert!(check_post(Category::IndividualPolice, Some(PostCategory::Ipo)).is_ok());
        assert!(check_post(Category::IndividualPolice, Some(PostCategory::Fpu)).is_err());
        assert!(check_post(Category::FormedPoliceUnits, Some(PostCategory::Fpu)).is_ok());
    }

    proptest! {
        #[test]
        fn overlap_is_symmetric_and_matches_a_shared_day(a in 0i64..400, la in 1i64..400, b in 0i64..400, lb in 1i64..400) {
            let base = day("2025-01-01");
            let t = |s: i64, l: i64| Tour::new(base + chrono::Days::new(s as u64), base + chrono::Days::new((s + l) as u64)).expect("valid");
            let (x, y) = (t(a, la), t(b, lb));
            prop_assert_eq!(x.overlaps(y), y.overlaps(x));
            let shared = (0..800).map(|d| base + chrono::Days::new(d)).any(|d| x.covers(d) && y.covers(d));
            prop_assert_eq!(x.overlaps(y), shared);
        }
    }
}

/// A formed police unit or specialized police team: one contributing country, one mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Unit {
    pub id: UnitId,
    pub external_id: String,
    pub kind: PostCategory,
    pub country: CountryCode,
    pub mission: MissionCode,
    pub designation: String,
}

/// A position in a mission's police component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Post {
    pub id: PostId,
    pub external_id: String,
    pub mission: MissionCode,
    pub title: String,
    pub category: PostCategory,
    pub location: String,
}
