//! What the web tests share: a call as a token holder, a user with a token, the demo data and
//! a live server. Each test binary uses a part of it.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;
use unpol_app::Store;
use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_domain::access::Role;

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
    db: &Store,
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

/// The UN's bundled figures and a demo roster shaped on 2025-07, dated on its last day.
pub async fn demo_data(db: &Store, seed: u64) -> anyhow::Result<unpol_app::demo::DemoSummary> {
    demo_on(db, seed, "2025-07-31".parse()?, false).await
}

/// The UN's bundled figures and a demo roster shaped on 2025-07 and dated around `today`, with
/// its force-generation history when asked.
pub async fn demo_on(
    db: &Store,
    seed: u64,
    today: chrono::NaiveDate,
    history: bool,
) -> anyhow::Result<unpol_app::demo::DemoSummary> {
    unpol_app::import::import_bundled(db, Default::default()).await?;
    let summary = unpol_app::demo::fill(
        db,
        unpol_app::demo::DemoOptions {
            like: "2025-07".parse()?,
            scale: 1,
            seed,
            today,
            history,
        },
    )
    .await?;
    Ok(summary)
}

/// Serves the whole app on a free local port for the rest of the test; its base URL.
pub async fn serve(db: &Store) -> anyhow::Result<String> {
    serve_with(db, unpol_web::Settings::default()).await
}

/// Serves the whole app with these settings (a stopped clock) for the rest of the test.
pub async fn serve_with(db: &Store, settings: unpol_web::Settings) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let app = unpol_web::app(db.clone(), settings);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    Ok(base)
}

/// The server's settings with its clock stopped on a day, so that no deadline a test writes is
/// compared with the calendar the test runs on.
pub fn settings_on(day: &str) -> unpol_web::Settings {
    unpol_web::Settings {
        clock: unpol_domain::Clock::on(day.parse().expect("a day")),
        ..Default::default()
    }
}
