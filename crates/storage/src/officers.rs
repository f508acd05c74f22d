//! Officers, read and written through the caller's scope.
//!
//! Every query that returns officers takes a [`Scope`] and applies it in SQL: a `pcc` caller reads
//! its nationals only, a `mission` caller the officers who served in its mission. A record outside
//! the scope is simply not found.

use std::collections::BTreeMap;

use anyhow::anyhow;
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::CountryCode;
use unpol_domain::access::Scope;
use unpol_domain::audit::AuditEvent;
use unpol_domain::roster::{
    AmsResult, AmsTest, Assessment, Gender, LanguageSkill, Officer, OfficerId,
};

use crate::audit::{append_in, audited_tx};
use crate::sorting::{Order, sort_keys};
use crate::{Database, on_pool};

/// Filters of the officer list, all optional.
#[derive(Debug, Clone, Default)]
pub struct OfficerFilter {
    pub nationality: Option<CountryCode>,
    pub gender: Option<Gender>,
    pub skill: Option<String>,
    pub language: Option<String>,
    /// Free text matched against given and family names.
    pub name: Option<String>,
    /// The order of the list (by id when no key is given).
    pub order: Order<OfficerSort>,
}

sort_keys! {
    /// The columns an officer list is sorted by.
    OfficerSort {
        FamilyName => ("family_name", "o.family_name"),
        GivenName => ("given_name", "o.given_name"),
        Nationality => ("nationality", "o.nationality"),
        Gender => ("gender", "o.gender"),
        Vetting => ("vetting", "o.vetting"),
    }
}

/// A page of a list: `limit` rows after `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

/// The fields of an officer a caller writes (the id is the database's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerFields {
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
    /// AMS sittings; `None` leaves the stored ones as they are (an update that does not send them).
    pub assessments: Option<Vec<Assessment>>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("not found")]
    NotFound,
    /// A rule refused the write; each interface says the message in its user's language.
    #[error("{message}")]
    Refused {
        /// A conflict with the record's state (409) rather than an invalid input (422).
        conflict: bool,
        message: unpol_domain::message::Message,
    },
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

impl WriteError {
    /// An input the rules refuse.
    pub fn refused(message: unpol_domain::message::Message) -> Self {
        WriteError::Refused {
            conflict: false,
            message,
        }
    }

    /// A step the record's state refuses.
    pub fn conflict(message: unpol_domain::message::Message) -> Self {
        WriteError::Refused {
            conflict: true,
            message,
        }
    }

    /// The text of a refusal, in English (the command line, the API, logs).
    pub fn text(&self) -> Option<String> {
        match self {
            WriteError::Refused { message, .. } => Some(message.english()),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for WriteError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => {
                WriteError::conflict(unpol_domain::message!("record-exists"))
            }
            sqlx::Error::Database(e) if e.is_foreign_key_violation() => {
                WriteError::refused(unpol_domain::message!("reference-unknown"))
            }
            sqlx::Error::Database(e)
                if e.message().contains("overlap") || e.code().as_deref() == Some("23P01") =>
            {
                WriteError::conflict(unpol_domain::message!("tour-overlap"))
            }
            sqlx::Error::Database(e) if e.message().contains("than the request has posts") => {
                WriteError::conflict(unpol_domain::message!("fg-no-open-post"))
            }
            sqlx::Error::Database(e) if e.is_check_violation() => WriteError::refused(
                unpol_domain::message!("value-breaks-rule", detail = e.message()),
            ),
            _ => WriteError::Storage(error.into()),
        }
    }
}

type OfficerRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    NaiveDate,
    String,
    String,
);
const OFFICER_COLUMNS: &str = "o.id, o.external_id, o.given_name, o.family_name, o.nationality, o.gender, o.birth_date, o.rank, o.vetting";

/// Appends the scope's condition on officer `o` to a query with a WHERE clause.
pub(crate) fn push_officer_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: Scope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match scope {
        Scope::All => {}
        Scope::Country(c) => {
            q.push(" AND o.nationality = ").push_bind(c.to_string());
        }
        Scope::Mission(m) => {
            q.push(" AND EXISTS (SELECT 1 FROM deployment d WHERE d.officer_id = o.id AND d.mission = ")
                .push_bind(m.to_string())
                .push(")");
        }
    }
}

fn officer_from_row(row: OfficerRow) -> anyhow::Result<Officer> {
    let (id, external_id, given_name, family_name, nationality, gender, birth_date, rank, vetting) =
        row;
    Ok(Officer {
        id: OfficerId(id),
        external_id,
        given_name,
        family_name,
        nationality: CountryCode::parse(&nationality).map_err(|e| anyhow!("officer {id}: {e}"))?,
        gender: Gender::from_code(&gender)
            .ok_or_else(|| anyhow!("officer {id}: gender `{gender}`"))?,
        birth_date,
        rank,
        languages: Vec::new(),
        skills: Vec::new(),
        vetting,
        assessments: Vec::new(),
    })
}

