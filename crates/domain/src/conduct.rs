//! Conduct and discipline: an allegation received by a mission, the steps of its case, the clocks
//! the contributing country runs against, and the screening that keeps an officer out of the plan.
//!
//! The vocabulary is the UN's as it publishes its figures on misconduct (types of allegation,
//! who investigates, interim measures, outcomes, the action a country reports back), each code
//! with its English and French label. The deadlines are reference data
//! (`crates/storage/reference/conduct_deadlines.csv`), not constants here: a General Assembly
//! resolution can change them and an operator can set the configurable ones.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::roster::PostCategory;
use crate::vocabulary::coded;
use crate::{CountryCode, MissionCode};

coded! {
    /// The type of an allegation, as the UN counts them.
    AllegationType {
        SexualExploitation => ("sexual_exploitation", "Sexual exploitation", "Exploitation sexuelle"),
        SexualAbuse => ("sexual_abuse", "Sexual abuse", "Atteinte sexuelle"),
        Category1 => ("category_1", "Other serious misconduct (category 1)", "Autre faute grave (catégorie 1)"),
        Category2 => ("category_2", "Other misconduct (category 2)", "Autre faute (catégorie 2)"),
    }
}

impl AllegationType {
    /// Sexual exploitation or abuse: what bars an officer from further service once substantiated.
    pub fn is_sea(self) -> bool {
        matches!(
            self,
            AllegationType::SexualExploitation | AllegationType::SexualAbuse
        )
    }
}

coded! {
    /// Who investigates.
    Investigator {
        Oios => ("oios", "Office of Internal Oversight Services (OIOS)", "Bureau des services de contrôle interne (BSCI)"),
        ContributingCountry => ("contributing_country", "The contributing country (national investigator)", "Le pays contributeur (enquêteur national)"),
        Mission => ("mission", "The mission", "La mission"),
    }
}

coded! {
    /// What is done while the investigation runs.
    InterimMeasure {
        Repatriation => ("repatriation", "Repatriation", "Rapatriement"),
        AdministrativeLeave => ("administrative_leave", "Administrative leave", "Congé administratif"),
        PaymentSuspension => ("payment_suspension", "Suspension of payments", "Suspension des paiements"),
        Barred => ("barred", "Barred from further service", "Exclusion de toute mission future"),
    }
}

coded! {
    /// What the investigation found.
    Outcome {
        Substantiated => ("substantiated", "Substantiated", "Fondée"),
        NotSubstantiated => ("not_substantiated", "Not substantiated", "Non fondée"),
        ClosedOther => ("closed_other", "Closed for other reasons", "Close pour d’autres motifs"),
    }
}

coded! {
    /// What the contributing country reports it did.
    CountryAction {
        Dismissal => ("dismissal", "Dismissal", "Révocation"),
        Imprisonment => ("imprisonment", "Imprisonment", "Emprisonnement"),
        Demotion => ("demotion", "Demotion", "Rétrogradation"),
        Reprimand => ("reprimand", "Reprimand", "Blâme"),
        Pending => ("pending", "Pending", "En attente"),
    }
}

coded! {
    /// A victim's age group: a child's case is urgent.
    AgeGroup {
        Adult => ("adult", "Adult", "Adulte"),
        Child => ("child", "Child", "Enfant"),
    }
}

coded! {
    /// The assistance given to a victim.
    Assistance {
        Medical => ("medical", "Medical", "Médicale"),
        Psychosocial => ("psychosocial", "Psychosocial", "Psychosociale"),
        Legal => ("legal", "Legal", "Juridique"),
        Material => ("material", "Material", "Matérielle"),
    }
}

coded! {
    /// The steps of a case, in the order they are taken.
    CaseStatus {
        Received => ("received", "Received", "Reçue"),
        PreliminaryAssessment => ("preliminary_assessment", "Preliminary assessment", "Évaluation préliminaire"),
        Referred => ("referred", "Referred", "Renvoyée"),
        InvestigatorNamed => ("investigator_named", "Investigator named", "Enquêteur désigné"),
        UnderInvestigation => ("under_investigation", "Under investigation", "En cours d’enquête"),
        Outcome => ("outcome", "Outcome known", "Résultat connu"),
        CountryAction => ("country_action", "Action reported by the country", "Mesures communiquées par le pays"),
        Closed => ("closed", "Closed", "Close"),
    }
}

impl CaseStatus {
    /// The step after this one; none once closed.
    pub fn next(self) -> Option<CaseStatus> {
        let index = Self::ALL.iter().position(|s| *s == self)?;
        Self::ALL.get(index + 1).copied()
    }

    /// Whether a case may take step `to` now: the next step only, or closing where a case may end
    /// early (an assessment that finds nothing to refer; an outcome that calls for no action).
    pub fn may_become(self, to: CaseStatus) -> bool {
        self.next() == Some(to)
            || (to == CaseStatus::Closed
                && matches!(
                    self,
                    CaseStatus::PreliminaryAssessment | CaseStatus::Outcome
                ))
    }

