//! Force generation: a mission's request for officers of a profile, the nominations contributing
//! countries send, and the rules that decide who may be selected and how well they fit.
//!
//! The hard rules (language at the level asked, rank, a valid Assessment for Mission Service on the
//! start date, vetting cleared, no tour on the start date, a country the request was sent to) decide
//! who is eligible; the fit ranks the eligible. Both live here, without I/O, so that the optimizer's
//! input can be tested on its own and every refusal comes with its reason.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::roster::{LanguageSkill, Officer, Tour, id_type};
use crate::{CountryCode, MissionCode};

id_type!(/// A force-generation request's database id.
    RequestId);
id_type!(/// A nomination's database id.
    NominationId);

/// Police ranks from lowest to highest. Contributing countries name ranks their own way; these
/// are the names unpol records, and a request's minimum rank is one of them.
pub const RANKS: [&str; 10] = [
    "Constable",
    "Corporal",
    "Sergeant",
    "Lieutenant",
    "Inspector",
    "Captain",
    "Chief Inspector",
    "Superintendent",
    "Chief Superintendent",
    "Commissioner",
];

/// The position of a rank in [`RANKS`] (case-insensitive), or none for a rank unpol does not know.
pub fn rank_order(rank: &str) -> Option<usize> {
    RANKS
        .iter()
        .position(|r| r.eq_ignore_ascii_case(rank.trim()))
}

/// What a request asks of every officer it takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Profile {
    /// One of [`RANKS`].
    pub min_rank: String,
    /// Languages required, each at least at its level.
    pub languages: Vec<LanguageSkill>,
    /// Skills wanted: each one an officer holds adds to the fit.
    pub skills: Vec<String>,
}

/// A mission's request for officers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Request {
    pub id: RequestId,
    pub mission: MissionCode,
    pub title: String,
    /// How many officers of this profile the mission needs.
    pub posts: u32,
    pub profile: Profile,
    /// The day the selected officers start their tour, and its length.
    pub start: NaiveDate,
    pub tour_months: u32,
    /// Nominations close at the end of this day.
    pub deadline: NaiveDate,
    /// At most this share of the selection from one country (none: no cap).
    pub country_cap: Option<f64>,
    /// The countries the request was sent to; only their nationals may be nominated.
    pub countries: Vec<CountryCode>,
    pub created_on: NaiveDate,
    /// Where the request stands: the last of its steps.
    pub status: RequestStatus,
    /// Every step it took, oldest first, each with the date of the decision.
    pub steps: Vec<RequestStep>,
}

impl Request {
    /// The day the request went to the countries (lead times count from it), if it has.
    pub fn sent_on(&self) -> Option<NaiveDate> {
        self.steps
            .iter()
            .find(|s| s.status == RequestStatus::Sent)
            .map(|s| s.on)
    }

    /// The date of the latest step: a later step may not be dated before it.
    pub fn last_step_on(&self) -> NaiveDate {
        self.steps.last().map_or(self.created_on, |s| s.on)
    }
}

/// The life of a request. Each step is a decision with its date; [`RequestStatus::may_become`]
/// says which follow which, so that nothing is nominated before the request is sent, selected
/// while nominations are open, or deployed twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Being written by headquarters; no country sees it yet.
    Draft,
    /// Sent to its countries: their focal points see it and nominate until the deadline.
    Sent,
    /// No more nominations: headquarters selects.
    NominationsClosed,
    /// Officers are selected and wait for deployment.
    Selected,
    /// The selected are deployed (more may be selected while posts remain).
    Deployed,
    /// Done.
    Closed,
    /// Abandoned before anyone was deployed.
    Cancelled,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Draft,
        RequestStatus::Sent,
        RequestStatus::NominationsClosed,
        RequestStatus::Selected,
        RequestStatus::Deployed,
        RequestStatus::Closed,
        RequestStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Draft => "draft",
            RequestStatus::Sent => "sent",
            RequestStatus::NominationsClosed => "nominations_closed",
            RequestStatus::Selected => "selected",
            RequestStatus::Deployed => "deployed",
            RequestStatus::Closed => "closed",
            RequestStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The steps a request may take from this one. A selection may be revised until it is
    /// deployed, and a partly deployed request may select again for its empty posts; once an
    /// officer is deployed the request can only be closed, not cancelled.
    pub fn may_become(self, next: RequestStatus) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Draft, Sent)
                | (Sent, NominationsClosed)
                | (NominationsClosed | Selected | Deployed, Selected)
                | (Selected, Deployed)
                | (Deployed, Closed)
                | (Draft | Sent | NominationsClosed | Selected, Cancelled)
        )
    }

    /// The statuses from which a request may become `next`.
    pub fn before(next: RequestStatus) -> Vec<RequestStatus> {
        Self::ALL
            .into_iter()
            .filter(|s| s.may_become(next))
            .collect()
    }

    /// Whether a country's focal point sees the request: once it has been sent.
    pub fn shown_to_countries(self) -> bool {
        self != RequestStatus::Draft
    }
}

