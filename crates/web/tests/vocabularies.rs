//! The controlled vocabularies through the API: an officer, a request or a tour with a rank,
//! skill, language or end-of-tour reason outside its list is refused (422) with the known values,
//! and nothing is written. (The form is tried in Chromium, the command line and roster files by
//! the command-line tests.)

mod common;

use axum::http::StatusCode;
use common::{call, token_for};
use serde_json::{Value, json};
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

fn officer(rank: &str, skills: &[&str], language: &str) -> Value {
    json!({
        "external_id": "SEN-V-1", "given_name": "Awa", "family_name": "Diop", "nationality": "SEN",
        "gender": "female", "birth_date": "1985-05-05", "rank": rank, "vetting": "cleared",
        "languages": [{"language": language, "level": 4}], "skills": skills,
    })
}

fn request(min_rank: &str, skills: &[&str], language: &str) -> Value {
    json!({
        "mission": "MINUSCA", "title": "Advisers", "posts": 2, "min_rank": min_rank,
        "languages": [{"language": language, "level": 3}], "skills": skills,
        "start": "2027-05-01", "deadline": "2027-02-01", "countries": ["SEN"],
    })
}

async fn refused(
    app: &axum::Router,
    token: &str,
    uri: &str,
    body: Value,
    says: &str,
) -> anyhow::Result<()> {
    let (status, answer) = call(app, "POST", uri, token, Some(body)).await?;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {answer}");
    let detail = answer["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(says), "{uri}: {detail}");
    Ok(())
}

#[tokio::test]
async fn the_api_refuses_values_outside_the_vocabularies() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let app = unpol_web::app(t.store(), common::settings_on("2026-11-01"));
        let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;
        let officers = "/api/v1/officers";
        for (body, says) in [
            (
                officer("Colonel", &[], "fr"),
                "unknown rank `Colonel`; one of: Constable, Corporal",
            ),
            (
                officer("Inspector", &["sgbv"], "fr"),
                "unknown skill `sgbv`; one of: community_policing, sgbv_investigation",
            ),
            (
                officer("Inspector", &[], "fra"),
                "unknown language `fra`; one of: af, am, ar",
            ),
        ] {
            refused(&app, &hq, officers, body, says).await?;
        }
        let requests = "/api/v1/forcegen/requests";
        for (body, says) in [
            (request("Colonel", &[], "fr"), "unknown rank `Colonel`"),
            (
                request("Inspector", &["sgbv", "investigations"], "fr"),
                "unknown skill `sgbv`",
            ),
            (request("Inspector", &[], "FR"), "unknown language `FR`"),
        ] {
            refused(&app, &hq, requests, body, says).await?;
        }
        let (_, listed) = call(&app, "GET", officers, &hq, None).await?;
        assert_eq!(listed["total"], 0, "{}: nothing was written", t.label);
        let (_, listed) = call(&app, "GET", requests, &hq, None).await?;
        assert_eq!(listed, json!([]));

        // The known values pass, ranks in any case, and come back as the vocabulary writes them.
        let (status, saved) = call(
            &app,
            "POST",
            officers,
            &hq,
            Some(officer("chief inspector", &["sgbv_investigation"], "fr")),
        )
        .await?;
        assert_eq!(status, StatusCode::CREATED, "{saved}");
        assert_eq!(saved["rank"], "Chief Inspector");
        let tour = json!({
            "external_id": "T-V-1", "officer": saved["id"], "mission": "MINUSCA",
            "category": "individual_police", "start": "2026-01-01", "planned_end": "2026-12-31",
            "actual_end": "2026-06-30", "end_reason": "fired",
        });
        refused(
            &app,
            &hq,
            "/api/v1/deployments",
            tour,
            "unknown end reason `fired`; one of: end_of_tour",
        )
        .await?;
        t.cleanup().await?;
    }
    Ok(())
}
