//! Conduct cases, written with their audit entry and read through the caller's need to know.
//!
//! Storage never sees the text of a sealed field: the narrative, the notes and the victims'
//! details arrive sealed (the application holds the key) and leave sealed. The sealing is bound
//! to the case's id, which only the insert gives: [`Database::insert_case`] asks for the sealed
//! fields once the id exists, inside the same transaction.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::audit::AuditEvent;
use unpol_domain::conduct::{
    AgeGroup, AllegationType, CaseRecord, CaseStatus, CountryAction, InterimMeasure, Investigator,
    Outcome,
};
use unpol_domain::roster::{OfficerId, PostCategory};
use unpol_domain::{CountryCode, MissionCode};

use crate::audit::{append_in, audited_tx};
use crate::officers::WriteError;
use crate::{Database, on_pool};

/// Who a case may be read by, as the database filters it (DESIGN.md section 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseScope {
    /// A conduct officer: the cases of a mission (or all), except restricted cases the officer is
    /// not assigned to.
    Conduct {
        mission: Option<MissionCode>,
        login: String,
    },
    /// A contributing country's focal point: the cases referred to its country.
    ReferredTo(CountryCode),
}

/// An officer (or an unidentified person) a case names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub officer: Option<OfficerId>,
    pub category: PostCategory,
    pub nationality: CountryCode,
}

/// A victim as stored: no name; the details sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VictimRow {
    pub code: String,
    /// `female`, `male` or `unknown`.
    pub sex: String,
    pub age_group: AgeGroup,
    pub details: Vec<u8>,
}

/// What a new case holds besides its sealed fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub mission: MissionCode,
    pub received_on: NaiveDate,
    pub incident_on: Option<NaiveDate>,
    pub incident_approximate: bool,
    pub location: String,
    pub allegation: AllegationType,
    pub urgent: bool,
    pub restricted: bool,
    /// The conduct officers a restricted case is limited to.
    pub assignees: Vec<String>,
    pub subjects: Vec<Subject>,
    /// Each victim's code, sex and age group; the details come sealed, in the same order.
    pub victims: Vec<(String, String, AgeGroup)>,
}

/// The sealed fields of a case, made once its id is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedFields {
    pub narrative: Vec<u8>,
    pub notes: Option<Vec<u8>>,
    /// One per victim, in the order of [`NewCase::victims`].
    pub victims: Vec<Vec<u8>>,
}

/// A step of a case as stored: from the status it leaves, to the one it takes, on its day; a
/// referral's country, an outcome's finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChange {
    pub from: CaseStatus,
    pub to: CaseStatus,
    pub on: NaiveDate,
    pub referral: Option<CountryCode>,
    pub outcome: Option<Outcome>,
    pub investigator: Option<Investigator>,
    pub action: Option<CountryAction>,
}

/// An interim measure as stored: what, against which subject officer (if known), from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub measure: InterimMeasure,
    pub officer: Option<OfficerId>,
    pub on: NaiveDate,
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    pub id: i64,
    pub mission: MissionCode,
    pub received_on: NaiveDate,
    pub incident_on: Option<NaiveDate>,
    pub incident_approximate: bool,
    pub location: String,
    pub allegation: AllegationType,
    pub status: CaseStatus,
    pub urgent: bool,
    pub restricted: bool,
    pub referred_to: Option<CountryCode>,
    pub referred_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub investigator: Option<Investigator>,
    pub country_action: Option<CountryAction>,
    pub narrative: Vec<u8>,
    pub notes: Option<Vec<u8>>,
    pub subjects: Vec<Subject>,
    pub victims: Vec<VictimRow>,
    /// The steps taken after its receipt, each with its day, in order.
    pub steps: Vec<(CaseStatus, NaiveDate)>,
    /// The interim measures, in the order they were taken.
    pub measures: Vec<Measure>,
}

