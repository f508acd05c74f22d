//! Signing in and out, and the home page. Forms carry a CSRF token: the session's for signed-in
//! forms, a double-submit cookie for the login form (which has no session yet).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use unpol_app::accounts::{self, LoginError, Secret};
use unpol_domain::access::Principal;

use super::{Chrome, Ui, expired, message, render};
use crate::caller::Caller;
use crate::problem::Problem;
use crate::{AppState, guard};

const LOGIN_CSRF_COOKIE: &str = "unpol_login_csrf";

/// The session cookie: HttpOnly, SameSite=Lax, Secure when unpol is reached over HTTPS. It has no
/// Max-Age (it ends with the browser); the server ends the session after
/// [`accounts::SESSION_LIFETIME`] whatever the cookie says.
pub fn session_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build((guard::SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .build()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf: String,
    error: Option<String>,
    login: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    principal: Principal,
    may: String,
}

pub async fn healthz(State(state): State<AppState>) -> Result<Response, Problem> {
    unpol_app::stats::published_months(&state.store).await?;
    Ok("ok".into_response())
}

pub async fn login_form(Ui(chrome): Ui, jar: CookieJar) -> Response {
    let csrf = accounts::random_hex(16);
    let cookie = Cookie::build((LOGIN_CSRF_COOKIE, csrf.clone()))
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict);
    let page = LoginPage {
        chrome,
        csrf,
        error: None,
        login: String::new(),
    };
    (jar.add(cookie.build()), render(&page, StatusCode::OK)).into_response()
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    csrf: String,
}

pub fn login_problem(error: &LoginError) -> Problem {
    match error {
        LoginError::Locked { .. } => {
            Problem::new(StatusCode::TOO_MANY_REQUESTS, Some(error.to_string()))
        }
        _ => Problem::new(StatusCode::UNAUTHORIZED, Some(error.to_string())),
    }
}

pub async fn login(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string());
    if expected.as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty() {
        return message(
            chrome,
            "expired-title",
            "expired-login-message",
            StatusCode::FORBIDDEN,
        );
    }
    let password = Secret::new(form.password);
    match accounts::authenticate(&state.store, &form.login, &password, &caller.audit()).await {
        Ok(principal) => match accounts::start_session(&state.store, &principal).await {
            Ok((id, _)) => {
                let jar = jar
                    .add(session_cookie(
                        id.expose().to_string(),
                        state.settings.secure_cookies,
                    ))
                    .remove(Cookie::build(LOGIN_CSRF_COOKIE).path("/login"));
                (jar, Redirect::to("/")).into_response()
            }
            Err(error) => Problem::internal(&error).into_response(),
        },
        Err(LoginError::Storage(error)) => Problem::internal(&error).into_response(),
        Err(error) => {
            let status = StatusCode::from_u16(login_problem(&error).status)
                .unwrap_or(StatusCode::UNAUTHORIZED);
            let error = match error {
                LoginError::Locked { .. } => chrome.t("login-locked"),
                _ => chrome.t("login-refused"),
            };
            let page = LoginPage {
                chrome,
                csrf: form.csrf,
                error: Some(error),
                login: form.login,
            };
            render(&page, status)
        }
    }
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

pub async fn logout(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Ui(chrome): Ui,
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Response {
    if caller.csrf() != Some(form.csrf.as_str()) {
        return expired(chrome);
    }
    if let Some(cookie) = jar.get(guard::SESSION_COOKIE)
        && let Err(error) =
            accounts::end_session(&state.store, cookie.value(), &caller.audit()).await
    {
        return Problem::internal(&error).into_response();
    }
    (
        jar.remove(Cookie::build(guard::SESSION_COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response()
}

pub async fn home(Extension(caller): Extension<Caller>, Ui(chrome): Ui) -> Response {
    let (Some(principal), Some(_)) = (caller.principal.clone(), caller.csrf()) else {
        // A visitor (or a token, since pages are for browsers) sees what is public: the
        // statistics, with the sign-in link in the header.
        return Redirect::to("/stats").into_response();
    };
    let page = HomePage {
        may: chrome.t(&format!("role-{}", principal.role.code())),
        chrome,
        principal,
    };
    render(&page, StatusCode::OK)
}
