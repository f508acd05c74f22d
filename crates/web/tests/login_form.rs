//! The browser's way in: the login form with its CSRF cookie, the home page, and logout.

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;
use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

async fn text(response: Response<Body>) -> anyhow::Result<String> {
    Ok(String::from_utf8(
        response.into_body().collect().await?.to_bytes().to_vec(),
    )?)
}

fn cookie(response: &Response<Body>, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
}

/// The value of the hidden `csrf` field of the first form in a page.
fn csrf_field(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    html[start..].split('"').next().expect("value").to_string()
}

fn form(uri: &str, cookies: &str, body: String) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, cookies)
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn sign_in_see_who_you_are_and_sign_out() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let password = "a long password 123";
    accounts::add_user(
        &t.store(),
        "dakar",
        Role::Pcc,
        Some("SEN"),
        None,
        &Secret::new(password),
        &AuditContext::console(),
    )
    .await?;
    let app = unpol_web::app(t.store(), unpol_web::Settings::default());

    let page = app
        .clone()
        .oneshot(Request::get("/login").body(Body::empty())?)
        .await?;
    let login_cookie = cookie(&page, "unpol_login_csrf").expect("login CSRF cookie");
    let csrf = csrf_field(&text(page).await?);

    // Without the cookie (a forged cross-site form), the token alone is refused.
    let body = format!(
        "login=dakar&password={}&csrf={csrf}",
        password.replace(' ', "+")
    );
    let forged = app
        .clone()
        .oneshot(form("/login", "", body.clone()))
        .await?;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    let wrong = format!("login=dakar&password=nope&csrf={csrf}");
    let refused = app
        .clone()
        .oneshot(form("/login", &login_cookie, wrong))
        .await?;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert!(text(refused).await?.contains("Wrong login or password."));

    let signed_in = app
        .clone()
        .oneshot(form("/login", &login_cookie, body))
        .await?;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let session = cookie(&signed_in, "unpol_session").expect("session cookie");
    let set_cookie = signed_in
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );

    // A visitor asking for the home page sees the public statistics.
    let visitor = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty())?)
        .await?;
    assert_eq!(visitor.status(), StatusCode::SEE_OTHER);
    assert_eq!(visitor.headers()[header::LOCATION], "/stats");

    let home = app
        .clone()
        .oneshot(
            Request::get("/")
                .header(header::COOKIE, &session)
                .body(Body::empty())?,
        )
        .await?;
    assert_eq!(home.status(), StatusCode::OK);
    let html = text(home).await?;
    assert!(
        html.contains("Welcome, dakar") && html.contains("country SEN"),
        "{html}"
    );

    let bad_logout = app
        .clone()
        .oneshot(form("/logout", &session, "csrf=wrong".into()))
        .await?;
    assert_eq!(
        bad_logout.status(),
        StatusCode::FORBIDDEN,
        "logout needs the session's CSRF token"
    );
    let logout = app
        .clone()
        .oneshot(form(
            "/logout",
            &session,
            format!("csrf={}", csrf_field(&html)),
        ))
        .await?;
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    let after = app
        .clone()
        .oneshot(
            Request::get("/")
                .header(header::COOKIE, &session)
                .body(Body::empty())?,
        )
        .await?;
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "the session is gone: a visitor again"
    );
    assert_eq!(after.headers()[header::LOCATION], "/stats");
    t.cleanup().await
}
