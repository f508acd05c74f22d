//! Force-generation requests and nominations, read and written through the caller's scope.
//!
//! A country's focal point (`Scope::Country`) sees the requests sent to its country and, of their
//! nominations, its own nationals'; a mission's staff (`Scope::Mission`) the requests of its mission
//! with all their nominations. Deployment turns selected nominations into tours in the same
//! transaction that marks them deployed, so a tour never exists without its nomination saying so.

use std::collections::BTreeMap;

use anyhow::anyhow;
use chrono::NaiveDate;
use sqlx::QueryBuilder;
use unpol_domain::access::Scope;
use unpol_domain::audit::AuditEvent;
use unpol_domain::forcegen::{
    Journey, Nomination, NominationId, NominationStatus, Profile, Request, RequestId,
    RequestStatus, RequestStep,
};
use unpol_domain::roster::{DeploymentId, LanguageSkill, OfficerId};
use unpol_domain::{CountryCode, MissionCode};

use crate::audit::{append_in, audited_tx};
use crate::deployments::DeploymentFields;
use crate::officers::WriteError;
use crate::{Database, on_pool};

/// A request as a caller writes it (the id and creation day are the database's).
#[derive(Debug, Clone)]
pub struct RequestFields {
    pub mission: MissionCode,
    pub title: String,
    pub posts: u32,
    pub profile: Profile,
    pub start: NaiveDate,
    pub tour_months: u32,
    pub deadline: NaiveDate,
    pub country_cap: Option<f64>,
    pub countries: Vec<CountryCode>,
    pub created_on: NaiveDate,
}

type RequestRow = (
    i64,
    String,
    String,
    i64,
    String,
    NaiveDate,
    i64,
    NaiveDate,
    Option<f64>,
    NaiveDate,
    String,
);
const REQUEST_COLUMNS: &str = "r.id, r.mission, r.title, r.posts, r.min_rank, r.start_date, r.tour_months, r.deadline, r.country_cap, r.created_on, r.status";

/// A step a request takes: to `to` from one of `from`, dated `on`, with its reason when one is asked.
#[derive(Debug, Clone)]
pub struct StepFields {
    pub from: Vec<RequestStatus>,
    pub to: RequestStatus,
    pub on: NaiveDate,
    pub note: String,
}

impl StepFields {
    /// What the audit trail says of the step: `sent on 2026-11-03`, with its reason if any.
    fn describe(&self) -> String {
        if self.note.is_empty() {
            format!("{} on {}", self.to, self.on)
        } else {
            format!("{} on {}: {}", self.to, self.on, self.note)
        }
    }

    /// The step to `to` from any status that may become it.
    pub fn to(to: RequestStatus, on: NaiveDate, note: impl Into<String>) -> Self {
        StepFields {
            from: RequestStatus::before(to),
            to,
            on,
            note: note.into(),
        }
    }
}

/// Writes a request's languages, skills and countries inside transaction `$tx`.
macro_rules! insert_lists_in {
    ($tx:expr, $id:expr, $fields:expr) => {{
        let (id, fields): (i64, &RequestFields) = ($id, $fields);
        async {
            for l in &fields.profile.languages {
                sqlx::query("INSERT INTO fg_request_language (request_id, language, level) VALUES ($1, $2, $3)")
                    .bind(id).bind(&l.language).bind(i64::from(l.level)).execute(&mut *$tx).await?;
            }
            for s in &fields.profile.skills {
                sqlx::query("INSERT INTO fg_request_skill (request_id, skill) VALUES ($1, $2)")
                    .bind(id).bind(s).execute(&mut *$tx).await?;
            }
            for c in &fields.countries {
                sqlx::query("INSERT INTO fg_request_country (request_id, country) VALUES ($1, $2)")
                    .bind(id).bind(c.as_str()).execute(&mut *$tx).await?;
            }
            Ok::<_, WriteError>(())
        }
        .await
    }};
}

