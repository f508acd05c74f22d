//! The roster's tables: bulk loading (the demo), and the monthly report from records.
//!
//! Tours never overlap for one officer: the database refuses it (a trigger on SQLite, an exclusion
//! constraint on PostgreSQL) whatever wrote the row.

use std::collections::BTreeMap;

use anyhow::{Context, anyhow};
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::published::PublishedFigure;
use unpol_domain::roster::{Deployment, Gender, Officer, Post, Unit};
use unpol_domain::{Category, CountryCode, Headcount, MissionCode, Month};

use crate::Pool;
use crate::{Database, on_pool};

/// Rows per multi-row INSERT (the widest row has 13 parameters).
const CHUNK: usize = 2_000;

/// A whole roster to load at once into an empty database, ids assigned by the caller.
#[derive(Debug, Default)]
pub struct RosterLoad {
    pub units: Vec<Unit>,
    pub posts: Vec<Post>,
    pub officers: Vec<Officer>,
    pub deployments: Vec<Deployment>,
}

macro_rules! bulk_insert {
    ($tx:expr, $rows:expr, $head:expr, |$b:ident, $row:ident| $push:block) => {
        for chunk in $rows.chunks(CHUNK) {
            let mut q = QueryBuilder::new($head);
            q.push_values(chunk, |mut $b, $row| $push);
            q.build().execute(&mut *$tx).await?;
        }
    };
}

