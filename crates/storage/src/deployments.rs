//! Deployments (tours), read and written through the caller's scope: a `pcc` caller sees its
//! nationals' tours, a `mission` caller its mission's.

use anyhow::anyhow;
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::access::Scope;
use unpol_domain::audit::AuditEvent;
use unpol_domain::message;
use unpol_domain::roster::{
    Deployment, DeploymentId, EndReason, Gender, OfficerId, PostCategory, PostId, Tour, UnitId,
};
use unpol_domain::{Category, MissionCode, Month};

use crate::audit::{append_in, audited_tx};
use crate::officers::{Page, WriteError};
use crate::sorting::{Order, sort_keys};
use crate::{Database, on_pool};

#[derive(Debug, Clone, Default)]
pub struct DeploymentFilter {
    pub mission: Option<MissionCode>,
    pub officer: Option<OfficerId>,
    /// Tours covering this day.
    pub active_on: Option<NaiveDate>,
    /// Tours of this country's nationals.
    pub nationality: Option<unpol_domain::CountryCode>,
    /// The order of the list (by id when no key is given).
    pub order: Order<DeploymentSort>,
}

sort_keys! {
    /// The columns a list of tours is sorted by.
    DeploymentSort {
        Officer => ("officer", "d.officer_id"),
        Mission => ("mission", "d.mission"),
        Category => ("category", "d.category"),
        Start => ("start", "d.start_date"),
        PlannedEnd => ("planned_end", "d.planned_end"),
    }
}

/// The fields of a tour a caller writes.
#[derive(Debug, Clone)]
pub struct DeploymentFields {
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

type Row = (
    i64,
    String,
    i64,
    Option<i64>,
    String,
    Option<i64>,
    String,
    NaiveDate,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
);
const COLUMNS: &str = "d.id, d.external_id, d.officer_id, d.unit_id, d.mission, d.post_id, d.category, d.start_date, \
                       d.planned_end, d.actual_end, d.end_reason";

fn from_row(row: Row) -> anyhow::Result<Deployment> {
    let (
        id,
        external_id,
        officer,
        unit,
        mission,
        post,
        category,
        start,
        planned_end,
        actual_end,
        end_reason,
    ) = row;
    Ok(Deployment {
        id: DeploymentId(id),
        external_id,
        officer: OfficerId(officer),
        unit: unit.map(UnitId),
        mission: MissionCode::parse(&mission).map_err(|e| anyhow!("deployment {id}: {e}"))?,
        post: post.map(PostId),
        category: Category::from_code(&category)
            .ok_or_else(|| anyhow!("deployment {id}: category `{category}`"))?,
        start,
        planned_end,
        actual_end,
        end_reason: end_reason.as_deref().and_then(EndReason::from_code),
    })
}

pub(crate) fn push_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: Scope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match scope {
        Scope::All => {}
        Scope::Country(c) => {
            q.push(" AND d.nationality = ").push_bind(c.to_string());
        }
        Scope::Mission(m) => {
            q.push(" AND d.mission = ").push_bind(m.to_string());
        }
    }
}

/// Tours counted by the months they start and end in, for forecasts over many months at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TourMonths {
    pub mission: MissionCode,
    pub category: Category,
    pub gender: Gender,
    /// The month of the first day.
    pub start: Month,
    /// The month of the last day.
    pub end: Month,
    /// The month of the day after the last: the tour still serves on the last day of the month
    /// before this one.
    pub after_end: Month,
    pub count: u32,
}

type TourMonthRow = (String, String, String, String, String, String, i64);

fn tour_months(rows: Vec<TourMonthRow>) -> anyhow::Result<Vec<TourMonths>> {
    rows.into_iter()
        .map(|(mission, category, gender, start, end, after_end, n)| {
            let corrupt = || anyhow!("corrupt tour months ({mission}, {start}, {end})");
            Ok(TourMonths {
                mission: MissionCode::parse(&mission).map_err(|_| corrupt())?,
                category: Category::from_code(&category).ok_or_else(corrupt)?,
                gender: Gender::from_code(&gender).ok_or_else(corrupt)?,
                start: start.parse().map_err(|_| corrupt())?,
                end: end.parse().map_err(|_| corrupt())?,
                after_end: after_end.parse().map_err(|_| corrupt())?,
                count: u32::try_from(n).map_err(|_| corrupt())?,
            })
        })
        .collect()
}