    pub fn is_open(self) -> bool {
        self != CaseStatus::Closed
    }
}

/// The day `n` working days after `start` (Monday to Friday; `start` itself does not count).
/// A referral on a Friday with 10 working days falls due on the Friday two weeks later.
pub fn working_days_after(start: NaiveDate, n: u32) -> NaiveDate {
    let mut day = start;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// The deadlines the contributing country runs against, from the reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineRules {
    /// Working days from the notification of a referral to the naming of an investigator.
    pub investigator_working_days: u32,
    /// Months from the referral to the end of the investigation.
    pub investigation_months: u32,
    /// The same for an urgent case (one involving a child, or marked so).
    pub urgent_investigation_months: u32,
}

/// A rule of the reference data unpol does not know, or one missing or given twice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("unknown deadline rule `{0}`")]
    Unknown(String),
    #[error("deadline rule `{0}` is given twice")]
    Twice(String),
    #[error("deadline rule `{0}` is missing")]
    Missing(&'static str),
    #[error("deadline rule `{rule}` must be a positive number of {unit}, not {value}")]
    NotPositive {
        rule: String,
        unit: &'static str,
        value: u32,
    },
}

impl DeadlineRules {
    const RULES: [(&'static str, &'static str); 3] = [
        ("investigator_named", "working_days"),
        ("investigation_completed", "months"),
        ("urgent_investigation_completed", "months"),
    ];

    /// The rules from the rows of the reference file (`rule`, `value`): each exactly once.
    pub fn from_rows<'a>(
        rows: impl IntoIterator<Item = (&'a str, u32)>,
    ) -> Result<DeadlineRules, RuleError> {
        let mut values: [Option<u32>; 3] = [None; 3];
        for (rule, value) in rows {
            let index = Self::RULES
                .iter()
                .position(|(name, _)| *name == rule)
                .ok_or_else(|| RuleError::Unknown(rule.to_string()))?;
            if value == 0 {
                return Err(RuleError::NotPositive {
                    rule: rule.to_string(),
                    unit: Self::RULES[index].1,
                    value,
                });
            }
            if values[index].replace(value).is_some() {
                return Err(RuleError::Twice(rule.to_string()));
            }
        }
        let get = |i: usize| values[i].ok_or(RuleError::Missing(Self::RULES[i].0));
        Ok(DeadlineRules {
            investigator_working_days: get(0)?,
            investigation_months: get(1)?,
            urgent_investigation_months: get(2)?,
        })
    }

    /// The unit a rule is counted in (`working_days`, `months`), for the reference file's check.
    pub fn unit_of(rule: &str) -> Option<&'static str> {
        Self::RULES
            .iter()
            .find(|(name, _)| *name == rule)
            .map(|(_, unit)| *unit)
    }
}

/// What a clock is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// The contributing country names its investigator.
    NameInvestigator,
    /// The investigation ends with an outcome.
    CompleteInvestigation,
}

/// The dates of a case that start and stop its clocks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseDates {
    /// The day the contributing country was notified of the referral.
    pub referred_on: Option<NaiveDate>,
    pub investigator_named_on: Option<NaiveDate>,
    pub outcome_on: Option<NaiveDate>,
    pub urgent: bool,
}

/// One clock of a case: when it falls due and, once met, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    pub met_on: Option<NaiveDate>,
}

/// Where a clock stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockState {
    /// Met on or before its day.
    Met,
    /// Met, but after its day: the lateness stays on the record.
    MetLate { days: i64 },
    /// Running, with this many days left (0: due today).
    Running { days_left: i64 },
    /// Run out this many days ago.
    Overdue { days: i64 },
}

impl Deadline {
    pub fn state(&self, today: NaiveDate) -> ClockState {
        match self.met_on {
            Some(met) if met <= self.due => ClockState::Met,
            Some(met) => ClockState::MetLate {
                days: (met - self.due).num_days(),
            },
            None if today <= self.due => ClockState::Running {
                days_left: (self.due - today).num_days(),
            },
            None => ClockState::Overdue {
                days: (today - self.due).num_days(),
            },
        }
    }

    /// Not met, and run out by `today + within` days: what the overdue list shows.
    pub fn due_within(&self, today: NaiveDate, within: u32) -> bool {
        self.met_on.is_none() && (self.due - today).num_days() <= i64::from(within)
    }
}