impl fmt::Display for RequestStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One step of a request: what it became, on which day, and why when a reason is asked
/// (a cancellation, a selection that departs from the plan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct RequestStep {
    pub status: RequestStatus,
    pub on: NaiveDate,
    pub note: String,
}

/// Where a nomination stands. Each step has its date on the nomination.
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
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NominationStatus {
    Nominated,
    Selected,
    NotSelected,
    Deployed,
    Withdrawn,
}

impl NominationStatus {
    pub const ALL: [NominationStatus; 5] = [
        NominationStatus::Nominated,
        NominationStatus::Selected,
        NominationStatus::NotSelected,
        NominationStatus::Deployed,
        NominationStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NominationStatus::Nominated => "nominated",
            NominationStatus::Selected => "selected",
            NominationStatus::NotSelected => "not_selected",
            NominationStatus::Deployed => "deployed",
            NominationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The steps a nomination may take: a selection can be revised until deployment, a
    /// deployment is final (it ends as a tour, not as a nomination).
    pub fn may_become(self, next: NominationStatus) -> bool {
        use NominationStatus::*;
        matches!(
            (self, next),
            (Nominated | NotSelected, Selected)
                | (Nominated | Selected, NotSelected)
                | (Selected, Deployed)
                | (Nominated | Selected | NotSelected, Withdrawn)
        )
    }
}

impl fmt::Display for NominationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One officer nominated to one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Nomination {
    pub id: NominationId,
    pub request: RequestId,
    pub officer: crate::roster::OfficerId,
    pub nationality: CountryCode,
    pub status: NominationStatus,
    pub nominated_on: NaiveDate,
    /// When it was last selected or not selected.
    pub decided_on: Option<NaiveDate>,
    pub deployed_on: Option<NaiveDate>,
    pub deployment: Option<crate::roster::DeploymentId>,
}

/// Why a nominee may not be selected: a hard rule, with what was asked and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Ineligible {
    Language {
        language: String,
        required: u8,
        has: u8,
    },
    Rank {
        required: String,
        has: String,
    },
    Assessment {
        on: NaiveDate,
    },
    Vetting {
        status: String,
    },
    OnTour {
        from: NaiveDate,
        to: NaiveDate,
    },
    NotRequestedCountry {
        country: CountryCode,
    },
    /// Not cleared by conduct screening: an open case, a substantiated allegation of sexual
    /// exploitation or abuse, or a disciplinary repatriation. Deliberately without detail: the
    /// plan is read by headquarters and focal points, who may not read cases.
    ConductScreening,
    /// Rated underperforming in [`crate::performance::REPEATED_UNDERPERFORMANCE`] or more
    /// evaluations, in any mission: focal points read their nationals' evaluations.
    RepeatedUnderperformance,
}

impl fmt::Display for Ineligible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ineligible::Language {
                language,
                required,
                has,
            } => {
                write!(
                    f,
                    "language {language} at level {required} required, has {has}"
                )
            }
            Ineligible::Rank { required, has } => {
                write!(f, "rank {required} or above required, is {has}")
            }
            Ineligible::Assessment { on } => write!(f, "no valid pass of every AMS test on {on}"),
            Ineligible::Vetting { status } => write!(f, "vetting is {status}, not cleared"),
            Ineligible::OnTour { from, to } => write!(f, "on a tour from {from} to {to}"),
            Ineligible::NotRequestedCountry { country } => {
                write!(f, "the request was not sent to {country}")
            }
            Ineligible::ConductScreening => f.write_str("not cleared by conduct screening"),
            Ineligible::RepeatedUnderperformance => {
                f.write_str("rated underperforming in repeated evaluations")
            }
        }
    }
}

