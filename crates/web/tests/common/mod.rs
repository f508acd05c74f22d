//! What the API tests share: a call as a token holder, and a user with a token.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_domain::access::Role;
use unpol_storage::Database;

/// Calls the app as `token`, with a JSON body if any; the answer's status and JSON (null if none).
pub async fn call(
    app: &Router,
    method: &str,
    uri: &str,
    token: &str,
    body: Option<Value>,
) -> anyhow::Result<(StatusCode, Value)> {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))?;
    let response = app.clone().oneshot(request).await?;
    let status = response.status();
    let bytes = response.into_body().collect().await?.to_bytes();
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    ))
}

/// Adds a user with this role and scope, and returns an API token for it.
pub async fn token_for(
    db: &Database,
    login: &str,
    role: Role,
    country: Option<&str>,
    mission: Option<&str>,
) -> anyhow::Result<String> {
    let ctx = AuditContext::console();
    accounts::add_user(
        db,
        login,
        role,
        country,
        mission,
        &Secret::new("a long password 123"),
        &ctx,
    )
    .await?;
    Ok(accounts::create_token(db, login, "test", None, &ctx)
        .await?
        .1
        .expose()
        .to_string())
}
