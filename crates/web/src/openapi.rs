//! `/api/v1/openapi.json`: the OpenAPI 3.1 document, generated from the route table that builds the
//! router ([`ROUTES`]), so that a route cannot exist without being listed.
//!
//! It lists every API route with its summary, who may call it, its path and query parameters
//! (typed by name: months, days, codes, pages) and its error answers (problem+json). The answers
//! of the statistics, officers, tours and forecast routes carry JSON Schemas derived from the very
//! types the handlers serialise (schemars), so a client such as schemathesis can hold unpol to
//! them; the other answers are described as any JSON for now.

use axum::Json;
use axum::response::{IntoResponse, Response};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{Map, Value, json};
use unpol_domain::parity::ParityReport;
use unpol_domain::report::ContributionsReport;
use unpol_domain::roster::{Deployment, Officer};
use unpol_domain::rotation::RotationForecast;
use unpol_domain::trend::TrendReport;

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
            let schema = if name == "id" {
                json!({"type": "integer"})
            } else {
                json!({"type": "string"})
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
        "month" | "from" | "to" => {
            json!({"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"})
        }
        "on" | "active_on" => json!({"type": "string", "format": "date"}),
        "page" => json!({"type": "integer", "minimum": 1}),
        "per_page" => json!({"type": "integer", "minimum": 1, "maximum": 500}),
        "months" => json!({"type": "integer", "minimum": 1, "maximum": 36}),
        "officer" => json!({"type": "integer", "minimum": 1}),
        "vacant" => json!({"type": "boolean"}),
        "women" => json!({"type": "number", "minimum": 0, "maximum": 1}),
        "format" => json!({"type": "string", "enum": ["csv", "xlsx"]}),
        "by" => json!({"type": "string", "enum": ["mission", "country", "profile"]}),
        "gender" => json!({"type": "string", "enum": ["female", "male"]}),
        "nationality" | "country" => json!({"type": "string", "pattern": "^[A-Z]{3}$"}),
        _ => json!({"type": "string"}),
    }
}

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

/// The schema of a route's successful answer, where it is one of the typed answers.
fn answer_schema(spec: &RouteSpec, generator: &mut SchemaGenerator) -> Value {
    match (spec.method, spec.path) {
        ("GET", "/api/v1/stats/contributions") => schema_of::<ContributionsReport>(generator),
        ("GET", "/api/v1/stats/parity") => schema_of::<ParityReport>(generator),
        ("GET", "/api/v1/stats/trend") => schema_of::<TrendReport>(generator),
        ("GET", "/api/v1/forecast/rotations") => schema_of::<RotationForecast>(generator),
        ("GET", "/api/v1/officers") => listing(schema_of::<Officer>(generator)),
        ("GET" | "PUT" | "POST", "/api/v1/officers" | "/api/v1/officers/{id}") => {
            schema_of::<Officer>(generator)
        }
        ("GET", "/api/v1/deployments") => listing(schema_of::<Deployment>(generator)),
        ("GET" | "PUT" | "POST", "/api/v1/deployments" | "/api/v1/deployments/{id}") => {
            schema_of::<Deployment>(generator)
        }
        _ => json!({}),
    }
}

fn operation(spec: &RouteSpec, generator: &mut SchemaGenerator) -> Value {
    let problem =
        json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}});
    let mut responses = Map::new();
    let ok = match spec.method {
        "POST" if spec.path.ends_with("/disable") => ("204", json!({"description": "done"})),
        "DELETE" => ("204", json!({"description": "done"})),
        "POST" => (
            "201",
            json!({"description": "created", "content": {"application/json": {"schema": answer_schema(spec, generator)}}}),
        ),
        _ => (
            "200",
            json!({"description": "the answer", "content": {"application/json": {"schema": answer_schema(spec, generator)}}}),
        ),
    };
    responses.insert(ok.0.into(), ok.1);
    for (code, why) in [
        ("400", "bad request"),
        ("401", "not signed in"),
        ("403", "role not allowed"),
        ("404", "not found or outside your scope"),
        ("409", "conflict"),
        ("422", "invalid record"),
    ] {
        responses.insert(
            code.into(),
            json!({"description": why, "content": problem.clone()}),
        );
    }
    let mut op = json!({
        "summary": spec.summary,
        "description": format!("Who may call it: {}.", who_may(spec.access)),
        "operationId": format!("{} {}", spec.method.to_lowercase(), spec.path),
        "parameters": parameters(spec),
        "responses": responses,
    });
    if matches!(spec.method, "POST" | "PUT") {
        op["requestBody"] = json!({"required": true, "content": {"application/json": {"schema": {"type": "object"}}}});
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
    let mut paths = Map::new();
    for route in ROUTES
        .iter()
        .filter(|r| r.surface == Surface::Api && r.path.starts_with("/api/"))
    {
        let item = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        item[route.method.to_lowercase()] = operation(route, &mut generator);
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