/// How well an eligible officer fits, and why: the optimizer maximises the sum of `total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Fit {
    /// Points for the wanted skills held: [`SKILL_POINTS`] each.
    pub skills: i64,
    /// Points for language levels above those required: one per level.
    pub languages: i64,
    /// Points for earlier tours: [`TOUR_POINTS`] each, up to three tours.
    pub experience: i64,
    /// Everyone eligible starts at 1, so that filling a post always beats leaving it empty.
    pub total: i64,
}

pub const SKILL_POINTS: i64 = 10;
pub const TOUR_POINTS: i64 = 3;

/// What screening beyond the request's profile found of an officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screening {
    /// Conduct screening clears the officer.
    pub conduct_cleared: bool,
    /// Earlier evaluations rate the officer underperforming again and again.
    pub repeated_underperformance: bool,
}

/// A verdict with screening's: an officer it does not clear is ineligible whatever the fit,
/// with each reason added to the others.
pub fn screened(
    verdict: Result<Fit, Vec<Ineligible>>,
    screening: Screening,
) -> Result<Fit, Vec<Ineligible>> {
    if screening.conduct_cleared && !screening.repeated_underperformance {
        return verdict;
    }
    let mut reasons = verdict.err().unwrap_or_default();
    if !screening.conduct_cleared {
        reasons.push(Ineligible::ConductScreening);
    }
    if screening.repeated_underperformance {
        reasons.push(Ineligible::RepeatedUnderperformance);
    }
    Err(reasons)
}

