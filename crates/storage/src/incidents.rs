//! Incidents, written with their audit entry and read through a mission filter the application
//! derives from the caller's scope.
//!
//! An imported event is unique by its source and the source's id: importing the same file again
//! inserts nothing, and a whole file lands in one transaction or not at all.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::MissionCode;
use unpol_domain::audit::AuditEvent;
use unpol_domain::incident::{
    Counted, DatePrecision, Deaths, Incident, IncidentCategory, IncidentSource, IncidentStatus,
    LocationPrecision, Point, VictimAge, VictimSex, Victims, ViolenceType, When,
};

use crate::audit::{append_in, audited_tx};
use crate::officers::WriteError;
use crate::{Database, on_pool};

/// Rows per multi-row insert: 23 parameters each stays far below SQLite's 32,766.
const CHUNK: usize = 200;

/// Which incidents a read returns. The application sets `mission` from the caller's scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentFilter {
    pub mission: Option<MissionCode>,
    /// Incidents that ended on or after this day.
    pub from: Option<NaiveDate>,
    /// Incidents that started on or before this day.
    pub to: Option<NaiveDate>,
    /// Only these categories (all when empty).
    pub categories: Vec<IncidentCategory>,
}

pub use unpol_domain::incident::IncidentRow;

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub inserted: u64,
    /// Events already stored from the same source with the same id.
    pub unchanged: u64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    mission: String,
    source: String,
    source_id: Option<String>,
    source_type: Option<String>,
    category: String,
    started_on: NaiveDate,
    ended_on: NaiveDate,
    date_precision: i32,
    adm1: String,
    adm2: String,
    place: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    location_precision: Option<i32>,
    side_a: String,
    side_b: String,
    deaths: i32,
    deaths_low: Option<i32>,
    deaths_high: Option<i32>,
    injuries: Option<i32>,
    description: String,
    follow_up: String,
    status: String,
}

const COLUMNS: &str = "i.id, i.mission, i.source, i.source_id, i.source_type, i.category, \
                       i.started_on, i.ended_on, i.date_precision, i.adm1, i.adm2, i.place, \
                       i.latitude, i.longitude, i.location_precision, i.side_a, i.side_b, \
                       i.deaths, i.deaths_low, i.deaths_high, i.injuries, i.description, \
                       i.follow_up, i.status";

const INSERT: &str = "INSERT INTO incident (mission, source, source_id, source_type, category, \
                      started_on, ended_on, date_precision, adm1, adm2, place, latitude, longitude, \
                      location_precision, side_a, side_b, deaths, deaths_low, deaths_high, \
                      injuries, description, follow_up, status) ";

/// Binds an incident's columns in [`INSERT`]'s order.
macro_rules! bind_incident {
    ($b:ident, $i:ident) => {{
        $b.push_bind($i.mission.to_string())
            .push_bind($i.source.code())
            .push_bind($i.source_id.clone())
            .push_bind($i.source_type.map(|t| t.code()))
            .push_bind($i.category.code())
            .push_bind($i.when.started_on)
            .push_bind($i.when.ended_on)
            .push_bind(i32::from($i.when.precision.level()))
            .push_bind($i.adm1.clone())
            .push_bind($i.adm2.clone())
            .push_bind($i.place.clone())
            .push_bind($i.point.map(|p| p.latitude))
            .push_bind($i.point.map(|p| p.longitude))
            .push_bind($i.location_precision.map(|p| i32::from(p.level())))
            .push_bind($i.side_a.clone())
            .push_bind($i.side_b.clone())
            .push_bind(count($i.deaths.best))
            .push_bind($i.deaths.low.map(count))
            .push_bind($i.deaths.high.map(count))
            .push_bind($i.injuries.map(count))
            .push_bind($i.description.clone())
            .push_bind($i.follow_up.clone())
            .push_bind($i.status.code());
    }};
}

macro_rules! insert_victims {
    ($tx:ident, $id:expr, $victims:expr) => {
        for v in $victims {
            sqlx::query("INSERT INTO incident_victims (incident_id, sex, age_group, count) VALUES ($1, $2, $3, $4)")
                .bind($id)
                .bind(v.sex.code())
                .bind(v.age.code())
                .bind(count(v.count))
                .execute(&mut *$tx)
                .await
                .map_err(anyhow::Error::from)?;
        }
    };
}

fn count(value: u32) -> i32 {
    i32::try_from(value).unwrap_or(i32::MAX)
}

fn uncount(id: i64, column: &str, value: i32) -> anyhow::Result<u32> {
    u32::try_from(value).map_err(|_| anyhow::anyhow!("incident {id}: {column} {value}"))
}