/// A case's own columns, as [`COLUMNS`] selects them.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    mission: String,
    received_on: NaiveDate,
    incident_on: Option<NaiveDate>,
    incident_approximate: bool,
    location: String,
    allegation: String,
    status: String,
    urgent: bool,
    restricted: bool,
    referred_to: Option<String>,
    referred_on: Option<NaiveDate>,
    narrative: Vec<u8>,
    notes: Option<Vec<u8>>,
    outcome: Option<String>,
    investigator: Option<String>,
    country_action: Option<String>,
}

const COLUMNS: &str = "c.id, c.mission, c.received_on, c.incident_on, c.incident_approximate, \
                       c.location, c.allegation, c.status, c.urgent, c.restricted, c.referred_to, \
                       c.referred_on, c.narrative, c.notes, c.outcome, c.investigator, \
                       c.country_action";

fn case_from_row(row: Row) -> anyhow::Result<CaseRow> {
    let Row {
        id,
        mission,
        received_on,
        incident_on,
        incident_approximate,
        location,
        allegation,
        status,
        urgent,
        restricted,
        referred_to,
        referred_on,
        narrative,
        notes,
        outcome,
        investigator,
        country_action,
    } = row;
    Ok(CaseRow {
        id,
        mission: MissionCode::parse(&mission).map_err(|e| anyhow::anyhow!("case {id}: {e}"))?,
        received_on,
        incident_on,
        incident_approximate,
        location,
        allegation: AllegationType::from_code(&allegation)
            .ok_or_else(|| anyhow::anyhow!("case {id}: allegation `{allegation}`"))?,
        status: CaseStatus::from_code(&status)
            .ok_or_else(|| anyhow::anyhow!("case {id}: status `{status}`"))?,
        urgent,
        restricted,
        referred_to: referred_to
            .map(|c| CountryCode::parse(&c))
            .transpose()
            .map_err(|e| anyhow::anyhow!("case {id}: {e}"))?,
        referred_on,
        outcome: outcome
            .map(|o| {
                Outcome::from_code(&o).ok_or_else(|| anyhow::anyhow!("case {id}: outcome `{o}`"))
            })
            .transpose()?,
        investigator: coded(id, "investigator", investigator, Investigator::from_code)?,
        country_action: coded(
            id,
            "country action",
            country_action,
            CountryAction::from_code,
        )?,
        narrative,
        notes,
        subjects: Vec::new(),
        victims: Vec::new(),
        steps: Vec::new(),
        measures: Vec::new(),
    })
}

/// A stored code read back, or an error naming the case and the field.
fn coded<T>(
    id: i64,
    field: &str,
    value: Option<String>,
    parse: fn(&str) -> Option<T>,
) -> anyhow::Result<Option<T>> {
    value
        .map(|v| parse(&v).ok_or_else(|| anyhow::anyhow!("case {id}: {field} `{v}`")))
        .transpose()
}

/// ` AND ...`: the cases a scope may read.
fn push_case_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: &CaseScope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    bool: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match scope {
        CaseScope::Conduct { mission, login } => {
            if let Some(m) = mission {
                q.push(" AND c.mission = ").push_bind(m.to_string());
            }
            q.push(" AND (c.restricted = ")
                .push_bind(false)
                .push(" OR EXISTS (SELECT 1 FROM conduct_assignee a WHERE a.case_id = c.id AND a.login = ")
                .push_bind(login.clone())
                .push("))");
        }
        CaseScope::ReferredTo(country) => {
            q.push(" AND c.referred_to = ")
                .push_bind(country.to_string());
        }
    }
}