/// The clocks of a case: none before its referral; the investigator's from the notification, in
/// working days; the investigation's from the referral, in months (fewer when urgent).
pub fn deadlines(dates: &CaseDates, rules: &DeadlineRules) -> Vec<Deadline> {
    let Some(referred) = dates.referred_on else {
        return Vec::new();
    };
    let months = if dates.urgent {
        rules.urgent_investigation_months
    } else {
        rules.investigation_months
    };
    vec![
        Deadline {
            kind: DeadlineKind::NameInvestigator,
            due: working_days_after(referred, rules.investigator_working_days),
            met_on: dates.investigator_named_on,
        },
        Deadline {
            kind: DeadlineKind::CompleteInvestigation,
            // The last day of the month when the month is shorter (31 August + 6 months: 28
            // February); chrono saturates the same way.
            due: referred
                .checked_add_months(Months::new(months))
                .unwrap_or(NaiveDate::MAX),
            met_on: dates.outcome_on,
        },
    ]
}

/// A case is urgent when marked so or when a victim is a child.
pub fn is_urgent(marked: bool, victims: &[AgeGroup]) -> bool {
    marked || victims.contains(&AgeGroup::Child)
}

/// What the screening knows of one case naming an officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseRecord {
    pub allegation: AllegationType,
    pub status: CaseStatus,
    pub outcome: Option<Outcome>,
    /// The officer was barred from further service, or repatriated, on this case (interim
    /// measures).
    pub barred: bool,
}

/// Whether an officer may be proposed for service: not while a case against the officer is open,
/// never after a substantiated allegation of sexual exploitation or abuse or a disciplinary
/// repatriation (the UN bars both from further service). The reason shown to headquarters and to
/// the focal point is only "not cleared by conduct screening": no case, no detail.
pub fn cleared(cases: &[CaseRecord], repatriated_for_discipline: bool) -> bool {
    let bars = |c: &CaseRecord| {
        c.status.is_open()
            || c.barred
            || (c.allegation.is_sea() && c.outcome == Some(Outcome::Substantiated))
    };
    !repatriated_for_discipline && !cases.iter().any(bars)
}

/// A case as the public figures count it: once for each personnel category and nationality its
/// subjects hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountedCase {
    pub year: i32,
    pub mission: MissionCode,
    pub category: PostCategory,
    pub nationality: CountryCode,
    pub allegation: AllegationType,
    pub status: CaseStatus,
}

/// A line of the public figures on allegations: how many were received in a year, in a mission,
/// against personnel of a category and a nationality, of a type, now at a step. No person, no
/// victim, no narrative.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct AllegationCount {
    pub year: i32,
    pub mission: MissionCode,
    pub category: PostCategory,
    pub nationality: CountryCode,
    pub allegation: AllegationType,
    pub status: CaseStatus,
    pub allegations: u32,
}

