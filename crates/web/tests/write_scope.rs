//! A write never widens what its author may read. For every write route a scoped role may call,
//! a write naming a record outside the caller's scope gets the answer, status and body, of one
//! naming a record that does not exist; the refusal is audited; and afterwards the caller reads
//! exactly what it read before. On SQLite, and on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

mod common;

use axum::Router;
use axum::http::StatusCode;
use common::{call, token_for};
use serde_json::{Value, json};
use unpol_app::testing::storage::audit::AuditQuery;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

/// An id no record has.
const MISSING: i64 = 987_654;

fn officer(id: &str, nationality: &str) -> Value {
    json!({
        "external_id": id, "given_name": "Given", "family_name": id, "nationality": nationality,
        "gender": "female", "birth_date": "1984-04-04", "rank": "Inspector", "vetting": "cleared",
    })
}

fn tour(id: &str, officer: i64, mission: &str, start: &str, end: &str) -> Value {
    json!({
        "external_id": id, "officer": officer, "mission": mission,
        "category": "individual_police", "start": start, "planned_end": end,
    })
}

async fn created(app: &Router, uri: &str, token: &str, body: Value) -> anyhow::Result<i64> {
    let (status, answer) = call(app, "POST", uri, token, Some(body)).await?;
    assert_eq!(status, StatusCode::CREATED, "{uri}: {answer}");
    Ok(answer["id"].as_i64().expect("an id"))
}

/// Everything a caller may list, to compare before and after its refused writes.
async fn everything_read(app: &Router, token: &str) -> anyhow::Result<Vec<Value>> {
    let mut seen = Vec::new();
    for uri in [
        "/api/v1/officers?per_page=500",
        "/api/v1/deployments?per_page=500",
        "/api/v1/posts?per_page=500",
        "/api/v1/units?per_page=500",
        "/api/v1/forcegen/requests",
    ] {
        let (status, body) = call(app, "GET", uri, token, None).await?;
        assert_eq!(status, StatusCode::OK, "{uri}");
        seen.push(body);
    }
    Ok(seen)
}

/// One write, tried once naming a record outside the scope and once naming none.
struct Probe {
    caller: &'static str,
    method: &'static str,
    /// `{id}` is replaced by the record named.
    path: String,
    body: Option<String>,
    outside: i64,
}

