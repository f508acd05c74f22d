//! Posts and units, read and written through the caller's scope. A post is vacant or filled on a
//! given day according to the tours that hold it; a unit's strength is its members' tours.

use anyhow::anyhow;
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::access::Scope;
use unpol_domain::audit::AuditEvent;
use unpol_domain::roster::{Post, PostCategory, PostId, Unit, UnitId};
use unpol_domain::{CountryCode, MissionCode};

use crate::audit::{append_in, audited_tx};
use crate::officers::{Page, WriteError};
use crate::sorting::{Order, sort_keys};
use crate::{Database, on_pool};

pub use unpol_domain::roster::{PostView, UnitView};

sort_keys! {
    /// The columns a post list is sorted by.
    PostSort {
        Mission => ("mission", "p.mission"),
        Title => ("title", "p.title"),
        Category => ("category", "p.category"),
        Location => ("location", "p.location"),
    }
}

sort_keys! {
    /// The columns a unit list is sorted by.
    UnitSort {
        Designation => ("designation", "u.designation"),
        Mission => ("mission", "u.mission"),
        Country => ("country", "u.country"),
        Category => ("category", "u.kind"),
    }
}

type PostRow = (i64, String, String, String, String, String, bool);
type UnitRow = (i64, String, String, String, String, String, i64, i64);

fn post_from_row(
    (id, external_id, mission, title, category, location, filled): PostRow,
) -> anyhow::Result<PostView> {
    Ok(PostView {
        post: Post {
            id: PostId(id),
            external_id,
            mission: MissionCode::parse(&mission).map_err(|e| anyhow!("post {id}: {e}"))?,
            title,
            category: PostCategory::from_code(&category)
                .ok_or_else(|| anyhow!("post {id}: category `{category}`"))?,
            location,
        },
        filled,
    })
}

fn unit_from_row(
    (id, external_id, kind, country, mission, designation, women, men): UnitRow,
) -> anyhow::Result<UnitView> {
    Ok(UnitView {
        unit: Unit {
            id: UnitId(id),
            external_id,
            kind: PostCategory::from_code(&kind)
                .ok_or_else(|| anyhow!("unit {id}: kind `{kind}`"))?,
            country: CountryCode::parse(&country).map_err(|e| anyhow!("unit {id}: {e}"))?,
            mission: MissionCode::parse(&mission).map_err(|e| anyhow!("unit {id}: {e}"))?,
            designation,
        },
        women,
        men,
    })
}

/// Posts are positions, not people: every role that reads the roster sees a mission's posts,
/// and a `mission` caller sees its own only.
fn push_post_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: Scope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if let Scope::Mission(m) = scope {
        q.push(" AND p.mission = ").push_bind(m.to_string());
    }
}

/// `EXISTS (...)`: whether post `p` is held by a tour on `day` (index `deployment_post`).
fn push_filled_on<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, day: NaiveDate)
where
    NaiveDate: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    q.push("EXISTS (SELECT 1 FROM deployment d WHERE d.post_id = p.id AND d.start_date <= ")
        .push_bind(day)
        .push(" AND d.end_date >= ")
        .push_bind(day)
        .push(")");
}

fn push_unit_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: Scope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match scope {
        Scope::All => {}
        Scope::Country(c) => {
            q.push(" AND u.country = ").push_bind(c.to_string());
        }
        Scope::Mission(m) => {
            q.push(" AND u.mission = ").push_bind(m.to_string());
        }
    }
}

