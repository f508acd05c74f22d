//! Incidents as their users reach them (DESIGN.md section 2): mission staff record and read their
//! mission's; headquarters (and administrators) read and record every mission's; analysts read
//! the aggregates only; a contributing country's focal point and conduct officers read none.
//!
//! Two ways in, one set of rules: an incident typed in (form, API, command line) and an event of
//! the UCDP Georeferenced Event Dataset imported from its CSV file both become an
//! [`Incident`] checked here, for a mission the caller may write to.

use std::io::Read;

use chrono::{Datelike, NaiveDate};
use unpol_domain::access::Role;
use unpol_domain::incident::{
    DatePrecision, Deaths, Grouping, Incident, IncidentCategory, IncidentSource, IncidentStatus,
    LocationPrecision, Point, Tally, VictimAge, VictimSex, Victims, When, tally,
};
use unpol_domain::message;
use unpol_domain::message::Message;
use unpol_domain::reference::Mission;
use unpol_domain::text;
use unpol_domain::{CountryCode, MissionCode};
use unpol_import::Rejected;
use unpol_import::ucdp::{GedError, read_ged};
use unpol_storage::incidents::{IncidentFilter, IncidentRow};
use unpol_storage::records::RecordTable;

use crate::Store;
use crate::actor::Actor;
use crate::checks::{self, codes, unknown};
use crate::roster::WriteError;
use crate::scope::visible;

/// Which missions' incidents a caller reads in full: `Some(None)` every mission, `Some(Some(m))`
/// one, `None` none.
fn readable(actor: &Actor) -> Option<Option<MissionCode>> {
    match actor.role() {
        Role::Admin | Role::Hq => Some(None),
        Role::Mission => actor.scope().mission().map(Some),
        Role::Analyst | Role::Pcc | Role::Conduct => None,
    }
}

/// Which missions' incidents a caller may count: analysts count every mission's too.
fn countable(actor: &Actor) -> Option<Option<MissionCode>> {
    match actor.role() {
        Role::Analyst => Some(None),
        _ => readable(actor),
    }
}

fn refused(message: Message) -> WriteError {
    WriteError::refused(message)
}

/// The mission a caller records incidents for, checked against the caller's role and scope.
async fn writable_mission(
    store: &Store,
    actor: &Actor,
    typed: &str,
) -> Result<Mission, WriteError> {
    if !matches!(actor.role(), Role::Hq | Role::Mission) {
        return Err(refused(message!("incident-writers")));
    }
    let code = MissionCode::parse(&typed.trim().to_ascii_uppercase())
        .map_err(|_| refused(message!("unknown-mission", value = typed)))?;
    if let Some(own) = actor.scope().mission()
        && own != code
    {
        return Err(refused(message!("own-mission-incidents", own = own)));
    }
    let missions = store.db().missions().await?;
    missions
        .into_iter()
        .find(|m| m.acronym == code)
        .ok_or_else(|| refused(message!("unknown-mission", value = typed)))
}

/// Why an event cannot be the mission's: outside its host country or after its years (or after
/// today). An event before the mission began is the mission's too: the host country's history
/// is the baseline its indicators are read against, and the summary counts such events.
fn outside_mission(
    mission: &Mission,
    country: CountryCode,
    when: &When,
    today: NaiveDate,
) -> Option<String> {
    if country != mission.host {
        return Some(format!(
            "the event is in {country}, not in {}'s host country {}",
            mission.acronym, mission.host
        ));
    }
    if when.started_on > today {
        return Some(format!(
            "the event starts on {}, after today ({today})",
            when.started_on
        ));
    }
    if let Some(end) = mission.end_year
        && when.started_on.year() > end
    {
        return Some(format!(
            "the event starts on {}, after {} closed ({end})",
            when.started_on, mission.acronym
        ));
    }
    None
}