#[tokio::test]
async fn a_write_outside_the_scope_reads_as_a_write_about_nothing() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let app = unpol_web::app(t.store(), common::settings_on("2026-11-01"));
        let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;
        let dakar = token_for(&t.store(), "dakar", Role::Pcc, Some("SEN"), None).await?;
        let juba = token_for(&t.store(), "juba", Role::Mission, None, Some("UNMISS")).await?;

        // Senegal's officer serves in UNMISS; Kenya's in MINUSCA.
        let senegalese = created(&app, "/api/v1/officers", &hq, officer("S1", "SEN")).await?;
        let kenyan = created(&app, "/api/v1/officers", &hq, officer("K1", "KEN")).await?;
        let s_tour = tour("TS", senegalese, "UNMISS", "2025-01-01", "2025-12-31");
        created(&app, "/api/v1/deployments", &hq, s_tour).await?;
        let k_tour = tour("TK", kenyan, "MINUSCA", "2025-01-01", "2025-12-31");
        let kenyan_tour = created(&app, "/api/v1/deployments", &hq, k_tour).await?;
        // The Senegalese officer's next tour is in MINUSCA, which the mission does not see.
        let s_next = tour("TS2", senegalese, "MINUSCA", "2026-01-01", "2026-12-31");
        created(&app, "/api/v1/deployments", &hq, s_next).await?;
        let post = json!({"external_id": "P-MINUSCA", "mission": "MINUSCA", "title": "Adviser", "category": "individual_police"});
        let minusca_post = created(&app, "/api/v1/posts", &hq, post).await?;
        let unit = json!({"external_id": "U-KEN", "kind": "formed_police_units", "country": "KEN", "mission": "MINUSCA", "designation": "KENFPU 1"});
        let minusca_unit = created(&app, "/api/v1/units", &hq, unit).await?;
        let request = json!({
            "mission": "MINUSCA", "title": "Advisers", "posts": 2, "min_rank": "Inspector",
            "start": "2030-05-01", "deadline": "2030-02-01", "countries": ["KEN"],
        });
        let kenyan_request = created(&app, "/api/v1/forcegen/requests", &hq, request).await?;
        let (status, sent) = call(
            &app,
            "POST",
            &format!("/api/v1/forcegen/requests/{kenyan_request}/steps"),
            &hq,
            Some(json!({"status": "sent"})),
        )
        .await?;
        assert_eq!(status, StatusCode::OK, "{sent}");

        let far_future = |officer: &str| {
            format!(
                r#"{{"external_id": "T-FAR", "officer": {officer}, "mission": "UNMISS", "category": "individual_police", "start": "2040-01-01", "planned_end": "2040-12-31"}}"#
            )
        };
        let on_record = |field: &str| {
            format!(
                r#"{{"external_id": "T-X", "officer": {senegalese}, "{field}": {{id}}, "mission": "UNMISS", "category": "formed_police_units", "start": "2041-01-01", "planned_end": "2041-12-31"}}"#
            )
        };
        let probes = [
            // A mission's staff: a tour of an officer it does not see (the widening write).
            Probe {
                caller: "juba",
                method: "POST",
                path: "/api/v1/deployments".into(),
                body: Some(far_future("{id}")),
                outside: kenyan,
            },
            Probe {
                caller: "juba",
                method: "POST",
                path: "/api/v1/deployments".into(),
                body: Some(on_record("post")),
                outside: minusca_post,
            },
            Probe {
                caller: "juba",
                method: "POST",
                path: "/api/v1/deployments".into(),
                body: Some(on_record("unit")),
                outside: minusca_unit,
            },
            Probe {
                caller: "juba",
                method: "PUT",
                path: "/api/v1/deployments/{id}".into(),
                body: Some(far_future(&senegalese.to_string())),
                outside: kenyan_tour,
            },
            Probe {
                caller: "juba",
                method: "PUT",
                path: "/api/v1/posts/{id}".into(),
                body: Some(
                    r#"{"external_id": "P-X", "mission": "UNMISS", "title": "Adviser", "category": "individual_police"}"#.into(),
                ),
                outside: minusca_post,
            },
            Probe {
                caller: "juba",
                method: "PUT",
                path: "/api/v1/units/{id}".into(),
                body: Some(
                    r#"{"external_id": "U-X", "kind": "formed_police_units", "country": "SEN", "mission": "UNMISS", "designation": "X"}"#.into(),
                ),
                outside: minusca_unit,
            },
            // A contributing country: another country's officer and request.
            Probe {
                caller: "dakar",
                method: "PUT",
                path: "/api/v1/officers/{id}".into(),
                body: Some(officer("S9", "SEN").to_string()),
                outside: kenyan,
            },
            Probe {
                caller: "dakar",
                method: "POST",
                path: "/api/v1/forcegen/requests/{id}/nominations".into(),
                body: Some(format!(r#"{{"officer": {senegalese}}}"#)),
                outside: kenyan_request,
            },
            Probe {
                caller: "dakar",
                method: "POST",
                path: format!("/api/v1/forcegen/requests/{kenyan_request}/nominations"),
                body: Some(r#"{"officer": {id}}"#.into()),
                outside: kenyan,
            },
            Probe {
                caller: "dakar",
                method: "POST",
                path: "/api/v1/forcegen/requests/{id}/selection".into(),
                body: Some("{}".into()),
                outside: kenyan_request,
            },
        ];

        let before_juba = everything_read(&app, &juba).await?;
        let before_dakar = everything_read(&app, &dakar).await?;
        let refusals_before = refusals(&t.db).await?;
        let mut outside_refused = 0;
        for probe in &probes {
            let token = if probe.caller == "juba" {
                &juba
            } else {
                &dakar
            };
            let mut answers = Vec::new();
            for id in [probe.outside, MISSING] {
                let path = probe.path.replace("{id}", &id.to_string());
                let body = probe
                    .body
                    .as_ref()
                    .map(|b| serde_json::from_str(&b.replace("{id}", &id.to_string())))
                    .transpose()?;
                let (status, answer) = call(&app, probe.method, &path, token, body).await?;
                assert!(
                    status.is_client_error(),
                    "{}: {} {path} as {}: {status} {answer}",
                    t.label,
                    probe.method,
                    probe.caller
                );
                // The caller's own id in the answer is no leak; anything else would be.
                let answer = without_number(&answer.to_string(), id);
                answers.push((status, answer));
            }
            assert_eq!(
                answers[0], answers[1],
                "{}: {} {} as {}: outside the scope, then missing",
                t.label, probe.method, probe.path, probe.caller
            );
            if answers[0].0 != StatusCode::FORBIDDEN {
                outside_refused += 1;
            }
        }
        // A tour overlapping one the mission cannot read is refused without its dates or mission.
        let overlapping = tour("T-OV", senegalese, "UNMISS", "2026-06-01", "2026-09-30");
        let (status, answer) = call(
            &app,
            "POST",
            "/api/v1/deployments",
            &juba,
            Some(overlapping),
        )
        .await?;
        assert_eq!(status, StatusCode::CONFLICT, "{}: {answer}", t.label);
        let text = answer.to_string();
        for secret in ["2026-01-01", "2026-12-31", "MINUSCA"] {
            assert!(
                !text.contains(secret),
                "{}: `{secret}` leaked: {text}",
                t.label
            );
        }
        assert_eq!(
            everything_read(&app, &juba).await?,
            before_juba,
            "{}: the mission reads what it read",
            t.label
        );
        assert_eq!(
            everything_read(&app, &dakar).await?,
            before_dakar,
            "{}: the country reads what it read",
            t.label
        );
        // An external id is its owner's reference: one another country or mission uses is free
        // here, so a create says nothing about it.
        let own_k1 = call(
            &app,
            "POST",
            "/api/v1/officers",
            &dakar,
            Some(officer("K1", "SEN")),
        )
        .await?;
        assert_eq!(own_k1.0, StatusCode::CREATED, "{}: {}", t.label, own_k1.1);
        let post = json!({"external_id": "P-MINUSCA", "mission": "UNMISS", "title": "Adviser", "category": "individual_police"});
        let own_post = call(&app, "POST", "/api/v1/posts", &juba, Some(post)).await?;
        assert_eq!(
            own_post.0,
            StatusCode::CREATED,
            "{}: {}",
            t.label,
            own_post.1
        );
        let tk = tour("TK", senegalese, "UNMISS", "2030-01-01", "2030-06-30");
        let own_tk = call(&app, "POST", "/api/v1/deployments", &juba, Some(tk)).await?;
        assert_eq!(own_tk.0, StatusCode::CREATED, "{}: {}", t.label, own_tk.1);
        let (status, _) = call(
            &app,
            "GET",
            &format!("/api/v1/officers/{kenyan}"),
            &juba,
            None,
        )
        .await?;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", t.label);
        // Each refusal that reached a record outside the scope left a trace (a refused role, 403,
        // is audited by the guard).
        assert!(
            refusals(&t.db).await? >= refusals_before + outside_refused,
            "{}: every refusal is in the audit trail",
            t.label
        );
    }
    Ok(())
}

async fn refusals(db: &unpol_app::testing::storage::Database) -> anyhow::Result<usize> {
    let entries = db.audit_entries(&AuditQuery::default()).await?;
    Ok(entries
        .iter()
        .filter(|e| e.event.action == "access.refused")
        .count())
}

/// The text with every whole number `n` (not a part of a longer number) written `{id}`.
fn without_number(text: &str, n: i64) -> String {
    let n = n.to_string();
    let mut out = String::new();
    let mut digits = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        if digits == n {
            out.push_str("{id}");
        } else {
            out.push_str(&digits);
        }
        digits.clear();
        out.push(c);
    }
    out.pop();
    out
}