/// Moves request `$id` to the step's status inside transaction `$tx`, if it is still in one of
/// the statuses the step starts from (compare and set: of two callers racing, one wins and the
/// other is told where the request now stands), and records the dated step.
macro_rules! advance_in {
    ($tx:expr, $id:expr, $step:expr) => {{
        let (id, step): (RequestId, &StepFields) = ($id, $step);
        async {
            let mut q = QueryBuilder::new("UPDATE fg_request SET status = ");
            q.push_bind(step.to.code()).push(" WHERE id = ").push_bind(id.0).push(" AND status IN (");
            let mut list = q.separated(", ");
            for s in &step.from {
                list.push_bind(s.code());
            }
            q.push(")");
            let moved = q.build().execute(&mut *$tx).await?.rows_affected();
            if moved == 0 {
                let now: Option<String> = sqlx::query_scalar("SELECT status FROM fg_request WHERE id = $1")
                    .bind(id.0).fetch_optional(&mut *$tx).await?;
                return Err(match now {
                    None => WriteError::NotFound,
                    Some(now) => WriteError::conflict(unpol_domain::message!(
                        "fg-out-of-order", request = id, status = now, next = step.to.code()
                    )),
                });
            }
            sqlx::query(
                "INSERT INTO fg_request_step (request_id, seq, status, on_date, note) \
                 SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4 FROM fg_request_step WHERE request_id = $1")
                .bind(id.0).bind(step.to.code()).bind(step.on).bind(&step.note)
                .execute(&mut *$tx).await?;
            Ok::<_, WriteError>(())
        }
        .await
    }};
}

type NominationRow = (
    i64,
    i64,
    i64,
    String,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<i64>,
);
const NOMINATION_COLUMNS: &str = "n.id, n.request_id, n.officer_id, n.nationality, n.status, n.nominated_on, n.decided_on, n.deployed_on, n.deployment_id";

/// Appends the scope's condition on request `r` to a query with a WHERE clause.
fn push_request_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: Scope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match scope {
        Scope::All => {}
        // A draft is headquarters' and the mission's until it is sent.
        Scope::Country(c) => {
            q.push(" AND r.status <> 'draft' AND EXISTS (SELECT 1 FROM fg_request_country rc WHERE rc.request_id = r.id AND rc.country = ")
                .push_bind(c.to_string())
                .push(")");
        }
        Scope::Mission(m) => {
            q.push(" AND r.mission = ").push_bind(m.to_string());
        }
    }
}

/// Appends the scope's condition on nomination `n` of request `r`: a country sees its nationals'
/// nominations, a mission those to its requests.
fn push_nomination_scope<'a, DB: sqlx::Database>(q: &mut QueryBuilder<'a, DB>, scope: Scope)
where
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    match scope {
        Scope::All => {}
        Scope::Country(c) => {
            q.push(" AND n.nationality = ").push_bind(c.to_string());
        }
        Scope::Mission(m) => {
            q.push(" AND r.mission = ").push_bind(m.to_string());
        }
    }
}

fn request_from_row(row: RequestRow) -> anyhow::Result<Request> {
    let (
        id,
        mission,
        title,
        posts,
        min_rank,
        start,
        tour_months,
        deadline,
        country_cap,
        created_on,
        status,
    ) = row;
    Ok(Request {
        id: RequestId(id),
        mission: MissionCode::parse(&mission).map_err(|e| anyhow!("request {id}: {e}"))?,
        title,
        posts: u32::try_from(posts)?,
        profile: Profile {
            min_rank,
            languages: Vec::new(),
            skills: Vec::new(),
        },
        start,
        tour_months: u32::try_from(tour_months)?,
        deadline,
        country_cap,
        countries: Vec::new(),
        created_on,
        status: RequestStatus::from_code(&status)
            .ok_or_else(|| anyhow!("request {id}: status `{status}`"))?,
        steps: Vec::new(),
    })
}

fn nomination_from_row(row: NominationRow) -> anyhow::Result<Nomination> {
    let (
        id,
        request,
        officer,
        nationality,
        status,
        nominated_on,
        decided_on,
        deployed_on,
        deployment,
    ) = row;
    Ok(Nomination {
        id: NominationId(id),
        request: RequestId(request),
        officer: OfficerId(officer),
        nationality: CountryCode::parse(&nationality)
            .map_err(|e| anyhow!("nomination {id}: {e}"))?,
        status: NominationStatus::from_code(&status)
            .ok_or_else(|| anyhow!("nomination {id}: status `{status}`"))?,
        nominated_on,
        decided_on,
        deployed_on,
        deployment: deployment.map(DeploymentId),
    })
}

