//! `unpol capacity|performance|indicators|transition`: the same use cases as the pages and the
//! API, acting as the console (headquarters) or, with `--as LOGIN`, as a user of unpol.

use unpol_app::{Store, capacity, indicators, performance};
use unpol_domain::Clock;

use super::{actor, read_json, refusal};
use crate::cli::{
    CapacityCommand, Format, IndicatorsCommand, PerformanceCommand, RecordArgs, TransitionCommand,
};
use crate::output;

/// Reads a record's JSON file and hands it to its use case as the command's actor; prints the
/// new id.
async fn record<T, F>(
    db: &Store,
    args: &RecordArgs,
    clock: Clock,
    what: &str,
    write: F,
) -> anyhow::Result<()>
where
    T: serde::de::DeserializeOwned,
    F: AsyncFnOnce(&Store, &unpol_app::Actor, &T) -> Result<i64, unpol_app::roster::WriteError>,
{
    let actor = actor(db, args.user.as_deref(), clock).await?;
    let input: T = read_json(&args.file, what)?;
    let id = write(db, &actor, &input).await.map_err(refusal)?;
    eprintln!("{what} {id} recorded");
    println!("{id}");
    Ok(())
}

/// A number as a person reads it (grouped digits), plain in CSV.
fn number(format: Format, n: u64) -> String {
    if format == Format::Csv {
        n.to_string()
    } else {
        output::count(n)
    }
}

