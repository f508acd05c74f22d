//! Host-State police capacity building as its users reach it: mission staff record and read
//! their mission's activities and projects, headquarters every mission's; the quarterly figures
//! are aggregates, which analysts read too.

use chrono::NaiveDate;
use unpol_domain::access::Role;
use unpol_domain::capacity::{
    Activity, ActivityKind, ActivityRow, Partner, Project, ProjectKind, ProjectRow, ProjectStatus,
    QuarterFigures, Trainees, quarterly,
};
use unpol_domain::quarter::Quarter;
use unpol_domain::{MissionCode, message, text};
use unpol_storage::records::RecordTable;

use crate::checks::{self, coded, count, not_future, period, readable_missions, writable_mission};
use crate::roster::WriteError;
use crate::scope::visible;
use crate::{Actor, Store};

/// Host police of one rank who took part, by sex, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct TraineesInput {
    pub rank: String,
    #[serde(default)]
    pub women: u32,
    #[serde(default)]
    pub men: u32,
}

/// A new activity (the API's body, the command line's file).
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct ActivityInput {
    pub mission: String,
    /// `course`, `recruitment`, `vetting` or `mentoring`.
    pub kind: String,
    pub topic: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub institution: String,
    /// `none` by default; `undp`, `unodc`, `interpol`, `au`, `eu` or `other`.
    #[serde(default)]
    pub partner: Option<String>,
    #[serde(default)]
    pub trainers: u32,
    #[serde(default)]
    pub trainees: Vec<TraineesInput>,
}

fn partner(typed: Option<&str>) -> Result<Partner, WriteError> {
    match typed.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(Partner::None),
        Some(p) => coded("partner", p, Partner::TERMS, Partner::from_code),
    }
}

fn checked_activity(
    input: &ActivityInput,
    mission: MissionCode,
    today: NaiveDate,
) -> Result<Activity, WriteError> {
    let kind = coded(
        "activity_kind",
        &input.kind,
        ActivityKind::TERMS,
        ActivityKind::from_code,
    )?;
    period(input.starts_on, input.ends_on)?;
    not_future("starts_on", input.starts_on, today)?;
    // Host police count as trained once the course is over; only mentoring runs on, at a site.
    if kind != ActivityKind::Mentoring {
        not_future("ends_on", input.ends_on, today)?;
    }
    let topic = checks::required("topic", &input.topic, text::NAME_MAX)?;
    let mut trainees: Vec<Trainees> = Vec::new();
    for t in &input.trainees {
        let rank = checks::text("rank", &t.rank, text::NAME_MAX)?;
        let (women, men) = (count("women", t.women)?, count("men", t.men)?);
        match trainees.iter_mut().find(|s| s.rank == rank) {
            Some(same) => {
                same.women = count("women", same.women.saturating_add(women))?;
                same.men = count("men", same.men.saturating_add(men))?;
            }
            None => trainees.push(Trainees { rank, women, men }),
        }
    }
    Ok(Activity {
        mission,
        kind,
        topic,
        starts_on: input.starts_on,
        ends_on: input.ends_on,
        place: if kind == ActivityKind::Mentoring {
            checks::required("place", &input.place, text::NAME_MAX)?
        } else {
            checks::text("place", &input.place, text::NAME_MAX)?
        },
        institution: checks::text("institution", &input.institution, text::NAME_MAX)?,
        partner: partner(input.partner.as_deref())?,
        trainers: count("trainers", input.trainers)?,
        trainees,
    })
}

/// Records an activity with the host State's police; returns its id.
pub async fn record_activity(
    store: &Store,
    actor: &Actor,
    input: &ActivityInput,
) -> Result<i64, WriteError> {
    let mission = writable_mission(store, actor, &input.mission).await?;
    let activity = checked_activity(input, mission.acronym, actor.today())?;
    let event = actor.event(
        "capacity.activity",
        "capacity_activity",
        &format!(
            "{} {} {}",
            activity.mission,
            activity.kind.code(),
            activity.starts_on
        ),
    );
    store.db().insert_activity(&activity, &event).await
}

/// A new infrastructure project.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct ProjectInput {
    pub mission: String,
    /// `police_station`, `community_policing_centre`, `training_facility` or `other`.
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub partner: Option<String>,
    /// `planned`, `under_way`, `delivered` or `cancelled`.
    pub status: String,
    /// The day it was handed over: given exactly when the status is `delivered`.
    #[serde(default)]
    pub delivered_on: Option<NaiveDate>,
}

