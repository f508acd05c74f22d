//! The UN's published monthly figures: staging an import in one transaction, and the reads behind
//! the contributions, parity and trend reports.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use anyhow::{Context, anyhow};
use sqlx::{Postgres, QueryBuilder, Sqlite, Transaction};
use unpol_domain::published::{FigureKey, Level, PublishedFigure};
use unpol_domain::{Category, CountryCode, Headcount, MissionCode, Month};

use crate::Pool;
use crate::{Database, on_pool};
use unpol_domain::audit::AuditEvent;

/// Rows per multi-row INSERT: 7 parameters a row stays far below SQLite's 32,766 and
/// PostgreSQL's 65,535 bound parameters, and large statements keep the import near the raw
/// insert speed of the engine.
const CHUNK: usize = 1_000;

/// One file's validated figures, ready to be written.
#[derive(Debug, Clone)]
pub struct ImportBatch {
    /// The file name as given by the user, for provenance.
    pub source: String,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    pub level: Level,
    /// One figure per key (the reader adds up rows that share a key).
    pub figures: Vec<PublishedFigure>,
    pub rows_read: u64,
    pub rows_rejected: u64,
}

/// A figure already stored with other counts than the file's. Published figures are never
/// edited, so such a row is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub key: FigureKey,
    pub stored: Headcount,
    pub new: Headcount,
}

/// An import written inside an open transaction: nothing is visible to anyone else until
/// [`StagedImport::commit`]; dropping it (or the process dying) rolls everything back.
#[derive(Debug)]
pub struct StagedImport {
    tx: Tx,
    pub inserted: u64,
    pub unchanged: u64,
    /// Figures refused because the database holds other counts for the same key; they were not
    /// written.
    pub conflicts: Vec<Conflict>,
    pub months: BTreeSet<Month>,
}

#[derive(Debug)]
enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl StagedImport {
    /// Commits the import with its audit entry, in the same transaction.
    pub async fn commit_audited(self, db: &Database, event: &AuditEvent) -> anyhow::Result<()> {
        match self.tx {
            Tx::Sqlite(mut tx) => {
                crate::audit::append_in!(db, tx, event)?;
                tx.commit().await
            }
            Tx::Postgres(mut tx) => {
                sqlx::query("LOCK TABLE audit_entry IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                crate::audit::append_in!(db, tx, event)?;
                tx.commit().await
            }
        }
        .context("commit of the import failed")
    }

    pub async fn commit(self) -> anyhow::Result<()> {
        match self.tx {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
        .context("commit of the import failed")
    }

    pub async fn rollback(self) -> anyhow::Result<()> {
        match self.tx {
            Tx::Sqlite(tx) => tx.rollback().await,
            Tx::Postgres(tx) => tx.rollback().await,
        }
        .context("rollback of the import failed")
    }
}

/// What a report may be narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureFilter {
    pub mission: Option<MissionCode>,
    pub country: Option<CountryCode>,
}

fn table(level: Level) -> &'static str {
    match level {
        Level::Mission => "published_contribution",
        Level::Country => "published_contribution_by_country",
    }
}

fn columns(level: Level) -> &'static str {
    match level {
        Level::Mission => "month, mission, country, category, women, men",
        Level::Country => "month, NULL, country, category, women, men",
    }
}

type FigureRow = (String, Option<String>, String, String, i64, i64);

fn figure_from_row(
    (month, mission, country, category, women, men): FigureRow,
) -> anyhow::Result<PublishedFigure> {
    let corrupt =
        |what: &str, value: &str| anyhow!("corrupt {what} `{value}` in published figures");
    let count = |n: i64| u32::try_from(n).map_err(|_| corrupt("count", &n.to_string()));
    Ok(PublishedFigure {
        month: month.parse().map_err(|_| corrupt("month", &month))?,
        mission: mission
            .map(|m| MissionCode::parse(&m).map_err(|_| corrupt("mission", &m)))
            .transpose()?,
        country: CountryCode::parse(&country).map_err(|_| corrupt("country", &country))?,
        category: Category::from_code(&category).ok_or_else(|| corrupt("category", &category))?,
        headcount: Headcount::new(count(women)?, count(men)?),
    })
}

/// Splits a batch against what is stored: new figures, how many are unchanged, and conflicts.
fn classify(
    figures: &[PublishedFigure],
    stored: &HashMap<FigureKey, Headcount>,
) -> (Vec<PublishedFigure>, u64, Vec<Conflict>) {
    let mut new = Vec::new();
    let mut unchanged = 0;
    let mut conflicts = Vec::new();
    for figure in figures {
        match stored.get(&figure.key()) {
            None => new.push(figure.clone()),
            Some(&h) if h == figure.headcount => unchanged += 1,
            Some(&h) => conflicts.push(Conflict {
                key: figure.key(),
                stored: h,
                new: figure.headcount,
            }),
        }
    }
    (new, unchanged, conflicts)
}

