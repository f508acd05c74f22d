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

/// The middleware of the public statistics pages.
pub async fn shared(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let Some(key) = key(&request) else {
        return next.run(request).await;
    };
    let gzip = accepts_gzip(request.headers());
    let built = app
        .published
        .get_or_build(&app.store, key, || async move {
            SharedPage::from_response(next.run(request).await).await
        })
        .await;
    match built {
        Ok(page) => page.answer(gzip),
        Err(NotShared::Answer(response)) => response,
        Err(NotShared::Failed(error)) => Problem::internal(&error).into_response(),
    }
}

/// The cache key of a request every anonymous visitor shares, or none.
fn key(request: &Request) -> Option<String> {
    let anonymous = request
        .extensions()
        .get::<Caller>()
        .is_none_or(|c| c.principal.is_none());
    let address = request.uri().path_and_query()?.as_str();
    let export = request
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|p| p.starts_with("format=")));
    (request.method() == Method::GET && anonymous && !export)
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