fn value(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub async fn capacity(db: &Store, command: CapacityCommand, clock: Clock) -> anyhow::Result<()> {
    match command {
        CapacityCommand::Activity(args) => {
            record(db, &args, clock, "activity", capacity::record_activity).await
        }
        CapacityCommand::Project(args) => {
            record(db, &args, clock, "project", capacity::record_project).await
        }
        CapacityCommand::List { who, format } => {
            let actor = actor(db, who.user.as_deref(), clock).await?;
            let rows = capacity::activities(db, &actor, who.mission.as_deref())
                .await
                .map_err(refusal)?;
            output::listing(
                format,
                &rows,
                "Activities with the host State's police",
                &[
                    "id",
                    "mission",
                    "kind",
                    "topic",
                    "starts_on",
                    "ends_on",
                    "place",
                    "partner",
                    "women",
                    "men",
                ],
                || {
                    rows.iter()
                        .map(|r| {
                            let a = &r.activity;
                            vec![
                                r.id.to_string(),
                                a.mission.to_string(),
                                a.kind.code().into(),
                                a.topic.clone(),
                                a.starts_on.to_string(),
                                a.ends_on.to_string(),
                                a.place.clone(),
                                a.partner.code().into(),
                                number(format, a.women()),
                                number(format, a.men()),
                            ]
                        })
                        .collect()
                },
            )
        }
        CapacityCommand::Quarters { who, format } => {
            let actor = actor(db, who.user.as_deref(), clock).await?;
            let rows = capacity::quarters(db, &actor, who.mission.as_deref())
                .await
                .map_err(refusal)?;
            output::listing(
                format,
                &rows,
                "Capacity building per mission and quarter (host police who completed a course, by sex)",
                &[
                    "mission",
                    "quarter",
                    "courses",
                    "trained_women",
                    "trained_men",
                    "sites",
                    "projects_delivered",
                ],
                || {
                    rows.iter()
                        .map(|q| {
                            vec![
                                q.mission.to_string(),
                                q.quarter.to_string(),
                                number(format, q.courses),
                                number(format, q.trained_women),
                                number(format, q.trained_men),
                                number(format, q.sites),
                                number(format, q.projects_delivered),
                            ]
                        })
                        .collect()
                },
            )
        }
    }
}

pub async fn performance(
    db: &Store,
    command: PerformanceCommand,
    clock: Clock,
) -> anyhow::Result<()> {
    match command {
        PerformanceCommand::Evaluate(args) => {
            record(
                db,
                &args,
                clock,
                "evaluation",
                performance::record_evaluation,
            )
            .await
        }
        PerformanceCommand::Assess(args) => {
            record(
                db,
                &args,
                clock,
                "assessment",
                performance::record_unit_assessment,
            )
            .await
        }
        PerformanceCommand::List {
            who,
            officer,
            format,
        } => {
            let actor = actor(db, who.user.as_deref(), clock).await?;
            let rows = performance::evaluations(db, &actor, who.mission.as_deref(), officer)
                .await
                .map_err(refusal)?;
            output::listing(
                format,
                &rows,
                "Evaluations of officers",
                &[
                    "id",
                    "officer",
                    "name",
                    "nationality",
                    "mission",
                    "from",
                    "to",
                    "overall",
                    "remedy",
                ],
                || {
                    rows.iter()
                        .map(|r| {
                            let e = &r.evaluation;
                            vec![
                                r.id.to_string(),
                                e.officer.to_string(),
                                r.name.clone(),
                                r.nationality.to_string(),
                                e.mission.to_string(),
                                e.from.to_string(),
                                e.to.to_string(),
                                e.outcome.overall().code().into(),
                                e.outcome
                                    .remedy()
                                    .map(|r| r.code())
                                    .unwrap_or_default()
                                    .into(),
                            ]
                        })
                        .collect()
                },
            )
        }
    }
}

pub async fn indicators(
    db: &Store,
    command: IndicatorsCommand,
    clock: Clock,
) -> anyhow::Result<()> {
    match command {
        IndicatorsCommand::Define(args) => {
            record(db, &args, clock, "indicator", indicators::define).await
        }
        IndicatorsCommand::Value {
            user,
            id,
            quarter,
            value,
        } => {
            let actor = actor(db, user.as_deref(), clock).await?;
            indicators::enter_value(db, &actor, id, quarter, value)
                .await
                .map_err(refusal)?;
            eprintln!("indicator {id}: {value} in {quarter}");
            Ok(())
        }
        IndicatorsCommand::Dashboard {
            user,
            mission,
            format,
        } => {
            let actor = actor(db, user.as_deref(), clock).await?;
            let Some(board) = indicators::dashboard(db, &actor, &mission)
                .await
                .map_err(refusal)?
            else {
                anyhow::bail!("no mission `{mission}` among those you may read");
            };
            output::listing(
                format,
                &board,
                &format!(
                    "{}: indicators against their targets (latest value)",
                    board.mission
                ),
                &[
                    "id",
                    "indicator",
                    "unit",
                    "direction",
                    "baseline",
                    "target",
                    "quarter",
                    "value",
                    "met",
                    "source",
                ],
                || {
                    board
                        .indicators
                        .iter()
                        .map(|s| {
                            let i = &s.row.indicator;
                            vec![
                                s.row.id.to_string(),
                                i.name_en.clone(),
                                i.unit.code().into(),
                                i.direction.code().into(),
                                i.baseline.to_string(),
                                i.target.to_string(),
                                s.latest.map(|m| m.quarter.to_string()).unwrap_or_default(),
                                value(s.latest.and_then(|m| m.value)),
                                s.met
                                    .map(|m| if m { "yes" } else { "no" })
                                    .unwrap_or_default()
                                    .into(),
                                serde_json::to_value(i.source)
                                    .ok()
                                    .and_then(|v| v.as_str().map(String::from))
                                    .unwrap_or_default(),
                            ]
                        })
                        .collect()
                },
            )
        }
    }
}

pub async fn transition(
    db: &Store,
    command: TransitionCommand,
    clock: Clock,
) -> anyhow::Result<()> {
    match command {
        TransitionCommand::Add(args) => {
            record(db, &args, clock, "task", indicators::record_task).await
        }
        TransitionCommand::Status { user, id, status } => {
            let actor = actor(db, user.as_deref(), clock).await?;
            indicators::set_task_status(db, &actor, id, &status)
                .await
                .map_err(refusal)?;
            eprintln!("task {id}: {status}");
            Ok(())
        }
        TransitionCommand::List { who, format } => {
            let actor = actor(db, who.user.as_deref(), clock).await?;
            let rows = indicators::tasks(db, &actor, who.mission.as_deref())
                .await
                .map_err(refusal)?;
            output::listing(
                format,
                &rows,
                "Police tasks to hand over",
                &[
                    "id",
                    "mission",
                    "task",
                    "recipient",
                    "owner",
                    "status",
                    "due_on",
                ],
                || {
                    rows.iter()
                        .map(|r| {
                            let t = &r.task;
                            vec![
                                r.id.to_string(),
                                t.mission.to_string(),
                                t.task.clone(),
                                t.recipient.code().into(),
                                t.owner.clone(),
                                t.status.code().into(),
                                t.due_on.to_string(),
                            ]
                        })
                        .collect()
                },
            )
        }
    }
}