/// Replaces an officer's AMS sittings inside an open transaction.
macro_rules! write_assessments_in {
    ($tx:expr, $id:expr, $assessments:expr) => {{
        sqlx::query("DELETE FROM ams_result WHERE officer_id = $1").bind($id).execute(&mut *$tx).await?;
        for a in $assessments {
            sqlx::query("INSERT INTO ams_result (officer_id, test, result, taken_on, valid_until) VALUES ($1, $2, $3, $4, $5)")
                .bind($id)
                .bind(a.test.code())
                .bind(a.result.code())
                .bind(a.taken_on)
                .bind(a.valid_until)
                .execute(&mut *$tx)
                .await?;
        }
    }};
}

impl Database {
    /// A page of the officers the scope allows, with the total count for pagination.
    pub async fn officers(
        &self,
        scope: Scope,
        filter: &OfficerFilter,
        page: Page,
    ) -> anyhow::Result<(Vec<Officer>, i64)> {
        let (rows, total): (Vec<OfficerRow>, i64) = on_pool!(self, pool => {
            let build = |select: &str| {
                let mut q = QueryBuilder::new(format!("SELECT {select} FROM officer o WHERE 1 = 1"));
                push_officer_scope(&mut q, scope);
                if let Some(c) = filter.nationality {
                    q.push(" AND o.nationality = ").push_bind(c.to_string());
                }
                if let Some(g) = filter.gender {
                    q.push(" AND o.gender = ").push_bind(g.code().to_string());
                }
                if let Some(skill) = &filter.skill {
                    q.push(" AND EXISTS (SELECT 1 FROM officer_skill s WHERE s.officer_id = o.id AND s.skill = ")
                        .push_bind(skill.clone()).push(")");
                }
                if let Some(language) = &filter.language {
                    q.push(" AND EXISTS (SELECT 1 FROM officer_language l WHERE l.officer_id = o.id AND l.language = ")
                        .push_bind(language.clone()).push(")");
                }
                if let Some(name) = &filter.name {
                    let pattern = format!("%{}%", name.to_lowercase());
                    q.push(" AND (LOWER(o.given_name) LIKE ").push_bind(pattern.clone())
                        .push(" OR LOWER(o.family_name) LIKE ").push_bind(pattern).push(")");
                }
                q
            };
            let mut count = build("COUNT(*)");
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            let mut q = build(OFFICER_COLUMNS);
            q.push(filter.order.sql("o.id"));
            q.push(" LIMIT ").push_bind(page.limit).push(" OFFSET ").push_bind(page.offset);
            let rows: Vec<OfficerRow> = q.build_query_as().fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((rows, total))
        })?;
        let mut officers = rows
            .into_iter()
            .map(officer_from_row)
            .collect::<anyhow::Result<Vec<_>>>()?;
        self.attach_languages_and_skills(&mut officers).await?;
        Ok((officers, total))
    }

