//! Signing in and out through the API (for curl and scripts that prefer a session to a token).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use unpol_app::accounts::{self, LoginError, Secret};

use crate::caller::{Caller, Credential};
use crate::pages::{login_problem, session_cookie};
use crate::problem::Problem;
use crate::{AppState, guard};

#[derive(Deserialize, schemars::JsonSchema)]
pub struct Credentials {
    login: String,
    password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

/// `POST /api/v1/session {"login": ..., "password": ...}`: sets the session cookie.
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    jar: CookieJar,
    Json(body): Json<Credentials>,
) -> Result<Response, Problem> {
    let password = Secret::new(body.password);
    match accounts::authenticate(&state.store, &body.login, &password, &caller.audit()).await {
        Ok(principal) => {
            let (id, _csrf) = accounts::start_session(&state.store, &principal).await?;
            let jar = jar.add(session_cookie(
                id.expose().to_string(),
                state.settings.secure_cookies,
            ));
            Ok((jar, Json(principal)).into_response())
        }
        Err(LoginError::Storage(error)) => Err(error.into()),
        Err(error) => Err(login_problem(&error)),
    }
}

/// `DELETE /api/v1/session`: ends the caller's browser session.
pub async fn end(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    jar: CookieJar,
) -> Result<Response, Problem> {
    if let (Credential::Session { .. }, Some(cookie)) =
        (&caller.credential, jar.get(guard::SESSION_COOKIE))
    {
        accounts::end_session(&state.store, cookie.value(), &caller.audit()).await?;
    }
    let jar =
        jar.remove(axum_extra::extract::cookie::Cookie::build(guard::SESSION_COOKIE).path("/"));
    Ok((jar, StatusCode::NO_CONTENT).into_response())
}

/// `GET /api/v1/me`: who the caller is and what it may see.
pub async fn me(Extension(caller): Extension<Caller>) -> Result<Response, Problem> {
    let principal = caller.principal.ok_or_else(Problem::not_found)?;
    Ok(Json(principal).into_response())
}
