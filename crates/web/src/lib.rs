//! unpol's web server: the pages, the REST API under `/api/v1`, and the access control in front
//! of both.
//!
//! Every route is declared once in [`routes::ROUTES`] with who may call it; the router is built
//! from that table and the [`guard`] in front of each route enforces it, so a route cannot exist
//! without an access rule (the authorization-matrix test checks the table against every role).

mod api;
mod caller;
mod chart;
mod errors;
pub mod guard;
pub mod i18n;
mod map;
pub mod openapi;
mod pages;
mod problem;
mod published_cache;
pub mod routes;
mod shared_page;
mod table;

use std::net::SocketAddr;

use anyhow::Context;
use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use unpol_app::Store;

pub use caller::Caller;

#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// Mark cookies `Secure` (users reach unpol over HTTPS).
    pub secure_cookies: bool,
    /// What every request takes as "now": the system's clock, or a fixed instant in tests.
    pub clock: unpol_domain::Clock,
}

#[derive(Debug, Clone)]
pub struct AppState {
    /// The database, reached only through `unpol-app`'s use cases.
    pub store: Store,
    pub settings: Settings,
    /// What the public statistics build from the published figures, until the next import.
    pub published: std::sync::Arc<published_cache::PublishedCache>,
}

/// The whole application as a router, for `serve` and for tests (`tower::ServiceExt::oneshot`).
pub fn app(store: Store, settings: Settings) -> Router {
    let state = AppState {
        store,
        settings,
        published: Default::default(),
    };
    let request_id = HeaderName::from_static("x-request-id");
    routes::router(state)
        .layer(axum::middleware::from_fn(errors::humane))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
        .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(security_header(header::REFERRER_POLICY, "no-referrer"))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, RandomRequestId))
}

/// No inline script or style, nothing from elsewhere, no framing. A page may narrow or widen it
/// with its own header (the API documentation page needs Swagger UI's inline styles).
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// The span of a request: every log line written while it is served carries its id, the one its
/// audit entries and its `x-request-id` answer carry.
fn request_span<B>(request: &axum::http::Request<B>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %request.uri().path(),
    )
}

#[derive(Debug, Clone, Copy)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        HeaderValue::from_str(&unpol_app::accounts::random_hex(8))
            .ok()
            .map(RequestId::new)
    }
}

/// Listens on `addr` (port 0 picks one) and serves until Ctrl-C. Prints the address on stderr.
pub async fn serve(store: Store, addr: SocketAddr, settings: Settings) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr()?;
    eprintln!("unpol listening on http://{local}");
    let service = app(store, settings).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server stopped with an error")
}