impl Database {
    /// Records a request, its profile and the countries it goes to, with its audit entry.
    pub async fn create_request(
        &self,
        fields: &RequestFields,
        audit: &AuditEvent,
    ) -> Result<RequestId, WriteError> {
        audited_tx!(self, tx => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO fg_request (mission, title, posts, min_rank, start_date, tour_months, deadline, country_cap, created_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id")
                .bind(fields.mission.as_str()).bind(&fields.title).bind(i64::from(fields.posts))
                .bind(&fields.profile.min_rank).bind(fields.start).bind(i64::from(fields.tour_months))
                .bind(fields.deadline).bind(fields.country_cap).bind(fields.created_on)
                .fetch_one(&mut *tx).await?;
            insert_lists_in!(tx, id, fields)?;
            sqlx::query("INSERT INTO fg_request_step (request_id, seq, status, on_date) VALUES ($1, 1, 'draft', $2)")
                .bind(id).bind(fields.created_on).execute(&mut *tx).await?;
            let mut event = audit.clone();
            event.record = format!("fg_request:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(RequestId(id))
        })
    }

    /// Rewrites a draft request (its profile and countries too); a request already sent is a
    /// conflict, since countries may have acted on it.
    pub async fn update_request(
        &self,
        id: RequestId,
        fields: &RequestFields,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            let changed = sqlx::query(
                "UPDATE fg_request SET mission = $1, title = $2, posts = $3, min_rank = $4, start_date = $5, \
                 tour_months = $6, deadline = $7, country_cap = $8 WHERE id = $9 AND status = 'draft'")
                .bind(fields.mission.as_str()).bind(&fields.title).bind(i64::from(fields.posts))
                .bind(&fields.profile.min_rank).bind(fields.start).bind(i64::from(fields.tour_months))
                .bind(fields.deadline).bind(fields.country_cap).bind(id.0)
                .execute(&mut *tx).await?.rows_affected();
            if changed == 0 {
                return Err(WriteError::conflict(unpol_domain::message!(
                    "fg-not-draft", request = id, status = "sent")));
            }
            for table in ["fg_request_language", "fg_request_skill", "fg_request_country"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE request_id = $1"))
                    .bind(id.0).execute(&mut *tx).await?;
            }
            insert_lists_in!(tx, id.0, fields)?;
            let mut event = audit.clone();
            event.record = format!("fg_request:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(())
        })
    }

    /// Moves a request one step (sent, nominations closed, closed, cancelled), audited. A
    /// cancellation also ends its open nominations: nobody stays selected for nothing.
    pub async fn advance_request(
        &self,
        id: RequestId,
        step: &StepFields,
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        audited_tx!(self, tx => {
            advance_in!(tx, id, step)?;
            if step.to == RequestStatus::Cancelled {
                sqlx::query("UPDATE fg_nomination SET status = 'not_selected', decided_on = $1 \
                             WHERE request_id = $2 AND status IN ('nominated', 'selected')")
                    .bind(step.on).bind(id.0).execute(&mut *tx).await?;
            }
            let mut event = audit.clone();
            event.record = format!("fg_request:{id}");
            event.detail = step.describe();
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(())
        })
    }