fn decode<T>(
    id: i64,
    column: &str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> anyhow::Result<T> {
    parse(value).ok_or_else(|| anyhow::anyhow!("incident {id}: {column} `{value}`"))
}

fn incident_from_row(row: Row) -> anyhow::Result<IncidentRow> {
    let id = row.id;
    let level = |column: &str, v: i32| {
        u8::try_from(v).map_err(|_| anyhow::anyhow!("incident {id}: {column} {v}"))
    };
    let date_precision = DatePrecision::new(level("date_precision", row.date_precision)?)
        .ok_or_else(|| anyhow::anyhow!("incident {id}: date precision {}", row.date_precision))?;
    let location_precision = match row.location_precision {
        Some(v) => Some(
            LocationPrecision::new(level("location_precision", v)?)
                .ok_or_else(|| anyhow::anyhow!("incident {id}: location precision {v}"))?,
        ),
        None => None,
    };
    let point = match (row.latitude, row.longitude) {
        (Some(lat), Some(lon)) => Some(
            Point::new(lat, lon)
                .ok_or_else(|| anyhow::anyhow!("incident {id}: point {lat}, {lon}"))?,
        ),
        _ => None,
    };
    let optional = |column: &str, v: Option<i32>| v.map(|v| uncount(id, column, v)).transpose();
    let incident = Incident {
        mission: MissionCode::parse(&row.mission)
            .map_err(|e| anyhow::anyhow!("incident {id}: {e}"))?,
        source: decode(id, "source", &row.source, IncidentSource::from_code)?,
        source_id: row.source_id,
        source_type: row
            .source_type
            .map(|t| decode(id, "source_type", &t, ViolenceType::from_code))
            .transpose()?,
        category: decode(id, "category", &row.category, IncidentCategory::from_code)?,
        when: When::new(row.started_on, row.ended_on, date_precision)
            .ok_or_else(|| anyhow::anyhow!("incident {id}: ends before it starts"))?,
        adm1: row.adm1,
        adm2: row.adm2,
        place: row.place,
        point,
        location_precision,
        side_a: row.side_a,
        side_b: row.side_b,
        deaths: Deaths {
            best: uncount(id, "deaths", row.deaths)?,
            low: optional("deaths_low", row.deaths_low)?,
            high: optional("deaths_high", row.deaths_high)?,
        },
        injuries: optional("injuries", row.injuries)?,
        victims: Vec::new(),
        description: row.description,
        follow_up: row.follow_up,
        status: decode(id, "status", &row.status, IncidentStatus::from_code)?,
    };
    Ok(IncidentRow { id, incident })
}

fn push_filter<DB: sqlx::Database>(q: &mut QueryBuilder<'_, DB>, filter: &IncidentFilter)
where
    String: for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    NaiveDate: for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if let Some(mission) = filter.mission {
        q.push(" AND i.mission = ").push_bind(mission.to_string());
    }
    if let Some(from) = filter.from {
        q.push(" AND i.ended_on >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" AND i.started_on <= ").push_bind(to);
    }
    if !filter.categories.is_empty() {
        q.push(" AND i.category IN (");
        let mut list = q.separated(", ");
        for category in &filter.categories {
            list.push_bind(category.code().to_string());
        }
        q.push(")");
    }
}

impl Database {
    /// Writes a file's events in one transaction with one audit entry; an event already stored
    /// from the same source with the same id is left as it is. `audit`'s detail is completed with
    /// the counts.
    pub async fn import_incidents(
        &self,
        incidents: &[Incident],
        audit: &AuditEvent,
    ) -> anyhow::Result<Imported> {
        audited_tx!(self, tx => {
            let mut inserted = 0u64;
            for chunk in incidents.chunks(CHUNK) {
                let mut q = QueryBuilder::new(INSERT);
                q.push_values(chunk, |mut b, i| bind_incident!(b, i));
                q.push(" ON CONFLICT (mission, source, source_id) DO NOTHING");
                inserted += q.build().execute(&mut *tx).await?.rows_affected();
            }
            for incident in incidents.iter().filter(|i| !i.victims.is_empty()) {
                let id: i64 = sqlx::query_scalar("SELECT id FROM incident WHERE mission = $1 AND source = $2 AND source_id = $3")
                    .bind(incident.mission.to_string()).bind(incident.source.code()).bind(incident.source_id.clone())
                    .fetch_one(&mut *tx).await?;
                sqlx::query("DELETE FROM incident_victims WHERE incident_id = $1").bind(id).execute(&mut *tx).await?;
                insert_victims!(tx, id, &incident.victims);
            }
            let imported = Imported { inserted, unchanged: incidents.len() as u64 - inserted };
            let mut event = audit.clone();
            event.detail = format!("{}: {} inserted, {} already stored", audit.detail, imported.inserted, imported.unchanged);
            append_in!(self, tx, &event)?;
            Ok::<_, anyhow::Error>(imported)
        })
    }

    /// Records one incident with its victims and audit entry; returns its id.
    pub async fn insert_incident(
        &self,
        incident: &Incident,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let mut q = QueryBuilder::new(INSERT);
            q.push_values([incident], |mut b, i| bind_incident!(b, i));
            q.push(" RETURNING id");
            let id: i64 = q.build_query_scalar().fetch_one(&mut *tx).await.map_err(anyhow::Error::from)?;
            insert_victims!(tx, id, &incident.victims);
            let mut event = audit.clone();
            event.record = format!("incident:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// Sets an incident's follow-up and status, if it is in `mission` (any mission when `None`).
    pub async fn set_incident_follow_up(
        &self,
        id: i64,
        mission: Option<MissionCode>,
        status: IncidentStatus,
        follow_up: &str,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            let mut q = QueryBuilder::new("UPDATE incident SET status = ");
            q.push_bind(status.code()).push(", follow_up = ").push_bind(follow_up.to_string());
            q.push(" WHERE id = ").push_bind(id);
            if let Some(mission) = mission {
                q.push(" AND mission = ").push_bind(mission.to_string());
            }
            let changed = q.build().execute(&mut *tx).await.map_err(anyhow::Error::from)?.rows_affected();
            if changed == 0 {
                return Err(WriteError::NotFound);
            }
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }

    /// The incidents a filter selects, oldest first (by start, then id), with their victims.
    pub async fn incidents(&self, filter: &IncidentFilter) -> anyhow::Result<Vec<IncidentRow>> {
        let rows: Vec<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {COLUMNS} FROM incident i WHERE 1 = 1"));
            push_filter(&mut q, filter);
            q.push(" ORDER BY i.started_on, i.id");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut victims = self.incident_victims(filter, None).await?;
        rows.into_iter()
            .map(|row| {
                let mut incident = incident_from_row(row)?;
                incident.incident.victims = victims.remove(&incident.id).unwrap_or_default();
                Ok(incident)
            })
            .collect()
    }

    /// One incident, if it is in `mission` (any mission when `None`).
    pub async fn incident(
        &self,
        id: i64,
        mission: Option<MissionCode>,
    ) -> anyhow::Result<Option<IncidentRow>> {
        let filter = IncidentFilter {
            mission,
            ..IncidentFilter::default()
        };
        let row: Option<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {COLUMNS} FROM incident i WHERE i.id = "));
            q.push_bind(id);
            push_filter(&mut q, &filter);
            q.build_query_as().fetch_optional(pool).await
        })?;
        let Some(row) = row else { return Ok(None) };
        let mut incident = incident_from_row(row)?;
        incident.incident.victims = self
            .incident_victims(&filter, Some(id))
            .await?
            .remove(&id)
            .unwrap_or_default();
        Ok(Some(incident))
    }

    /// What the statistics count of the incidents a filter selects.
    pub async fn counted_incidents(&self, filter: &IncidentFilter) -> anyhow::Result<Vec<Counted>> {
        let rows: Vec<(NaiveDate, String, String, i32)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT i.started_on, i.adm1, i.category, i.deaths FROM incident i WHERE 1 = 1");
            push_filter(&mut q, filter);
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(started_on, area, category, deaths)| {
                Ok(Counted {
                    started_on,
                    area,
                    category: decode(0, "category", &category, IncidentCategory::from_code)?,
                    deaths: uncount(0, "deaths", deaths)?,
                })
            })
            .collect()
    }

    /// The missions that hold incidents, with how many, most first.
    pub async fn incident_missions(&self) -> anyhow::Result<Vec<(MissionCode, u64)>> {
        const SQL: &str = "SELECT mission, COUNT(*) FROM incident GROUP BY mission ORDER BY COUNT(*) DESC, mission";
        let rows: Vec<(String, i64)> =
            on_pool!(self, pool => sqlx::query_as(SQL).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(mission, n)| Ok((MissionCode::parse(&mission)?, u64::try_from(n)?)))
            .collect()
    }

    async fn incident_victims(
        &self,
        filter: &IncidentFilter,
        only: Option<i64>,
    ) -> anyhow::Result<HashMap<i64, Vec<Victims>>> {
        let rows: Vec<(i64, String, String, i32)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT v.incident_id, v.sex, v.age_group, v.count FROM incident_victims v \
                 JOIN incident i ON i.id = v.incident_id WHERE 1 = 1",
            );
            if let Some(id) = only {
                q.push(" AND i.id = ").push_bind(id);
            }
            push_filter(&mut q, filter);
            q.push(" ORDER BY v.incident_id, v.sex, v.age_group");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut victims: HashMap<i64, Vec<Victims>> = HashMap::new();
        for (id, sex, age, n) in rows {
            victims.entry(id).or_default().push(Victims {
                sex: decode(id, "victim sex", &sex, VictimSex::from_code)?,
                age: decode(id, "victim age group", &age, VictimAge::from_code)?,
                count: uncount(id, "victims", n)?,
            });
        }
        Ok(victims)
    }
}
