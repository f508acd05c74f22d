//! Server-rendered pages: login, logout, home. Forms carry a CSRF token: the session's for signed-in
//! forms, a double-submit cookie for the login form (which has no session yet).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use unpol_app::accounts::{self, LoginError, Secret};
use unpol_domain::access::Principal;

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

fn render(template: &impl Template, status: StatusCode) -> Response {
    match template.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => Problem::internal(&anyhow::anyhow!("template: {error}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    csrf: String,
    error: Option<String>,
    login: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    principal: Principal,
    may: &'static str,
    csrf: String,
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    title: &'static str,
    message: &'static str,
}

pub async fn healthz(State(state): State<AppState>) -> Result<Response, Problem> {
    state.db.published_months().await?;
    Ok("ok".into_response())
}

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../static/unpol.css"),
    )
        .into_response()
}

pub async fn login_form(jar: CookieJar) -> Response {
    let csrf = accounts::random_hex(16);
    let cookie = Cookie::build((LOGIN_CSRF_COOKIE, csrf.clone()))
        .path("/login")
        .http_only(true)
        .same_site(SameSite::Strict);
    let page = LoginPage {
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
    jar: CookieJar,
    Form(form): Form<LoginForm>,
) -> Response {
    let expected = jar.get(LOGIN_CSRF_COOKIE).map(|c| c.value().to_string());
    if expected.as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty() {
        let page = MessagePage {
            title: "Form expired",
            message: "The login form expired. Open the login page again.",
        };
        return render(&page, StatusCode::FORBIDDEN);
    }
    let password = Secret::new(form.password);
    match accounts::authenticate(&state.db, &form.login, &password, &caller.audit()).await {
        Ok(principal) => match accounts::start_session(&state.db, &principal).await {
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
            let page = LoginPage {
                csrf: form.csrf,
                error: Some(error.to_string()),
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
    jar: CookieJar,
    Form(form): Form<CsrfForm>,
) -> Response {
    if caller.csrf() != Some(form.csrf.as_str()) {
        let page = MessagePage {
            title: "Form expired",
            message: "The form expired. Reload the page and try again.",
        };
        return render(&page, StatusCode::FORBIDDEN);
    }
    if let Some(cookie) = jar.get(guard::SESSION_COOKIE)
        && let Err(error) = accounts::end_session(&state.db, cookie.value()).await
    {
        return Problem::internal(&error).into_response();
    }
    if let Err(error) = state
        .db
        .append_audit(&caller.audit().event("logout", "", ""))
        .await
    {
        return Problem::internal(&error).into_response();
    }
    (
        jar.remove(Cookie::build(guard::SESSION_COOKIE).path("/")),
        Redirect::to("/login"),
    )
        .into_response()
}

pub async fn home(Extension(caller): Extension<Caller>) -> Response {
    let (Some(principal), Some(csrf)) = (caller.principal.clone(), caller.csrf()) else {
        // Signed in with a token: pages are for browsers.
        return Redirect::to("/login").into_response();
    };
    let page = HomePage {
        may: principal.role.description(),
        principal,
        csrf: csrf.to_string(),
    };
    render(&page, StatusCode::OK)
}

pub fn forbidden() -> Response {
    let page = MessagePage {
        title: "Not allowed",
        message: "Your role may not open this page.",
    };
    render(&page, StatusCode::FORBIDDEN)
}

pub async fn not_found() -> Response {
    let page = MessagePage {
        title: "Not found",
        message: "There is nothing at this address.",
    };
    render(&page, StatusCode::NOT_FOUND)
}
