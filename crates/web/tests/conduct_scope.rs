//! Conduct cases through the API and the pages, as every role (DESIGN.md section 2): a conduct
//! officer reads its mission's cases in full; a focal point reads the cases referred to its
//! country without a victim field or the narrative, in JSON and in HTML; a case out of reach
//! answers like a missing one; headquarters, missions and analysts read no case; an
//! administrator opens one only by breaking the glass, which its conduct officers then see.
//! On SQLite, and on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{call, token_for};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;
use unpol_app::sealed::CaseKey;
use unpol_app::testing::storage::audit::AuditQuery;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

const NARRATIVE: &str = "Narrative 73019 told by a neighbour";
const DETAILS: &str = "Assistance 55102 at the hospital";
const LOCATION: &str = "Location 41877";

async fn page(app: &axum::Router, uri: &str, token: &str) -> anyhow::Result<(StatusCode, String)> {
    let mut request = Request::builder().uri(uri).header("accept-language", "fr");
    if !token.is_empty() {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = request.body(Body::empty())?;
    let response = app.clone().oneshot(request).await?;
    let status = response.status();
    let bytes = response.into_body().collect().await?.to_bytes();
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

fn holds_nothing_confidential(text: &str) -> Result<(), String> {
    for secret in [NARRATIVE, "73019", DETAILS, "55102", LOCATION, "V-7"] {
        if text.contains(secret) {
            return Err(format!("`{secret}` in {text}"));
        }
    }
    Ok(())
}

#[tokio::test]
async fn each_role_reads_conduct_cases_as_design_section_2_says() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store().with_case_key(CaseKey::generate());
        let app = unpol_web::app(store.clone(), common::settings_on("2026-11-20"));
        let cdt = token_for(&store, "cdt-minusca", Role::Conduct, None, Some("MINUSCA")).await?;
        let cdt_unmiss =
            token_for(&store, "cdt-unmiss", Role::Conduct, None, Some("UNMISS")).await?;
        let sen = token_for(&store, "pcc-sen", Role::Pcc, Some("SEN"), None).await?;
        let ken = token_for(&store, "pcc-ken", Role::Pcc, Some("KEN"), None).await?;
        let hq = token_for(&store, "hq", Role::Hq, None, None).await?;
        let analyst = token_for(&store, "analyst", Role::Analyst, None, None).await?;
        let mission = token_for(&store, "minusca", Role::Mission, None, Some("MINUSCA")).await?;
        let admin = token_for(&store, "admin", Role::Admin, None, None).await?;

        let case = json!({
            "mission": "MINUSCA", "allegation": "sexual_exploitation", "location": LOCATION,
            "received_on": "2026-11-02",
            "subjects": [{"category": "individual_police", "nationality": "SEN"}],
            "victims": [{"code": "V-7", "sex": "female", "age_group": "adult", "details": DETAILS}],
            "narrative": NARRATIVE,
        });
        let (status, body) = call(
            &app,
            "POST",
            "/api/v1/conduct/cases",
            &cdt_unmiss,
            Some(case.clone()),
        )
        .await?;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}: {body}",
            t.label
        );
        let (status, body) = call(&app, "POST", "/api/v1/conduct/cases", &cdt, Some(case)).await?;
        assert_eq!(status, StatusCode::CREATED, "{}: {body}", t.label);
        let id = body["id"].as_i64().expect("an id");
        let one = format!("/api/v1/conduct/cases/{id}");

        let (status, body) = call(&app, "GET", &one, &cdt, None).await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["view"], "full");
        assert_eq!(body["narrative"], NARRATIVE);
        assert_eq!(body["victims"][0]["details"], DETAILS);

        // Not referred yet: the focal point knows nothing of it, nor does another mission's
        // conduct officer; a missing case answers the same.
        for token in [&cdt_unmiss, &sen, &ken] {
            let (status, body) = call(&app, "GET", &one, token, None).await?;
            assert_eq!(status, StatusCode::NOT_FOUND, "{}: {body}", t.label);
            let missing = call(&app, "GET", "/api/v1/conduct/cases/9999", token, None).await?;
            assert_eq!(missing, (status, body));
        }
        for token in [&hq, &analyst, &mission, &admin] {
            let (status, _) = call(&app, "GET", &one, token, None).await?;
            assert_eq!(status, StatusCode::FORBIDDEN, "{}", t.label);
            let (status, _) = page(&app, &format!("/conduct/cases/{id}"), token).await?;
            assert_ne!(status, StatusCode::OK, "{}", t.label);
        }

        let steps = format!("{one}/steps");
        for step in [
            json!({"status": "preliminary_assessment", "on": "2026-11-05"}),
            json!({"status": "referred", "on": "2026-11-06", "referred_to": "SEN"}),
        ] {
            let (status, body) = call(&app, "POST", &steps, &cdt, Some(step)).await?;
            assert_eq!(status, StatusCode::OK, "{}: {body}", t.label);
        }

        // The focal point of Senegal: the subject, the dates, the investigation; nothing else.
        let (status, body) = call(&app, "GET", &one, &sen, None).await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["view"], "referred");
        assert_eq!(body["referred_to"], "SEN");
        assert!(body.get("victims").is_none() && body.get("narrative").is_none());
        holds_nothing_confidential(&body.to_string()).map_err(anyhow::Error::msg)?;
        let (status, list) = call(&app, "GET", "/api/v1/conduct/cases", &sen, None).await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        holds_nothing_confidential(&list.to_string()).map_err(anyhow::Error::msg)?;
        let (status, html) = page(&app, &format!("/conduct/cases/{id}"), &sen).await?;
        assert_eq!(status, StatusCode::OK, "{html}");
        assert!(html.contains("Renvoyée"), "the French page: {html}");
        holds_nothing_confidential(&html).map_err(anyhow::Error::msg)?;
        let (status, _) = page(&app, &format!("/conduct/cases/{id}"), &ken).await?;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // The focal point names its investigator; it cannot close the case.
        let named = json!({"status": "investigator_named", "investigator": "contributing_country"});
        let (status, body) = call(&app, "POST", &steps, &sen, Some(named)).await?;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["investigator"], "contributing_country");
        holds_nothing_confidential(&body.to_string()).map_err(anyhow::Error::msg)?;
        let (status, _) = call(
            &app,
            "POST",
            &steps,
            &sen,
            Some(json!({"status": "closed"})),
        )
        .await?;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, _) = call(
            &app,
            "POST",
            &steps,
            &ken,
            Some(json!({"status": "under_investigation"})),
        )
        .await?;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // The administrator breaks the glass; the conduct officer's page shows it.
        let glass = format!("{one}/glass");
        let (status, _) = call(
            &app,
            "POST",
            &glass,
            &admin,
            Some(json!({"reason": "short"})),
        )
        .await?;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let reason = json!({"reason": "court order 2026/88 of the tribunal"});
        let (status, body) = call(&app, "POST", &glass, &admin, Some(reason)).await?;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["narrative"], NARRATIVE);
        let (status, html) = page(&app, &format!("/conduct/cases/{id}"), &cdt).await?;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(NARRATIVE) && html.contains(DETAILS), "{html}");
        assert!(
            html.contains("court order 2026/88 of the tribunal"),
            "{html}"
        );
        assert!(html.contains("pcc-sen"), "who read it: {html}");

        // Every read of the case is in the trail; the refusals of those out of reach too.
        let entries =
            t.db.audit_entries(&AuditQuery {
                record: Some(format!("conduct_case:{id}")),
                ..Default::default()
            })
            .await?;
        let count = |action: &str, actor: &str| {
            entries
                .iter()
                .filter(|e| e.event.action == action && e.event.actor == actor)
                .count()
        };
        assert_eq!(count("conduct.case.read", "pcc-sen"), 2, "{}", t.label);
        assert_eq!(count("conduct.case.read", "cdt-minusca"), 2);
        assert_eq!(count("conduct.case.glass", "admin"), 1);
        assert!(count("access.refused", "pcc-ken") >= 2);
        assert!(count("access.refused", "cdt-unmiss") >= 1);

        // The public figures: for anyone (here an analyst, and a visitor), without a person.
        let (status, figures) =
            call(&app, "GET", "/api/v1/conduct/figures", &analyst, None).await?;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(figures[0]["allegations"], 1);
        holds_nothing_confidential(&figures.to_string()).map_err(anyhow::Error::msg)?;
        let (status, html) = page(&app, "/conduct/figures", "").await?;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("<svg") && html.contains("Exploitation sexuelle"),
            "{html}"
        );
        holds_nothing_confidential(&html).map_err(anyhow::Error::msg)?;
        t.cleanup().await?;
    }
    Ok(())
}
