//! `/docs/api`: the API documentation. Swagger UI (vendored, no CDN) renders
//! `/api/v1/openapi.json` where JavaScript runs; the same routes are listed in plain HTML for
//! everyone else.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;

use super::{Chrome, Ui, render};
use crate::routes::{ROUTES, RouteSpec, Surface};

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    chrome: Chrome,
    routes: Vec<&'static RouteSpec>,
}

/// Swagger UI sets inline styles; this page alone allows them.
const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                        img-src 'self' data:; object-src 'none'; base-uri 'none'; \
                        form-action 'self'; frame-ancestors 'none'";

pub async fn page(Ui(chrome): Ui) -> Response {
    let routes = ROUTES
        .iter()
        .filter(|r| r.surface == Surface::Api && r.path.starts_with("/api/"))
        .collect();
    let mut response = render(&ApiDocsPage { chrome, routes }, StatusCode::OK);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(DOCS_CSP),
    );
    response
}
