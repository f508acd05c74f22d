//! The public statistics pages are the same for every anonymous visitor who reads them at the same
//! address in the same language. Each is built once, kept (with its gzip form, compressed once) in
//! the [`crate::published_cache`] until the next import of published figures, and answered from
//! there: a visitor costs a lookup, and visitors who arrive together while it is being built wait
//! for that one build instead of each building it.
//!
//! Signed-in callers are not served from here (their pages carry a navigation and a CSRF token of
//! their own), nor file exports, nor any answer but a 200 without cookies.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::io::Write;

use crate::AppState;
use crate::caller::Caller;
use crate::pages::request_lang;
use crate::problem::Problem;
use crate::routes::RouteSpec;

/// A page larger than this is not kept (none of the statistics pages comes near it).
const MAX_PAGE: usize = 8 * 1024 * 1024;

/// A built page: its headers, its body, and the same body gzipped.
struct SharedPage {
    headers: HeaderMap,
    plain: Bytes,
    gzip: Bytes,
}

/// Why an answer is not kept: it is not a page every anonymous visitor shares, or building failed.
enum NotShared {
    Answer(Response),
    Failed(anyhow::Error),
}

impl From<anyhow::Error> for NotShared {
    fn from(error: anyhow::Error) -> Self {
        NotShared::Failed(error)
    }
}

/// What the middleware needs: the application, and the route's query parameters.
#[derive(Debug, Clone)]
pub struct SharedState {
    pub app: AppState,
    pub spec: &'static RouteSpec,
}

/// The middleware of the public statistics pages.
pub async fn shared(
    State(SharedState { app, spec }): State<SharedState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(key) = key(&request, spec) else {
        return next.run(request).await;
    };
    let gzip = accepts_gzip(request.headers());
    let cache = app.published.clone();
    let built = app
        .published
        .get_or_build(&app.store, key, || async move {
            let page = SharedPage::from_response(next.run(request).await).await?;
            cache.charge(page.plain.len() + page.gzip.len());
            Ok(page)
        })
        .await;
    match built {
        Ok(page) => page.answer(gzip),
        Err(NotShared::Answer(response)) => response,
        Err(NotShared::Failed(error)) => Problem::internal(&error).into_response(),
    }
}

/// The cache key of a request every anonymous visitor shares, or none. Only addresses whose
/// query names parameters the page reads are kept (`?month=2018-01`, not `?month=2018-01&x=1`):
/// otherwise each made-up parameter would be a page of its own.
fn key(request: &Request, spec: &RouteSpec) -> Option<String> {
    let anonymous = request
        .extensions()
        .get::<Caller>()
        .is_none_or(|c| c.principal.is_none());
    let address = request.uri().path_and_query()?.as_str();
    let read = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name))
        .all(|name| {
            let export = name == "format" || name == "table";
            !export && spec.query.iter().any(|q| q.trim_end_matches('!') == name)
        });
    (request.method() == Method::GET && anonymous && read)
        .then(|| format!("page:{}:{address}", request_lang(request.headers()).code()))
}

/// Whether the client takes gzip (`Accept-Encoding: gzip`, `x-gzip` or `*`, without `q=0`).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or("").to_ascii_lowercase();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            matches!(name.as_str(), "gzip" | "x-gzip" | "*") && !refused
        })
}

impl SharedPage {
    async fn from_response(response: Response) -> Result<SharedPage, NotShared> {
        let keep = response.status() == StatusCode::OK
            && !response.headers().contains_key(header::SET_COOKIE)
            && !response.headers().contains_key(header::CONTENT_ENCODING);
        if !keep {
            return Err(NotShared::Answer(response));
        }
        let (parts, body) = response.into_parts();
        let plain = axum::body::to_bytes(body, MAX_PAGE)
            .await
            .map_err(|e| anyhow::anyhow!("reading a page to keep it: {e}"))?;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&plain).map_err(anyhow::Error::from)?;
        let gzip = Bytes::from(encoder.finish().map_err(anyhow::Error::from)?);
        let mut headers = parts.headers;
        headers.remove(header::CONTENT_LENGTH);
        Ok(SharedPage {
            headers,
            plain,
            gzip,
        })
    }

    fn answer(&self, gzip: bool) -> Response {
        let body = if gzip { &self.gzip } else { &self.plain };
        let mut response = Response::new(Body::from(body.clone()));
        *response.headers_mut() = self.headers.clone();
        let headers = response.headers_mut();
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if gzip {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, value.parse().expect("header"));
        headers
    }

    fn key_of(uri: &str) -> Option<String> {
        let spec = crate::routes::ROUTES
            .iter()
            .find(|r| r.method == "GET" && r.path == "/stats")
            .expect("the /stats route");
        let request = Request::builder()
            .uri(uri)
            .header(header::ACCEPT_LANGUAGE, "fr")
            .body(Body::empty())
            .expect("request");
        key(&request, spec)
    }

    #[test]
    fn only_the_pages_themselves_are_kept() {
        assert_eq!(key_of("/stats").as_deref(), Some("page:fr:/stats"));
        assert_eq!(
            key_of("/stats?month=2018-01").as_deref(),
            Some("page:fr:/stats?month=2018-01")
        );
        // Files, and parameters the page does not read, are built for each request.
        assert_eq!(key_of("/stats?month=2018-01&format=csv"), None);
        assert_eq!(key_of("/stats?month=2018-01&x=1"), None);
        assert_eq!(key_of("/stats?x"), None);
    }

    #[test]
    fn gzip_is_sent_only_to_clients_that_take_it() {
        assert!(accepts_gzip(&accept("gzip, deflate, br, zstd")));
        assert!(accepts_gzip(&accept("br;q=1.0, gzip;q=0.8")));
        assert!(accepts_gzip(&accept("*")));
        assert!(!accepts_gzip(&accept("gzip;q=0, br")));
        assert!(!accepts_gzip(&accept("br, identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