fn before_mission(mission: &Mission, when: &When) -> bool {
    let started = (when.started_on.year(), when.started_on.month());
    started < (mission.start_year, mission.start_month.unwrap_or(1))
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub source: String,
    pub mission: MissionCode,
    pub rows_read: u64,
    pub inserted: u64,
    /// Events already stored from an earlier import.
    pub unchanged: u64,
    /// Events whose best estimate of deaths lies outside the published low..high range, kept as
    /// published.
    pub outside_estimates: u64,
    /// Events that started before the mission did, kept as its baseline.
    pub before_mission: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {} row(s) refused; nothing imported", rejected.len())]
    Invalid {
        file: String,
        rejected: Vec<Rejected>,
    },
    #[error("{file}: {source}")]
    Unreadable {
        file: String,
        #[source]
        source: GedError,
    },
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl From<anyhow::Error> for ImportError {
    fn from(error: anyhow::Error) -> Self {
        ImportError::Write(WriteError::Storage(error))
    }
}

/// Imports a UCDP GED CSV file into `mission`'s incidents: every row is read and checked first,
/// and any refused row (unreadable, outside the mission's host country or years) leaves the
/// database untouched; the rest lands in one transaction, and an event already imported (same
/// GED id) is left as it is.
pub async fn import_ucdp(
    store: &Store,
    actor: &Actor,
    file: &str,
    input: impl Read,
    mission: &str,
) -> Result<ImportSummary, ImportError> {
    let mission = writable_mission(store, actor, mission).await?;
    let ged = read_ged(input, mission.acronym).map_err(|source| ImportError::Unreadable {
        file: file.to_string(),
        source,
    })?;
    let resolver = store.db().resolver().await?;
    let today = actor.today();
    let mut rejected = ged.rejected;
    let mut incidents = Vec::with_capacity(ged.events.len());
    for event in ged.events {
        let reason = match resolver.country(&event.country) {
            None => Some(format!("unknown country `{}`", event.country)),
            Some(country) => outside_mission(&mission, country, &event.incident.when, today),
        };
        match reason {
            Some(reason) => rejected.push(Rejected {
                line: event.line,
                place: event.line.to_string(),
                reason,
            }),
            None => incidents.push(event.incident),
        }
    }
    let rows_read = (incidents.len() + rejected.len()) as u64;
    if !rejected.is_empty() {
        rejected.sort_by_key(|r| r.line);
        return Err(ImportError::Invalid {
            file: file.to_string(),
            rejected,
        });
    }
    let detail = format!("UCDP GED {file}: {} events", incidents.len());
    let event = actor.event(
        "incident.import",
        &format!("mission:{}", mission.acronym),
        &detail,
    );
    let imported = store.db().import_incidents(&incidents, &event).await?;
    Ok(ImportSummary {
        source: file.to_string(),
        mission: mission.acronym,
        rows_read,
        inserted: imported.inserted,
        unchanged: imported.unchanged,
        outside_estimates: incidents
            .iter()
            .filter(|i| !i.deaths.within_estimates())
            .count() as u64,
        before_mission: incidents
            .iter()
            .filter(|i| before_mission(&mission, &i.when))
            .count() as u64,
    })
}

/// Victims of one sex and age group, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct VictimsInput {
    /// `female`, `male` or `unknown`.
    pub sex: String,
    /// `adult`, `child` or `unknown`.
    pub age_group: String,
    pub count: u32,
}

/// A new incident, as mission staff report it (the API's body, the form, the command line).
#[derive(Debug, Clone, Default, serde::Deserialize, schemars::JsonSchema)]
pub struct IncidentInput {
    pub mission: String,
    /// One of the categories' codes.
    pub category: String,
    pub started_on: NaiveDate,
    /// The last day, for an incident over several days; the first by default.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
    /// 1 (the exact day) to 5 (only the year); 1 by default.
    #[serde(default)]
    pub date_precision: Option<u8>,
    #[serde(default)]
    pub adm1: String,
    #[serde(default)]
    pub adm2: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
    /// 1 (the exact place) to 7; 1 by default when a point is given.
    #[serde(default)]
    pub location_precision: Option<u8>,
    #[serde(default)]
    pub actors: String,
    #[serde(default)]
    pub deaths: u32,
    #[serde(default)]
    pub injuries: Option<u32>,
    #[serde(default)]
    pub victims: Vec<VictimsInput>,
    #[serde(default)]
    pub description: String,
}

fn precision<T>(
    field: &str,
    value: Option<u8>,
    max: u8,
    make: impl Fn(u8) -> Option<T>,
) -> Result<Option<T>, WriteError> {
    value
        .map(|v| {
            make(v).ok_or_else(|| refused(message!("incident-precision", field = field, max = max)))
        })
        .transpose()
}

