//! Every refusal in the caller's language and format, whoever refused.
//!
//! Handlers answer with [`Problem`] (API) or a page; but axum's own extractors refuse a body that
//! is not JSON, a query or path that does not parse, a body too large (413) or of the wrong type
//! (415) with `text/plain`. This layer, outside every route, turns any error answer that is not
//! already in the right form into `application/problem+json` for the API and into an HTML page in
//! the user's language for the pages. It also refuses, before any handler, a request whose address
//! carries control characters (a NUL byte reaches PostgreSQL as an error, not as text).

use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::pages::{self, Chrome};
use crate::problem::Problem;

/// The most of a refusal's text kept as its detail.
const DETAIL_MAX: usize = 500;

/// What an error answer needs of its request, kept cheaply for every request (the path and the two
/// headers that choose the language) and read only when the answer is an error.
struct Origin {
    uri: Uri,
    accept_language: Option<HeaderValue>,
    cookie: Option<HeaderValue>,
}

impl Origin {
    fn of(request: &Request) -> Origin {
        let header = |name| request.headers().get(name).cloned();
        Origin {
            uri: request.uri().clone(),
            accept_language: header(header::ACCEPT_LANGUAGE),
            cookie: header(header::COOKIE),
        }
    }

    fn is_api(&self) -> bool {
        self.uri.path().starts_with("/api/")
    }

    /// The chrome of the error page, in the language the request asks for.
    fn chrome(&self) -> Chrome {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            (header::ACCEPT_LANGUAGE, &self.accept_language),
            (header::COOKIE, &self.cookie),
        ] {
            if let Some(value) = value {
                headers.insert(name, value.clone());
            }
        }
        Chrome::anonymous(pages::request_lang(&headers), self.uri.path().to_string())
    }
}

pub async fn humane(request: Request, next: Next) -> Response {
    let origin = Origin::of(&request);
    if has_control_characters(origin.uri.path_and_query().map_or("", |p| p.as_str())) {
        let problem = Problem::new(
            StatusCode::BAD_REQUEST,
            Some("the address holds control characters".to_string()),
        );
        return reshape(problem.into_response(), &origin).await;
    }
    let response = next.run(request).await;
    reshape(response, &origin).await
}

async fn reshape(response: Response, origin: &Origin) -> Response {
    let status = response.status();
    let api = origin.is_api();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let is_problem = content_type.starts_with("application/problem+json");
    let is_html = content_type.starts_with("text/html");
    if (api && is_problem) || (!api && is_html) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, 64 * 1024).await.unwrap_or_default();
    let detail = if is_problem {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v["detail"].as_str().map(str::to_string))
    } else {
        let text = String::from_utf8_lossy(&bytes);
        let text: String = text.chars().take(DETAIL_MAX).collect();
        (!text.trim().is_empty()).then_some(text)
    };
    let mut answer = if api {
        Problem::new(status, detail).into_response()
    } else {
        page(status, detail, origin.chrome())
    };
    // Keep what the refusal said beyond its body (Allow, Retry-After, WWW-Authenticate...).
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            answer.headers_mut().append(name.clone(), value.clone());
        }
    }
    *answer.status_mut() = status;
    answer
}

/// The error page of a status, in the page's language. The framework's own words are English and
/// technical: the page says what happened in the user's language instead.
fn page(status: StatusCode, detail: Option<String>, chrome: Chrome) -> Response {
    let (title, message) = match status {
        StatusCode::NOT_FOUND => ("not-found-title", "not-found-message"),
        StatusCode::FORBIDDEN => ("forbidden-title", "forbidden-message"),
        StatusCode::METHOD_NOT_ALLOWED => ("bad-request-title", "method-not-allowed-message"),
        StatusCode::PAYLOAD_TOO_LARGE => ("bad-request-title", "too-large-message"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("bad-request-title", "unsupported-type-message"),
        StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
            ("busy-title", "busy-message")
        }
        s if s.is_server_error() => ("server-error-title", "server-error-message"),
        _ => ("bad-request-title", "bad-request-message"),
    };
    if let Some(detail) = &detail {
        tracing::debug!(%status, detail, "error page");
    }
    let mut response = pages::message(chrome, title, message, status);
    *response.status_mut() = status;
    response
}

/// Whether a raw path and query hold a control character, as is or percent-encoded.
fn has_control_characters(raw: &str) -> bool {
    if raw.chars().any(char::is_control) {
        return true;
    }
    let bytes = raw.as_bytes();
    bytes.windows(3).any(|w| {
        w[0] == b'%'
            && std::str::from_utf8(&w[1..])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .is_some_and(|b| b < 0x20 || b == 0x7f)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A refusal as axum's extractors write it.
    fn plain(status: StatusCode, text: &str) -> Response {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain")],
            text.to_string(),
        )
            .into_response()
    }

    #[test]
    fn control_characters_are_found_encoded_or_not() {
        assert!(has_control_characters("/roster?name=%00"));
        assert!(has_control_characters("/language?back=/%0d%0aSet-Cookie:x"));
        assert!(has_control_characters("/x?q=%7F"));
        assert!(!has_control_characters(
            "/roster?name=%C3%A9l%C3%A9onore&page=2"
        ));
        assert!(!has_control_characters("/stats?month=2018-01"));
    }

    #[tokio::test]
    async fn framework_refusals_become_problems_and_pages() {
        let from = |path: &str| {
            let request = axum::http::Request::builder()
                .uri(path)
                .header(header::ACCEPT_LANGUAGE, "fr")
                .body(axum::body::Body::empty())
                .expect("a request");
            Origin::of(&request)
        };
        let api = reshape(
            plain(StatusCode::UNPROCESSABLE_ENTITY, "Failed to deserialize"),
            &from("/api/v1/officers"),
        )
        .await;
        assert_eq!(api.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            api.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let page = reshape(
            plain(StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded"),
            &from("/roster/officers"),
        )
        .await;
        assert_eq!(page.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            page.headers()[header::CONTENT_TYPE]
                .to_str()
                .is_ok_and(|t| t.starts_with("text/html"))
        );
        let body = to_bytes(page.into_body(), 1 << 20)
            .await
            .unwrap_or_default();
        let html = String::from_utf8_lossy(&body);
        assert!(html.contains("lang=\"fr\""), "{html}");
    }
}