impl Database {
    /// Records a case with its subjects, victims, assignees and audit entry, in one transaction;
    /// `seal` makes the sealed fields for the new id.
    pub async fn insert_case(
        &self,
        case: &NewCase,
        seal: impl FnOnce(i64) -> SealedFields,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO conduct_case (mission, received_on, incident_on, incident_approximate, \
                 location, allegation, urgent, restricted, narrative) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(case.mission.as_str()).bind(case.received_on).bind(case.incident_on)
            .bind(case.incident_approximate).bind(&case.location).bind(case.allegation.code())
            .bind(case.urgent).bind(case.restricted).bind(Vec::<u8>::new())
            .fetch_one(&mut *tx).await?;
            let sealed = seal(id);
            if sealed.victims.len() != case.victims.len() {
                return Err(WriteError::Storage(anyhow::anyhow!(
                    "case {id}: {} victims, {} sealed details", case.victims.len(), sealed.victims.len()
                )));
            }
            sqlx::query("UPDATE conduct_case SET narrative = $1, notes = $2 WHERE id = $3")
                .bind(&sealed.narrative).bind(&sealed.notes).bind(id)
                .execute(&mut *tx).await?;
            for (seq, subject) in (1i32..).zip(&case.subjects) {
                sqlx::query("INSERT INTO conduct_subject (case_id, seq, officer_id, category, nationality) \
                             VALUES ($1, $2, $3, $4, $5)")
                    .bind(id).bind(seq).bind(subject.officer.map(|o| o.0))
                    .bind(subject.category.stored()).bind(subject.nationality.as_str())
                    .execute(&mut *tx).await?;
            }
            for ((code, sex, age), details) in case.victims.iter().zip(&sealed.victims) {
                sqlx::query("INSERT INTO conduct_victim (case_id, code, sex, age_group, details) \
                             VALUES ($1, $2, $3, $4, $5)")
                    .bind(id).bind(code).bind(sex).bind(age.code()).bind(details)
                    .execute(&mut *tx).await?;
            }
            for login in &case.assignees {
                sqlx::query("INSERT INTO conduct_assignee (case_id, login) VALUES ($1, $2)")
                    .bind(id).bind(login)
                    .execute(&mut *tx).await?;
            }
            let mut event = audit.clone();
            event.record = format!("conduct_case:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// Takes a step of a case (another writer's step in between refuses it), with the step's row
    /// and its audit entry.
    pub async fn set_case_status(
        &self,
        id: i64,
        change: &StatusChange,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        let StatusChange {
            from,
            to,
            on,
            referral,
            outcome,
            investigator,
            action,
        } = *change;
        audited_tx!(self, tx => {
            let mut q = QueryBuilder::new("UPDATE conduct_case SET status = ");
            q.push_bind(to.code());
            if let Some(country) = referral {
                q.push(", referred_to = ").push_bind(country.to_string())
                    .push(", referred_on = ").push_bind(on);
            }
            if let Some(outcome) = outcome {
                q.push(", outcome = ").push_bind(outcome.code());
            }
            if let Some(investigator) = investigator {
                q.push(", investigator = ").push_bind(investigator.code());
            }
            if let Some(action) = action {
                q.push(", country_action = ").push_bind(action.code());
            }
            q.push(" WHERE id = ").push_bind(id).push(" AND status = ").push_bind(from.code());
            if q.build().execute(&mut *tx).await?.rows_affected() == 0 {
                return Err(WriteError::NotFound);
            }
            sqlx::query("INSERT INTO conduct_step (case_id, seq, status, on_date) \
                         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3 FROM conduct_step WHERE case_id = $1")
                .bind(id).bind(to.code()).bind(on)
                .execute(&mut *tx).await?;
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }

    /// Records an interim measure with its audit entry; a repatriation of a known officer ends
    /// the officer's tour running on that day, with `disciplinary_repatriation` as its reason, in
    /// the same transaction. Answers the tour it ended, if any.
    pub async fn insert_measure(
        &self,
        id: i64,
        measure: &Measure,
        audit: &AuditEvent,
    ) -> Result<Option<i64>, WriteError> {
        audited_tx!(self, tx => {
            sqlx::query("INSERT INTO conduct_measure (case_id, seq, measure, officer_id, on_date) \
                         SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM conduct_measure WHERE case_id = $1")
                .bind(id).bind(measure.measure.code()).bind(measure.officer.map(|o| o.0)).bind(measure.on)
                .execute(&mut *tx).await?;
            let mut ended = None;
            if let (InterimMeasure::Repatriation, Some(officer)) = (measure.measure, measure.officer) {
                ended = sqlx::query_scalar(
                    "UPDATE deployment SET actual_end = $1, end_reason = 'disciplinary_repatriation' \
                     WHERE officer_id = $2 AND start_date < $1 AND COALESCE(actual_end, planned_end) >= $1 \
                     RETURNING id",
                )
                .bind(measure.on).bind(officer.0)
                .fetch_optional(&mut *tx).await?;
            }
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(ended)
        })
    }

    /// Every sealed value of every case: the case, the field (`narrative`, `notes`,
    /// `victim:CODE`) and its bytes; for a key rotation.
    pub async fn sealed_values(&self) -> anyhow::Result<Vec<SealedValue>> {
        const SQL: &str = "SELECT id, 'narrative', narrative FROM conduct_case \
                           UNION ALL SELECT id, 'notes', notes FROM conduct_case WHERE notes IS NOT NULL \
                           UNION ALL SELECT case_id, 'victim:' || code, details FROM conduct_victim";
        let rows: Vec<(i64, String, Vec<u8>)> =
            on_pool!(self, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(case, field, sealed)| SealedValue {
                case,
                field,
                sealed,
            })
            .collect())
    }

    /// Replaces sealed values (a key rotation), all or none, with the audit entry.
    pub async fn replace_sealed(
        &self,
        values: &[SealedValue],
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            for v in values {
                let query = match v.field.strip_prefix("victim:") {
                    Some(code) => sqlx::query("UPDATE conduct_victim SET details = $1 WHERE case_id = $2 AND code = $3")
                        .bind(&v.sealed).bind(v.case).bind(code.to_string()),
                    None if v.field == "narrative" => sqlx::query("UPDATE conduct_case SET narrative = $1 WHERE id = $2")
                        .bind(&v.sealed).bind(v.case),
                    None if v.field == "notes" => sqlx::query("UPDATE conduct_case SET notes = $1 WHERE id = $2")
                        .bind(&v.sealed).bind(v.case),
                    None => return Err(WriteError::Storage(anyhow::anyhow!("case {}: no sealed field `{}`", v.case, v.field))),
                };
                if query.execute(&mut *tx).await?.rows_affected() != 1 {
                    return Err(WriteError::Storage(anyhow::anyhow!("case {}: `{}` changed during the rotation", v.case, v.field)));
                }
            }
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }

    /// What conduct screening needs of the cases naming an officer: their type, step and
    /// outcome, and whether the officer was barred or repatriated on it (a repatriation bars even
    /// when no tour was running to end), nothing else. It reads every case, whoever
    /// asks, because its answer (cleared or not) says nothing of them.
    pub async fn screening(&self, officer: OfficerId) -> anyhow::Result<Vec<CaseRecord>> {
        const SQL: &str = "SELECT c.allegation, c.status, c.outcome, EXISTS (SELECT 1 FROM conduct_measure m \
                           WHERE m.case_id = c.id AND m.officer_id = s.officer_id AND m.measure IN ('barred', 'repatriation')) \
                           FROM conduct_subject s JOIN conduct_case c ON c.id = s.case_id WHERE s.officer_id = $1";
        let rows: Vec<(String, String, Option<String>, bool)> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(officer.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(allegation, status, outcome, barred)| {
                Ok(CaseRecord {
                    allegation: AllegationType::from_code(&allegation)
                        .ok_or_else(|| anyhow::anyhow!("allegation `{allegation}`"))?,
                    status: CaseStatus::from_code(&status)
                        .ok_or_else(|| anyhow::anyhow!("status `{status}`"))?,
                    outcome: outcome.as_deref().and_then(Outcome::from_code),
                    barred,
                })
            })
            .collect()
    }

    /// One case, with its subjects and victims, if the scope may read it; `None` as the scope
    /// reads every case (an administrator who broke the glass).
    pub async fn case(
        &self,
        scope: Option<&CaseScope>,
        id: i64,
    ) -> anyhow::Result<Option<CaseRow>> {
        let row: Option<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {COLUMNS} FROM conduct_case c WHERE c.id = "));
            q.push_bind(id);
            if let Some(scope) = scope {
                push_case_scope(&mut q, scope);
            }
            q.build_query_as().fetch_optional(pool).await
        })?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut case = case_from_row(row)?;
        let only = Cases::One(id);
        case.subjects = self
            .case_subjects(&only)
            .await?
            .remove(&id)
            .unwrap_or_default();
        case.steps = self
            .case_steps(&only)
            .await?
            .remove(&id)
            .unwrap_or_default();
        case.measures = self
            .case_measures(&only)
            .await?
            .remove(&id)
            .unwrap_or_default();
        case.victims = self.case_victims(id).await?;
        Ok(Some(case))
    }

    /// The cases a scope may read, newest first, without their victims.
    pub async fn cases(&self, scope: &CaseScope) -> anyhow::Result<Vec<CaseRow>> {
        let rows: Vec<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {COLUMNS} FROM conduct_case c WHERE 1 = 1"));
            push_case_scope(&mut q, scope);
            q.push(" ORDER BY c.received_on DESC, c.id DESC");
            q.build_query_as().fetch_all(pool).await
        })?;
        let all = Cases::InScope(scope);
        let mut subjects = self.case_subjects(&all).await?;
        let mut steps = self.case_steps(&all).await?;
        let mut measures = self.case_measures(&all).await?;
        rows.into_iter()
            .map(|row| {
                let mut case = case_from_row(row)?;
                case.subjects = subjects.remove(&case.id).unwrap_or_default();
                case.steps = steps.remove(&case.id).unwrap_or_default();
                case.measures = measures.remove(&case.id).unwrap_or_default();
                Ok(case)
            })
            .collect()
    }

    /// What the public figures count: for each case, its year, mission, type and step, once for
    /// each personnel category and nationality its subjects hold (as the UN counts: a report
    /// naming two categories or two countries counts once for each).
    pub async fn allegation_rows(&self) -> anyhow::Result<Vec<AllegationRow>> {
        const SQL: &str = "SELECT DISTINCT c.id, c.received_on, c.mission, c.allegation, c.status, \
                           s.category, s.nationality FROM conduct_case c \
                           JOIN conduct_subject s ON s.case_id = c.id ORDER BY c.id";
        let rows: Vec<(i64, NaiveDate, String, String, String, String, String)> =
            on_pool!(self, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
        rows.into_iter()
            .map(
                |(id, received_on, mission, allegation, status, category, nationality)| {
                    Ok(AllegationRow {
                        received_on,
                        mission: MissionCode::parse(&mission)
                            .map_err(|e| anyhow::anyhow!("case {id}: {e}"))?,
                        allegation: AllegationType::from_code(&allegation).ok_or_else(|| {
                            anyhow::anyhow!("case {id}: allegation `{allegation}`")
                        })?,
                        status: CaseStatus::from_code(&status)
                            .ok_or_else(|| anyhow::anyhow!("case {id}: status `{status}`"))?,
                        category: PostCategory::from_code(&category)
                            .ok_or_else(|| anyhow::anyhow!("case {id}: category `{category}`"))?,
                        nationality: CountryCode::parse(&nationality)
                            .map_err(|e| anyhow::anyhow!("case {id}: {e}"))?,
                    })
                },
            )
            .collect()
    }

    async fn case_subjects(&self, cases: &Cases<'_>) -> anyhow::Result<HashMap<i64, Vec<Subject>>> {
        let rows: Vec<(i64, Option<i64>, String, String)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT case_id, officer_id, category, nationality FROM conduct_subject");
            cases.push_filter(&mut q);
            q.push(" ORDER BY case_id, seq");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut by_case: HashMap<i64, Vec<Subject>> = HashMap::new();
        for (id, officer, category, nationality) in rows {
            by_case.entry(id).or_default().push(Subject {
                officer: officer.map(OfficerId),
                category: PostCategory::from_code(&category)
                    .ok_or_else(|| anyhow::anyhow!("case {id}: category `{category}`"))?,
                nationality: CountryCode::parse(&nationality)
                    .map_err(|e| anyhow::anyhow!("case {id}: {e}"))?,
            });
        }
        Ok(by_case)
    }

    async fn case_steps(
        &self,
        cases: &Cases<'_>,
    ) -> anyhow::Result<HashMap<i64, Vec<(CaseStatus, NaiveDate)>>> {
        let rows: Vec<(i64, String, NaiveDate)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT case_id, status, on_date FROM conduct_step");
            cases.push_filter(&mut q);
            q.push(" ORDER BY case_id, seq");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut by_case: HashMap<i64, Vec<(CaseStatus, NaiveDate)>> = HashMap::new();
        for (id, status, on) in rows {
            let status = CaseStatus::from_code(&status)
                .ok_or_else(|| anyhow::anyhow!("case {id}: step `{status}`"))?;
            by_case.entry(id).or_default().push((status, on));
        }
        Ok(by_case)
    }

    async fn case_measures(&self, cases: &Cases<'_>) -> anyhow::Result<HashMap<i64, Vec<Measure>>> {
        let rows: Vec<(i64, String, Option<i64>, NaiveDate)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT case_id, measure, officer_id, on_date FROM conduct_measure");
            cases.push_filter(&mut q);
            q.push(" ORDER BY case_id, seq");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut by_case: HashMap<i64, Vec<Measure>> = HashMap::new();
        for (id, measure, officer, on) in rows {
            by_case.entry(id).or_default().push(Measure {
                measure: InterimMeasure::from_code(&measure)
                    .ok_or_else(|| anyhow::anyhow!("case {id}: measure `{measure}`"))?,
                officer: officer.map(OfficerId),
                on,
            });
        }
        Ok(by_case)
    }

    async fn case_victims(&self, id: i64) -> anyhow::Result<Vec<VictimRow>> {
        const SQL: &str = "SELECT code, sex, age_group, details FROM conduct_victim \
                           WHERE case_id = $1 ORDER BY code";
        let rows: Vec<(String, String, String, Vec<u8>)> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(id).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(code, sex, age, details)| {
                Ok(VictimRow {
                    age_group: AgeGroup::from_code(&age)
                        .ok_or_else(|| anyhow::anyhow!("case {id}: age group `{age}`"))?,
                    code,
                    sex,
                    details,
                })
            })
            .collect()
    }
}