/// The incident as it will be stored, every value checked.
fn checked(
    input: &IncidentInput,
    mission: MissionCode,
    today: NaiveDate,
) -> Result<Incident, WriteError> {
    // Counts are stored as SQL integers: a larger one is a typing error, not a figure to cap.
    let limit = i32::MAX as u32;
    for (field, n) in [("deaths", Some(input.deaths)), ("injuries", input.injuries)]
        .into_iter()
        .chain(input.victims.iter().map(|v| ("victims", Some(v.count))))
    {
        if n.is_some_and(|n| n > limit) {
            return Err(refused(message!(
                "incident-count",
                field = field,
                max = limit
            )));
        }
    }
    let category = IncidentCategory::from_code(&input.category).ok_or_else(|| {
        unknown(
            "incident_category",
            &input.category,
            &codes(IncidentCategory::TERMS),
        )
    })?;
    let date_precision = precision(
        "date_precision",
        input.date_precision,
        5,
        DatePrecision::new,
    )?
    .unwrap_or(DatePrecision::EXACT);
    let ended_on = input.ended_on.unwrap_or(input.started_on);
    let when = When::new(input.started_on, ended_on, date_precision)
        .ok_or_else(|| refused(message!("incident-ends-before")))?;
    if when.started_on > today {
        return Err(refused(message!("incident-future", today = today)));
    }
    let point = match (input.latitude, input.longitude) {
        (None, None) => None,
        (Some(lat), Some(lon)) => {
            Some(Point::new(lat, lon).ok_or_else(|| refused(message!("incident-point")))?)
        }
        _ => return Err(refused(message!("incident-point"))),
    };
    let location_precision = precision(
        "location_precision",
        input.location_precision,
        7,
        LocationPrecision::new,
    )?
    .or(point.map(|_| LocationPrecision::EXACT));
    let mut victims: Vec<Victims> = Vec::with_capacity(input.victims.len());
    for v in input.victims.iter().filter(|v| v.count > 0) {
        let sex = VictimSex::from_code(&v.sex)
            .ok_or_else(|| unknown("sex", &v.sex, &codes(VictimSex::TERMS)))?;
        let age = VictimAge::from_code(&v.age_group)
            .ok_or_else(|| unknown("age_group", &v.age_group, &codes(VictimAge::TERMS)))?;
        match victims.iter_mut().find(|w| w.sex == sex && w.age == age) {
            Some(same) => same.count = same.count.saturating_add(v.count),
            None => victims.push(Victims {
                sex,
                age,
                count: v.count,
            }),
        }
    }
    Ok(Incident {
        mission,
        source: IncidentSource::Entered,
        source_id: None,
        source_type: None,
        category,
        when,
        adm1: checks::text("adm1", &input.adm1, text::NAME_MAX)?,
        adm2: checks::text("adm2", &input.adm2, text::NAME_MAX)?,
        place: checks::text("place", &input.place, text::NAME_MAX)?,
        point,
        location_precision,
        side_a: checks::text("actors", &input.actors, text::NAME_MAX)?,
        side_b: String::new(),
        deaths: Deaths {
            best: input.deaths,
            low: None,
            high: None,
        },
        injuries: input.injuries,
        victims,
        description: checks::text("description", &input.description, text::TEXT_MAX)?,
        follow_up: String::new(),
        status: IncidentStatus::Open,
    })
}

/// Records an incident reported by mission staff; returns its id.
pub async fn record(
    store: &Store,
    actor: &Actor,
    input: &IncidentInput,
) -> Result<i64, WriteError> {
    let mission = writable_mission(store, actor, &input.mission).await?;
    let incident = checked(input, mission.acronym, actor.today())?;
    let event = actor.event(
        "incident.record",
        "incident",
        &format!(
            "{} {} {}",
            incident.mission,
            incident.category.code(),
            incident.when.started_on
        ),
    );
    store.db().insert_incident(&incident, &event).await
}

/// Records what the mission did about an incident and where its follow-up stands.
pub async fn follow_up(
    store: &Store,
    actor: &Actor,
    id: i64,
    status: &str,
    follow_up: &str,
) -> Result<(), WriteError> {
    if !matches!(actor.role(), Role::Hq | Role::Mission) {
        return Err(refused(message!("incident-writers")));
    }
    let status = IncidentStatus::from_code(status)
        .ok_or_else(|| unknown("status", status, &codes(IncidentStatus::TERMS)))?;
    let text = checks::text("follow_up", follow_up, text::TEXT_MAX)?;
    let mission = actor.scope().mission();
    let found = store.db().incident(id, mission).await?;
    if visible(store.db(), actor, RecordTable::Incident, id, found)
        .await?
        .is_none()
    {
        return Err(WriteError::NotFound);
    }
    let event = actor.event(
        "incident.follow_up",
        &format!("incident:{id}"),
        status.code(),
    );
    store
        .db()
        .set_incident_follow_up(id, mission, status, &text, &event)
        .await
}

