//! Force generation through the API, as each caller: a country's focal point sees only the
//! requests sent to its country and nominates only its nationals; a request outside its scope
//! answers 404 and the refusal is audited; headquarters plans, selects and deploys. On SQLite, and
//! on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

mod common;

use axum::http::StatusCode;
use common::{call, token_for};
use serde_json::{Value, json};
use unpol_app::testing::storage::audit::AuditQuery;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

fn officer(id: &str, nationality: &str, gender: &str) -> Value {
    let pass = |test: &str| json!({"test": test, "result": "passed", "taken_on": "2026-09-01", "valid_until": "2028-09-01"});
    json!({
        "external_id": id, "given_name": "Given", "family_name": id, "nationality": nationality,
        "gender": gender, "birth_date": "1984-04-04", "rank": "Inspector", "vetting": "cleared",
        "languages": [{"language": "fr", "level": 4}], "skills": ["sgbv_investigation"],
        "assessments": [pass("language"), pass("driving"), pass("firearms")],
    })
}

#[tokio::test]
async fn a_country_sees_and_nominates_only_its_own() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        // The request's deadline (2027-02-01) is still ahead on the server's day.
        let app = unpol_web::app(t.store(), common::settings_on("2026-11-01"));
        let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;
        let dakar = token_for(&t.store(), "dakar", Role::Pcc, Some("SEN"), None).await?;
        let nairobi = token_for(&t.store(), "nairobi", Role::Pcc, Some("KEN"), None).await?;

        let mut ids = Vec::new();
        for (id, country, gender, token) in [
            ("S1", "SEN", "female", &dakar),
            ("S2", "SEN", "male", &dakar),
            ("K1", "KEN", "female", &nairobi),
        ] {
            let (status, body) = call(
                &app,
                "POST",
                "/api/v1/officers",
                token,
                Some(officer(id, country, gender)),
            )
            .await?;
            assert_eq!(status, StatusCode::CREATED, "{body}");
            ids.push(body["id"].as_i64().expect("id"));
        }
        let request = json!({
            "mission": "MINUSCA", "title": "Investigators", "posts": 2, "min_rank": "Inspector",
            "languages": [{"language": "fr", "level": 3}], "skills": ["sgbv_investigation"],
            "start": "2027-05-01", "deadline": "2027-02-01", "countries": ["SEN"],
        });
        let (status, body) = call(
            &app,
            "POST",
            "/api/v1/forcegen/requests",
            &dakar,
            Some(request.clone()),
        )
        .await?;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "a country does not ask for officers: {body}"
        );
        let (status, created) = call(
            &app,
            "POST",
            "/api/v1/forcegen/requests",
            &hq,
            Some(request),
        )
        .await?;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["id"].as_i64().expect("id");
        let base = format!("/api/v1/forcegen/requests/{id}");
        assert_eq!(created["status"], "draft");
        // Until it is sent, the request is not Senegal's to see.
        let (status, list) = call(&app, "GET", "/api/v1/forcegen/requests", &dakar, None).await?;
        assert_eq!((status, list), (StatusCode::OK, json!([])));
        let (status, body) =
            step(&app, &base, &hq, json!({"status": "nominations_closed"})).await?;
        assert_eq!(status, StatusCode::CONFLICT, "out of order: {body}");
        let (status, sent) = step(
            &app,
            &base,
            &hq,
            json!({"status": "sent", "on": "2026-11-01"}),
        )
        .await?;
        assert_eq!(status, StatusCode::OK, "{sent}");
        assert_eq!(sent["status"], "sent");

        // Kenya was not asked: the request does not exist for it, and its probe is audited.
        let (status, list) = call(&app, "GET", "/api/v1/forcegen/requests", &nairobi, None).await?;
        assert_eq!((status, list), (StatusCode::OK, json!([])), "{}", t.label);
        let before = t.db.audit_entries(&AuditQuery::default()).await?.len();
        let (status, _) = call(&app, "GET", &base, &nairobi, None).await?;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = call(
            &app,
            "POST",
            &format!("{base}/nominations"),
            &nairobi,
            Some(json!({"officer": ids[2]})),
        )
        .await?;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let refusals: Vec<String> = t.db.audit_entries(&AuditQuery::default()).await?[before..]
            .iter()
            .filter(|e| e.event.action == "access.refused")
            .map(|e| e.event.record.clone())
            .collect();
        assert_eq!(
            refusals,
            [format!("fg_request:{id}"), format!("fg_request:{id}")],
            "{}",
            t.label
        );

        // Senegal sees it, nominates its nationals, and cannot nominate Kenya's officer.
        let (status, list) = call(&app, "GET", "/api/v1/forcegen/requests", &dakar, None).await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        for officer in &ids[..2] {
            let (status, body) = call(
                &app,
                "POST",
                &format!("{base}/nominations"),
                &dakar,
                Some(json!({"officer": officer})),
            )
            .await?;
            assert_eq!(status, StatusCode::CREATED, "{body}");
        }
        let (status, _) = call(
            &app,
            "POST",
            &format!("{base}/nominations"),
            &dakar,
            Some(json!({"officer": ids[2]})),
        )
        .await?;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "another country's officer is not there for Senegal"
        );
        let (status, body) = call(&app, "GET", &format!("{base}/plan"), &dakar, None).await?;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

        let (status, plan) =
            call(&app, "GET", &format!("{base}/plan?women=0.5"), &hq, None).await?;
        assert_eq!(status, StatusCode::OK, "{plan}");
        assert_eq!(plan["selected"].as_array().map(Vec::len), Some(2), "{plan}");
        assert_eq!(plan["women_rule"]["source"], "given");
        let (status, _) = call(&app, "GET", &format!("{base}/plan?women=2"), &hq, None).await?;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, plan) = call(&app, "GET", &format!("{base}/plan?cap=0.75"), &hq, None).await?;
        assert_eq!(status, StatusCode::OK, "{plan}");
        assert_eq!(
            plan["country_cap"], 0.75,
            "the cap asked, not the request's"
        );
        for cap in ["0", "1.5", "half"] {
            let (status, body) =
                call(&app, "GET", &format!("{base}/plan?cap={cap}"), &hq, None).await?;
            assert_eq!(status, StatusCode::BAD_REQUEST, "cap {cap}: {body}");
        }
        let (status, body) = call(
            &app,
            "POST",
            &format!("{base}/selection"),
            &hq,
            Some(json!({})),
        )
        .await?;
        assert_eq!(
            status,
            StatusCode::CONFLICT,
            "nominations are still open: {body}"
        );
        let (status, body) =
            step(&app, &base, &hq, json!({"status": "nominations_closed"})).await?;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = call(
            &app,
            "POST",
            &format!("{base}/selection"),
            &hq,
            Some(json!({})),
        )
        .await?;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, body) = call(&app, "POST", &format!("{base}/deployment"), &hq, None).await?;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        assert_eq!(body["deployments"].as_array().map(Vec::len), Some(2));
        // Twice through the API: the second is refused, and selecting again finds no open post.
        let (status, body) = call(&app, "POST", &format!("{base}/deployment"), &hq, None).await?;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, body) = call(
            &app,
            "POST",
            &format!("{base}/selection"),
            &hq,
            Some(json!({})),
        )
        .await?;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        let (status, plan) = call(&app, "GET", &format!("{base}/plan"), &hq, None).await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (
                plan["open_posts"].as_u64(),
                plan["selected"].as_array().map(Vec::len)
            ),
            (Some(0), Some(0)),
            "{plan}"
        );
        let (status, tours) = call(
            &app,
            "GET",
            "/api/v1/deployments?mission=MINUSCA",
            &dakar,
            None,
        )
        .await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            tours["total"], 2,
            "Senegal sees its deployed nationals' tours: {tours}"
        );
        t.cleanup().await?;
    }
    Ok(())
}

/// Moves a request one step through the API as the caller.
async fn step(
    app: &axum::Router,
    base: &str,
    token: &str,
    body: serde_json::Value,
) -> anyhow::Result<(StatusCode, serde_json::Value)> {
    call(app, "POST", &format!("{base}/steps"), token, Some(body)).await
}
