//! Authentication and authorization in front of every route.
//!
//! The guard finds who is calling (a bearer token, or a session cookie), checks the route's
//! [`Access`] rule, records refusals in the audit trail, and hands the [`Caller`] to the handler.
//! Row-level scope is not decided here: handlers pass the caller's scope into the query.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use unpol_app::accounts;
use unpol_domain::access::Principal;

use crate::AppState;
use crate::caller::{Caller, Credential};
use crate::i18n::Lang;
use crate::pages;
use crate::problem::Problem;
use crate::routes::{Access, RouteSpec, Surface};

pub const SESSION_COOKIE: &str = "unpol_session";
/// Set on every response the guard refused: `unauthenticated` or `forbidden`.
pub const REFUSED_HEADER: &str = "x-unpol-refused";

#[derive(Debug, Clone)]
pub struct GuardState {
    pub app: AppState,
    pub spec: &'static RouteSpec,
}

enum Refusal {
    /// No valid credential: sign in.
    Unauthenticated,
    /// Signed in, but the role may not use this route.
    Forbidden,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub async fn guard(
    State(guard): State<GuardState>,
    jar: CookieJar,
    mut request: Request,
    next: Next,
) -> Response {
    let store = &guard.app.store;
    let address = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-")
        .to_string();
    let mut caller = Caller {
        principal: None,
        credential: Credential::Anonymous,
        address,
        request_id,
        clock: guard.app.settings.clock,
    };

    let token = bearer(request.headers()).map(str::to_string);
    let session = jar.get(SESSION_COOKIE).map(|c| c.value().to_string());
    let presented_token = token.is_some();
    let authenticated: anyhow::Result<Option<(Principal, Credential)>> = async {
        if let Some(token) = token {
            return Ok(accounts::principal_from_token(store, &token)
                .await?
                .map(|p| (p, Credential::Token)));
        }
        if let Some(session) = session {
            return Ok(accounts::session_principal(store, &session)
                .await?
                .map(|(p, csrf)| (p, Credential::Session { csrf })));
        }
        Ok(None)
    }
    .await;
    match authenticated {
        Err(error) => return Problem::internal(&error).into_response(),
        Ok(Some((principal, credential))) => {
            caller.principal = Some(principal);
            caller.credential = credential;
        }
        // A token that does not work is refused even on public routes: the script is broken.
        Ok(None) if presented_token => {
            let lang = pages::request_lang(request.headers());
            return refuse(&guard, &caller, Refusal::Unauthenticated, lang).await;
        }
        Ok(None) => {}
    }

    let allowed = match (guard.spec.access, &caller.principal) {
        (Access::Public, _) => Ok(()),
        (_, None) => Err(Refusal::Unauthenticated),
        (Access::SignedIn, Some(_)) => Ok(()),
        (Access::Roles(roles), Some(p)) if roles.contains(&p.role) => Ok(()),
        (Access::Roles(_), Some(_)) => Err(Refusal::Forbidden),
    };
    if let Err(refusal) = allowed {
        let lang = pages::request_lang(request.headers());
        return refuse(&guard, &caller, refusal, lang).await;
    }
    request.extensions_mut().insert(caller);
    next.run(request).await
}

async fn refuse(guard: &GuardState, caller: &Caller, refusal: Refusal, lang: Lang) -> Response {
    let spec = guard.spec;
    let detail = match (&refusal, &caller.principal) {
        (Refusal::Unauthenticated, _) => "not signed in or invalid credential".to_string(),
        (Refusal::Forbidden, Some(p)) => format!("role {} may not use this route", p.role),
        (Refusal::Forbidden, None) => "not allowed".to_string(),
    };
    let event = caller.audit().event(
        "access.refused",
        &format!("route:{} {}", spec.method, spec.path),
        &detail,
    );
    if let Err(error) = unpol_app::audit::record(&guard.app.store, &event).await {
        return Problem::internal(&error).into_response();
    }
    let marker = match refusal {
        Refusal::Unauthenticated => "unauthenticated",
        Refusal::Forbidden => "forbidden",
    };
    let mut response = match (refusal, spec.surface) {
        (Refusal::Unauthenticated, Surface::Api) => {
            let mut response = Problem::new(
                StatusCode::UNAUTHORIZED,
                Some("sign in or send a valid bearer token".into()),
            )
            .into_response();
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
            response
        }
        (Refusal::Unauthenticated, Surface::Page) => Redirect::to("/login").into_response(),
        (Refusal::Forbidden, Surface::Api) => Problem::new(
            StatusCode::FORBIDDEN,
            Some("your role may not use this route".into()),
        )
        .into_response(),
        (Refusal::Forbidden, Surface::Page) => pages::forbidden(pages::Chrome {
            lang,
            here: spec.path.to_string(),
            caller: Some(caller.clone()),
        }),
    };
    // Says which rule refused the request, for clients and for the authorization-matrix test.
    response
        .headers_mut()
        .insert(REFUSED_HEADER, header::HeaderValue::from_static(marker));
    response
}