/// Which incidents a reader asks for; the caller's scope narrows it further.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub mission: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Category codes (all when empty).
    pub categories: Vec<String>,
}

/// The filter a query becomes for this caller: `None` when the caller reads nothing of it (no
/// incident for its role, or another mission than its own).
fn filter_for(
    scope: Option<Option<MissionCode>>,
    query: &Query,
) -> Result<Option<IncidentFilter>, WriteError> {
    let Some(own) = scope else { return Ok(None) };
    let asked = match query
        .mission
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        Some(typed) => Some(
            MissionCode::parse(&typed.to_ascii_uppercase())
                .map_err(|_| refused(message!("unknown-mission", value = typed)))?,
        ),
        None => None,
    };
    let mission = match (own, asked) {
        (Some(own), Some(asked)) if own != asked => return Ok(None),
        (Some(own), _) => Some(own),
        (None, asked) => asked,
    };
    let mut categories = Vec::with_capacity(query.categories.len());
    for code in query.categories.iter().filter(|c| !c.trim().is_empty()) {
        categories.push(
            IncidentCategory::from_code(code).ok_or_else(|| {
                unknown("incident_category", code, &codes(IncidentCategory::TERMS))
            })?,
        );
    }
    Ok(Some(IncidentFilter {
        mission,
        from: query.from,
        to: query.to,
        categories,
    }))
}

/// The incidents a caller may read that the query selects, oldest first.
pub async fn list(
    store: &Store,
    actor: &Actor,
    query: &Query,
) -> Result<Vec<IncidentRow>, WriteError> {
    match filter_for(readable(actor), query)? {
        Some(filter) => Ok(store.db().incidents(&filter).await?),
        None => Ok(Vec::new()),
    }
}

/// One incident, if the caller may read it (a refusal is audited).
pub async fn incident(
    store: &Store,
    actor: &Actor,
    id: i64,
) -> anyhow::Result<Option<IncidentRow>> {
    let found = match readable(actor) {
        Some(mission) => store.db().incident(id, mission).await?,
        None => None,
    };
    visible(store.db(), actor, RecordTable::Incident, id, found).await
}

/// Events and deaths per group, of the incidents a caller may count that the query selects.
pub async fn stats(
    store: &Store,
    actor: &Actor,
    query: &Query,
    by: Grouping,
) -> Result<Vec<Tally>, WriteError> {
    match filter_for(countable(actor), query)? {
        Some(filter) => Ok(tally(&store.db().counted_incidents(&filter).await?, by)),
        None => Ok(Vec::new()),
    }
}

/// What the incidents page shows: the missions the caller may pick, the one picked (with its
/// host country, for the map) and its incidents under the query's filters.
#[derive(Debug, Clone)]
pub struct Overview {
    pub missions: Vec<Mission>,
    pub mission: Option<Mission>,
    pub incidents: Vec<IncidentRow>,
}

/// The page's view: a mission's staff see their mission; headquarters the mission asked for,
/// else the one with the most incidents.
pub async fn overview(store: &Store, actor: &Actor, query: &Query) -> Result<Overview, WriteError> {
    let Some(own) = readable(actor) else {
        return Ok(Overview {
            missions: Vec::new(),
            mission: None,
            incidents: Vec::new(),
        });
    };
    let all = store.db().missions().await?;
    let held = store.db().incident_missions().await?;
    let missions: Vec<Mission> = match own {
        Some(own) => all.into_iter().filter(|m| m.acronym == own).collect(),
        None => all,
    };
    let asked = query
        .mission
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    let picked = match asked {
        Some(typed) => {
            let code = MissionCode::parse(&typed.to_ascii_uppercase())
                .map_err(|_| refused(message!("unknown-mission", value = typed)))?;
            missions.iter().find(|m| m.acronym == code).cloned()
        }
        None => own
            .or_else(|| held.first().map(|(code, _)| *code))
            .and_then(|code| missions.iter().find(|m| m.acronym == code).cloned()),
    };
    let incidents = match &picked {
        Some(mission) => {
            let narrowed = Query {
                mission: Some(mission.acronym.to_string()),
                ..query.clone()
            };
            list(store, actor, &narrowed).await?
        }
        None => Vec::new(),
    };
    Ok(Overview {
        missions,
        mission: picked,
        incidents,
    })
}