    /// The requests the scope allows, newest first.
    pub async fn requests(&self, scope: Scope) -> anyhow::Result<Vec<Request>> {
        let rows: Vec<RequestRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {REQUEST_COLUMNS} FROM fg_request r WHERE 1 = 1"));
            push_request_scope(&mut q, scope);
            q.push(" ORDER BY r.id DESC");
            q.build_query_as().fetch_all(pool).await
        })?;
        let mut requests = rows
            .into_iter()
            .map(request_from_row)
            .collect::<anyhow::Result<Vec<_>>>()?;
        self.attach_profiles(&mut requests).await?;
        Ok(requests)
    }

    /// One request, if the scope allows it.
    pub async fn request(&self, scope: Scope, id: RequestId) -> anyhow::Result<Option<Request>> {
        let row: Option<RequestRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT {REQUEST_COLUMNS} FROM fg_request r WHERE r.id = "));
            q.push_bind(id.0);
            push_request_scope(&mut q, scope);
            q.build_query_as().fetch_optional(pool).await
        })?;
        let Some(row) = row else { return Ok(None) };
        let mut requests = vec![request_from_row(row)?];
        self.attach_profiles(&mut requests).await?;
        Ok(requests.pop())
    }

    async fn attach_profiles(&self, requests: &mut [Request]) -> anyhow::Result<()> {
        if requests.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = requests.iter().map(|r| r.id.0).collect();
        type Lists = (
            Vec<(i64, String, i64)>,
            Vec<(i64, String)>,
            Vec<(i64, String)>,
            Vec<(i64, String, NaiveDate, String)>,
        );
        let (languages, skills, countries, steps): Lists = on_pool!(self, pool => {
            let in_list = |select: &str, order: &str| {
            let mut q = QueryBuilder::new(select);
            let mut list = q.separated(", ");
            for id in &ids {
                list.push_bind(*id);
            }
            q.push(format!(") ORDER BY {order}"));
            q
        };
            let languages = in_list("SELECT request_id, language, level FROM fg_request_language WHERE request_id IN (", "request_id, language")
                .build_query_as().fetch_all(pool).await?;
            let skills = in_list("SELECT request_id, skill FROM fg_request_skill WHERE request_id IN (", "request_id, skill")
                .build_query_as().fetch_all(pool).await?;
            let countries = in_list("SELECT request_id, country FROM fg_request_country WHERE request_id IN (", "request_id, country")
                .build_query_as().fetch_all(pool).await?;
            let steps = in_list("SELECT request_id, status, on_date, note FROM fg_request_step WHERE request_id IN (", "request_id, seq")
                .build_query_as().fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((languages, skills, countries, steps))
        })?;
        let mut by_id: BTreeMap<i64, &mut Request> =
            requests.iter_mut().map(|r| (r.id.0, r)).collect();
        for (id, language, level) in languages {
            if let Some(r) = by_id.get_mut(&id) {
                r.profile.languages.push(LanguageSkill {
                    language,
                    level: u8::try_from(level)?,
                });
            }
        }
        for (id, skill) in skills {
            if let Some(r) = by_id.get_mut(&id) {
                r.profile.skills.push(skill);
            }
        }
        for (id, country) in countries {
            if let Some(r) = by_id.get_mut(&id) {
                r.countries
                    .push(CountryCode::parse(&country).map_err(|e| anyhow!("request {id}: {e}"))?);
            }
        }
        for (id, status, on, note) in steps {
            if let Some(r) = by_id.get_mut(&id) {
                r.steps.push(RequestStep {
                    status: RequestStatus::from_code(&status)
                        .ok_or_else(|| anyhow!("request {id}: step `{status}`"))?,
                    on,
                    note,
                });
            }
        }
        Ok(())
    }

    /// Records a nomination. The caller has checked the request and the officer against its scope;
    /// the officer's nationality is copied from the roster.
    pub async fn nominate(
        &self,
        request: RequestId,
        officer: OfficerId,
        on: NaiveDate,
        audit: &AuditEvent,
    ) -> Result<NominationId, WriteError> {
        audited_tx!(self, tx => {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO fg_nomination (request_id, officer_id, nationality, nominated_on) \
                 SELECT $1, o.id, o.nationality, $2 FROM officer o WHERE o.id = $3 RETURNING id")
                .bind(request.0).bind(on).bind(officer.0)
                .fetch_optional(&mut *tx).await
                .map_err(|e| match WriteError::from(e) {
                    WriteError::Refused { message, .. } if message.key == "record-exists" =>
                        WriteError::conflict(unpol_domain::message!("fg-already-nominated", officer = officer, request = request)),
                    other => other,
                })?;
            let Some(id) = id else { return Err(WriteError::NotFound) };
            let mut event = audit.clone();
            event.record = format!("fg_nomination:{id}");
            append_in!(self, tx, &event)?;
            Ok::<_, WriteError>(NominationId(id))
        })
    }

    /// The nominations of a request that the scope allows: a country sees its nationals only.
    pub async fn nominations(
        &self,
        scope: Scope,
        request: RequestId,
    ) -> anyhow::Result<Vec<Nomination>> {
        let rows: Vec<NominationRow> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!(
                "SELECT {NOMINATION_COLUMNS} FROM fg_nomination n JOIN fg_request r ON r.id = n.request_id WHERE n.request_id = "));
            q.push_bind(request.0);
            push_nomination_scope(&mut q, scope);
            q.push(" ORDER BY n.id");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter().map(nomination_from_row).collect()
    }

    /// An officer's nominations the scope allows, newest first, each with its request's title and
    /// mission (a country: its nationals'; a mission: those to its requests).
    pub async fn officer_nominations(
        &self,
        scope: Scope,
        officer: OfficerId,
    ) -> anyhow::Result<Vec<(Nomination, String, MissionCode)>> {
        type Row = (
            i64,
            i64,
            i64,
            String,
            String,
            NaiveDate,
            Option<NaiveDate>,
            Option<NaiveDate>,
            Option<i64>,
            String,
            String,
        );
        let rows: Vec<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!(
                "SELECT {NOMINATION_COLUMNS}, r.title, r.mission FROM fg_nomination n JOIN fg_request r ON r.id = n.request_id WHERE n.officer_id = "));
            q.push_bind(officer.0);
            push_nomination_scope(&mut q, scope);
            q.push(" ORDER BY n.id DESC");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(
                |(
                    id,
                    request,
                    officer,
                    nationality,
                    status,
                    nominated_on,
                    decided_on,
                    deployed_on,
                    deployment,
                    title,
                    mission,
                )| {
                    let nomination = nomination_from_row((
                        id,
                        request,
                        officer,
                        nationality,
                        status,
                        nominated_on,
                        decided_on,
                        deployed_on,
                        deployment,
                    ))?;
                    Ok((nomination, title, MissionCode::parse(&mission)?))
                },
            )
            .collect()
    }

    /// Records a selection: the request takes the step, and each nomination its decision, checked
    /// against its current status, in one transaction (a selection is all or nothing). Those
    /// leaving the slate are decided first, so that the database's count of selected officers
    /// (never above the posts) holds at every row.
    pub async fn decide_nominations(
        &self,
        request: RequestId,
        step: &StepFields,
        decisions: &[(NominationId, NominationStatus)],
        audit: &AuditEvent,
    ) -> Result<(), WriteError> {
        let on = step.on;
        let mut ordered = decisions.to_vec();
        ordered.sort_by_key(|&(_, next)| next == NominationStatus::Selected);
        audited_tx!(self, tx => {
            advance_in!(tx, request, step)?;
            let mut event = audit.clone();
            event.record = format!("fg_request:{request}");
            event.detail = step.describe();
            append_in!(self, tx, &event)?;
            for &(id, next) in &ordered {
                let current: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM fg_nomination WHERE id = $1 AND request_id = $2")
                    .bind(id.0).bind(request.0).fetch_optional(&mut *tx).await?;
                let current = current.ok_or_else(|| WriteError::refused(unpol_domain::message!("fg-nomination-elsewhere", nomination = id, request = request)))?;
                let current = NominationStatus::from_code(&current).ok_or_else(|| anyhow!("nomination {id}: status `{current}`"))?;
                if current == next {
                    continue;
                }
                if !current.may_become(next) {
                    return Err(WriteError::conflict(unpol_domain::message!("fg-nomination-step", nomination = id, was = current.code(), becomes = next.code())));
                }
                sqlx::query("UPDATE fg_nomination SET status = $1, decided_on = $2 WHERE id = $3")
                    .bind(next.code()).bind(on).bind(id.0).execute(&mut *tx).await?;
                let mut event = audit.clone();
                event.record = format!("fg_nomination:{id}");
                event.detail = format!("{current} -> {next}");
                append_in!(self, tx, &event)?;
            }
            Ok::<_, WriteError>(())
        })
    }

    /// Creates the tour of each selected nomination and marks it deployed, all in one transaction
    /// with the request's step: an overlap with another tour refuses the whole deployment, and of
    /// two deployments of the same request one finds it already deployed.
    pub async fn deploy_nominations(
        &self,
        request: RequestId,
        step: &StepFields,
        tours: &[(NominationId, DeploymentFields)],
        audit: &AuditEvent,
    ) -> Result<Vec<DeploymentId>, WriteError> {
        let on = step.on;
        audited_tx!(self, tx => {
            advance_in!(tx, request, step)?;
            let mut created = Vec::new();
            for (nomination, fields) in tours {
                let found: Option<(String, String, String)> = sqlx::query_as(
                    "SELECT n.status, o.nationality, o.gender FROM fg_nomination n JOIN officer o ON o.id = n.officer_id \
                     WHERE n.id = $1 AND n.officer_id = $2")
                    .bind(nomination.0).bind(fields.officer.0).fetch_optional(&mut *tx).await?;
                let Some((status, nationality, gender)) = found else {
                    return Err(WriteError::refused(unpol_domain::message!("fg-nomination-officer", nomination = nomination, officer = fields.officer)));
                };
                if status != NominationStatus::Selected.code() {
                    return Err(WriteError::conflict(unpol_domain::message!("fg-nomination-not-selected", nomination = nomination, was = status)));
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO deployment (external_id, officer_id, mission, category, nationality, gender, start_date, planned_end) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
                    .bind(&fields.external_id).bind(fields.officer.0).bind(fields.mission.as_str()).bind(fields.category.code())
                    .bind(&nationality).bind(&gender).bind(fields.start).bind(fields.planned_end)
                    .fetch_one(&mut *tx).await?;
                sqlx::query("UPDATE fg_nomination SET status = 'deployed', deployed_on = $1, deployment_id = $2 WHERE id = $3")
                    .bind(on).bind(id).bind(nomination.0).execute(&mut *tx).await?;
                let mut event = audit.clone();
                event.record = format!("deployment:{id}");
                event.detail = format!("from nomination {nomination}");
                append_in!(self, tx, &event)?;
                created.push(DeploymentId(id));
            }
            Ok::<_, WriteError>(created)
        })
    }

    /// The dates of every deployed nomination the scope allows (a country: its nationals; a
    /// mission: its requests), for lead times: from the day the request was sent (its creation for
    /// requests older than the steps) to the day the officer's tour starts, not the day the
    /// deployment was recorded.
    pub async fn journeys(&self, scope: Scope) -> anyhow::Result<Vec<Journey>> {
        type Row = (
            String,
            String,
            String,
            NaiveDate,
            NaiveDate,
            Option<NaiveDate>,
            Option<NaiveDate>,
        );
        let rows: Vec<Row> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(
                "SELECT r.mission, n.nationality, r.title, \
                 COALESCE((SELECT MIN(s.on_date) FROM fg_request_step s WHERE s.request_id = r.id AND s.status = 'sent'), r.created_on), \
                 n.nominated_on, n.decided_on, d.start_date \
                 FROM fg_nomination n JOIN fg_request r ON r.id = n.request_id \
                 LEFT JOIN deployment d ON d.id = n.deployment_id WHERE n.status = 'deployed'");
            push_nomination_scope(&mut q, scope);
            q.push(" ORDER BY n.id");
            q.build_query_as().fetch_all(pool).await
        })?;
        rows.into_iter()
            .map(
                |(
                    mission,
                    country,
                    profile,
                    requested_on,
                    nominated_on,
                    selected_on,
                    deployed_on,
                )| {
                    let missing = || {
                        anyhow!("a deployed nomination without its selection or deployment date")
                    };
                    Ok(Journey {
                        mission: MissionCode::parse(&mission)?,
                        country: CountryCode::parse(&country)?,
                        profile,
                        requested_on,
                        nominated_on,
                        selected_on: selected_on.ok_or_else(missing)?,
                        deployed_on: deployed_on.ok_or_else(missing)?,
                    })
                },
            )
            .collect()
    }
}