impl Database {
    /// Posts in scope, optionally of one mission, and only the vacant ones (`vacant: Some(true)`)
    /// or only the filled ones (`Some(false)`) on `day`.
    pub async fn posts(
        &self,
        scope: Scope,
        mission: Option<MissionCode>,
        vacant: Option<bool>,
        day: NaiveDate,
        order: Order<PostSort>,
        page: Page,
    ) -> anyhow::Result<(Vec<PostView>, i64)> {
        let (rows, total): (Vec<PostRow>, i64) = on_pool!(self, pool => {
            let filter = |q: &mut QueryBuilder<'_, _>| {
                push_post_scope(q, scope);
                if let Some(m) = mission {
                    q.push(" AND p.mission = ").push_bind(m.to_string());
                }
                if let Some(vacant) = vacant {
                    q.push(if vacant { " AND NOT " } else { " AND " });
                    push_filled_on(q, day);
                }
            };
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM post p WHERE 1 = 1");
            filter(&mut count);
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            let mut q = QueryBuilder::new(
                "SELECT p.id, p.external_id, p.mission, p.title, p.category, p.location, ",
            );
            push_filled_on(&mut q, day);
            q.push(" FROM post p WHERE 1 = 1");
            filter(&mut q);
            q.push(order.sql("p.id")).push(" LIMIT ").push_bind(page.limit).push(" OFFSET ").push_bind(page.offset);
            let rows: Vec<PostRow> = q.build_query_as().fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((rows, total))
        })?;
        Ok((
            rows.into_iter()
                .map(post_from_row)
                .collect::<anyhow::Result<_>>()?,
            total,
        ))
    }

    pub async fn post(
        &self,
        scope: Scope,
        id: PostId,
        day: NaiveDate,
    ) -> anyhow::Result<Option<PostView>> {
        let row: Option<PostRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT p.id, p.external_id, p.mission, p.title, p.category, p.location, ",
            );
            push_filled_on(&mut q, day);
            q.push(" FROM post p WHERE p.id = ").push_bind(id.0);
            push_post_scope(&mut q, scope);
            q.build_query_as().fetch_optional(pool).await
        })?;
        row.map(post_from_row).transpose()
    }

    /// Creates (`replacing: None`) or replaces a post, within the scope, with its audit entry.
    /// The post's own `id` is ignored: the database assigns it, or `replacing` names it.
    pub async fn save_post(
        &self,
        scope: Scope,
        replacing: Option<PostId>,
        post: &Post,
        audit: &AuditEvent,
    ) -> Result<PostId, WriteError> {
        if let Some(m) = scope.mission()
            && m != post.mission
        {
            return Err(WriteError::refused(unpol_domain::message!(
                "own-mission-posts",
                own = m
            )));
        }
        audited_tx!(self, tx => {
            let id: i64 = match replacing {
                None => sqlx::query_scalar("INSERT INTO post (external_id, mission, title, category, location) \
                                            VALUES ($1, $2, $3, $4, $5) RETURNING id")
                    .bind(&post.external_id).bind(post.mission.as_str()).bind(&post.title)
                    .bind(post.category.stored()).bind(&post.location)
                    .fetch_one(&mut *tx).await?,
                Some(id) => {
                    let mut q = QueryBuilder::new("UPDATE post SET external_id = ");
                    q.push_bind(post.external_id.clone()).push(", mission = ").push_bind(post.mission.to_string())
                        .push(", title = ").push_bind(post.title.clone())
                        .push(", category = ").push_bind(post.category.stored().to_string())
                        .push(", location = ").push_bind(post.location.clone())
                        .push(" WHERE id = ").push_bind(id.0);
                    if let Some(m) = scope.mission() {
                        q.push(" AND mission = ").push_bind(m.to_string());
                    }
                    if q.build().execute(&mut *tx).await?.rows_affected() == 0 {
                        return Err(WriteError::NotFound);
                    }
                    id.0
                }
            };
            let mut event = audit.clone();
            event.record = format!("post:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(PostId(id))
        })
    }

    /// Units in scope, with their members deployed on `day`.
    pub async fn units(
        &self,
        scope: Scope,
        mission: Option<MissionCode>,
        day: NaiveDate,
        order: Order<UnitSort>,
        page: Page,
    ) -> anyhow::Result<(Vec<UnitView>, i64)> {
        let (rows, total): (Vec<UnitRow>, i64) = on_pool!(self, pool => {
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM unit u WHERE 1 = 1");
            push_unit_scope(&mut count, scope);
            if let Some(m) = mission {
                count.push(" AND u.mission = ").push_bind(m.to_string());
            }
            let total: i64 = count.build_query_scalar().fetch_one(pool).await?;
            let mut q = unit_select(day);
            q.push(" WHERE 1 = 1");
            push_unit_scope(&mut q, scope);
            if let Some(m) = mission {
                q.push(" AND u.mission = ").push_bind(m.to_string());
            }
            q.push(UNIT_GROUP);
            q.push(order.sql("u.id")).push(" LIMIT ").push_bind(page.limit).push(" OFFSET ").push_bind(page.offset);
            let rows: Vec<UnitRow> = q.build_query_as().fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((rows, total))
        })?;
        Ok((
            rows.into_iter()
                .map(unit_from_row)
                .collect::<anyhow::Result<_>>()?,
            total,
        ))
    }

    pub async fn unit(
        &self,
        scope: Scope,
        id: UnitId,
        day: NaiveDate,
    ) -> anyhow::Result<Option<UnitView>> {
        let row: Option<UnitRow> = on_pool!(self, pool => {
            let mut q = unit_select(day);
            q.push(" WHERE u.id = ").push_bind(id.0);
            push_unit_scope(&mut q, scope);
            q.push(UNIT_GROUP);
            q.build_query_as().fetch_optional(pool).await
        })?;
        row.map(unit_from_row).transpose()
    }

    /// Creates or replaces a unit (its `id` is ignored, as for posts), with its audit entry.
    pub async fn save_unit(
        &self,
        replacing: Option<UnitId>,
        unit: &Unit,
        audit: &AuditEvent,
    ) -> Result<UnitId, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = match replacing {
                None => sqlx::query_scalar("INSERT INTO unit (external_id, kind, country, mission, designation) \
                                            VALUES ($1, $2, $3, $4, $5) RETURNING id")
                    .bind(&unit.external_id).bind(unit.kind.stored()).bind(unit.country.as_str())
                    .bind(unit.mission.as_str()).bind(&unit.designation)
                    .fetch_one(&mut *tx).await?,
                Some(id) => {
                    let done = sqlx::query("UPDATE unit SET external_id = $1, kind = $2, country = $3, mission = $4, \
                                            designation = $5 WHERE id = $6")
                        .bind(&unit.external_id).bind(unit.kind.stored()).bind(unit.country.as_str())
                        .bind(unit.mission.as_str()).bind(&unit.designation).bind(id.0)
                        .execute(&mut *tx).await?;
                    if done.rows_affected() == 0 {
                        return Err(WriteError::NotFound);
                    }
                    id.0
                }
            };
            let mut event = audit.clone();
            event.record = format!("unit:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(UnitId(id))
        })
    }
}

const UNIT_GROUP: &str =
    " GROUP BY u.id, u.external_id, u.kind, u.country, u.mission, u.designation";

fn unit_select<'a, DB: sqlx::Database>(day: NaiveDate) -> QueryBuilder<'a, DB>
where
    NaiveDate: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let mut q = QueryBuilder::new(
        "SELECT u.id, u.external_id, u.kind, u.country, u.mission, u.designation, \
         CAST(COALESCE(SUM(CASE WHEN d.gender = 'female' THEN 1 ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN d.gender = 'male' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM unit u LEFT JOIN deployment d ON d.unit_id = u.id AND d.start_date <= ",
    );
    q.push_bind(day).push(" AND d.end_date >= ").push_bind(day);
    q
}