/// The hard rules, all checked so that a refusal lists every reason at once.
pub fn check(request: &Request, officer: &Officer, tours: &[Tour]) -> Result<Fit, Vec<Ineligible>> {
    let mut refusals = Vec::new();
    if !request.countries.contains(&officer.nationality) {
        refusals.push(Ineligible::NotRequestedCountry {
            country: officer.nationality,
        });
    }
    let mut language_points = 0;
    for wanted in &request.profile.languages {
        let has = officer
            .languages
            .iter()
            .find(|l| l.language == wanted.language)
            .map_or(0, |l| l.level);
        if has < wanted.level {
            refusals.push(Ineligible::Language {
                language: wanted.language.clone(),
                required: wanted.level,
                has,
            });
        }
        language_points += i64::from(has.saturating_sub(wanted.level));
    }
    match (
        rank_order(&officer.rank),
        rank_order(&request.profile.min_rank),
    ) {
        (Some(has), Some(required)) if has >= required => {}
        _ => refusals.push(Ineligible::Rank {
            required: request.profile.min_rank.clone(),
            has: officer.rank.clone(),
        }),
    }
    if !officer.assessed_for_service(request.start) {
        refusals.push(Ineligible::Assessment { on: request.start });
    }
    if officer.vetting != "cleared" {
        refusals.push(Ineligible::Vetting {
            status: officer.vetting.clone(),
        });
    }
    if let Some(t) = tours.iter().find(|t| t.covers(request.start)) {
        refusals.push(Ineligible::OnTour {
            from: t.start,
            to: t.end,
        });
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let skills = request
        .profile
        .skills
        .iter()
        .filter(|s| officer.skills.contains(s))
        .count() as i64
        * SKILL_POINTS;
    let experience = tours
        .iter()
        .filter(|t| t.end < request.start)
        .count()
        .min(3) as i64
        * TOUR_POINTS;
    Ok(Fit {
        skills,
        languages: language_points,
        experience,
        total: 1 + skills + language_points + experience,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{AmsResult, AmsTest, Assessment, Gender, OfficerId};

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn request() -> Request {
        Request {
            id: RequestId(1),
            mission: MissionCode::parse("MINUSCA").expect("code"),
            title: "SGBV investigators".into(),
            posts: 4,
            profile: Profile {
                min_rank: "Inspector".into(),
                languages: vec![LanguageSkill {
                    language: "fr".into(),
                    level: 3,
                }],
                skills: vec!["sgbv".into(), "investigations".into()],
            },
            start: day("2027-03-01"),
            tour_months: 12,
            deadline: day("2027-01-15"),
            country_cap: None,
            countries: vec![CountryCode::parse("SEN").expect("code")],
            created_on: day("2026-11-01"),
            status: RequestStatus::Sent,
            steps: Vec::new(),
        }
    }

    fn officer() -> Officer {
        Officer {
            id: OfficerId(7),
            external_id: "SEN-7".into(),
            given_name: "Awa".into(),
            family_name: "Diop".into(),
            nationality: CountryCode::parse("SEN").expect("code"),
            gender: Gender::Female,
            birth_date: day("1985-05-05"),
            rank: "Chief Inspector".into(),
            languages: vec![LanguageSkill {
                language: "fr".into(),
                level: 5,
            }],
            skills: vec!["sgbv".into()],
            vetting: "cleared".into(),
            assessments: AmsTest::ALL
                .into_iter()
                .map(|test| Assessment {
                    test,
                    result: AmsResult::Passed,
                    taken_on: day("2026-10-01"),
                    valid_until: Some(day("2027-10-01")),
                })
                .collect(),
        }
    }

    #[test]
    fn an_eligible_officer_scores_skills_languages_and_experience() {
        let earlier = Tour::new(day("2024-01-01"), day("2024-12-31")).expect("tour");
        let fit = check(&request(), &officer(), &[earlier]).expect("eligible");
        assert_eq!(
            fit,
            Fit {
                skills: 10,
                languages: 2,
                experience: 3,
                total: 16
            }
        );
    }

    #[test]
    fn every_broken_rule_is_named() {
        let mut o = officer();
        o.rank = "Sergeant".into();
        o.languages[0].level = 2;
        o.vetting = "pending".into();
        o.nationality = CountryCode::parse("FRA").expect("code");
        o.assessments.retain(|a| a.test != AmsTest::Firearms);
        let on_tour = Tour::new(day("2026-06-01"), day("2027-05-31")).expect("tour");
        let refusals = check(&request(), &o, &[on_tour]).expect_err("ineligible");
        let rules: Vec<String> = refusals.iter().map(ToString::to_string).collect();
        assert_eq!(rules.len(), 6, "{rules:?}");
        assert!(rules.contains(&"language fr at level 3 required, has 2".to_string()));
        assert!(rules.contains(&"on a tour from 2026-06-01 to 2027-05-31".to_string()));
    }

    #[test]
    fn an_assessment_must_still_be_valid_on_the_start_date() {
        let mut o = officer();
        o.assessments[0].valid_until = Some(day("2027-02-28"));
        let refusals = check(&request(), &o, &[]).expect_err("ineligible");
        assert!(matches!(
            refusals.as_slice(),
            [Ineligible::Assessment { .. }]
        ));
    }

    #[test]
    fn a_request_moves_forward_and_deploys_only_what_is_selected() {
        use RequestStatus::*;
        assert!(Draft.may_become(Sent) && Sent.may_become(NominationsClosed));
        assert!(
            !Sent.may_become(Selected),
            "nominations close before selection"
        );
        assert!(!Draft.may_become(Deployed) && !NominationsClosed.may_become(Deployed));
        assert!(
            !Deployed.may_become(Deployed),
            "a deployment is not repeated"
        );
        assert!(
            !Deployed.may_become(Cancelled),
            "deployed officers are not cancelled"
        );
        assert!(
            Deployed.may_become(Selected),
            "empty posts may be filled later"
        );
        for end in [Closed, Cancelled] {
            assert!(RequestStatus::ALL.iter().all(|s| !end.may_become(*s)));
        }
        assert_eq!(RequestStatus::before(Deployed), vec![Selected]);
        assert!(
            RequestStatus::ALL
                .iter()
                .all(|s| RequestStatus::from_code(s.code()) == Some(*s))
        );
    }

    #[test]
    fn deployment_is_final() {
        use NominationStatus::*;
        assert!(Nominated.may_become(Selected) && Selected.may_become(Deployed));
        assert!(
            !Nominated.may_become(Deployed),
            "only a selected officer deploys"
        );
        assert!(
            NominationStatus::ALL
                .iter()
                .all(|s| !Deployed.may_become(*s))
        );
        assert!(
            NominationStatus::ALL
                .iter()
                .all(|s| NominationStatus::from_code(s.code()) == Some(*s))
        );
    }
}

/// The dates of one deployed nomination, from the request to the deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    pub mission: MissionCode,
    pub country: CountryCode,
    /// The request's title: the profile asked for.
    pub profile: String,
    pub requested_on: NaiveDate,
    pub nominated_on: NaiveDate,
    pub selected_on: NaiveDate,
    /// The first day of the officer's tour in the mission.
    pub deployed_on: NaiveDate,
}

/// How lead times are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LeadTimeGroup {
    Mission,
    Country,
    Profile,
}

/// Median days of each step for one group of deployed officers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LeadTime {
    pub group: String,
    pub deployed: usize,
    pub request_to_nomination: f64,
    pub nomination_to_selection: f64,
    pub selection_to_deployment: f64,
    pub request_to_deployment: f64,
}

