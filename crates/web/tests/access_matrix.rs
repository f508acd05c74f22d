//! The authorization matrix: every route, called as every role and anonymously, answers as this
//! table says. A route in the router that the table does not list fails the test.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;
use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_app::testing::storage::audit::AuditQuery;
use unpol_app::testing::storage::published::ImportBatch;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;
use unpol_domain::published::{Level, PublishedFigure};
use unpol_domain::{Category, CountryCode, Headcount, MissionCode};
use unpol_web::guard::REFUSED_HEADER;
use unpol_web::routes::ROUTES;

#[derive(Debug, Clone, Copy)]
enum Allowed {
    Everyone,
    SignedIn,
    Only(&'static [Role]),
}
use Allowed::{Everyone, Only, SignedIn};

/// The expected access of every route: kept apart from the router's own table on purpose.
const MATRIX: &[(&str, &str, Allowed)] = &[
    ("GET", "/healthz", Everyone),
    ("GET", "/static/{file}", Everyone),
    ("GET", "/robots.txt", Everyone),
    ("GET", "/language", Everyone),
    ("GET", "/stats", Everyone),
    ("GET", "/stats/parity", Everyone),
    ("GET", "/stats/trend", Everyone),
    ("GET", "/stats/missions/{code}", Everyone),
    ("GET", "/stats/countries/{code}", Everyone),
    ("GET", "/docs/api", Everyone),
    ("GET", "/forcegen", Only(ROSTER_READERS)),
    ("GET", "/forcegen/requests/new", Only(TOUR_WRITERS)),
    ("POST", "/forcegen/requests", Only(TOUR_WRITERS)),
    ("GET", "/forcegen/requests/{id}", Only(ROSTER_READERS)),
    ("GET", "/forcegen/requests/{id}/edit", Only(TOUR_WRITERS)),
    ("POST", "/forcegen/requests/{id}/edit", Only(TOUR_WRITERS)),
    ("POST", "/forcegen/requests/{id}/steps", Only(TOUR_WRITERS)),
    (
        "POST",
        "/forcegen/requests/{id}/nominations",
        Only(OFFICER_WRITERS),
    ),
    (
        "GET",
        "/forcegen/requests/{id}/plan",
        Only(&[Role::Admin, Role::Hq]),
    ),
    (
        "POST",
        "/forcegen/requests/{id}/selection",
        Only(&[Role::Admin, Role::Hq]),
    ),
    (
        "POST",
        "/forcegen/requests/{id}/deployment",
        Only(&[Role::Admin, Role::Hq]),
    ),
    ("GET", "/conduct", Only(CONDUCT_READERS)),
    ("GET", "/conduct/cases/new", Only(&[Role::Conduct])),
    ("POST", "/conduct/cases", Only(&[Role::Conduct])),
    ("GET", "/conduct/cases/{id}", Only(CONDUCT_READERS)),
    ("POST", "/conduct/cases/{id}/steps", Only(CONDUCT_READERS)),
    (
        "POST",
        "/conduct/cases/{id}/measures",
        Only(&[Role::Conduct]),
    ),
    ("GET", "/conduct/cases/{id}/glass", Only(&[Role::Admin])),
    ("POST", "/conduct/cases/{id}/glass", Only(&[Role::Admin])),
    ("GET", "/conduct/overdue", Only(CONDUCT_READERS)),
    ("GET", "/conduct/figures", Everyone),
    ("GET", "/incidents", Only(INCIDENT_READERS)),
    ("GET", "/incidents/new", Only(INCIDENT_WRITERS)),
    ("POST", "/incidents", Only(INCIDENT_WRITERS)),
    ("GET", "/capacity", Only(INCIDENT_READERS)),
    ("GET", "/performance", Only(ROSTER_READERS)),
    ("GET", "/dashboard", Only(COUNTERS)),
    ("GET", "/roster", Only(ROSTER_READERS)),
    ("GET", "/roster/officers/new", Only(OFFICER_WRITERS)),
    ("POST", "/roster/officers", Only(OFFICER_WRITERS)),
    ("GET", "/roster/officers/{id}", Only(ROSTER_READERS)),
    ("GET", "/roster/officers/{id}/edit", Only(OFFICER_WRITERS)),
    ("POST", "/roster/officers/{id}/tours", Only(TOUR_WRITERS)),
    ("POST", "/roster/officers/{id}", Only(OFFICER_WRITERS)),
    ("GET", "/roster/posts", Only(ROSTER_READERS)),
    ("GET", "/roster/units", Only(ROSTER_READERS)),
    ("GET", "/roster/deployments", Only(ROSTER_READERS)),
    ("GET", "/roster/rotations", Only(ROSTER_READERS)),
    ("GET", "/login", Everyone),
    ("POST", "/login", Everyone),
    ("POST", "/logout", SignedIn),
    ("GET", "/", Everyone),
    ("POST", "/api/v1/session", Everyone),
    ("DELETE", "/api/v1/session", SignedIn),
    ("GET", "/api/v1/me", SignedIn),
    ("GET", "/api/v1/stats/contributions", Everyone),
    ("GET", "/api/v1/stats/parity", Everyone),
    ("GET", "/api/v1/stats/trend", Everyone),
    ("GET", "/api/v1/users", Only(&[Role::Admin])),
    ("POST", "/api/v1/users", Only(&[Role::Admin])),
    ("GET", "/api/v1/users/{login}", Only(&[Role::Admin])),
    (
        "POST",
        "/api/v1/users/{login}/disable",
        Only(&[Role::Admin]),
    ),
    ("GET", "/api/v1/officers", Only(ROSTER_READERS)),
    ("POST", "/api/v1/officers", Only(OFFICER_WRITERS)),
    ("GET", "/api/v1/officers/{id}", Only(ROSTER_READERS)),
    ("PUT", "/api/v1/officers/{id}", Only(OFFICER_WRITERS)),
    ("GET", "/api/v1/deployments", Only(ROSTER_READERS)),
    ("POST", "/api/v1/deployments", Only(TOUR_WRITERS)),
    ("GET", "/api/v1/deployments/{id}", Only(ROSTER_READERS)),
    ("PUT", "/api/v1/deployments/{id}", Only(TOUR_WRITERS)),
    ("GET", "/api/v1/forecast/rotations", Only(ROSTER_READERS)),
    ("GET", "/api/v1/posts", Only(ROSTER_READERS)),
    ("POST", "/api/v1/posts", Only(TOUR_WRITERS)),
    ("GET", "/api/v1/posts/{id}", Only(ROSTER_READERS)),
    ("PUT", "/api/v1/posts/{id}", Only(TOUR_WRITERS)),
    ("GET", "/api/v1/units", Only(ROSTER_READERS)),
    ("POST", "/api/v1/units", Only(&[Role::Admin, Role::Hq])),
    ("GET", "/api/v1/units/{id}", Only(ROSTER_READERS)),
    ("PUT", "/api/v1/units/{id}", Only(&[Role::Admin, Role::Hq])),
    ("GET", "/api/v1/openapi.json", Everyone),
    ("GET", "/api/v1/roster/export", Only(ROSTER_READERS)),
    ("GET", "/api/v1/forcegen/requests", Only(ROSTER_READERS)),
    ("GET", "/api/v1/forcegen/lead-times", Only(ROSTER_READERS)),
    ("POST", "/api/v1/forcegen/requests", Only(TOUR_WRITERS)),
    ("PUT", "/api/v1/forcegen/requests/{id}", Only(TOUR_WRITERS)),
    (
        "POST",
        "/api/v1/forcegen/requests/{id}/steps",
        Only(TOUR_WRITERS),
    ),
    (
        "GET",
        "/api/v1/forcegen/requests/{id}",
        Only(ROSTER_READERS),
    ),
    (
        "GET",
        "/api/v1/forcegen/requests/{id}/nominations",
        Only(ROSTER_READERS),
    ),
    (
        "POST",
        "/api/v1/forcegen/requests/{id}/nominations",
        Only(OFFICER_WRITERS),
    ),
    (
        "GET",
        "/api/v1/forcegen/requests/{id}/plan",
        Only(&[Role::Admin, Role::Hq]),
    ),
    (
        "POST",
        "/api/v1/forcegen/requests/{id}/selection",
        Only(&[Role::Admin, Role::Hq]),
    ),
    (
        "POST",
        "/api/v1/forcegen/requests/{id}/deployment",
        Only(&[Role::Admin, Role::Hq]),
    ),
    ("GET", "/api/v1/conduct/cases", Only(CONDUCT_READERS)),
    ("POST", "/api/v1/conduct/cases", Only(&[Role::Conduct])),
    ("GET", "/api/v1/conduct/cases/{id}", Only(CONDUCT_READERS)),
    (
        "POST",
        "/api/v1/conduct/cases/{id}/steps",
        Only(CONDUCT_READERS),
    ),
    (
        "POST",
        "/api/v1/conduct/cases/{id}/measures",
        Only(&[Role::Conduct]),
    ),
    (
        "POST",
        "/api/v1/conduct/cases/{id}/glass",
        Only(&[Role::Admin]),
    ),
    ("GET", "/api/v1/conduct/overdue", Only(CONDUCT_READERS)),
    ("GET", "/api/v1/conduct/figures", Everyone),
    ("GET", "/api/v1/incidents", Only(INCIDENT_READERS)),
    ("POST", "/api/v1/incidents", Only(INCIDENT_WRITERS)),
    (
        "GET",
        "/api/v1/incidents/stats",
        Only(&[Role::Admin, Role::Hq, Role::Mission, Role::Analyst]),
    ),
    ("GET", "/api/v1/incidents/{id}", Only(INCIDENT_READERS)),
    (
        "POST",
        "/api/v1/incidents/{id}/follow-up",
        Only(INCIDENT_WRITERS),
    ),
    ("GET", "/api/v1/capacity/activities", Only(INCIDENT_READERS)),
    (
        "POST",
        "/api/v1/capacity/activities",
        Only(INCIDENT_WRITERS),
    ),
    ("GET", "/api/v1/capacity/projects", Only(INCIDENT_READERS)),
    ("POST", "/api/v1/capacity/projects", Only(INCIDENT_WRITERS)),
    (
        "POST",
        "/api/v1/capacity/projects/{id}/status",
        Only(INCIDENT_WRITERS),
    ),
    ("GET", "/api/v1/capacity/quarters", Only(COUNTERS)),
    ("GET", "/api/v1/evaluations", Only(ROSTER_READERS)),
    ("POST", "/api/v1/evaluations", Only(INCIDENT_WRITERS)),
    ("GET", "/api/v1/unit-assessments", Only(ROSTER_READERS)),
    ("POST", "/api/v1/unit-assessments", Only(INCIDENT_WRITERS)),
    ("GET", "/api/v1/indicators", Only(COUNTERS)),
    ("POST", "/api/v1/indicators", Only(INCIDENT_WRITERS)),
    (
        "POST",
        "/api/v1/indicators/{id}/values",
        Only(INCIDENT_WRITERS),
    ),
    ("GET", "/api/v1/dashboard/{mission}", Only(COUNTERS)),
    ("GET", "/api/v1/transition-tasks", Only(INCIDENT_READERS)),
    ("POST", "/api/v1/transition-tasks", Only(INCIDENT_WRITERS)),
    (
        "POST",
        "/api/v1/transition-tasks/{id}/status",
        Only(INCIDENT_WRITERS),
    ),
];

/// Aggregates of operations (incident counts, capacity figures, indicators): the readers of a
/// mission's operations, and analysts.
const COUNTERS: &[Role] = &[Role::Admin, Role::Hq, Role::Mission, Role::Analyst];

/// Incidents: headquarters, administrators and the mission's staff read them (analysts count).
const INCIDENT_READERS: &[Role] = &[Role::Admin, Role::Hq, Role::Mission];
/// Incidents are recorded by headquarters and the mission's staff.
const INCIDENT_WRITERS: &[Role] = &[Role::Hq, Role::Mission];

/// Conduct cases: conduct officers (their mission's) and focal points (referred to their
/// country); nobody else reads a case.
const CONDUCT_READERS: &[Role] = &[Role::Conduct, Role::Pcc];
const ROSTER_READERS: &[Role] = &[Role::Admin, Role::Hq, Role::Pcc, Role::Mission];
const OFFICER_WRITERS: &[Role] = &[Role::Admin, Role::Hq, Role::Pcc];
const TOUR_WRITERS: &[Role] = &[Role::Admin, Role::Hq, Role::Mission];

fn officer_json(n: usize) -> String {
    format!(
        r#"{{"external_id":"M-{n}","given_name":"Awa","family_name":"Sow","nationality":"SEN","gender":"female",
            "birth_date":"1988-02-03","rank":"Inspector","languages":[{{"language":"fr","level":5}}]}}"#
    )
}

