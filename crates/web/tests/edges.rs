//! Every bad input gets a clear 4xx in the caller's format, never a 500: the probes of the trust
//! review, repeated. The API answers `application/problem+json`, even for axum's own refusals
//! (JSON, query, path, 413, 415); the pages answer an HTML page in the user's language. On SQLite,
//! and on PostgreSQL (where a NUL byte or a huge offset is an error of the database itself) when
//! UNPOL_TEST_POSTGRES_URL is set.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::token_for;
use http_body_util::BodyExt;
use tower::ServiceExt;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

/// Method, address, content type, body, and the status expected.
type Probe<'a> = (&'a str, String, Option<&'a str>, Vec<u8>, StatusCode);

struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

async fn send(
    app: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> anyhow::Result<Answer> {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::ACCEPT_LANGUAGE, "fr");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    let response = app.clone().oneshot(request.body(Body::from(body))?).await?;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = response.into_body().collect().await?.to_bytes();
    Ok(Answer {
        status,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    })
}

fn officer_with(name: &str, birth_date: &str) -> Vec<u8> {
    serde_json::json!({
        "external_id": "E1", "given_name": name, "family_name": "Diop", "nationality": "SEN",
        "gender": "female", "birth_date": birth_date, "rank": "Inspector",
    })
    .to_string()
    .into_bytes()
}

#[tokio::test]
async fn bad_input_gets_a_clear_refusal_in_the_callers_format() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let app = unpol_web::app(t.store(), unpol_web::Settings::default());
        let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;
        let hq = Some(hq.as_str());
        let json = Some("application/json");

        // (method, uri, content type, body, expected status) on the API.
        let api: Vec<Probe> = vec![
            (
                "GET",
                "/api/v1/officers?page=9223372036854775807".into(),
                None,
                vec![],
                StatusCode::BAD_REQUEST,
            ),
            (
                "GET",
                "/api/v1/officers?page=abc".into(),
                None,
                vec![],
                StatusCode::BAD_REQUEST,
            ),
            (
                "GET",
                "/api/v1/officers?name=%00".into(),
                None,
                vec![],
                StatusCode::BAD_REQUEST,
            ),
            (
                "GET",
                "/api/v1/officers/abc".into(),
                None,
                vec![],
                StatusCode::BAD_REQUEST,
            ),
            (
                "GET",
                "/api/v1/users/a%00b".into(),
                None,
                vec![],
                StatusCode::BAD_REQUEST,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                json,
                b"{not json".to_vec(),
                StatusCode::BAD_REQUEST,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                json,
                b"{\"given_name\": 1}".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                Some("text/plain"),
                officer_with("Awa", "1980-01-01"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                json,
                vec![b' '; 3 << 20],
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                json,
                officer_with("A\u{0}B", "1980-01-01"),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                json,
                officer_with(&"A".repeat(200), "1980-01-01"),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "POST",
                "/api/v1/officers".into(),
                json,
                officer_with("Awa", "2999-01-01"),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "DELETE",
                "/api/v1/officers".into(),
                None,
                vec![],
                StatusCode::METHOD_NOT_ALLOWED,
            ),
            // Days no spreadsheet can hold (and no tour or request has): refused at the door.
            (
                "POST",
                "/api/v1/forcegen/requests".into(),
                json,
                serde_json::json!({
                    "mission": "UNMISS", "title": "Old", "posts": 1, "min_rank": "Inspector",
                    "start": "1899-06-01", "deadline": "1899-01-01", "countries": ["SEN"],
                })
                .to_string()
                .into_bytes(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            (
                "POST",
                "/api/v1/deployments".into(),
                json,
                serde_json::json!({
                    "external_id": "T-FAR", "officer": 1, "mission": "UNMISS",
                    "category": "individual_police", "start": "2026-01-01",
                    "planned_end": "2999-01-01",
                })
                .to_string()
                .into_bytes(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        ];
        for (method, uri, content_type, body, expected) in api {
            let answer = send(&app, method, &uri, hq, content_type, body).await?;
            assert_eq!(
                answer.status, expected,
                "{}: {method} {uri}: {}",
                t.label, answer.body
            );
            assert_eq!(
                answer.content_type, "application/problem+json",
                "{}: {method} {uri}",
                t.label
            );
            let problem: serde_json::Value = serde_json::from_str(&answer.body)?;
            assert_eq!(problem["status"], expected.as_u16(), "{}: {uri}", t.label);
        }

        // A refused export is not an export: no trace of one in the audit trail.
        let answer = send(
            &app,
            "GET",
            "/api/v1/roster/export?format=pdf",
            hq,
            None,
            vec![],
        )
        .await?;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", t.label);
        let exports = |entries: Vec<unpol_domain::audit::AuditEntry>| {
            entries
                .iter()
                .filter(|e| e.event.action == "roster.export")
                .count()
        };
        let store = t.store();
        let trail = unpol_app::audit::entries(&store, &Default::default()).await?;
        assert_eq!(exports(trail), 0, "{}", t.label);
        let answer = send(
            &app,
            "GET",
            "/api/v1/roster/export?format=csv",
            hq,
            None,
            vec![],
        )
        .await?;
        assert_eq!(answer.status, StatusCode::OK, "{}", t.label);
        let trail = unpol_app::audit::entries(&store, &Default::default()).await?;
        assert_eq!(exports(trail), 1, "{}", t.label);

        // A login nobody could have: refused as any wrong login, not as a server error.
        let login = serde_json::json!({"login": "chief\u{0}", "password": "x"}).to_string();
        let answer = send(
            &app,
            "POST",
            "/api/v1/session",
            None,
            json,
            login.into_bytes(),
        )
        .await?;
        assert_eq!(
            answer.status,
            StatusCode::UNAUTHORIZED,
            "{}: {}",
            t.label,
            answer.body
        );

        // Pages: an HTML page in the user's language (French here), never text/plain.
        for (uri, expected) in [
            ("/roster/officers/abc", StatusCode::BAD_REQUEST),
            ("/roster?page=9223372036854775807", StatusCode::OK),
            ("/roster?name=%00", StatusCode::BAD_REQUEST),
            ("/stats?month=2018-13", StatusCode::NOT_FOUND),
            (
                "/language?to=fr&back=/x%0d%0aSet-Cookie:%20a=b",
                StatusCode::BAD_REQUEST,
            ),
            ("/nowhere", StatusCode::NOT_FOUND),
        ] {
            let answer = send(&app, "GET", uri, hq, None, vec![]).await?;
            assert_eq!(
                answer.status, expected,
                "{}: {uri}: {}",
                t.label, answer.body
            );
            assert!(
                answer.content_type.starts_with("text/html"),
                "{}: {uri}: {}",
                t.label,
                answer.content_type
            );
            assert!(answer.body.contains("lang=\"fr\""), "{}: {uri}", t.label);
        }
        // A way back that is not a local path, or not one a header can carry, goes home.
        for back in ["https://evil.example", "//evil.example", "/stats/%C3%A9"] {
            let uri = format!("/language?to=fr&back={back}");
            let answer = send(&app, "GET", &uri, None, None, vec![]).await?;
            assert!(answer.status.is_redirection(), "{}: {uri}", t.label);
        }
    }
    Ok(())
}
