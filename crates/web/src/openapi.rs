//! `/api/v1/openapi.json`: the OpenAPI 3.1 document, generated from the route table that builds the
//! router ([`ROUTES`]), so that a route cannot exist without being listed.
//!
//! It lists every API route with its summary, who may call it, its tag, its path and query
//! parameters (typed by name: months, days, codes, pages, with the patterns the server accepts),
//! its request body and every answer: the successful one and each refusal (problem+json, 413 and
//! 415 included). Bodies and answers carry JSON Schemas derived from the very types the handlers
//! read and serialise (schemars), so a client such as schemathesis holds unpol to them.

use axum::Json;
use axum::response::{IntoResponse, Response};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value, json};
use unpol_app::forcegen::pipeline::{Decision, PlanReport, RequestInput};
use unpol_app::roster::{DeploymentInput, OfficerInput, PostInput, UnitInput};
use unpol_domain::access::Principal;
use unpol_domain::forcegen::{LeadTime, Nomination, Request};
use unpol_domain::parity::ParityReport;
use unpol_domain::report::ContributionsReport;
use unpol_domain::roster::{Deployment, Officer, PostView, UnitView};
use unpol_domain::rotation::RotationForecast;
use unpol_domain::trend::TrendReport;

use unpol_app::conduct::{CaseInput, CaseSummary, CaseView, DueClock, MeasureInput, MeasureTaken};
use unpol_domain::conduct::AllegationCount;

use crate::api::conduct::{CaseCreated, GlassBody, StepBody};
use crate::api::forcegen::{Deployed, NominationInput, SelectionInput, StepInput};
use crate::api::incidents::{FollowUpBody, IncidentCreated};
use crate::api::session::Credentials;
use crate::api::users::{Created, NewUserBody, UserView};
use unpol_app::incidents::IncidentInput;
use unpol_domain::incident::{IncidentRow, Tally};
use unpol_domain::{capacity, indicator, performance};

use crate::routes::{Access, ROUTES, RouteSpec, Surface};

fn who_may(access: Access) -> String {
    match access {
        Access::Public => "anyone".into(),
        Access::SignedIn => "any signed-in user".into(),
        Access::Roles(roles) => {
            let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
            format!("roles {}", roles.join(", "))
        }
    }
}

fn parameters(spec: &RouteSpec) -> Vec<Value> {
    let path = spec
        .path
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| {
            let schema = match name {
                "id" => json!({"type": "integer", "format": "int64"}),
                "login" => json!({"type": "string", "pattern": "^[A-Za-z0-9._@-]{2,64}$"}),
                "code" => json!({"type": "string"}),
                // A mission's acronym, as the query parameter of the same name.
                "mission" => query_schema("mission"),
                _ => json!({"type": "string"}),
            };
            json!({"name": name, "in": "path", "required": true, "schema": schema})
        });
    let query = spec.query.iter().map(|q| {
        let (name, required) = q.strip_suffix('!').map_or((*q, false), |n| (n, true));
        json!({"name": name, "in": "query", "required": required, "schema": query_schema(name)})
    });
    path.chain(query).collect()
}