macro_rules! stage_in {
    ($tx:ident, $batch:expr) => {{
        let batch = $batch;
        let months: BTreeSet<Month> = batch.figures.iter().map(|f| f.month).collect();
        let mut stored = HashMap::default();
        if !months.is_empty() {
            let mut q = QueryBuilder::new(format!(
                "SELECT {} FROM {} WHERE month IN (",
                columns(batch.level),
                table(batch.level)
            ));
            let mut list = q.separated(", ");
            for m in &months {
                list.push_bind(m.to_string());
            }
            q.push(")");
            let rows: Vec<FigureRow> = q.build_query_as().fetch_all(&mut *$tx).await?;
            for row in rows {
                let figure = figure_from_row(row)?;
                stored.insert(figure.key(), figure.headcount);
            }
        }
        let (mut new, unchanged, conflicts) = classify(&batch.figures, &stored);
        // In key order, each insert lands at the end of the primary key's B-tree.
        new.sort_unstable_by_key(|f| f.key());
        if !new.is_empty() {
            let rejected = batch.rows_rejected + conflicts.len() as u64;
            let import_id: i64 = sqlx::query_scalar(
                "INSERT INTO published_import (source, sha256, level, imported_at, rows_read, \
                 rows_inserted, rows_unchanged, rows_rejected) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 RETURNING id",
            )
            .bind(&batch.source)
            .bind(&batch.sha256)
            .bind(match batch.level { Level::Mission => "mission", Level::Country => "country" })
            .bind(chrono::Utc::now())
            .bind(batch.rows_read as i64)
            .bind(new.len() as i64)
            .bind(unchanged as i64)
            .bind(rejected as i64)
            .fetch_one(&mut *$tx)
            .await?;
            // Bound as borrowed text: no allocation per row on the way to the database.
            let month_text: BTreeMap<Month, String> = months.iter().map(|m| (*m, m.to_string())).collect();
            for chunk in new.chunks(CHUNK) {
                let mut q = match batch.level {
                    Level::Mission => QueryBuilder::new(
                        "INSERT INTO published_contribution \
                         (month, mission, country, category, women, men, import_id) ",
                    ),
                    Level::Country => QueryBuilder::new(
                        "INSERT INTO published_contribution_by_country \
                         (month, country, category, women, men, import_id) ",
                    ),
                };
                q.push_values(chunk, |mut b, f| {
                    b.push_bind(month_text[&f.month].as_str());
                    if let Some(mission) = &f.mission {
                        b.push_bind(mission.as_str());
                    }
                    b.push_bind(f.country.as_str())
                        .push_bind(f.category.code())
                        .push_bind(i64::from(f.headcount.women))
                        .push_bind(i64::from(f.headcount.men))
                        .push_bind(import_id);
                });
                q.build().execute(&mut *$tx).await?;
            }
        }
        Ok::<_, anyhow::Error>((new.len() as u64, unchanged, conflicts, months))
    }};
}

impl Database {
    /// Writes a batch inside a new transaction and returns it uncommitted. Figures already stored
    /// with the same counts are left alone (re-importing a file inserts nothing and records
    /// nothing); figures stored with other counts are reported as conflicts and not written.
    pub async fn stage_import(&self, batch: &ImportBatch) -> anyhow::Result<StagedImport> {
        if batch.figures.iter().any(|f| f.level() != batch.level) {
            return Err(anyhow!(
                "a batch mixes mission-level and country-level figures"
            ));
        }
        let (tx, (inserted, unchanged, conflicts, months)) = match self.pool() {
            Pool::Sqlite(pool) => {
                // IMMEDIATE takes the write lock now, so the read of stored figures and the
                // inserts see one state even with another import running.
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let out = stage_in!(tx, batch)?;
                (Tx::Sqlite(tx), out)
            }
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("LOCK TABLE published_import IN SHARE ROW EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
                let out = stage_in!(tx, batch)?;
                (Tx::Postgres(tx), out)
            }
        };
        Ok(StagedImport {
            tx,
            inserted,
            unchanged,
            conflicts,
            months,
        })
    }