/// A sealed value as stored, with what it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedValue {
    pub case: i64,
    /// `narrative`, `notes` or `victim:CODE`.
    pub field: String,
    pub sealed: Vec<u8>,
}

/// One count of the public figures, before counting: a case as each of its subjects' category
/// and nationality sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllegationRow {
    pub received_on: NaiveDate,
    pub mission: MissionCode,
    pub allegation: AllegationType,
    pub status: CaseStatus,
    pub category: PostCategory,
    pub nationality: CountryCode,
}

/// The cases whose parts (subjects, steps, measures) a query loads: one, or all in a scope, in
/// one query rather than one per case.
enum Cases<'a> {
    One(i64),
    InScope(&'a CaseScope),
}

impl Cases<'_> {
    /// ` WHERE case_id ...`.
    fn push_filter<'q, DB: sqlx::Database>(&self, q: &mut QueryBuilder<'q, DB>)
    where
        String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        bool: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    {
        match self {
            Cases::One(id) => {
                q.push(" WHERE case_id = ").push_bind(*id);
            }
            Cases::InScope(scope) => {
                q.push(" WHERE case_id IN (SELECT c.id FROM conduct_case c WHERE 1 = 1");
                push_case_scope(q, scope);
                q.push(")");
            }
        }
    }
}