/// The schema of a query parameter, by its name (the same name means the same thing everywhere).
fn query_schema(name: &str) -> Value {
    match name {
        // Months from 1948, the first year of UN peace operations (`Month::FIRST_YEAR`).
        "month" | "from" | "to" => json!({"type": "string",
            "pattern": "^(194[89]|19[5-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])$"}),
        "on" | "active_on" | "since" | "until" => json!({"type": "string", "format": "date"}),
        "per" => json!({"type": "string", "enum": unpol_domain::incident::Grouping::CODES}),
        "category" => {
            json!({"type": "string", "enum": unpol_domain::incident::IncidentCategory::TERMS
            .iter().map(|t| t.code).collect::<Vec<_>>()})
        }
        "page" => json!({"type": "integer", "minimum": 1, "maximum": crate::api::MAX_PAGE}),
        "per_page" => json!({"type": "integer", "minimum": 1, "maximum": 500}),
        "months" => json!({"type": "integer", "minimum": 1, "maximum": 36}),
        "within" => json!({"type": "integer", "minimum": 0, "maximum": 366}),
        "officer" => json!({"type": "integer", "format": "int64"}),
        "vacant" => json!({"type": "boolean", "description":
            "true: only the posts no tour holds on the day; false: only the filled ones; absent: all"}),
        // A share as the planner reads it: 0 to 1 with at most four decimals.
        "women" => json!({"type": "string",
            "pattern": "^(0(\\.[0-9]{1,4})?|\\.[0-9]{1,4}|1(\\.0{1,4})?)$"}),
        // A cap above 0, up to 1, with at most four decimals.
        "cap" => json!({"type": "string",
            "pattern": "^(0?\\.([1-9][0-9]{0,3}|0[1-9][0-9]{0,2}|00[1-9][0-9]?|000[1-9])|1(\\.0{1,4})?)$"}),
        "mission" => json!({"type": "string", "pattern": format!(
            "^[A-Za-z][A-Za-z0-9 ]{{1,{}}}$",
            unpol_domain::MissionCode::MAX_LEN - 1
        )}),
        "name" | "skill" | "language" => json!({"type": "string",
            "maxLength": unpol_domain::text::SEARCH_MAX, "pattern": NO_CONTROL_CHARACTERS}),
        "format" => json!({"type": "string", "enum": ["csv", "xlsx"]}),
        "by" => json!({"type": "string", "enum": ["mission", "country", "profile"]}),
        "gender" => json!({"type": "string", "enum": ["female", "male"]}),
        "nationality" | "country" => json!({"type": "string", "pattern": "^[A-Za-z]{3}$"}),
        _ => json!({"type": "string", "pattern": NO_CONTROL_CHARACTERS}),
    }
}

/// What every free text parameter matches: the server refuses control characters in addresses.
const NO_CONTROL_CHARACTERS: &str = "^[^\\u0000-\\u001f\\u007f-\\u009f]*$";

/// A page of a list (`api::Listing`) of items of one schema.
fn listing(items: Value) -> Value {
    json!({
        "type": "object",
        "required": ["items", "total", "page", "per_page"],
        "properties": {
            "items": {"type": "array", "items": items},
            "total": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1}
        }
    })
}

fn schema_of<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    generator.subschema_for::<T>().to_value()
}

/// What an answer without a schema says (a test fails on it).
const UNDESCRIBED: &str = "no schema yet";