impl Database {
    /// Tours that serve on some day from `from` to `to` (inclusive), within the scope, counted by
    /// mission, category, gender and the months of their start, end and day after the end: one
    /// read for a forecast of many months, instead of two per month.
    pub async fn tour_months(
        &self,
        scope: Scope,
        from: NaiveDate,
        to: NaiveDate,
        mission: Option<MissionCode>,
    ) -> anyhow::Result<Vec<TourMonths>> {
        // Dates are ISO text on SQLite and DATE on PostgreSQL: the month of each is spelled twice.
        let months = match self.pool() {
            crate::Pool::Sqlite(_) => {
                "substr(d.start_date, 1, 7) AS s, substr(d.end_date, 1, 7) AS e, \
                 substr(date(d.end_date, '+1 day'), 1, 7) AS a"
            }
            crate::Pool::Postgres(_) => {
                "to_char(d.start_date, 'YYYY-MM') AS s, to_char(d.end_date, 'YYYY-MM') AS e, \
                 to_char(d.end_date + 1, 'YYYY-MM') AS a"
            }
        };
        let rows = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!(
                "SELECT d.mission, d.category, d.gender, {months}, COUNT(*) FROM deployment d \
                 WHERE d.end_date >= "
            ));
            q.push_bind(from).push(" AND d.start_date <= ").push_bind(to);
            push_scope(&mut q, scope);
            if let Some(m) = mission {
                q.push(" AND d.mission = ").push_bind(m.to_string());
            }
            q.push(" GROUP BY d.mission, d.category, d.gender, s, e, a");
            q.build_query_as().fetch_all(pool).await
        })?;
        tour_months(rows)
    }

    pub async fn deployments(
        &self,
        scope: Scope,
        filter: &DeploymentFilter,
        page: Page,
    ) -> anyhow::Result<(Vec<Deployment>, i64)> {
        let (rows, total): (Vec<Row>, i64) = on_pool!(self, pool => {
            let build = |select: &str| {
                let mut q = QueryBuilder::new(format!("SELECT {select} FROM deployment d WHERE 1 = 1"));
                push_scope(&mut q, scope);
                if let Some(m) = filter.mission {
                    q.push(" AND d.mission = ").push_bind(m.to_string());
                }
                if let Some(o) = filter.officer {
                    q.push(" AND d.officer_id = ").push_bind(o.0);
                }
                if let Some(day) = filter.active_on {
                    q.push(" AND d.start_date <= ").push_bind(day).push(" AND d.end_date >= ").push_bind(day);
                }
                if let Some(c) = filter.nationality {
                    q.push(" AND d.nationality = ").push_bind(c.to_string());
                }
                q
            };
            let total: i64 = build("COUNT(*)").build_query_scalar().fetch_one(pool).await?;
            let mut q = build(COLUMNS);
            q.push(filter.order.sql("d.id")).push(" LIMIT ").push_bind(page.limit).push(" OFFSET ").push_bind(page.offset);
            let rows: Vec<Row> = q.build_query_as().fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((rows, total))
        })?;
        Ok((
            rows.into_iter()
                .map(from_row)
                .collect::<anyhow::Result<_>>()?,
            total,
        ))
    }

    pub async fn deployment(
        &self,
        scope: Scope,
        id: DeploymentId,
    ) -> anyhow::Result<Option<Deployment>> {
        let row: Option<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {COLUMNS} FROM deployment d WHERE d.id = "));
            q.push_bind(id.0);
            push_scope(&mut q, scope);
            q.build_query_as().fetch_optional(pool).await
        })?;
        row.map(from_row).transpose()
    }

    /// Creates a tour, or replaces one when `replacing` is given, after checking the rules the
    /// database cannot phrase well: the officer is in the caller's scope, the post's category
    /// fits, and no other tour of the officer overlaps (named in the error).
    pub async fn save_deployment(
        &self,
        scope: Scope,
        replacing: Option<DeploymentId>,
        fields: &DeploymentFields,
        audit: &AuditEvent,
    ) -> Result<DeploymentId, WriteError> {
        let tour = Tour::new(
            fields.start,
            fields.actual_end.unwrap_or(fields.planned_end),
        )
        .and_then(|t| Tour::new(fields.start, fields.planned_end).map(|_| t))
        .map_err(|e| WriteError::refused(e.message()))?;
        audited_tx!(self, tx => {
            let officer: Option<(String, String)> = sqlx::query_as("SELECT nationality, gender FROM officer WHERE id = $1")
                .bind(fields.officer.0).fetch_optional(&mut *tx).await?;
            let Some((nationality, gender)) = officer else {
                return Err(WriteError::refused(message!("no-officer", id = fields.officer)));
            };
            match scope {
                Scope::Country(c) if c.as_str() != nationality => return Err(WriteError::refused(message!("no-officer", id = fields.officer))),
                Scope::Mission(m) if m != fields.mission => return Err(WriteError::refused(message!("own-mission-tours", own = m))),
                _ => {}
            }
            if let Some(post) = fields.post {
                let found: Option<(String, String)> = sqlx::query_as("SELECT category, mission FROM post WHERE id = $1")
                    .bind(post.0).fetch_optional(&mut *tx).await?;
                let Some((category, mission)) = found else { return Err(WriteError::refused(message!("no-post", id = post))) };
                if mission != fields.mission.as_str() {
                    return Err(WriteError::refused(message!("tour-post-mission", post = post, mission = mission, wanted = fields.mission)));
                }
                unpol_domain::roster::check_post(fields.category, PostCategory::from_code(&category))
                    .map_err(|e| WriteError::refused(e.message()))?;
            }
            let others: Vec<(i64, NaiveDate, NaiveDate, String)> = sqlx::query_as(
                "SELECT id, start_date, end_date, mission FROM deployment WHERE officer_id = $1")
                .bind(fields.officer.0).fetch_all(&mut *tx).await?;
            let clash = others.into_iter()
                .filter(|(id, _, _, _)| Some(DeploymentId(*id)) != replacing)
                .find(|(_, start, end, _)| tour.check_against([Tour { start: *start, end: *end }]).is_err());
            if let Some((_, start, end, mission)) = clash {
                // The dates of a tour the caller may not read are not the caller's to learn.
                let readable = match scope {
                    Scope::Mission(m) => m.as_str() == mission,
                    _ => true,
                };
                return Err(WriteError::conflict(if readable {
                    unpol_domain::message!("tour-overlaps", new_start = tour.start, new_end = tour.end,
                        existing_start = start, existing_end = end)
                } else {
                    unpol_domain::message!("tour-overlaps-hidden", officer = fields.officer)
                }));
            }
            let id = match replacing {
                None => sqlx::query_scalar(
                    "INSERT INTO deployment (external_id, officer_id, unit_id, mission, post_id, category, nationality, gender, \
                     start_date, planned_end, actual_end, end_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                     RETURNING id")
                    .bind(&fields.external_id).bind(fields.officer.0).bind(fields.unit.map(|u| u.0))
                    .bind(fields.mission.as_str()).bind(fields.post.map(|p| p.0)).bind(fields.category.code())
                    .bind(&nationality).bind(&gender).bind(fields.start).bind(fields.planned_end)
                    .bind(fields.actual_end).bind(fields.end_reason.map(|r| r.code()))
                    .fetch_one(&mut *tx).await?,
                Some(id) => {
                    let mut q = QueryBuilder::new("UPDATE deployment SET external_id = ");
                    q.push_bind(fields.external_id.clone())
                        .push(", officer_id = ").push_bind(fields.officer.0)
                        .push(", unit_id = ").push_bind(fields.unit.map(|u| u.0))
                        .push(", mission = ").push_bind(fields.mission.to_string())
                        .push(", post_id = ").push_bind(fields.post.map(|p| p.0))
                        .push(", category = ").push_bind(fields.category.code().to_string())
                        .push(", nationality = ").push_bind(nationality.clone())
                        .push(", gender = ").push_bind(gender.clone())
                        .push(", start_date = ").push_bind(fields.start)
                        .push(", planned_end = ").push_bind(fields.planned_end)
                        .push(", actual_end = ").push_bind(fields.actual_end)
                        .push(", end_reason = ").push_bind(fields.end_reason.map(|r| r.code().to_string()))
                        .push(" WHERE id = ").push_bind(id.0);
                    match scope {
                        Scope::All => {}
                        Scope::Country(c) => { q.push(" AND nationality = ").push_bind(c.to_string()); }
                        Scope::Mission(m) => { q.push(" AND mission = ").push_bind(m.to_string()); }
                    }
                    if q.build().execute(&mut *tx).await?.rows_affected() == 0 {
                        return Err(WriteError::NotFound);
                    }
                    id.0
                }
            };
            let mut event = audit.clone();
            event.record = format!("deployment:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(DeploymentId(id))
        })
    }
}