/// Counts allegations as the UN does: one per report received, once for each category and
/// country it names (the `cases` already hold one line per case, category and nationality).
pub fn count_allegations(cases: &[CountedCase]) -> Vec<AllegationCount> {
    let mut counts: std::collections::BTreeMap<_, u32> = std::collections::BTreeMap::new();
    for c in cases {
        let key = (
            c.year,
            c.mission,
            c.category,
            c.nationality,
            c.allegation,
            c.status,
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
        .into_iter()
        .map(
            |((year, mission, category, nationality, allegation, status), allegations)| {
                AllegationCount {
                    year,
                    mission,
                    category,
                    nationality,
                    allegation,
                    status,
                    allegations,
                }
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a day")
    }

    const RULES: DeadlineRules = DeadlineRules {
        investigator_working_days: 10,
        investigation_months: 6,
        urgent_investigation_months: 3,
    };

    #[test]
    fn a_friday_referral_with_ten_working_days_falls_due_two_fridays_later() {
        let friday = day("2026-12-04");
        assert_eq!(friday.weekday(), Weekday::Fri);
        assert_eq!(working_days_after(friday, 10), day("2026-12-18"));
        // From a Saturday, the first working day is the Monday.
        assert_eq!(working_days_after(day("2026-12-05"), 1), day("2026-12-07"));
        assert_eq!(working_days_after(friday, 0), friday);
    }

    #[test]
    fn the_investigation_clock_counts_months_and_fewer_when_urgent() {
        let mut dates = CaseDates {
            referred_on: Some(day("2026-08-31")),
            ..CaseDates::default()
        };
        let [named, complete] = deadlines(&dates, &RULES)[..] else {
            panic!("two clocks")
        };
        assert_eq!(named.kind, DeadlineKind::NameInvestigator);
        assert_eq!(
            complete.due,
            day("2027-02-28"),
            "saturates at the month's end"
        );
        dates.urgent = true;
        assert_eq!(deadlines(&dates, &RULES)[1].due, day("2026-11-30"));
        assert!(deadlines(&CaseDates::default(), &RULES).is_empty());
        assert!(is_urgent(false, &[AgeGroup::Adult, AgeGroup::Child]));
        assert!(!is_urgent(false, &[AgeGroup::Adult]));
    }

    #[test]
    fn a_clock_runs_then_is_overdue_or_met_and_lateness_stays() {
        let mut clock = Deadline {
            kind: DeadlineKind::NameInvestigator,
            due: day("2026-12-18"),
            met_on: None,
        };
        assert_eq!(
            clock.state(day("2026-12-15")),
            ClockState::Running { days_left: 3 }
        );
        assert!(clock.due_within(day("2026-12-15"), 3));
        assert!(!clock.due_within(day("2026-12-15"), 2));
        assert_eq!(
            clock.state(day("2026-12-20")),
            ClockState::Overdue { days: 2 }
        );
        clock.met_on = Some(day("2026-12-21"));
        assert_eq!(
            clock.state(day("2027-01-30")),
            ClockState::MetLate { days: 3 }
        );
        assert!(!clock.due_within(day("2027-01-30"), 30));
        clock.met_on = Some(day("2026-12-18"));
        assert_eq!(clock.state(day("2027-01-30")), ClockState::Met);
    }

    #[test]
    fn steps_go_in_order_and_close_early_only_where_allowed() {
        use CaseStatus::*;
        assert!(Received.may_become(PreliminaryAssessment));
        assert!(!Received.may_become(Referred), "no step is skipped");
        assert!(!Referred.may_become(Received), "nor taken back");
        assert!(PreliminaryAssessment.may_become(Closed));
        assert!(Outcome.may_become(Closed));
        assert!(CountryAction.may_become(Closed));
        assert!(!UnderInvestigation.may_become(Closed));
        assert!(!Closed.may_become(Closed));
        assert_eq!(Closed.next(), None);
    }

    #[test]
    fn deadline_rules_come_each_once_from_the_reference_rows() {
        let rows = [
            ("investigator_named", 10),
            ("investigation_completed", 6),
            ("urgent_investigation_completed", 3),
        ];
        assert_eq!(DeadlineRules::from_rows(rows), Ok(RULES));
        assert_eq!(
            DeadlineRules::from_rows(rows[..2].iter().copied()),
            Err(RuleError::Missing("urgent_investigation_completed"))
        );
        let twice = [rows[0], rows[0], rows[1], rows[2]];
        assert!(matches!(
            DeadlineRules::from_rows(twice),
            Err(RuleError::Twice(_))
        ));
        assert!(matches!(
            DeadlineRules::from_rows([("lunch_break", 1)]),
            Err(RuleError::Unknown(_))
        ));
        assert!(matches!(
            DeadlineRules::from_rows([("investigator_named", 0)]),
            Err(RuleError::NotPositive { .. })
        ));
    }

    #[test]
    fn screening_bars_open_cases_substantiated_sea_and_disciplinary_repatriation() {
        let case = |allegation, status, outcome| CaseRecord {
            allegation,
            status,
            outcome,
            barred: false,
        };
        use AllegationType::*;
        assert!(cleared(&[], false));
        assert!(!cleared(&[], true), "repatriated for discipline");
        let barred = CaseRecord {
            barred: true,
            ..case(
                Category2,
                CaseStatus::Closed,
                Some(Outcome::NotSubstantiated),
            )
        };
        assert!(!cleared(&[barred], false), "barred on a closed case");
        assert!(!cleared(
            &[case(Category2, CaseStatus::UnderInvestigation, None)],
            false
        ));
        assert!(!cleared(
            &[case(
                SexualAbuse,
                CaseStatus::Closed,
                Some(Outcome::Substantiated)
            )],
            false
        ));
        assert!(cleared(
            &[case(
                SexualAbuse,
                CaseStatus::Closed,
                Some(Outcome::NotSubstantiated)
            )],
            false
        ));
        assert!(
            cleared(
                &[case(
                    Category1,
                    CaseStatus::Closed,
                    Some(Outcome::Substantiated)
                )],
                false
            ),
            "a closed, substantiated case of other misconduct is for the country to sanction"
        );
    }

    #[test]
    fn codes_are_unique_and_read_back() {
        for terms in [
            AllegationType::TERMS,
            Investigator::TERMS,
            InterimMeasure::TERMS,
            Outcome::TERMS,
            CountryAction::TERMS,
            AgeGroup::TERMS,
            Assistance::TERMS,
            CaseStatus::TERMS,
        ] {
            let mut codes: Vec<&str> = terms.iter().map(|t| t.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), terms.len(), "{terms:?}");
            assert!(terms.iter().all(|t| !t.fr.is_empty() && !t.en.is_empty()));
        }
        for status in CaseStatus::ALL {
            assert_eq!(CaseStatus::from_code(status.code()), Some(*status));
        }
        assert_eq!(
            AllegationType::from_code("sexual_abuse"),
            Some(AllegationType::SexualAbuse)
        );
        assert_eq!(AllegationType::from_code("sea"), None);
    }
}