/// The schema of a route's successful answer.
fn answer_schema(spec: &RouteSpec, generator: &mut SchemaGenerator) -> Value {
    let g = generator;
    match (spec.method, spec.path) {
        ("GET", "/api/v1/stats/contributions") => schema_of::<ContributionsReport>(g),
        ("GET", "/api/v1/stats/parity") => schema_of::<ParityReport>(g),
        ("GET", "/api/v1/stats/trend") => schema_of::<TrendReport>(g),
        ("GET", "/api/v1/forecast/rotations") => schema_of::<RotationForecast>(g),
        ("POST", "/api/v1/session") | ("GET", "/api/v1/me") => schema_of::<Principal>(g),
        ("GET", "/api/v1/users") => schema_of::<Vec<UserView>>(g),
        ("GET", "/api/v1/users/{login}") => schema_of::<UserView>(g),
        ("POST", "/api/v1/users") => schema_of::<Created>(g),
        ("GET", "/api/v1/officers") => listing(schema_of::<Officer>(g)),
        (_, "/api/v1/officers" | "/api/v1/officers/{id}") => schema_of::<Officer>(g),
        ("GET", "/api/v1/deployments") => listing(schema_of::<Deployment>(g)),
        (_, "/api/v1/deployments" | "/api/v1/deployments/{id}") => schema_of::<Deployment>(g),
        ("GET", "/api/v1/posts") => listing(schema_of::<PostView>(g)),
        (_, "/api/v1/posts" | "/api/v1/posts/{id}") => schema_of::<PostView>(g),
        ("GET", "/api/v1/units") => listing(schema_of::<UnitView>(g)),
        (_, "/api/v1/units" | "/api/v1/units/{id}") => schema_of::<UnitView>(g),
        ("GET", "/api/v1/forcegen/requests") => schema_of::<Vec<Request>>(g),
        (_, "/api/v1/forcegen/requests" | "/api/v1/forcegen/requests/{id}")
        | ("POST", "/api/v1/forcegen/requests/{id}/steps") => schema_of::<Request>(g),
        ("GET", "/api/v1/forcegen/requests/{id}/nominations")
        | ("POST", "/api/v1/forcegen/requests/{id}/selection") => schema_of::<Vec<Nomination>>(g),
        ("POST", "/api/v1/forcegen/requests/{id}/nominations") => schema_of::<Nomination>(g),
        ("GET", "/api/v1/forcegen/requests/{id}/plan") => schema_of::<PlanReport>(g),
        ("POST", "/api/v1/forcegen/requests/{id}/deployment") => schema_of::<Deployed>(g),
        ("GET", "/api/v1/forcegen/lead-times") => schema_of::<Vec<LeadTime>>(g),
        ("GET", "/api/v1/conduct/cases") => schema_of::<Vec<CaseSummary>>(g),
        ("POST", "/api/v1/conduct/cases") => schema_of::<CaseCreated>(g),
        ("GET", "/api/v1/conduct/cases/{id}") | ("POST", "/api/v1/conduct/cases/{id}/glass") => {
            schema_of::<CaseView>(g)
        }
        ("POST", "/api/v1/conduct/cases/{id}/steps") => schema_of::<CaseSummary>(g),
        ("POST", "/api/v1/conduct/cases/{id}/measures") => schema_of::<MeasureTaken>(g),
        ("GET", "/api/v1/conduct/overdue") => schema_of::<Vec<DueClock>>(g),
        ("GET", "/api/v1/conduct/figures") => schema_of::<Vec<AllegationCount>>(g),
        ("GET", "/api/v1/incidents") => schema_of::<Vec<IncidentRow>>(g),
        ("GET", "/api/v1/incidents/{id}") => schema_of::<IncidentRow>(g),
        ("POST", "/api/v1/incidents") => schema_of::<IncidentCreated>(g),
        ("GET", "/api/v1/incidents/stats") => schema_of::<Vec<Tally>>(g),
        ("POST", "/api/v1/capacity/activities" | "/api/v1/capacity/projects")
        | ("POST", "/api/v1/evaluations" | "/api/v1/unit-assessments")
        | ("POST", "/api/v1/indicators" | "/api/v1/transition-tasks") => {
            schema_of::<crate::api::operations::Created>(g)
        }
        ("GET", "/api/v1/capacity/activities") => schema_of::<Vec<capacity::ActivityRow>>(g),
        ("GET", "/api/v1/capacity/projects") => schema_of::<Vec<capacity::ProjectRow>>(g),
        ("GET", "/api/v1/capacity/quarters") => schema_of::<Vec<capacity::QuarterFigures>>(g),
        ("GET", "/api/v1/evaluations") => schema_of::<Vec<performance::EvaluationRow>>(g),
        ("GET", "/api/v1/unit-assessments") => schema_of::<Vec<performance::UnitAssessmentRow>>(g),
        ("GET", "/api/v1/indicators") => schema_of::<Vec<indicator::IndicatorRow>>(g),
        ("GET", "/api/v1/dashboard/{mission}") => schema_of::<unpol_app::indicators::Dashboard>(g),
        ("GET", "/api/v1/transition-tasks") => schema_of::<Vec<indicator::TransitionTaskRow>>(g),
        ("GET", "/api/v1/openapi.json") => {
            json!({"type": "object", "required": ["openapi", "paths"], "description": "this document"})
        }
        // A route added without its answer's schema; the tests below refuse the document then.
        _ => json!({"description": UNDESCRIBED}),
    }
}

