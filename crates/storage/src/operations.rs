//! Capacity building, performance evaluations, indicators and transition tasks: written with their
//! audit entry, read through the mission (or country) filter the application derives from the
//! caller's scope.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::audit::AuditEvent;
use unpol_domain::capacity::{
    Activity, ActivityKind, ActivityRow, Partner, Project, ProjectKind, ProjectRow, ProjectStatus,
    Trainees,
};
use unpol_domain::indicator::{
    Computed, Direction, Facts, Indicator, IndicatorRow, Measure, Recipient, Source, TaskStatus,
    TransitionTask, TransitionTaskRow,
};
use unpol_domain::performance::{
    Competency, Evaluation, EvaluationRow, Outcome, Rating, Readiness, Remedy, Score,
    UnitAssessment, UnitAssessmentRow,
};
use unpol_domain::quarter::Quarter;
use unpol_domain::roster::{OfficerId, UnitId};
use unpol_domain::{CountryCode, MissionCode};

use crate::audit::{append_in, audited_tx};
use crate::officers::WriteError;
use crate::{Database, on_pool};

fn count(value: u32) -> i64 {
    i64::from(value)
}

fn uncount(what: &str, value: i64) -> anyhow::Result<u32> {
    u32::try_from(value).map_err(|_| anyhow::anyhow!("{what}: count {value}"))
}

fn decode<T>(what: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> anyhow::Result<T> {
    parse(value).ok_or_else(|| anyhow::anyhow!("{what}: unknown code `{value}`"))
}

fn parse_mission(what: &str, value: &str) -> anyhow::Result<MissionCode> {
    MissionCode::parse(value).map_err(|e| anyhow::anyhow!("{what}: {e}"))
}

fn parse_country(what: &str, value: &str) -> anyhow::Result<CountryCode> {
    CountryCode::parse(value).map_err(|e| anyhow::anyhow!("{what}: {e}"))
}

/// ` AND <column> = mission` when the read is narrowed to one mission.
fn push_mission<DB: sqlx::Database>(
    q: &mut QueryBuilder<'_, DB>,
    column: &str,
    mission: Option<MissionCode>,
) where
    String: for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    if let Some(mission) = mission {
        q.push(format!(" AND {column} = "))
            .push_bind(mission.to_string());
    }
}

fn push_evaluation_filter<DB: sqlx::Database>(
    q: &mut QueryBuilder<'_, DB>,
    filter: EvaluationFilter,
) where
    String: for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    i64: for<'a> sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    push_mission(q, "e.mission", filter.mission);
    if let Some(nationality) = filter.nationality {
        q.push(" AND o.nationality = ")
            .push_bind(nationality.to_string());
    }
    if let Some(officer) = filter.officer {
        q.push(" AND e.officer_id = ").push_bind(officer.0);
    }
}

/// Which evaluations a read returns: the application sets the fields from the caller's scope.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EvaluationFilter {
    pub mission: Option<MissionCode>,
    pub nationality: Option<CountryCode>,
    pub officer: Option<OfficerId>,
}

type ActivityTuple = (
    i64,
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    String,
    String,
    String,
    i64,
);
type EvaluationTuple = (
    i64,
    i64,
    String,
    String,
    String,
    NaiveDate,
    NaiveDate,
    String,
    Option<String>,
    String,
);
type IndicatorTuple = (
    i64,
    String,
    String,
    String,
    String,
    String,
    f64,
    f64,
    Option<String>,
);

impl Database {
    // Capacity building.