/// Lead times per group, in days (medians: one slow country should not hide the usual pace),
/// groups in name order.
pub fn lead_times(journeys: &[Journey], by: LeadTimeGroup) -> Vec<LeadTime> {
    let mut groups: std::collections::BTreeMap<String, Vec<&Journey>> = Default::default();
    for j in journeys {
        let key = match by {
            LeadTimeGroup::Mission => j.mission.to_string(),
            LeadTimeGroup::Country => j.country.to_string(),
            LeadTimeGroup::Profile => j.profile.clone(),
        };
        groups.entry(key).or_default().push(j);
    }
    groups
        .into_iter()
        .map(|(group, js)| {
            let median = |f: &dyn Fn(&Journey) -> i64| median(js.iter().map(|j| f(j)).collect());
            LeadTime {
                group,
                deployed: js.len(),
                request_to_nomination: median(&|j| (j.nominated_on - j.requested_on).num_days()),
                nomination_to_selection: median(&|j| (j.selected_on - j.nominated_on).num_days()),
                selection_to_deployment: median(&|j| (j.deployed_on - j.selected_on).num_days()),
                request_to_deployment: median(&|j| (j.deployed_on - j.requested_on).num_days()),
            }
        })
        .collect()
}

fn median(mut days: Vec<i64>) -> f64 {
    days.sort_unstable();
    let n = days.len();
    if n == 0 {
        return 0.0;
    }
    if n % 2 == 1 {
        days[n / 2] as f64
    } else {
        (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
    }
}

#[cfg(test)]
mod lead_time_tests {
    use super::*;

    fn journey(country: &str, profile: &str, dates: [&str; 4]) -> Journey {
        let d = |s: &str| s.parse::<NaiveDate>().expect("date");
        Journey {
            mission: MissionCode::parse("UNMISS").expect("code"),
            country: CountryCode::parse(country).expect("code"),
            profile: profile.into(),
            requested_on: d(dates[0]),
            nominated_on: d(dates[1]),
            selected_on: d(dates[2]),
            deployed_on: d(dates[3]),
        }
    }

    #[test]
    fn medians_per_group_in_days() {
        let journeys = [
            journey(
                "SEN",
                "SGBV",
                ["2027-01-01", "2027-01-11", "2027-02-10", "2027-04-01"],
            ),
            journey(
                "SEN",
                "SGBV",
                ["2027-01-01", "2027-01-21", "2027-02-10", "2027-04-01"],
            ),
            journey(
                "FRA",
                "Forensics",
                ["2027-01-01", "2027-03-01", "2027-03-02", "2027-03-03"],
            ),
        ];
        let by_country = lead_times(&journeys, LeadTimeGroup::Country);
        assert_eq!(
            by_country
                .iter()
                .map(|l| l.group.as_str())
                .collect::<Vec<_>>(),
            ["FRA", "SEN"]
        );
        let sen = &by_country[1];
        assert_eq!(sen.deployed, 2);
        assert_eq!(sen.request_to_nomination, 15.0, "median of 10 and 20 days");
        assert_eq!(
            sen.nomination_to_selection, 25.0,
            "median of 30 and 20 days"
        );
        assert_eq!(sen.selection_to_deployment, 50.0);
        assert_eq!(sen.request_to_deployment, 90.0);
        let by_mission = lead_times(&journeys, LeadTimeGroup::Mission);
        assert_eq!(by_mission.len(), 1);
        assert_eq!(
            (by_mission[0].deployed, by_mission[0].request_to_deployment),
            (3, 90.0)
        );
        assert_eq!(
            lead_times(&journeys, LeadTimeGroup::Profile)[0].group,
            "Forensics"
        );
    }
}