    /// One officer, if the scope allows it.
    pub async fn officer(&self, scope: Scope, id: OfficerId) -> anyhow::Result<Option<Officer>> {
        let row: Option<OfficerRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {OFFICER_COLUMNS} FROM officer o WHERE o.id = "));
            q.push_bind(id.0);
            push_officer_scope(&mut q, scope);
            q.build_query_as().fetch_optional(pool).await
        })?;
        let Some(row) = row else { return Ok(None) };
        let mut officers = vec![officer_from_row(row)?];
        self.attach_languages_and_skills(&mut officers).await?;
        Ok(officers.pop())
    }

    async fn attach_languages_and_skills(&self, officers: &mut [Officer]) -> anyhow::Result<()> {
        if officers.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = officers.iter().map(|o| o.id.0).collect();
        type Languages = Vec<(i64, String, i64)>;
        let (languages, skills): (Languages, Vec<(i64, String)>) = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT officer_id, language, level FROM officer_language WHERE officer_id IN (");
            let mut list = q.separated(", ");
            for id in &ids { list.push_bind(*id); }
            q.push(") ORDER BY officer_id, language");
            let languages = q.build_query_as().fetch_all(pool).await?;
            let mut q = QueryBuilder::new("SELECT officer_id, skill FROM officer_skill WHERE officer_id IN (");
            let mut list = q.separated(", ");
            for id in &ids { list.push_bind(*id); }
            q.push(") ORDER BY officer_id, skill");
            let skills = q.build_query_as().fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((languages, skills))
        })?;
        let mut by_id: BTreeMap<i64, &mut Officer> =
            officers.iter_mut().map(|o| (o.id.0, o)).collect();
        for (id, language, level) in languages {
            if let Some(o) = by_id.get_mut(&id) {
                o.languages.push(LanguageSkill {
                    language,
                    level: level as u8,
                });
            }
        }
        for (id, skill) in skills {
            if let Some(o) = by_id.get_mut(&id) {
                o.skills.push(skill);
            }
        }
        type AmsRow = (i64, String, String, NaiveDate, Option<NaiveDate>);
        let rows: Vec<AmsRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT officer_id, test, result, taken_on, valid_until FROM ams_result WHERE officer_id IN (");
            let mut list = q.separated(", ");
            for id in &ids {
                list.push_bind(*id);
            }
            q.push(") ORDER BY officer_id, taken_on, test");
            q.build_query_as().fetch_all(pool).await
        })?;
        for (id, test, result, taken_on, valid_until) in rows {
            let corrupt = || anyhow!("officer {id}: AMS result ({test}, {result})");
            let assessment = Assessment {
                test: AmsTest::from_code(&test).ok_or_else(corrupt)?,
                result: AmsResult::from_code(&result).ok_or_else(corrupt)?,
                taken_on,
                valid_until,
            };
            if let Some(o) = by_id.get_mut(&id) {
                o.assessments.push(assessment);
            }
        }
        Ok(())
    }

    /// Creates an officer (with languages and skills) and its audit entry in one transaction.
    pub async fn create_officer(
        &self,
        fields: &OfficerFields,
        audit: &AuditEvent,
    ) -> Result<OfficerId, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO officer (external_id, given_name, family_name, nationality, gender, birth_date, rank, vetting) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(&fields.external_id).bind(&fields.given_name).bind(&fields.family_name)
            .bind(fields.nationality.as_str()).bind(fields.gender.code()).bind(fields.birth_date)
            .bind(&fields.rank).bind(&fields.vetting)
            .fetch_one(&mut *tx)
            .await?;
            for l in &fields.languages {
                sqlx::query("INSERT INTO officer_language (officer_id, language, level) VALUES ($1, $2, $3)")
                    .bind(id).bind(&l.language).bind(i64::from(l.level)).execute(&mut *tx).await?;
            }
            for s in &fields.skills {
                sqlx::query("INSERT INTO officer_skill (officer_id, skill) VALUES ($1, $2)")
                    .bind(id).bind(s).execute(&mut *tx).await?;
            }
            if let Some(assessments) = &fields.assessments {
                write_assessments_in!(tx, id, assessments);
            }
            let mut event = audit.clone();
            event.record = format!("officer:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(OfficerId(id))
        })
    }

    /// Replaces an officer's fields (within the scope); its tours take the new nationality and
    /// gender with it.
    pub async fn update_officer(
        &self,
        scope: Scope,
        id: OfficerId,
        fields: &OfficerFields,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            let mut q = QueryBuilder::new("UPDATE officer SET external_id = ");
            q.push_bind(fields.external_id.clone())
                .push(", given_name = ").push_bind(fields.given_name.clone())
                .push(", family_name = ").push_bind(fields.family_name.clone())
                .push(", nationality = ").push_bind(fields.nationality.to_string())
                .push(", gender = ").push_bind(fields.gender.code().to_string())
                .push(", birth_date = ").push_bind(fields.birth_date)
                .push(", rank = ").push_bind(fields.rank.clone())
                .push(", vetting = ").push_bind(fields.vetting.clone())
                .push(" WHERE id = ").push_bind(id.0);
            // The same scope as reads, on the row being changed (alias-free form).
            match scope {
                Scope::All => {}
                Scope::Country(c) => { q.push(" AND nationality = ").push_bind(c.to_string()); }
                Scope::Mission(m) => {
                    q.push(" AND EXISTS (SELECT 1 FROM deployment d WHERE d.officer_id = officer.id AND d.mission = ")
                        .push_bind(m.to_string()).push(")");
                }
            }
            let done = q.build().execute(&mut *tx).await?;
            if done.rows_affected() == 0 {
                return Err(WriteError::NotFound);
            }
            if let Scope::Country(c) = scope && c != fields.nationality {
                return Err(WriteError::refused(unpol_domain::message!("own-nationals", own = c)));
            }
            sqlx::query("UPDATE deployment SET nationality = $1, gender = $2 WHERE officer_id = $3")
                .bind(fields.nationality.as_str()).bind(fields.gender.code()).bind(id.0)
                .execute(&mut *tx).await?;
            sqlx::query("DELETE FROM officer_language WHERE officer_id = $1").bind(id.0).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM officer_skill WHERE officer_id = $1").bind(id.0).execute(&mut *tx).await?;
            for l in &fields.languages {
                sqlx::query("INSERT INTO officer_language (officer_id, language, level) VALUES ($1, $2, $3)")
                    .bind(id.0).bind(&l.language).bind(i64::from(l.level)).execute(&mut *tx).await?;
            }
            for s in &fields.skills {
                sqlx::query("INSERT INTO officer_skill (officer_id, skill) VALUES ($1, $2)")
                    .bind(id.0).bind(s).execute(&mut *tx).await?;
            }
            if let Some(assessments) = &fields.assessments {
                write_assessments_in!(tx, id.0, assessments);
            }
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }
}