    /// Records an activity with its trainees and audit entry; returns its id.
    pub async fn insert_activity(
        &self,
        a: &Activity,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO capacity_activity (mission, kind, topic, starts_on, ends_on, place, institution, partner, trainers) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(a.mission.to_string()).bind(a.kind.code()).bind(&a.topic).bind(a.starts_on).bind(a.ends_on)
            .bind(&a.place).bind(&a.institution).bind(a.partner.code()).bind(count(a.trainers))
            .fetch_one(&mut *tx).await?;
            for t in &a.trainees {
                sqlx::query("INSERT INTO capacity_trainees (activity_id, rank, women, men) VALUES ($1, $2, $3, $4)")
                    .bind(id).bind(&t.rank).bind(count(t.women)).bind(count(t.men))
                    .execute(&mut *tx).await?;
            }
            let mut event = audit.clone();
            event.record = format!("capacity_activity:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// A mission's activities (every mission's when `None`), the latest first.
    pub async fn activities(
        &self,
        mission: Option<MissionCode>,
    ) -> anyhow::Result<Vec<ActivityRow>> {
        let rows: Vec<ActivityTuple> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT id, mission, kind, topic, starts_on, ends_on, place, institution, partner, trainers \
                 FROM capacity_activity WHERE 1 = 1",
            );
            push_mission(&mut q, "mission", mission);
            q.push(" ORDER BY ends_on DESC, id DESC");
            q.build_query_as().fetch_all(pool).await
        })?;
        let trainees: Vec<(i64, String, i64, i64)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT t.activity_id, t.rank, t.women, t.men FROM capacity_trainees t \
                 JOIN capacity_activity a ON a.id = t.activity_id WHERE 1 = 1",
            );
            push_mission(&mut q, "a.mission", mission);
            q.push(" ORDER BY t.activity_id, t.rank");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut by_activity: HashMap<i64, Vec<Trainees>> = HashMap::new();
        for (id, rank, women, men) in trainees {
            by_activity.entry(id).or_default().push(Trainees {
                rank,
                women: uncount("trainees", women)?,
                men: uncount("trainees", men)?,
            });
        }
        rows.into_iter()
            .map(
                |(
                    id,
                    m,
                    kind,
                    topic,
                    starts_on,
                    ends_on,
                    place,
                    institution,
                    partner,
                    trainers,
                )| {
                    let what = format!("capacity activity {id}");
                    Ok(ActivityRow {
                        id,
                        activity: Activity {
                            mission: parse_mission(&what, &m)?,
                            kind: decode(&what, &kind, ActivityKind::from_code)?,
                            topic,
                            starts_on,
                            ends_on,
                            place,
                            institution,
                            partner: decode(&what, &partner, Partner::from_code)?,
                            trainers: uncount(&what, trainers)?,
                            trainees: by_activity.remove(&id).unwrap_or_default(),
                        },
                    })
                },
            )
            .collect()
    }

    /// Records a project with its audit entry; returns its id.
    pub async fn insert_project(&self, p: &Project, audit: &AuditEvent) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO capacity_project (mission, kind, name, place, partner, status, delivered_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(p.mission.to_string()).bind(p.kind.code()).bind(&p.name).bind(&p.place)
            .bind(p.partner.code()).bind(p.status.code()).bind(p.delivered_on)
            .fetch_one(&mut *tx).await?;
            let mut event = audit.clone();
            event.record = format!("capacity_project:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// Moves a project of `mission` (any when `None`) to a status.
    pub async fn set_project_status(
        &self,
        id: i64,
        mission: Option<MissionCode>,
        status: ProjectStatus,
        delivered_on: Option<NaiveDate>,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            let mut q = QueryBuilder::new("UPDATE capacity_project SET status = ");
            q.push_bind(status.code()).push(", delivered_on = ").push_bind(delivered_on);
            q.push(" WHERE id = ").push_bind(id);
            push_mission(&mut q, "mission", mission);
            if q.build().execute(&mut *tx).await?.rows_affected() == 0 {
                return Err(WriteError::NotFound);
            }
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }

    /// A mission's projects (every mission's when `None`), or the one with `only` as id.
    pub async fn projects(
        &self,
        mission: Option<MissionCode>,
        only: Option<i64>,
    ) -> anyhow::Result<Vec<ProjectRow>> {
        type Tuple = (
            i64,
            String,
            String,
            String,
            String,
            String,
            String,
            Option<NaiveDate>,
        );
        let rows: Vec<Tuple> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT id, mission, kind, name, place, partner, status, delivered_on FROM capacity_project WHERE 1 = 1",
            );
            push_mission(&mut q, "mission", mission);
            if let Some(id) = only {
                q.push(" AND id = ").push_bind(id);
            }
            q.push(" ORDER BY mission, id");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(
                |(id, m, kind, name, place, partner, status, delivered_on)| {
                    let what = format!("capacity project {id}");
                    Ok(ProjectRow {
                        id,
                        project: Project {
                            mission: parse_mission(&what, &m)?,
                            kind: decode(&what, &kind, ProjectKind::from_code)?,
                            name,
                            place,
                            partner: decode(&what, &partner, Partner::from_code)?,
                            status: decode(&what, &status, ProjectStatus::from_code)?,
                            delivered_on,
                        },
                    })
                },
            )
            .collect()
    }

    // Performance.

    /// Records an evaluation with its scores and audit entry; returns its id. A second
    /// evaluation of the same officer from the same day is a conflict.
    pub async fn insert_evaluation(
        &self,
        e: &Evaluation,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO evaluation (officer_id, mission, period_from, period_to, overall, remedy, comment) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(e.officer.0).bind(e.mission.to_string()).bind(e.from).bind(e.to)
            .bind(e.outcome.overall().code()).bind(e.outcome.remedy().map(|r| r.code())).bind(&e.comment)
            .fetch_one(&mut *tx).await?;
            for s in &e.scores {
                sqlx::query("INSERT INTO evaluation_score (evaluation_id, competency, rating) VALUES ($1, $2, $3)")
                    .bind(id).bind(s.competency.code()).bind(s.rating.code())
                    .execute(&mut *tx).await?;
            }
            let mut event = audit.clone();
            event.record = format!("evaluation:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// The evaluations a filter selects, the latest period first.
    pub async fn evaluations(
        &self,
        filter: EvaluationFilter,
    ) -> anyhow::Result<Vec<EvaluationRow>> {
        let rows: Vec<EvaluationTuple> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT e.id, e.officer_id, o.given_name || ' ' || o.family_name, o.nationality, e.mission, \
                 e.period_from, e.period_to, e.overall, e.remedy, e.comment \
                 FROM evaluation e JOIN officer o ON o.id = e.officer_id WHERE 1 = 1",
            );
            push_evaluation_filter(&mut q, filter);
            q.push(" ORDER BY e.period_from DESC, e.id DESC");
            q.build_query_as().fetch_all(pool).await
        })?;
        let scores: Vec<(i64, String, String)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT s.evaluation_id, s.competency, s.rating FROM evaluation_score s \
                 JOIN evaluation e ON e.id = s.evaluation_id JOIN officer o ON o.id = e.officer_id WHERE 1 = 1",
            );
            push_evaluation_filter(&mut q, filter);
            q.push(" ORDER BY s.evaluation_id");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut by_evaluation: HashMap<i64, Vec<Score>> = HashMap::new();
        for (id, competency, rating) in scores {
            let what = format!("evaluation {id}");
            by_evaluation.entry(id).or_default().push(Score {
                competency: decode(&what, &competency, Competency::from_code)?,
                rating: decode(&what, &rating, Rating::from_code)?,
            });
        }
        rows.into_iter()
            .map(
                |(id, officer, name, nationality, m, from, to, overall, remedy, comment)| {
                    let what = format!("evaluation {id}");
                    let overall = decode(&what, &overall, Rating::from_code)?;
                    let remedy = remedy
                        .map(|r| decode(&what, &r, Remedy::from_code))
                        .transpose()?;
                    let mut scores = by_evaluation.remove(&id).unwrap_or_default();
                    scores.sort_by_key(|s| s.competency);
                    Ok(EvaluationRow {
                        id,
                        name,
                        nationality: parse_country(&what, &nationality)?,
                        evaluation: Evaluation {
                            officer: OfficerId(officer),
                            mission: parse_mission(&what, &m)?,
                            from,
                            to,
                            scores,
                            outcome: Outcome::new(overall, remedy).ok_or_else(|| {
                                anyhow::anyhow!("{what}: outcome and remedy disagree")
                            })?,
                            comment,
                        },
                    })
                },
            )
            .collect()
    }

    /// The outcomes of an officer's evaluations, in every mission (for force generation's
    /// screening, which reads no more than that).
    pub async fn evaluation_outcomes(&self, officer: OfficerId) -> anyhow::Result<Vec<Outcome>> {
        const SQL: &str =
            "SELECT overall, remedy FROM evaluation WHERE officer_id = $1 ORDER BY period_from";
        let rows: Vec<(String, Option<String>)> =
            on_pool!(self, pool => sqlx::query_as(SQL).bind(officer.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(overall, remedy)| {
                let what = format!("evaluation of officer {officer}");
                let overall = decode(&what, &overall, Rating::from_code)?;
                let remedy = remedy
                    .map(|r| decode(&what, &r, Remedy::from_code))
                    .transpose()?;
                Outcome::new(overall, remedy)
                    .ok_or_else(|| anyhow::anyhow!("{what}: outcome and remedy disagree"))
            })
            .collect()
    }

    /// Records a unit's readiness assessment, in the mission the unit serves in now, with its
    /// audit entry; returns its id.
    pub async fn insert_unit_assessment(
        &self,
        a: &UnitAssessment,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO unit_assessment (unit_id, mission, assessed_on, readiness, remarks) \
                 SELECT id, mission, $2, $3, $4 FROM unit WHERE id = $1 RETURNING id",
            )
            .bind(a.unit.0).bind(a.assessed_on).bind(a.readiness.code()).bind(&a.remarks)
            .fetch_one(&mut *tx).await?;
            let mut event = audit.clone();
            event.record = format!("unit_assessment:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// The readiness assessments of the units of `mission` and of `country` (each when given),
    /// the latest first.
    pub async fn unit_assessments(
        &self,
        mission: Option<MissionCode>,
        country: Option<CountryCode>,
    ) -> anyhow::Result<Vec<UnitAssessmentRow>> {
        type Tuple = (i64, i64, String, String, String, NaiveDate, String, String);
        let rows: Vec<Tuple> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT a.id, a.unit_id, a.mission, u.country, u.designation, a.assessed_on, a.readiness, a.remarks \
                 FROM unit_assessment a JOIN unit u ON u.id = a.unit_id WHERE 1 = 1",
            );
            push_mission(&mut q, "a.mission", mission);
            if let Some(country) = country {
                q.push(" AND u.country = ").push_bind(country.to_string());
            }
            q.push(" ORDER BY a.assessed_on DESC, a.id DESC");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(
                |(id, unit, m, c, designation, assessed_on, readiness, remarks)| {
                    let what = format!("unit assessment {id}");
                    Ok(UnitAssessmentRow {
                        id,
                        mission: parse_mission(&what, &m)?,
                        country: parse_country(&what, &c)?,
                        designation,
                        assessment: UnitAssessment {
                            unit: UnitId(unit),
                            assessed_on,
                            readiness: decode(&what, &readiness, Readiness::from_code)?,
                            remarks,
                        },
                    })
                },
            )
            .collect()
    }

    // Indicators.

    /// Records an indicator's definition with its audit entry; returns its id.
    pub async fn insert_indicator(
        &self,
        i: &Indicator,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        let computed = match i.source {
            Source::Computed(c) => Some(c.code()),
            Source::Entered => None,
        };
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO indicator (mission, name_en, name_fr, unit, direction, baseline, target, computed) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(i.mission.to_string()).bind(&i.name_en).bind(&i.name_fr).bind(i.unit.code())
            .bind(i.direction.code()).bind(i.baseline).bind(i.target).bind(computed)
            .fetch_one(&mut *tx).await?;
            let mut event = audit.clone();
            event.record = format!("indicator:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// A mission's indicators (every mission's when `None`), or the one with `only` as id.
    pub async fn indicators(
        &self,
        mission: Option<MissionCode>,
        only: Option<i64>,
    ) -> anyhow::Result<Vec<IndicatorRow>> {
        let rows: Vec<IndicatorTuple> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT id, mission, name_en, name_fr, unit, direction, baseline, target, computed FROM indicator WHERE 1 = 1",
            );
            push_mission(&mut q, "mission", mission);
            if let Some(id) = only {
                q.push(" AND id = ").push_bind(id);
            }
            q.push(" ORDER BY mission, id");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(
                |(id, m, name_en, name_fr, unit, direction, baseline, target, computed)| {
                    let what = format!("indicator {id}");
                    Ok(IndicatorRow {
                        id,
                        indicator: Indicator {
                            mission: parse_mission(&what, &m)?,
                            name_en,
                            name_fr,
                            unit: decode(&what, &unit, Measure::from_code)?,
                            direction: decode(&what, &direction, Direction::from_code)?,
                            baseline,
                            target,
                            source: match computed {
                                Some(c) => {
                                    Source::Computed(decode(&what, &c, Computed::from_code)?)
                                }
                                None => Source::Entered,
                            },
                        },
                    })
                },
            )
            .collect()
    }

    /// Sets an entered indicator's value for a quarter (replacing an earlier one).
    pub async fn set_indicator_value(
        &self,
        id: i64,
        quarter: Quarter,
        value: f64,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            sqlx::query("DELETE FROM indicator_value WHERE indicator_id = $1 AND quarter = $2")
                .bind(id).bind(quarter.to_string()).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO indicator_value (indicator_id, quarter, value) VALUES ($1, $2, $3)")
                .bind(id).bind(quarter.to_string()).bind(value).execute(&mut *tx).await?;
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }

    /// The entered values of a mission's indicators (every mission's when `None`), per indicator.
    pub async fn indicator_values(
        &self,
        mission: Option<MissionCode>,
    ) -> anyhow::Result<HashMap<i64, Vec<(Quarter, f64)>>> {
        let rows: Vec<(i64, String, f64)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT v.indicator_id, v.quarter, v.value FROM indicator_value v \
                 JOIN indicator i ON i.id = v.indicator_id WHERE 1 = 1",
            );
            push_mission(&mut q, "i.mission", mission);
            q.push(" ORDER BY v.indicator_id, v.quarter");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut values: HashMap<i64, Vec<(Quarter, f64)>> = HashMap::new();
        for (id, quarter, value) in rows {
            let quarter = quarter
                .parse()
                .map_err(|e| anyhow::anyhow!("indicator {id}: {e}"))?;
            values.entry(id).or_default().push((quarter, value));
        }
        Ok(values)
    }

    /// What the records say of a mission in a quarter: officers and posts on `day`, courses,
    /// incidents and allegations over the quarter.
    pub async fn facts(
        &self,
        mission: MissionCode,
        quarter: Quarter,
        day: NaiveDate,
    ) -> anyhow::Result<Facts> {
        let m = mission.to_string();
        let (first, last) = (quarter.first_day(), quarter.last_day());
        let on_day = "start_date <= $2 AND COALESCE(actual_end, planned_end) >= $2";
        let deployed = format!(
            "SELECT COALESCE(SUM(CASE WHEN gender = 'female' THEN 1 ELSE 0 END), 0), \
             COALESCE(SUM(CASE WHEN gender = 'male' THEN 1 ELSE 0 END), 0) \
             FROM deployment WHERE mission = $1 AND {on_day}"
        );
        const POSTS: &str = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM deployment d \
             WHERE d.post_id = p.id AND d.start_date <= $2 AND COALESCE(d.actual_end, d.planned_end) >= $2) \
             THEN 1 ELSE 0 END), 0) FROM post p WHERE p.mission = $1";
        const TRAINED: &str = "SELECT CAST(COALESCE(SUM(t.women + t.men), 0) AS BIGINT) FROM capacity_trainees t \
             JOIN capacity_activity a ON a.id = t.activity_id \
             WHERE a.mission = $1 AND a.kind = 'course' AND a.ends_on >= $2 AND a.ends_on <= $3";
        const INCIDENTS: &str = "SELECT COUNT(*) FROM incident WHERE mission = $1 \
             AND category = 'threat_to_personnel' AND started_on >= $2 AND started_on <= $3";
        const ALLEGATIONS: &str = "SELECT COUNT(*) FROM conduct_case WHERE mission = $1 \
             AND received_on >= $2 AND received_on <= $3";
        let facts: anyhow::Result<Facts> = on_pool!(self, pool => {
            let (women, men): (i64, i64) = sqlx::query_as(&deployed).bind(&m).bind(day).fetch_one(pool).await?;
            let (posts, vacant): (i64, i64) = sqlx::query_as(POSTS).bind(&m).bind(day).fetch_one(pool).await?;
            let trained: i64 = sqlx::query_scalar(TRAINED).bind(&m).bind(first).bind(last).fetch_one(pool).await?;
            let incidents: i64 = sqlx::query_scalar(INCIDENTS).bind(&m).bind(first).bind(last).fetch_one(pool).await?;
            let allegations: i64 = sqlx::query_scalar(ALLEGATIONS).bind(&m).bind(first).bind(last).fetch_one(pool).await?;
            let n = |v: i64| u64::try_from(v).map_err(|_| anyhow::anyhow!("facts of {m} in {quarter}: count {v}"));
            Ok(Facts {
                women: n(women)?,
                men: n(men)?,
                posts: n(posts)?,
                vacant_posts: n(vacant)?,
                host_police_trained: n(trained)?,
                incidents_against_personnel: n(incidents)?,
                allegations: n(allegations)?,
            })
        });
        facts
    }

    // Transition.

    /// Records a transition task with its audit entry; returns its id.
    pub async fn insert_transition_task(
        &self,
        t: &TransitionTask,
        audit: &AuditEvent,
    ) -> Result<i64, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO transition_task (mission, task, recipient, owner, status, due_on) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(t.mission.to_string()).bind(&t.task).bind(t.recipient.code()).bind(&t.owner)
            .bind(t.status.code()).bind(t.due_on)
            .fetch_one(&mut *tx).await?;
            let mut event = audit.clone();
            event.record = format!("transition_task:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(id)
        })
    }

    /// Moves a task of `mission` (any when `None`) to a status.
    pub async fn set_task_status(
        &self,
        id: i64,
        mission: Option<MissionCode>,
        status: TaskStatus,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            let mut q = QueryBuilder::new("UPDATE transition_task SET status = ");
            q.push_bind(status.code()).push(" WHERE id = ").push_bind(id);
            push_mission(&mut q, "mission", mission);
            if q.build().execute(&mut *tx).await?.rows_affected() == 0 {
                return Err(WriteError::NotFound);
            }
            append_in!(self, tx, audit)?;
            Ok::<_, WriteError>(())
        })
    }

    /// A mission's transition tasks (every mission's when `None`), by due day.
    pub async fn transition_tasks(
        &self,
        mission: Option<MissionCode>,
        only: Option<i64>,
    ) -> anyhow::Result<Vec<TransitionTaskRow>> {
        type Tuple = (i64, String, String, String, String, String, NaiveDate);
        let rows: Vec<Tuple> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT id, mission, task, recipient, owner, status, due_on FROM transition_task WHERE 1 = 1",
            );
            push_mission(&mut q, "mission", mission);
            if let Some(id) = only {
                q.push(" AND id = ").push_bind(id);
            }
            q.push(" ORDER BY mission, due_on, id");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(|(id, m, task, recipient, owner, status, due_on)| {
                let what = format!("transition task {id}");
                Ok(TransitionTaskRow {
                    id,
                    task: TransitionTask {
                        mission: parse_mission(&what, &m)?,
                        task,
                        recipient: decode(&what, &recipient, Recipient::from_code)?,
                        owner,
                        status: decode(&what, &status, TaskStatus::from_code)?,
                        due_on,
                    },
                })
            })
            .collect()
    }
}