    /// Every month with figures, and the finest level it has (mission-level wins).
    pub async fn published_months(&self) -> anyhow::Result<BTreeMap<Month, Level>> {
        let rows: Vec<(String, String)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT DISTINCT month, 'mission' FROM published_contribution \
                 UNION SELECT DISTINCT month, 'country' FROM published_contribution_by_country",
            )
            .fetch_all(pool)
            .await
        })?;
        let mut months = BTreeMap::new();
        for (month, level) in rows {
            let month: Month = month
                .parse()
                .map_err(|_| anyhow!("corrupt month `{month}` in published figures"))?;
            let level = if level == "mission" {
                Level::Mission
            } else {
                Level::Country
            };
            let entry = months.entry(month).or_insert(level);
            if level == Level::Mission {
                *entry = Level::Mission;
            }
        }
        Ok(months)
    }

    /// A value that changes whenever published figures are imported or reference data (names,
    /// targets) is reloaded: what caches of answers built from them compare. One tiny query.
    pub async fn published_version(&self) -> anyhow::Result<String> {
        const SQL: &str = "SELECT CAST(COALESCE(MAX(id), 0) AS TEXT) || ':' || CAST(COUNT(*) AS TEXT) \
             FROM published_import \
             UNION ALL SELECT COALESCE(CAST(MAX(loaded_at) AS TEXT), '') FROM reference_data_version";
        let rows: Vec<(String,)> = on_pool!(self, pool => {
            sqlx::query_as(SQL).fetch_all(pool).await
        })?;
        Ok(rows.into_iter().map(|(v,)| v).collect::<Vec<_>>().join("/"))
    }

    /// The finest level of figures one month has, if any: two index look-ups, where
    /// [`Database::published_months`] reads every month.
    pub async fn month_level(&self, month: Month) -> anyhow::Result<Option<Level>> {
        const SQL: &str = "SELECT EXISTS (SELECT 1 FROM published_contribution WHERE month = $1), \
             EXISTS (SELECT 1 FROM published_contribution_by_country WHERE month = $1)";
        let (mission, country): (bool, bool) = on_pool!(self, pool => {
            sqlx::query_as(SQL).bind(month.to_string()).fetch_one(pool).await
        })?;
        Ok(match (mission, country) {
            (true, _) => Some(Level::Mission),
            (false, true) => Some(Level::Country),
            (false, false) => None,
        })
    }

    /// The figures of one month at one level, narrowed by the filter in SQL.
    pub async fn published_figures(
        &self,
        month: Month,
        level: Level,
        filter: &FigureFilter,
    ) -> anyhow::Result<Vec<PublishedFigure>> {
        let rows: Vec<FigureRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {} FROM {} WHERE month = ", columns(level), table(level)));
            q.push_bind(month.to_string());
            if let (Some(mission), Level::Mission) = (&filter.mission, level) {
                q.push(" AND mission = ").push_bind(mission.to_string());
            }
            if let Some(country) = &filter.country {
                q.push(" AND country = ").push_bind(country.to_string());
            }
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter().map(figure_from_row).collect()
    }

    /// Police head counts (individual police and formed police units) per month and category,
    /// between two months inclusive, narrowed by the filter in SQL; mission-level figures are used
    /// where a month has both (a mission filter reads mission-level figures only).
    pub async fn police_by_month(
        &self,
        from: Month,
        to: Month,
        filter: &FigureFilter,
    ) -> anyhow::Result<BTreeMap<Month, BTreeMap<Category, Headcount>>> {
        let rows: Vec<(String, String, String, i64, i64)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("");
            for (i, level) in [Level::Mission, Level::Country].into_iter().enumerate() {
                if level == Level::Country && filter.mission.is_some() {
                    continue;
                }
                if i > 0 {
                    q.push(" UNION ALL ");
                }
                let name = if level == Level::Mission { "'mission'" } else { "'country'" };
                q.push(format!("SELECT {name}, month, category, CAST(SUM(women) AS BIGINT), CAST(SUM(men) AS BIGINT) FROM {} WHERE month BETWEEN ", table(level)));
                q.push_bind(from.to_string()).push(" AND ").push_bind(to.to_string());
                q.push(" AND category IN ('individual_police', 'formed_police_units')");
                if let (Some(mission), Level::Mission) = (&filter.mission, level) {
                    q.push(" AND mission = ").push_bind(mission.to_string());
                }
                if let Some(country) = &filter.country {
                    q.push(" AND country = ").push_bind(country.to_string());
                }
                q.push(" GROUP BY month, category");
            }
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut by_level: BTreeMap<Month, [BTreeMap<Category, Headcount>; 2]> = BTreeMap::new();
        for (level, month, category, women, men) in rows {
            let corrupt =
                || anyhow!("corrupt police sums ({month}, {category}) in published figures");
            let month: Month = month.parse().map_err(|_| corrupt())?;
            let category = Category::from_code(&category).ok_or_else(corrupt)?;
            let count = |n: i64| u32::try_from(n).map_err(|_| corrupt());
            let slot = usize::from(level == "mission");
            by_level.entry(month).or_default()[slot]
                .insert(category, Headcount::new(count(women)?, count(men)?));
        }
        Ok(by_level
            .into_iter()
            .map(|(month, [country, mission])| {
                (month, if mission.is_empty() { country } else { mission })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(w: u32) -> PublishedFigure {
        PublishedFigure {
            month: Month::new(2018, 1).expect("valid"),
            mission: None,
            country: CountryCode::parse("SEN").expect("valid"),
            category: Category::IndividualPolice,
            headcount: Headcount::new(w, 1),
        }
    }

    #[test]
    fn classify_separates_new_unchanged_and_conflicting() {
        let stored: HashMap<_, _> = [(figure(1).key(), Headcount::new(1, 1))]
            .into_iter()
            .collect();
        let (new, unchanged, conflicts) = classify(&[figure(1)], &stored);
        assert_eq!((new.len(), unchanged, conflicts.len()), (0, 1, 0));
        let (new, unchanged, conflicts) = classify(&[figure(2)], &stored);
        assert_eq!((new.len(), unchanged, conflicts.len()), (0, 0, 1));
        let (new, _, _) = classify(&[figure(2)], &HashMap::default());
        assert_eq!(new.len(), 1);
    }
}
