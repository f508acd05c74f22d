//! Scope in the query: a `pcc` user sees its nationals only, a `mission` user its mission only;
//! a record outside the scope answers 404 and leaves a trace; bad tours are refused with a clear
//! message and change nothing. On SQLite, and on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{call, token_for};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;
use unpol_app::testing::storage::audit::AuditQuery;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

#[tokio::test]
async fn each_caller_reads_only_its_part_of_the_roster() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let demo = common::demo_data(&t.store(), 3).await?;
        let app = unpol_web::app(t.store(), unpol_web::Settings::default());
        let pcc = token_for(&t.store(), "dakar", Role::Pcc, Some("SEN"), None).await?;
        let mission = token_for(&t.store(), "juba", Role::Mission, None, Some("UNMISS")).await?;
        let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;

        let (status, all) = call(&app, "GET", "/api/v1/officers?per_page=500", &hq, None).await?;
        assert_eq!(status, StatusCode::OK);
        // The 6,081 deployed and the pool waiting for force generation.
        assert_eq!(all["total"], 6_081 + demo.available, "{}", t.label);
        let first = &all["items"][0];
        let assessments = first["assessments"].as_array().expect("AMS results");
        assert_eq!(
            assessments.len(),
            3,
            "{}: language, driving, firearms",
            t.label
        );
        assert!(
            assessments
                .iter()
                .all(|a| a["result"] == "passed" && a["valid_until"].is_string())
        );

        let (_, senegal) = call(&app, "GET", "/api/v1/officers?per_page=500", &pcc, None).await?;
        let items = senegal["items"].as_array().expect("items");
        assert!(
            !items.is_empty() && items.iter().all(|o| o["nationality"] == "SEN"),
            "{}",
            t.label
        );
        let (_, sen_via_hq) = call(
            &app,
            "GET",
            "/api/v1/officers?nationality=SEN&per_page=1",
            &hq,
            None,
        )
        .await?;
        assert_eq!(
            senegal["total"], sen_via_hq["total"],
            "{}: every national, nothing else",
            t.label
        );

        let (_, tours) = call(
            &app,
            "GET",
            "/api/v1/deployments?per_page=500",
            &mission,
            None,
        )
        .await?;
        assert!(
            tours["items"]
                .as_array()
                .expect("items")
                .iter()
                .all(|d| d["mission"] == "UNMISS")
        );
        let (_, other) = call(
            &app,
            "GET",
            "/api/v1/deployments?mission=MINUSCA&per_page=1",
            &hq,
            None,
        )
        .await?;
        let foreign_tour = other["items"][0]["id"].as_i64().expect("a MINUSCA tour");
        let foreign_officer = other["items"][0]["officer"].as_i64().expect("its officer");

        let before = t.db.audit_entries(&AuditQuery::default()).await?.len();
        let (status, _) = call(
            &app,
            "GET",
            &format!("/api/v1/deployments/{foreign_tour}"),
            &mission,
            None,
        )
        .await?;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{}: another mission's tour does not exist for you",
            t.label
        );
        let (status, _) = call(
            &app,
            "GET",
            &format!("/api/v1/officers/{foreign_officer}"),
            &mission,
            None,
        )
        .await?;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (_, officer) = call(
            &app,
            "GET",
            &format!("/api/v1/officers/{foreign_officer}"),
            &hq,
            None,
        )
        .await?;
        if officer["nationality"] != "SEN" {
            let (status, _) = call(
                &app,
                "GET",
                &format!("/api/v1/officers/{foreign_officer}"),
                &pcc,
                None,
            )
            .await?;
            assert_eq!(status, StatusCode::NOT_FOUND);
        }
        // The roster export follows the scope too.
        let request = Request::get("/api/v1/roster/export?format=csv")
            .header("authorization", format!("Bearer {pcc}"))
            .body(Body::empty())?;
        let response = app.clone().oneshot(request).await?;
        assert_eq!(response.status(), StatusCode::OK);
        let text = String::from_utf8(response.into_body().collect().await?.to_bytes().to_vec())?;
        let mut lines = text.lines();
        assert!(lines.next().is_some_and(|h| h.starts_with("officer_id,")));
        let exported: Vec<&str> = lines.collect();
        assert_eq!(
            exported.len() as u64,
            senegal["total"].as_u64().expect("total"),
            "{}: every national",
            t.label
        );
        assert!(
            exported.iter().all(|l| l.split(',').nth(3) == Some("SEN")),
            "{}: only nationals",
            t.label
        );

        // Posts and units follow the same scope; posts are filled by tours on the day asked.
        let mut posts = Vec::new();
        for page in 1.. {
            let uri = format!("/api/v1/posts?per_page=500&page={page}&on=2025-07-31");
            let (_, listing) = call(&app, "GET", &uri, &mission, None).await?;
            let items = listing["items"].as_array().expect("items").clone();
            if items.is_empty() {
                break;
            }
            posts.extend(items);
        }
        assert!(
            !posts.is_empty() && posts.iter().all(|p| p["mission"] == "UNMISS"),
            "{}",
            t.label
        );
        let filled = posts.iter().filter(|p| p["filled"] == true).count();
        let (_, vacant) = call(
            &app,
            "GET",
            "/api/v1/posts?vacant=true&on=2025-07-31&per_page=1",
            &mission,
            None,
        )
        .await?;
        assert_eq!(
            vacant["total"].as_u64(),
            Some((posts.len() - filled) as u64),
            "{}: vacant = all - filled",
            t.label
        );
        assert!(
            filled > 0 && filled < posts.len(),
            "{}: some filled, some vacant",
            t.label
        );
        let (_, held) = call(
            &app,
            "GET",
            "/api/v1/posts?vacant=false&on=2025-07-31&per_page=500",
            &mission,
            None,
        )
        .await?;
        let items = held["items"].as_array().expect("items");
        assert!(
            held["total"].as_u64() == Some(filled as u64)
                && !items.is_empty()
                && items.iter().all(|p| p["filled"] == true),
            "{}: vacant=false lists the filled posts only",
            t.label
        );
        let (_, units) = call(
            &app,
            "GET",
            "/api/v1/units?per_page=500&on=2025-07-31",
            &pcc,
            None,
        )
        .await?;
        let units = units["items"].as_array().expect("items").clone();
        assert!(units.iter().all(|u| u["country"] == "SEN"), "{}", t.label);
        let (_, all_units) = call(
            &app,
            "GET",
            "/api/v1/units?per_page=500&on=2025-07-31",
            &hq,
            None,
        )
        .await?;
        let strength: i64 = all_units["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|u| u["women"].as_i64().unwrap_or(0) + u["men"].as_i64().unwrap_or(0))
            .sum();
        let published =
            unpol_app::stats::contributions(&t.store(), "2025-07".parse()?, &Default::default())
                .await?;
        assert_eq!(
            strength as u64, published.categories.formed_police_units.total,
            "{}: units hold the FPUs",
            t.label
        );
        let foreign_unit = all_units["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|u| u["country"] != "SEN")
            .and_then(|u| u["id"].as_i64())
            .expect("a foreign unit");
        let (status, _) = call(
            &app,
            "GET",
            &format!("/api/v1/units/{foreign_unit}"),
            &pcc,
            None,
        )
        .await?;
        assert_eq!(status, StatusCode::NOT_FOUND, "{}", t.label);

        let (status, _) = call(&app, "GET", "/api/v1/officers/99999999", &pcc, None).await?;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let refusals: Vec<_> = t.db.audit_entries(&AuditQuery::default()).await?[before..]
            .iter()
            .filter(|e| e.event.action == "access.refused")
            .map(|e| e.event.record.clone())
            .collect();
        assert!(
            refusals.contains(&format!("deployment:{foreign_tour}")),
            "{}: {refusals:?}",
            t.label
        );
        assert!(refusals.contains(&format!("officer:{foreign_officer}")));
        assert!(
            !refusals.contains(&"officer:99999999".to_string()),
            "a missing record is not a refusal"
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn bad_records_are_refused_with_a_clear_message_and_change_nothing() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let app = unpol_web::app(t.store(), unpol_web::Settings::default());
        let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;
        let pcc = token_for(&t.store(), "dakar", Role::Pcc, Some("SEN"), None).await?;
        let officer = json!({"external_id": "SEN-1", "given_name": "Awa", "family_name": "Sow", "nationality": "Senegal",
            "gender": "female", "birth_date": "1988-02-03", "rank": "Inspector", "vetting": "cleared",
            "languages": [{"language": "fr", "level": 5}], "skills": ["sgbv_investigation"]});
        let (status, created) = call(
            &app,
            "POST",
            "/api/v1/officers",
            &pcc,
            Some(officer.clone()),
        )
        .await?;
        assert_eq!(status, StatusCode::CREATED, "{}: {created}", t.label);
        let id = created["id"].as_i64().expect("id");
        assert_eq!(created["nationality"], "SEN");

        // AMS results: sent on an update, kept by an update that does not send them.
        let mut assessed = officer.clone();
        assessed["assessments"] = json!([{"test": "language", "result": "passed", "taken_on": "2024-03-01",
            "valid_until": "2026-03-01"}, {"test": "firearms", "result": "failed", "taken_on": "2024-03-02"}]);
        let (status, body) = call(
            &app,
            "PUT",
            &format!("/api/v1/officers/{id}"),
            &pcc,
            Some(assessed.clone()),
        )
        .await?;
        assert_eq!(
            (status, body["assessments"].as_array().map(Vec::len)),
            (StatusCode::OK, Some(2)),
            "{body}"
        );
        let (_, body) = call(
            &app,
            "PUT",
            &format!("/api/v1/officers/{id}"),
            &pcc,
            Some(officer.clone()),
        )
        .await?;
        assert_eq!(
            body["assessments"].as_array().map(Vec::len),
            Some(2),
            "{}: kept",
            t.label
        );
        assessed["assessments"][0]["valid_until"] = json!("2023-01-01");
        let (status, _) = call(
            &app,
            "PUT",
            &format!("/api/v1/officers/{id}"),
            &pcc,
            Some(assessed),
        )
        .await?;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        let mut ghanaian = officer.clone();
        ghanaian["external_id"] = json!("GHA-1");
        ghanaian["nationality"] = json!("GHA");
        let (status, body) = call(&app, "POST", "/api/v1/officers", &pcc, Some(ghanaian)).await?;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            body["detail"]
                .as_str()
                .unwrap_or("")
                .contains("nationals of SEN")
        );
        let mut atlantis = officer.clone();
        atlantis["external_id"] = json!("X-1");
        atlantis["nationality"] = json!("Atlantis");
        let (status, body) = call(&app, "POST", "/api/v1/officers", &hq, Some(atlantis)).await?;
        assert_eq!(
            (status, body["detail"].as_str()),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("unknown country `Atlantis`")
            )
        );

        let tour = |ext: &str, start: &str, end: &str, mission: &str| {
            json!({"external_id": ext, "officer": id, "mission": mission, "category": "individual_police",
                   "start": start, "planned_end": end})
        };
        let (status, body) = call(
            &app,
            "POST",
            "/api/v1/deployments",
            &hq,
            Some(tour("T1", "2025-01-01", "2025-12-31", "UNMISS")),
        )
        .await?;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let before = call(&app, "GET", "/api/v1/deployments", &hq, None).await?.1;

        let refused = [
            (
                tour("T2", "2025-06-01", "2026-05-31", "UNMISS"),
                StatusCode::CONFLICT,
                "overlaps the officer's tour 2025-01-01 to 2025-12-31",
            ),
            (
                tour("T3", "2026-06-01", "2026-01-01", "UNMISS"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "must end after it starts",
            ),
            (
                tour("T4", "2026-01-01", "2026-12-31", "UNMISSION"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown mission `UNMISSION`",
            ),
            (
                tour("T1", "2027-01-01", "2027-12-31", "UNMISS"),
                StatusCode::CONFLICT,
                "external id already exists",
            ),
        ];
        for (body, status, message) in refused {
            let (got, problem) = call(&app, "POST", "/api/v1/deployments", &hq, Some(body)).await?;
            assert_eq!(got, status, "{}: {problem}", t.label);
            assert!(
                problem["detail"].as_str().unwrap_or("").contains(message),
                "{}: {problem}",
                t.label
            );
        }
        let after = call(&app, "GET", "/api/v1/deployments", &hq, None).await?.1;
        assert_eq!(before, after, "{}: nothing changed", t.label);

        let (status, rotation) = call(
            &app,
            "POST",
            "/api/v1/deployments",
            &hq,
            Some(tour("T5", "2026-01-01", "2026-12-31", "UNMISS")),
        )
        .await?;
        assert_eq!(
            status,
            StatusCode::CREATED,
            "{}: the next tour the day after: {rotation}",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}