impl Database {
    pub async fn roster_is_empty(&self) -> anyhow::Result<bool> {
        let n: i64 = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT (SELECT COUNT(*) FROM officer) + (SELECT COUNT(*) FROM post)").fetch_one(pool).await
        })?;
        Ok(n == 0)
    }

    /// Loads a whole roster in one transaction (the demo). The database's rules still apply:
    /// an overlapping tour or an unknown code aborts the whole load.
    pub async fn load_roster(&self, roster: &RosterLoad) -> anyhow::Result<()> {
        let officers_by_id: BTreeMap<i64, &Officer> =
            roster.officers.iter().map(|o| (o.id.0, o)).collect();
        let languages: Vec<(i64, &str, i64)> = roster
            .officers
            .iter()
            .flat_map(|o| {
                o.languages
                    .iter()
                    .map(move |l| (o.id.0, l.language.as_str(), i64::from(l.level)))
            })
            .collect();
        let assessments: Vec<(i64, &unpol_domain::roster::Assessment)> = roster
            .officers
            .iter()
            .flat_map(|o| o.assessments.iter().map(move |a| (o.id.0, a)))
            .collect();
        let skills: Vec<(i64, &str)> = roster
            .officers
            .iter()
            .flat_map(|o| o.skills.iter().map(move |s| (o.id.0, s.as_str())))
            .collect();
        let mut deployments = Vec::with_capacity(roster.deployments.len());
        for d in &roster.deployments {
            let officer = officers_by_id
                .get(&d.officer.0)
                .ok_or_else(|| anyhow!("deployment {} has no officer", d.external_id))?;
            deployments.push((d, officer.nationality, officer.gender));
        }
        let result: Result<(), sqlx::Error> = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            bulk_insert!(tx, roster.units, "INSERT INTO unit (id, external_id, kind, country, mission, designation) ", |b, u| {
                b.push_bind(u.id.0).push_bind(u.external_id.as_str()).push_bind(u.kind.stored())
                    .push_bind(u.country.as_str()).push_bind(u.mission.as_str()).push_bind(u.designation.as_str());
            });
            bulk_insert!(tx, roster.posts, "INSERT INTO post (id, external_id, mission, title, category, location) ", |b, p| {
                b.push_bind(p.id.0).push_bind(p.external_id.as_str()).push_bind(p.mission.as_str())
                    .push_bind(p.title.as_str()).push_bind(p.category.stored()).push_bind(p.location.as_str());
            });
            bulk_insert!(tx, roster.officers, "INSERT INTO officer (id, external_id, given_name, family_name, nationality, \
                gender, birth_date, rank, vetting) ", |b, o| {
                b.push_bind(o.id.0).push_bind(o.external_id.as_str()).push_bind(o.given_name.as_str())
                    .push_bind(o.family_name.as_str()).push_bind(o.nationality.as_str()).push_bind(o.gender.code())
                    .push_bind(o.birth_date).push_bind(o.rank.as_str()).push_bind(o.vetting.as_str());
            });
            bulk_insert!(tx, languages, "INSERT INTO officer_language (officer_id, language, level) ", |b, l| {
                b.push_bind(l.0).push_bind(l.1).push_bind(l.2);
            });
            bulk_insert!(tx, skills, "INSERT INTO officer_skill (officer_id, skill) ", |b, s| {
                b.push_bind(s.0).push_bind(s.1);
            });            bulk_insert!(tx, assessments, "INSERT INTO ams_result (officer_id, test, result, taken_on, valid_until) ", |b, a| {
                b.push_bind(a.0).push_bind(a.1.test.code()).push_bind(a.1.result.code())
                    .push_bind(a.1.taken_on).push_bind(a.1.valid_until);
            });

            bulk_insert!(tx, deployments, "INSERT INTO deployment (id, external_id, officer_id, unit_id, mission, post_id, \
                category, nationality, gender, start_date, planned_end, actual_end, end_reason) ", |b, row| {
                let (d, nationality, gender) = row;
                b.push_bind(d.id.0).push_bind(d.external_id.as_str()).push_bind(d.officer.0)
                    .push_bind(d.unit.map(|u| u.0)).push_bind(d.mission.as_str()).push_bind(d.post.map(|p| p.0))
                    .push_bind(d.category.code()).push_bind(nationality.as_str()).push_bind(gender.code())
                    .push_bind(d.start).push_bind(d.planned_end).push_bind(d.actual_end)
                    .push_bind(d.end_reason.map(|r| r.code()));
            });
            tx.commit().await
        });
        result.context("loading the roster failed")?;
        if let Pool::Postgres(pool) = self.pool() {
            // Rows were inserted with explicit ids: move the sequences past them.
            for table in ["unit", "post", "officer", "deployment"] {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                ))
                .execute(pool)
                .await?;
            }
        }
        Ok(())
    }

    /// Police deployed on the last day of `month`, by mission, nationality, category and gender,
    /// as report figures.
    pub async fn records_figures(&self, month: Month) -> anyhow::Result<Vec<PublishedFigure>> {
        const SQL: &str = "SELECT mission, nationality, category, gender, COUNT(*) FROM deployment \
             WHERE end_date >= $1 AND start_date <= $1 GROUP BY mission, nationality, category, gender";
        let day: NaiveDate = month.last_day();
        let rows: Vec<(String, String, String, String, i64)> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(day).fetch_all(pool).await)?;
        let mut cells: BTreeMap<(MissionCode, CountryCode, Category), Headcount> = BTreeMap::new();
        for (mission, nationality, category, gender, count) in rows {
            let corrupt = || {
                anyhow!("corrupt deployment row ({mission}, {nationality}, {category}, {gender})")
            };
            let key = (
                MissionCode::parse(&mission).map_err(|_| corrupt())?,
                CountryCode::parse(&nationality).map_err(|_| corrupt())?,
                Category::from_code(&category).ok_or_else(corrupt)?,
            );
            let count = u32::try_from(count).map_err(|_| corrupt())?;
            let cell = cells.entry(key).or_default();
            match Gender::from_code(&gender).ok_or_else(corrupt)? {
                Gender::Female => cell.women += count,
                Gender::Male => cell.men += count,
            }
        }
        Ok(cells
            .into_iter()
            .map(
                |((mission, country, category), headcount)| PublishedFigure {
                    month,
                    mission: Some(mission),
                    country,
                    category,
                    headcount,
                },
            )
            .collect())
    }
}