/// The schema of a route's request body, for the routes that take one.
fn body_schema(spec: &RouteSpec, generator: &mut SchemaGenerator) -> Option<Value> {
    let g = generator;
    if !matches!(spec.method, "POST" | "PUT") {
        return None;
    }
    Some(match (spec.method, spec.path) {
        ("POST", "/api/v1/session") => schema_of::<Credentials>(g),
        ("POST", "/api/v1/users") => schema_of::<NewUserBody>(g),
        (_, "/api/v1/officers" | "/api/v1/officers/{id}") => schema_of::<OfficerInput>(g),
        (_, "/api/v1/deployments" | "/api/v1/deployments/{id}") => schema_of::<DeploymentInput>(g),
        (_, "/api/v1/posts" | "/api/v1/posts/{id}") => schema_of::<PostInput>(g),
        (_, "/api/v1/units" | "/api/v1/units/{id}") => schema_of::<UnitInput>(g),
        (_, "/api/v1/forcegen/requests" | "/api/v1/forcegen/requests/{id}") => {
            schema_of::<RequestInput>(g)
        }
        ("POST", "/api/v1/forcegen/requests/{id}/steps") => schema_of::<StepInput>(g),
        ("POST", "/api/v1/forcegen/requests/{id}/deployment") => schema_of::<Decision>(g),
        ("POST", "/api/v1/forcegen/requests/{id}/nominations") => schema_of::<NominationInput>(g),
        ("POST", "/api/v1/forcegen/requests/{id}/selection") => schema_of::<SelectionInput>(g),
        ("POST", "/api/v1/conduct/cases") => schema_of::<CaseInput>(g),
        ("POST", "/api/v1/conduct/cases/{id}/steps") => schema_of::<StepBody>(g),
        ("POST", "/api/v1/conduct/cases/{id}/measures") => schema_of::<MeasureInput>(g),
        ("POST", "/api/v1/conduct/cases/{id}/glass") => schema_of::<GlassBody>(g),
        ("POST", "/api/v1/incidents") => schema_of::<IncidentInput>(g),
        ("POST", "/api/v1/incidents/{id}/follow-up") => schema_of::<FollowUpBody>(g),
        ("POST", "/api/v1/capacity/activities") => {
            schema_of::<unpol_app::capacity::ActivityInput>(g)
        }
        ("POST", "/api/v1/capacity/projects") => schema_of::<unpol_app::capacity::ProjectInput>(g),
        ("POST", "/api/v1/capacity/projects/{id}/status") => {
            schema_of::<crate::api::operations::ProjectStatusBody>(g)
        }
        ("POST", "/api/v1/evaluations") => schema_of::<unpol_app::performance::EvaluationInput>(g),
        ("POST", "/api/v1/unit-assessments") => {
            schema_of::<unpol_app::performance::UnitAssessmentInput>(g)
        }
        ("POST", "/api/v1/indicators") => schema_of::<unpol_app::indicators::IndicatorInput>(g),
        ("POST", "/api/v1/indicators/{id}/values") => {
            schema_of::<crate::api::operations::ValueBody>(g)
        }
        ("POST", "/api/v1/transition-tasks") => schema_of::<unpol_app::indicators::TaskInput>(g),
        ("POST", "/api/v1/transition-tasks/{id}/status") => {
            schema_of::<crate::api::operations::TaskStatusBody>(g)
        }
        _ => return None,
    })
}

/// The group of a route in the documentation: its resource.
fn tag(path: &str) -> &'static str {
    let resource = path.trim_start_matches("/api/v1/").split('/').next();
    match resource {
        Some("session" | "me") => "session",
        Some("users") => "users",
        Some("stats") => "statistics",
        Some("officers") => "officers",
        Some("deployments") => "deployments",
        Some("posts" | "units") => "posts and units",
        Some("roster") => "roster files",
        Some("forecast") => "forecasts",
        Some("forcegen") => "force generation",
        Some("conduct") => "conduct and discipline",
        Some("incidents") => "incidents",
        Some("capacity") => "capacity building",
        Some("evaluations" | "unit-assessments") => "performance",
        Some("indicators" | "dashboard" | "transition-tasks") => "indicators and transition",
        _ => "documentation",
    }
}

