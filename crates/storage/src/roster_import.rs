//! Importing a roster file: officers and their tours, keyed by the contributing country's stable
//! external ids, in one transaction. Importing the same file twice changes nothing; a file with
//! one bad row changes nothing at all.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use unpol_domain::audit::AuditEvent;
use unpol_domain::roster::{EndReason, Tour};
use unpol_domain::{Category, CountryCode, MissionCode};

use crate::Database;
use crate::audit::{append_in, audited_tx};
use crate::officers::{OfficerFields, WriteError};

/// A tour in a roster file, naming its officer by nationality and external id (a country's own
/// reference); the tour itself is known by its mission and external id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourRow {
    pub external_id: String,
    pub officer: String,
    pub nationality: CountryCode,
    pub mission: MissionCode,
    pub category: Category,
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    pub actual_end: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
}

/// An officer as a file names it: its country and that country's reference.
type OfficerRef = (String, String);
/// A tour as a file names it: its mission and the mission's reference.
type TourRef = (String, String);

impl TourRow {
    fn officer_ref(&self) -> OfficerRef {
        (self.nationality.to_string(), self.officer.clone())
    }

    fn tour_ref(&self) -> TourRef {
        (self.mission.to_string(), self.external_id.clone())
    }

    fn tour(&self) -> Tour {
        Tour {
            start: self.start,
            end: self.actual_end.unwrap_or(self.planned_end),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RosterImportCounts {
    pub officers: Counts,
    pub tours: Counts,
}

#[derive(Debug, thiserror::Error)]
pub enum RosterImportError {
    /// Rows that break a rule, as `(line, reason)`; nothing was written.
    #[error("{} invalid row(s)", .0.len())]
    Rows(Vec<(u64, String)>),
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

impl From<sqlx::Error> for RosterImportError {
    fn from(error: sqlx::Error) -> Self {
        RosterImportError::Storage(error.into())
    }
}

type StoredOfficer = (
    i64,
    String,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
);
type StoredTour = (
    String,
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
);

fn officer_key(f: &OfficerFields) -> (String, String, String, String, NaiveDate, String, String) {
    (
        f.given_name.clone(),
        f.family_name.clone(),
        f.nationality.to_string(),
        f.gender.code().to_string(),
        f.birth_date,
        f.rank.clone(),
        f.vetting.clone(),
    )
}

/// Tours of the file that overlap another tour of the same officer, in the file or stored.
fn overlaps(
    tours: &[(u64, TourRow)],
    stored: &[(OfficerRef, TourRef, Tour)],
) -> Vec<(u64, String)> {
    let in_file: BTreeSet<TourRef> = tours.iter().map(|(_, t)| t.tour_ref()).collect();
    /// A tour with its file line (`None` when stored) and external id.
    type Placed<'a> = (Option<u64>, &'a str, Tour);
    let mut by_officer: BTreeMap<OfficerRef, Vec<Placed>> = BTreeMap::new();
    for (officer, tour_ref, tour) in stored.iter().filter(|(_, r, _)| !in_file.contains(r)) {
        by_officer
            .entry(officer.clone())
            .or_default()
            .push((None, &tour_ref.1, *tour));
    }
    for (line, t) in tours {
        by_officer.entry(t.officer_ref()).or_default().push((
            Some(*line),
            &t.external_id,
            t.tour(),
        ));
    }
    let mut errors = Vec::new();
    for ((country, officer), list) in by_officer {
        for (i, (line, external, tour)) in list.iter().enumerate() {
            let Some(line) = line else { continue };
            if let Some((_, other, o)) = list
                .iter()
                .enumerate()
                .find(|(j, (_, _, o))| *j != i && tour.overlaps(*o))
                .map(|(_, x)| x)
            {
                errors.push((*line, format!(
                    "tour {external} ({} to {}) overlaps tour {other} ({} to {}) of officer {officer} ({country})",
                    tour.start, tour.end, o.start, o.end
                )));
            }
        }
    }
    errors.sort();
    errors
}

macro_rules! import_in {
    ($db:expr, $tx:ident, $officers:expr, $tours:expr, $audit:expr) => {{
        let mut counts = RosterImportCounts::default();
        let mut ids: BTreeMap<OfficerRef, i64> = BTreeMap::new();
        for (_, f) in $officers {
            let stored: Option<StoredOfficer> = sqlx::query_as(
                "SELECT id, given_name, family_name, nationality, gender, birth_date, rank, vetting \
                 FROM officer WHERE nationality = $1 AND external_id = $2")
                .bind(f.nationality.as_str()).bind(&f.external_id).fetch_optional(&mut *$tx).await?;
            let officer_ref: OfficerRef = (f.nationality.to_string(), f.external_id.clone());
            let mut languages: Vec<(String, i64)> = f.languages.iter().map(|l| (l.language.clone(), i64::from(l.level))).collect();
            languages.sort();
            let mut skills = f.skills.clone();
            skills.sort();
            let id = match stored {
                Some((id, given, family, nationality, gender, birth, rank, vetting)) => {
                    let stored_languages: Vec<(String, i64)> = sqlx::query_as(
                        "SELECT language, level FROM officer_language WHERE officer_id = $1 ORDER BY language")
                        .bind(id).fetch_all(&mut *$tx).await?;
                    let stored_skills: Vec<String> = sqlx::query_scalar(
                        "SELECT skill FROM officer_skill WHERE officer_id = $1 ORDER BY skill")
                        .bind(id).fetch_all(&mut *$tx).await?;
                    if (given, family, nationality, gender, birth, rank, vetting) == officer_key(f)
                        && stored_languages == languages && stored_skills == skills {
                        counts.officers.unchanged += 1;
                        ids.insert(officer_ref, id);
                        continue;
                    }
                    sqlx::query("UPDATE officer SET given_name = $1, family_name = $2, nationality = $3, gender = $4, \
                                 birth_date = $5, rank = $6, vetting = $7 WHERE id = $8")
                        .bind(&f.given_name).bind(&f.family_name).bind(f.nationality.as_str()).bind(f.gender.code())
                        .bind(f.birth_date).bind(&f.rank).bind(&f.vetting).bind(id)
                        .execute(&mut *$tx).await?;
                    sqlx::query("UPDATE deployment SET nationality = $1, gender = $2 WHERE officer_id = $3")
                        .bind(f.nationality.as_str()).bind(f.gender.code()).bind(id).execute(&mut *$tx).await?;
                    sqlx::query("DELETE FROM officer_language WHERE officer_id = $1").bind(id).execute(&mut *$tx).await?;
                    sqlx::query("DELETE FROM officer_skill WHERE officer_id = $1").bind(id).execute(&mut *$tx).await?;
                    counts.officers.updated += 1;
                    id
                }
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO officer (external_id, given_name, family_name, nationality, gender, birth_date, rank, vetting) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                        .bind(&f.external_id).bind(&f.given_name).bind(&f.family_name).bind(f.nationality.as_str())
                        .bind(f.gender.code()).bind(f.birth_date).bind(&f.rank).bind(&f.vetting)
                        .fetch_one(&mut *$tx).await?;
                    counts.officers.inserted += 1;
                    id
                }
            };
            for (language, level) in &languages {
                sqlx::query("INSERT INTO officer_language (officer_id, language, level) VALUES ($1, $2, $3)")
                    .bind(id).bind(language).bind(*level).execute(&mut *$tx).await?;
            }
            for skill in &skills {
                sqlx::query("INSERT INTO officer_skill (officer_id, skill) VALUES ($1, $2)")
                    .bind(id).bind(skill).execute(&mut *$tx).await?;
            }
            ids.insert(officer_ref, id);
        }
        // Overlaps are checked here, with line numbers, before the database's own constraint.
        let mut stored_tours: Vec<(OfficerRef, TourRef, Tour)> = Vec::new();
        for (officer, id) in &ids {
            let rows: Vec<(String, String, NaiveDate, NaiveDate)> = sqlx::query_as(
                "SELECT mission, external_id, start_date, end_date FROM deployment WHERE officer_id = $1")
                .bind(*id).fetch_all(&mut *$tx).await?;
            stored_tours.extend(rows.into_iter().map(|(m, e, start, end)| (officer.clone(), (m, e), Tour { start, end })));
        }
        let clashes = overlaps($tours, &stored_tours);
        if !clashes.is_empty() {
            return Err(RosterImportError::Rows(clashes));
        }
        for (_, t) in $tours {
            let officer_id = ids[&t.officer_ref()];
            let stored: Option<StoredTour> = sqlx::query_as(
                "SELECT o.nationality, o.external_id, d.mission, d.category, d.start_date, d.planned_end, d.actual_end, \
                 d.end_reason FROM deployment d JOIN officer o ON o.id = d.officer_id \
                 WHERE d.mission = $1 AND d.external_id = $2")
                .bind(t.mission.as_str()).bind(&t.external_id).fetch_optional(&mut *$tx).await?;
            let wanted: StoredTour = (t.nationality.to_string(), t.officer.clone(), t.mission.to_string(), t.category.code().to_string(), t.start,
                t.planned_end, t.actual_end, t.end_reason.map(|r| r.code().to_string()));
            match stored {
                Some(s) if s == wanted => counts.tours.unchanged += 1,
                Some(_) => {
                    sqlx::query("UPDATE deployment SET officer_id = $1, mission = $2, category = $3, \
                                 nationality = (SELECT nationality FROM officer WHERE id = $1), \
                                 gender = (SELECT gender FROM officer WHERE id = $1), start_date = $4, planned_end = $5, \
                                 actual_end = $6, end_reason = $7 WHERE mission = $2 AND external_id = $8")
                        .bind(officer_id).bind(t.mission.as_str()).bind(t.category.code()).bind(t.start)
                        .bind(t.planned_end).bind(t.actual_end).bind(t.end_reason.map(|r| r.code())).bind(&t.external_id)
                        .execute(&mut *$tx).await?;
                    counts.tours.updated += 1;
                }
                None => {
                    sqlx::query("INSERT INTO deployment (external_id, officer_id, mission, category, nationality, gender, \
                                 start_date, planned_end, actual_end, end_reason) \
                                 SELECT $1, id, $2, $3, nationality, gender, $4, $5, $6, $7 FROM officer WHERE id = $8")
                        .bind(&t.external_id).bind(t.mission.as_str()).bind(t.category.code()).bind(t.start)
                        .bind(t.planned_end).bind(t.actual_end).bind(t.end_reason.map(|r| r.code())).bind(officer_id)
                        .execute(&mut *$tx).await?;
                    counts.tours.inserted += 1;
                }
            }
        }
        let changed = counts.officers.inserted + counts.officers.updated + counts.tours.inserted + counts.tours.updated;
        // Every import is audited, one that changed nothing too: someone sent a file.
        let mut event: AuditEvent = $audit.clone();
        event.detail = format!(
            "officers: {} new, {} changed; tours: {} new, {} changed ({changed} changes)",
            counts.officers.inserted, counts.officers.updated, counts.tours.inserted, counts.tours.updated
        );
        append_in!($db, $tx, &event)?;
        Ok::<_, RosterImportError>(counts)
    }};
}

impl Database {
    /// Writes a validated roster file in one transaction: officers by external id (inserted,
    /// updated or left alone), then their tours. Any overlap aborts the whole file.
    pub async fn import_roster(
        &self,
        officers: &[(u64, OfficerFields)],
        tours: &[(u64, TourRow)],
        audit: &AuditEvent,
    ) -> Result<RosterImportCounts, RosterImportError> {
        let result = audited_tx!(self, tx => import_in!(self, tx, officers, tours, audit));
        result.map_err(|e| match e {
            RosterImportError::Storage(error) => match error.downcast::<sqlx::Error>() {
                Ok(sqlx_error) => match WriteError::from(sqlx_error) {
                    WriteError::Storage(e) => RosterImportError::Storage(e),
                    other => RosterImportError::Rows(vec![(0, other.to_string())]),
                },
                Err(error) => RosterImportError::Storage(error),
            },
            rows => rows,
        })
    }
}
