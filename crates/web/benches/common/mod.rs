//! What the web benchmarks share: one call through the whole router, timed.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// `GET uri` as the token's user, gzip accepted, to the end of its body; refuses anything but a
/// non-empty 200.
pub async fn call(app: &axum::Router, uri: &str, token: &str) -> anyhow::Result<Duration> {
    let request = Request::builder()
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("accept-encoding", "gzip")
        .body(Body::empty())?;
    let started = Instant::now();
    let response = app.clone().oneshot(request).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    let took = started.elapsed();
    anyhow::ensure!(status == StatusCode::OK, "{uri}: {status}");
    anyhow::ensure!(!body.is_empty(), "{uri}: an empty answer");
    Ok(took)
}