fn operation(
    spec: &RouteSpec,
    generator: &mut SchemaGenerator,
    bodies: &mut SchemaGenerator,
) -> Value {
    let problem =
        json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}});
    let mut responses = Map::new();
    let status = match spec.method {
        "POST"
            if spec.path.ends_with("/disable")
                || spec.path.ends_with("/follow-up")
                || spec.path.ends_with("/status")
                || spec.path.ends_with("/values") =>
        {
            "204"
        }
        "DELETE" => "204",
        "POST"
            if spec.path == "/api/v1/session"
                || spec.path.ends_with("/selection")
                || spec.path.ends_with("/glass")
                || spec.path.ends_with("/steps") =>
        {
            "200"
        }
        "POST" => "201",
        _ => "200",
    };
    let ok = if status == "204" {
        (status, json!({"description": "done"}))
    } else if spec.path == "/api/v1/roster/export" {
        let content = json!({
            "text/csv": {"schema": {"type": "string"}},
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                {"schema": {"type": "string", "format": "binary"}}
        });
        (
            status,
            json!({"description": "the roster file", "content": content}),
        )
    } else {
        let content = json!({"application/json": {"schema": answer_schema(spec, generator)}});
        (
            status,
            json!({"description": "the answer", "content": content}),
        )
    };
    responses.insert(ok.0.into(), ok.1);
    for (code, why) in [
        ("400", "bad request"),
        ("401", "not signed in"),
        ("403", "role not allowed"),
        ("404", "not found or outside your scope"),
        ("409", "conflict"),
        ("413", "the body is too large (over 2 MB)"),
        (
            "415",
            "the body is not JSON (Content-Type: application/json)",
        ),
        (
            "422",
            "invalid record: the body breaks a rule (an unknown code, a date out of range)",
        ),
        ("429", "too many failed sign-ins: locked for a while"),
        (
            "503",
            "the database is busy with another write: send the request again (Retry-After)",
        ),
    ] {
        responses.insert(
            code.into(),
            json!({"description": why, "content": problem.clone()}),
        );
    }
    let mut op = json!({
        "tags": [tag(spec.path)],
        "summary": spec.summary,
        "description": format!("Who may call it: {}.", who_may(spec.access)),
        "operationId": format!("{} {}", spec.method.to_lowercase(), spec.path),
        "parameters": parameters(spec),
        "responses": responses,
    });
    if let Some(body) = body_schema(spec, bodies) {
        op["requestBody"] =
            json!({"required": true, "content": {"application/json": {"schema": body}}});
    }
    if spec.access != Access::Public {
        op["security"] = json!([{"bearer": []}, {"session": []}]);
    }
    op
}

/// The whole document.
pub fn spec() -> Value {
    let mut generator = SchemaSettings::draft2020_12()
        .with(|s| {
            s.definitions_path = "/components/schemas".into();
            s.meta_schema = None;
        })
        .for_serialize()
        .into_generator();
    // Bodies are read, not written: their schemas say what deserialising accepts (a field with a
    // default is optional), inline so that they never clash with an answer's type of one name.
    let mut bodies = SchemaSettings::draft2020_12()
        .with(|s| {
            s.inline_subschemas = true;
            s.meta_schema = None;
        })
        .for_deserialize()
        .into_generator();
    let mut paths = Map::new();
    for route in ROUTES
        .iter()
        .filter(|r| r.surface == Surface::Api && r.path.starts_with("/api/"))
    {
        let item = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        item[route.method.to_lowercase()] = operation(route, &mut generator, &mut bodies);
    }
    let mut schemas: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    schemas.insert(
        "Problem".into(),
        json!({"type": "object", "required": ["type", "title", "status"], "properties": {
            "type": {"type": "string"}, "title": {"type": "string"},
            "status": {"type": "integer"}, "detail": {"type": "string"}}}),
    );
    json!({
        "openapi": "3.1.0",
        "info": {"title": "unpol", "version": env!("CARGO_PKG_VERSION"),
                 "description": "The REST API of unpol, the UN Police information system."},
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "unpol_session"}
            },
            "schemas": schemas

        }
    })
}

pub async fn document() -> Response {
    Json(spec()).into_response()
}