fn deployment_json(n: usize) -> String {
    format!(
        r#"{{"external_id":"T-{n}","officer":1,"mission":"UNMISS","category":"individual_police",
            "start":"2030-01-01","planned_end":"2030-12-31"}}"#
    )
}

/// A request that the route's handler can answer, with the caller's token.
fn request(method: &str, path: &str, token: Option<&str>, n: usize) -> Request<Body> {
    let uri = match path {
        "/api/v1/stats/contributions" | "/api/v1/stats/parity" => format!("{path}?month=2018-01"),
        "/api/v1/stats/trend" => format!("{path}?from=2018-01&to=2018-12"),
        "/api/v1/forecast/rotations" => format!("{path}?from=2029-01&months=12"),
        "/language" => format!("{path}?to=fr&back=/stats"),
        p => p
            .replace("{login}", "target")
            .replace("{id}", "1")
            .replace("{file}", "unpol.css")
            .replace("{code}", "UNMISS")
            .replace("{mission}", "UNMISS"),
    };
    let (content_type, body) = match (method, path) {
        ("POST", "/api/v1/session") => (
            "application/json",
            r#"{"login":"nobody","password":"wrong password"}"#.to_string(),
        ),
        ("POST", "/api/v1/users") => (
            "application/json",
            format!(r#"{{"login":"new{n}","role":"analyst","password":"a long password 123"}}"#),
        ),
        (_, "/api/v1/officers" | "/api/v1/officers/{id}") => ("application/json", officer_json(n)),
        (_, "/api/v1/posts" | "/api/v1/posts/{id}") => (
            "application/json",
            format!(
                r#"{{"external_id":"P-{n}","mission":"UNMISS","title":"Adviser","category":"ipo"}}"#
            ),
        ),
        (_, "/api/v1/units" | "/api/v1/units/{id}") => (
            "application/json",
            format!(
                r#"{{"external_id":"U-{n}","kind":"fpu","country":"SEN","mission":"UNMISS","designation":"SEN FPU"}}"#
            ),
        ),
        (_, "/api/v1/deployments" | "/api/v1/deployments/{id}") => {
            ("application/json", deployment_json(n))
        }
        (_, "/api/v1/forcegen/requests" | "/api/v1/forcegen/requests/{id}") => (
            "application/json",
            r#"{"mission":"UNMISS","title":"Advisers","posts":2,"min_rank":"Inspector","start":"2030-01-01","deadline":"2029-12-01","countries":["SEN"]}"#.to_string(),
        ),
        ("POST", "/api/v1/forcegen/requests/{id}/nominations") => ("application/json", r#"{"officer":1}"#.to_string()),
        ("POST", "/api/v1/forcegen/requests/{id}/selection") => ("application/json", "{}".to_string()),
        ("POST", "/api/v1/forcegen/requests/{id}/steps") => ("application/json", r#"{"status":"sent"}"#.to_string()),
        ("POST", "/api/v1/conduct/cases") => (
            "application/json",
            r#"{"mission":"UNMISS","allegation":"category_2","subjects":[{"category":"individual_police","nationality":"SEN"}],"narrative":"a report"}"#.to_string(),
        ),
        ("POST", "/api/v1/conduct/cases/{id}/steps") => ("application/json", r#"{"status":"preliminary_assessment"}"#.to_string()),
        ("POST", "/api/v1/conduct/cases/{id}/measures") => ("application/json", r#"{"measure":"administrative_leave"}"#.to_string()),
        ("POST", "/api/v1/conduct/cases/{id}/glass") => ("application/json", r#"{"reason":"a subpoena from the tribunal"}"#.to_string()),
        ("POST", "/api/v1/incidents") => (
            "application/json",
            r#"{"mission":"UNMISS","category":"public_order","started_on":"2026-01-05"}"#.to_string(),
        ),
        ("POST", "/api/v1/incidents/{id}/follow-up") => ("application/json", r#"{"status":"closed","follow_up":"done"}"#.to_string()),
        ("POST", "/api/v1/capacity/activities") => (
            "application/json",
            r#"{"mission":"UNMISS","kind":"course","topic":"Investigations","starts_on":"2026-01-05","ends_on":"2026-01-09"}"#.to_string(),
        ),
        ("POST", "/api/v1/capacity/projects") => (
            "application/json",
            r#"{"mission":"UNMISS","kind":"police_station","name":"Station","status":"planned"}"#.to_string(),
        ),
        ("POST", "/api/v1/capacity/projects/{id}/status" | "/api/v1/transition-tasks/{id}/status") => {
            ("application/json", r#"{"status":"in_progress"}"#.to_string())
        }
        ("POST", "/api/v1/evaluations") => (
            "application/json",
            r#"{"officer":1,"mission":"UNMISS","from":"2026-01-01","to":"2026-03-31","overall":"meets"}"#.to_string(),
        ),
        ("POST", "/api/v1/unit-assessments") => (
            "application/json",
            r#"{"unit":1,"assessed_on":"2026-01-05","readiness":"ready"}"#.to_string(),
        ),
        ("POST", "/api/v1/indicators") => (
            "application/json",
            format!(r#"{{"mission":"UNMISS","computed":"women_share","name_en":"Women {n}","baseline":10,"target":20}}"#),
        ),
        ("POST", "/api/v1/indicators/{id}/values") => ("application/json", r#"{"quarter":"2026-Q1","value":3}"#.to_string()),
        ("POST", "/api/v1/transition-tasks") => (
            "application/json",
            r#"{"mission":"UNMISS","task":"Courts","recipient":"host_police","owner":"Commissioner","due_on":"2027-01-01"}"#.to_string(),
        ),
        ("POST", _) => (
            "application/x-www-form-urlencoded",
            "csrf=x&login=a&password=b".to_string(),
        ),
        _ => ("text/plain", String::new()),
    };
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", content_type);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    builder.body(Body::from(body)).expect("request")
}

#[tokio::test]
async fn every_route_answers_every_role_as_the_matrix_says() -> anyhow::Result<()> {
    let listed: BTreeSet<_> = MATRIX.iter().map(|(m, p, _)| (*m, *p)).collect();
    let routed: BTreeSet<_> = ROUTES.iter().map(|r| (r.method, r.path)).collect();
    assert_eq!(
        routed, listed,
        "every route must be in the test's matrix, and only those"
    );

    for t in TestDb::all().await? {
        let db = &t.db;
        let store = t.store();
        let figure = PublishedFigure {
            month: "2018-01".parse()?,
            mission: Some(MissionCode::parse("UNMISS")?),
            country: CountryCode::parse("SEN")?,
            category: Category::FormedPoliceUnits,
            headcount: Headcount::new(10, 130),
        };
        let batch = ImportBatch {
            source: "matrix".into(),
            sha256: "0".repeat(64),
            level: Level::Mission,
            figures: vec![figure],
            rows_read: 1,
            rows_rejected: 0,
        };
        db.stage_import(&batch).await?.commit().await?;

        let ctx = AuditContext::console();
        let password = Secret::new("a long password 123");
        accounts::add_user(&store, "target", Role::Analyst, None, None, &password, &ctx).await?;
        let mut callers: Vec<(Option<Role>, Option<String>)> = vec![(None, None)];
        for role in Role::ALL {
            let (country, mission) = match role {
                Role::Pcc => (Some("SEN"), None),
                Role::Mission => (None, Some("UNMISS")),
                _ => (None, None),
            };
            let login = format!("as-{role}");
            accounts::add_user(&store, &login, role, country, mission, &password, &ctx).await?;
            let (_, token) = accounts::create_token(&store, &login, "matrix", None, &ctx).await?;
            callers.push((Some(role), Some(token.expose().to_string())));
        }

        let officer = serde_json::from_str(&officer_json(0))?;
        let admin = db
            .user_by_login("as-admin")
            .await?
            .map(|u| accounts::principal(&u))
            .expect("admin");
        let admin = unpol_app::Actor::new(admin, ctx.clone());
        unpol_app::roster::create_officer(&store, &admin, officer).await?;
        let tour = serde_json::from_str(&deployment_json(0).replace("2030", "2029"))?;
        unpol_app::roster::save_deployment(&store, &admin, None, tour).await?;

        let app = unpol_web::app(
            store.clone(),
            // Its request's deadline (2029-12-01) is compared with this day, not the calendar.
            unpol_web::Settings {
                clock: unpol_domain::Clock::on("2026-11-01".parse()?),
                ..Default::default()
            },
        );
        let before = db.audit_entries(&AuditQuery::default()).await?.len();
        let mut refusals = 0;
        for (n, (method, path, allowed)) in MATRIX.iter().enumerate() {
            for (role, token) in &callers {
                let response = app
                    .clone()
                    .oneshot(request(method, path, token.as_deref(), n))
                    .await?;
                let refused = response
                    .headers()
                    .get(REFUSED_HEADER)
                    .map(|v| v.to_str().unwrap_or("").to_string());
                let expected = match (allowed, role) {
                    (Everyone, _) => None,
                    (_, None) => Some("unauthenticated"),
                    (SignedIn, Some(_)) => None,
                    (Only(roles), Some(r)) if roles.contains(r) => None,
                    (Only(_), Some(_)) => Some("forbidden"),
                };
                let who = role.map_or("anonymous".to_string(), |r| r.to_string());
                assert_eq!(
                    refused.as_deref(),
                    expected,
                    "{}: {method} {path} as {who}",
                    t.label
                );
                if expected.is_some() {
                    refusals += 1;
                    let status = response.status();
                    assert!(
                        matches!(
                            status,
                            StatusCode::UNAUTHORIZED
                                | StatusCode::FORBIDDEN
                                | StatusCode::SEE_OTHER
                        ),
                        "{method} {path} as {who}: {status}"
                    );
                } else {
                    assert!(
                        !response.status().is_server_error(),
                        "{method} {path} as {who}: {}",
                        response.status()
                    );
                }
            }
        }
        let entries = db.audit_entries(&AuditQuery::default()).await?;
        let refused_entries = entries[before..]
            .iter()
            .filter(|e| e.event.action == "access.refused")
            .count();
        assert_eq!(
            refused_entries, refusals,
            "{}: every refusal leaves a trace",
            t.label
        );
        assert!(unpol_app::audit::verify_chain(&store, None).await?.is_ok());
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn responses_carry_the_security_headers() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let app = unpol_web::app(t.store(), unpol_web::Settings::default());
    let response = app
        .oneshot(Request::get("/login").body(Body::empty())?)
        .await?;
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str()?;
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert!(headers.contains_key("x-request-id"));
    let cookie = headers["set-cookie"].to_str()?;
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    t.cleanup().await
}

#[tokio::test]
async fn the_openapi_document_lists_every_api_route() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let app = unpol_web::app(t.store(), unpol_web::Settings::default());
    let response = app
        .oneshot(Request::get("/api/v1/openapi.json").body(Body::empty())?)
        .await?;
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await?
        .to_bytes();
    let doc: serde_json::Value = serde_json::from_slice(&bytes)?;
    assert_eq!(doc["openapi"], "3.1.0");
    let api: Vec<_> = ROUTES
        .iter()
        .filter(|r| r.path.starts_with("/api/"))
        .collect();
    for route in &api {
        let op = &doc["paths"][route.path][route.method.to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} is missing from the document",
            route.method,
            route.path
        );
        assert_eq!(op["summary"], route.summary);
        assert!(
            op["tags"][0].is_string(),
            "{} {} has a tag",
            route.method,
            route.path
        );
        // Every answer says what it holds: no empty schema, no route without one.
        let text = op.to_string();
        assert!(
            !text.contains("\"schema\":{}") && !text.contains("no schema yet"),
            "{} {}: an answer or body without a schema: {text}",
            route.method,
            route.path
        );
        let responses = op["responses"].as_object().expect("responses");
        for code in ["413", "415", "422"] {
            assert!(
                responses.contains_key(code),
                "{} {}: {code}",
                route.method,
                route.path
            );
        }
        if matches!(route.method, "PUT")
            || (route.method == "POST"
                && !route.path.ends_with("/deployment")
                && !route.path.ends_with("/disable"))
        {
            assert!(
                op["requestBody"]["content"]["application/json"]["schema"].is_object(),
                "{} {} documents its body",
                route.method,
                route.path
            );
        }
        if route.path.contains("{id}") {
            assert!(
                op["parameters"]
                    .as_array()
                    .is_some_and(|p| p.iter().any(|p| p["name"] == "id" && p["in"] == "path"))
            );
        }
    }
    let listed: usize = doc["paths"].as_object().map_or(0, |p| {
        p.values()
            .map(|i| i.as_object().map_or(0, |o| o.len()))
            .sum()
    });
    assert_eq!(listed, api.len(), "nothing listed that is not routed");
    t.cleanup().await
}