/// A status with its delivery day, checked: a delivered project has a past delivery day, and
/// only a delivered one.
fn delivery(
    status: &str,
    delivered_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(ProjectStatus, Option<NaiveDate>), WriteError> {
    let status = coded(
        "project_status",
        status,
        ProjectStatus::TERMS,
        ProjectStatus::from_code,
    )?;
    if (status == ProjectStatus::Delivered) != delivered_on.is_some() {
        return Err(WriteError::refused(message!("project-delivery")));
    }
    if let Some(day) = delivered_on {
        not_future("delivered_on", day, today)?;
    }
    Ok((status, delivered_on))
}

/// Records an infrastructure project; returns its id.
pub async fn record_project(
    store: &Store,
    actor: &Actor,
    input: &ProjectInput,
) -> Result<i64, WriteError> {
    let mission = writable_mission(store, actor, &input.mission).await?;
    let (status, delivered_on) = delivery(&input.status, input.delivered_on, actor.today())?;
    let name = checks::required("name", &input.name, text::NAME_MAX)?;
    let project = Project {
        mission: mission.acronym,
        kind: coded(
            "project_kind",
            &input.kind,
            ProjectKind::TERMS,
            ProjectKind::from_code,
        )?,
        name,
        place: checks::text("place", &input.place, text::NAME_MAX)?,
        partner: partner(input.partner.as_deref())?,
        status,
        delivered_on,
    };
    let event = actor.event(
        "capacity.project",
        "capacity_project",
        &format!("{} {}", project.mission, project.kind.code()),
    );
    store.db().insert_project(&project, &event).await
}

/// Moves a project to a status (a delivered one with its day).
pub async fn set_project_status(
    store: &Store,
    actor: &Actor,
    id: i64,
    status: &str,
    delivered_on: Option<NaiveDate>,
) -> Result<(), WriteError> {
    if !matches!(actor.role(), Role::Hq | Role::Mission) {
        return Err(WriteError::refused(message!("mission-writers")));
    }
    let (status, delivered_on) = delivery(status, delivered_on, actor.today())?;
    let mission = actor.scope().mission();
    let found = store.db().projects(mission, Some(id)).await?.pop();
    if visible(store.db(), actor, RecordTable::Project, id, found)
        .await?
        .is_none()
    {
        return Err(WriteError::NotFound);
    }
    let event = actor.event(
        "capacity.project_status",
        &format!("capacity_project:{id}"),
        status.code(),
    );
    store
        .db()
        .set_project_status(id, mission, status, delivered_on, &event)
        .await
}

/// The mission a read is narrowed to: the caller's own, or the one asked for; `None` when the
/// caller reads nothing of it.
pub(crate) fn narrowed(
    own: Option<Option<MissionCode>>,
    asked: Option<&str>,
) -> Result<Option<Option<MissionCode>>, WriteError> {
    let Some(own) = own else { return Ok(None) };
    let asked = match asked.map(str::trim).filter(|m| !m.is_empty()) {
        Some(typed) => Some(
            MissionCode::parse(&typed.to_ascii_uppercase())
                .map_err(|_| WriteError::refused(message!("unknown-mission", value = typed)))?,
        ),
        None => None,
    };
    Ok(match (own, asked) {
        (Some(own), Some(asked)) if own != asked => None,
        (Some(own), _) => Some(Some(own)),
        (None, asked) => Some(asked),
    })
}

/// The activities a caller may read, of the mission asked for (all it may read otherwise).
pub async fn activities(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
) -> Result<Vec<ActivityRow>, WriteError> {
    match narrowed(readable_missions(actor), mission)? {
        Some(m) => Ok(store.db().activities(m).await?),
        None => Ok(Vec::new()),
    }
}

/// The projects a caller may read, of the mission asked for (all it may read otherwise).
pub async fn projects(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
) -> Result<Vec<ProjectRow>, WriteError> {
    match narrowed(readable_missions(actor), mission)? {
        Some(m) => Ok(store.db().projects(m, None).await?),
        None => Ok(Vec::new()),
    }
}

/// Who counts capacity building: its readers, and analysts (every mission's figures).
fn countable(actor: &Actor) -> Option<Option<MissionCode>> {
    match actor.role() {
        Role::Analyst => Some(None),
        _ => readable_missions(actor),
    }
}

/// Courses, trainees by sex, sites and projects delivered per mission and quarter, up to the
/// current quarter.
pub async fn quarters(
    store: &Store,
    actor: &Actor,
    mission: Option<&str>,
) -> Result<Vec<QuarterFigures>, WriteError> {
    let Some(m) = narrowed(countable(actor), mission)? else {
        return Ok(Vec::new());
    };
    let activities: Vec<Activity> = store
        .db()
        .activities(m)
        .await?
        .into_iter()
        .map(|r| r.activity)
        .collect();
    let projects: Vec<Project> = store
        .db()
        .projects(m, None)
        .await?
        .into_iter()
        .map(|r| r.project)
        .collect();
    Ok(quarterly(
        &activities,
        &projects,
        Quarter::of(actor.today()),
    ))
}
