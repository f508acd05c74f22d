//! `/api/v1/openapi.json`: the OpenAPI 3.1 document, generated from the route table that builds the
//! router ([`ROUTES`]), so that a route cannot exist without being listed.
//!
//! It lists every API route with its summary, who may call it, its path and query parameters and
//! its error answers (problem+json). Bodies are described as JSON objects for now; precise schemas
//! of every body are the next step (the web UI issue's documentation page and schemathesis run).

use axum::Json;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

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
        json!({"name": name, "in": "query", "required": required, "schema": {"type": "string"}})
    });
    path.chain(query).collect()
}

fn operation(spec: &RouteSpec) -> Value {
    let problem =
        json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}});
    let mut responses = Map::new();
    let ok = match spec.method {
        "POST" if spec.path.ends_with("/disable") => ("204", json!({"description": "done"})),
        "DELETE" => ("204", json!({"description": "done"})),
        "POST" => (
            "201",
            json!({"description": "created", "content": {"application/json": {"schema": {"type": "object"}}}}),
        ),
        _ => (
            "200",
            json!({"description": "the answer", "content": {"application/json": {"schema": {}}}}),
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
    let mut paths = Map::new();
    for route in ROUTES
        .iter()
        .filter(|r| r.surface == Surface::Api && r.path.starts_with("/api/"))
    {
        let item = paths
            .entry(route.path.to_string())
            .or_insert_with(|| json!({}));
        item[route.method.to_lowercase()] = operation(route);
    }
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
            "schemas": {
                "Problem": {"type": "object", "required": ["type", "title", "status"], "properties": {
                    "type": {"type": "string"}, "title": {"type": "string"},
                    "status": {"type": "integer"}, "detail": {"type": "string"}}}
            }
        }
    })
}

pub async fn document() -> Response {
    Json(spec()).into_response()
}
