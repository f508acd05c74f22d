//! Errors as `application/problem+json` (RFC 9457) for the API, and as a plain page for people.
//! Nothing internal reaches the client: a storage failure is logged with the request id and
//! answered with a generic 500.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Seconds after which the same request may succeed (503 while the database is busy).
    #[serde(skip)]
    pub retry_after: Option<u32>,
}

impl Problem {
    pub fn new(status: StatusCode, detail: impl Into<Option<String>>) -> Self {
        Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: detail.into(),
            retry_after: None,
        }
    }

    /// The database is busy with another writer (a long import): nothing was written, and the
    /// client may send the same request again after a few seconds.
    pub fn busy() -> Self {
        Problem {
            retry_after: Some(5),
            ..Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                Some("the database is busy with another write (an import); nothing was written: send the request again".into()),
            )
        }
    }

    pub fn not_found() -> Self {
        Problem::new(StatusCode::NOT_FOUND, None)
    }

    pub fn internal(error: &anyhow::Error) -> Self {
        if unpol_app::is_busy(error) {
            tracing::warn!(error = %format!("{error:#}"), "database busy");
            return Problem::busy();
        }
        tracing::error!(error = %format!("{error:#}"), "request failed");
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Some("an internal error occurred".into()),
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(seconds));
        }
        response
    }
}

impl From<anyhow::Error> for Problem {
    fn from(error: anyhow::Error) -> Self {
        Problem::internal(&error)
    }
}
