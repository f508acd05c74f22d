//! Incidents on both backends: who records and reads what (DESIGN.md section 2), every value
//! checked, a refusal audited, a follow-up kept, a GED import idempotent and all-or-nothing.

use chrono::NaiveDate;
use unpol_app::Actor;
use unpol_app::accounts::AuditContext;
use unpol_app::incidents::{self, ImportError, IncidentInput, Query, VictimsInput};
use unpol_app::testing::TestStore;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::incident::{Grouping, IncidentStatus, VictimAge, VictimSex};
use unpol_domain::{Clock, MissionCode};
use unpol_storage::officers::WriteError;
use unpol_storage::testing::TestDb;

fn actor(login: &str, role: Role, scope: Scope) -> Actor {
    let today: NaiveDate = "2026-11-02".parse().expect("a day");
    Actor::new(
        Principal {
            user_id: 1,
            login: login.into(),
            role,
            scope,
        },
        AuditContext {
            actor: login.into(),
            ..AuditContext::console().with_clock(Clock::on(today))
        },
    )
}

fn mission(code: &str) -> Scope {
    Scope::Mission(MissionCode::parse(code).expect("a mission"))
}

fn reported() -> IncidentInput {
    IncidentInput {
        mission: "MINUSCA".into(),
        category: "threat_to_personnel".into(),
        started_on: "2026-10-30".parse().expect("a day"),
        adm1: "Ouaka".into(),
        place: "Bambari".into(),
        latitude: Some(5.76),
        longitude: Some(20.67),
        actors: "armed group".into(),
        injuries: Some(2),
        victims: vec![
            VictimsInput {
                sex: "female".into(),
                age_group: "child".into(),
                count: 1,
            },
            VictimsInput {
                sex: "female".into(),
                age_group: "child".into(),
                count: 2,
            },
        ],
        description: "Patrol fired upon near the bridge".into(),
        ..IncidentInput::default()
    }
}

fn refusal(result: Result<i64, WriteError>) -> String {
    match result {
        Err(WriteError::Refused { message, .. }) => message.english(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn mission_staff_record_and_read_their_own_mission_only() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let minusca = actor("minusca", Role::Mission, mission("MINUSCA"));
        let unmiss = actor("unmiss", Role::Mission, mission("UNMISS"));
        let hq = actor("hq", Role::Hq, Scope::All);
        let analyst = actor("analyst", Role::Analyst, Scope::All);
        let conduct = actor("cdt", Role::Conduct, Scope::All);

        let id = incidents::record(&store, &minusca, &reported()).await?;
        let read = incidents::incident(&store, &hq, id)
            .await?
            .expect("headquarters reads it");
        let victims: Vec<_> = read
            .incident
            .victims
            .iter()
            .map(|v| (v.sex, v.age, v.count))
            .collect();
        assert_eq!(
            victims,
            [(VictimSex::Female, VictimAge::Child, 3)],
            "{}: same group summed",
            t.label
        );
        assert_eq!(read.incident.injuries, Some(2));

        // Another mission's staff, analysts and conduct officers read nothing of it.
        for other in [&unmiss, &analyst, &conduct] {
            assert!(
                incidents::incident(&store, other, id).await?.is_none(),
                "{}",
                t.label
            );
            assert!(
                incidents::list(&store, other, &Query::default())
                    .await?
                    .is_empty(),
                "{}",
                t.label
            );
        }
        let asked = Query {
            mission: Some("MINUSCA".into()),
            ..Query::default()
        };
        assert!(
            incidents::list(&store, &unmiss, &asked).await?.is_empty(),
            "{}",
            t.label
        );
        // Analysts count; the others out of scope count nothing.
        let by_category =
            incidents::stats(&store, &analyst, &Query::default(), Grouping::Category).await?;
        assert_eq!(by_category.len(), 1, "{}", t.label);
        assert!(
            incidents::stats(&store, &unmiss, &Query::default(), Grouping::Year)
                .await?
                .is_empty()
        );

        // Writing: another mission, a wrong value, a half point, a future day, a focal point.
        let mut theirs = reported();
        theirs.mission = "UNMISS".into();
        assert_eq!(
            refusal(incidents::record(&store, &minusca, &theirs).await),
            "you may only record incidents of MINUSCA"
        );
        let mut wrong = reported();
        wrong.category = "riot".into();
        assert!(
            refusal(incidents::record(&store, &minusca, &wrong).await)
                .starts_with("unknown incident_category `riot`")
        );
        let mut half = reported();
        half.longitude = None;
        assert!(refusal(incidents::record(&store, &minusca, &half).await).contains("latitude"));
        let mut later = reported();
        later.started_on = "2026-11-03".parse()?;
        assert!(refusal(incidents::record(&store, &minusca, &later).await).contains("after today"));
        let mut huge = reported();
        huge.deaths = u32::MAX;
        assert!(
            refusal(incidents::record(&store, &minusca, &huge).await)
                .starts_with("deaths cannot be above")
        );
        let pcc = actor(
            "sen",
            Role::Pcc,
            Scope::Country(unpol_domain::CountryCode::parse("SEN")?),
        );
        assert!(
            refusal(incidents::record(&store, &pcc, &reported()).await)
                .starts_with("only headquarters")
        );

        // A follow-up by another mission's staff is "not found", and audited as a refusal.
        let outside = incidents::follow_up(&store, &unmiss, id, "closed", "done").await;
        assert!(
            matches!(outside, Err(WriteError::NotFound)),
            "{}: {outside:?}",
            t.label
        );
        incidents::follow_up(&store, &minusca, id, "followed_up", "Joint patrol sent").await?;
        let read = incidents::incident(&store, &minusca, id)
            .await?
            .expect("its own");
        assert_eq!(read.incident.status, IncidentStatus::FollowedUp);
        assert_eq!(read.incident.follow_up, "Joint patrol sent");
        let record = format!("incident:{id}");
        let trail = t.db.audit_chain().await?;
        let refused: Vec<_> = trail
            .iter()
            .filter(|e| e.event.action == "access.refused" && e.event.record == record)
            .map(|e| e.event.actor.as_str())
            .collect();
        assert!(
            refused.contains(&"unmiss") && refused.contains(&"analyst"),
            "{}: {refused:?}",
            t.label
        );
        assert!(
            trail
                .iter()
                .any(|e| e.event.action == "incident.record" && e.event.record == record)
        );
    }
    Ok(())
}

const GED_HEADER: &str = "id,type_of_violence,side_a,side_b,source_headline,where_prec,where_coordinates,adm_1,adm_2,country,date_prec,date_start,date_end,best,high,low,latitude,longitude";

fn ged_row(id: u32, country: &str, day: &str, best: u32) -> String {
    format!(
        "{id},3,Group,Civilians,h,1,Bangui,Bangui province,,{country},1,{day},{day},{best},{best},{best},4.36,18.58"
    )
}

#[tokio::test]
async fn a_ged_import_is_idempotent_and_all_or_nothing() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let hq = actor("hq", Role::Hq, Scope::All);
        let good = [
            GED_HEADER.to_string(),
            ged_row(1, "Central African Republic", "2015-01-02", 4),
            ged_row(2, "Central African Republic", "2015-03-02", 1),
        ]
        .join("\n");
        let first =
            incidents::import_ucdp(&store, &hq, "a.csv", good.as_bytes(), "minusca").await?;
        assert_eq!((first.inserted, first.unchanged), (2, 0), "{}", t.label);
        let again =
            incidents::import_ucdp(&store, &hq, "a.csv", good.as_bytes(), "MINUSCA").await?;
        assert_eq!((again.inserted, again.unchanged), (0, 2), "{}", t.label);

        let bad = [
            GED_HEADER.to_string(),
            ged_row(3, "Central African Republic", "2016-01-02", 1),
            ged_row(4, "Mali", "2016-01-02", 1),
        ]
        .join("\n");
        match incidents::import_ucdp(&store, &hq, "b.csv", bad.as_bytes(), "MINUSCA").await {
            Err(ImportError::Invalid { rejected, .. }) => {
                assert_eq!(rejected.len(), 1);
                assert_eq!(rejected[0].line, 3, "{}", t.label);
            }
            other => panic!("{}: {other:?}", t.label),
        }
        let years = incidents::stats(&store, &hq, &Query::default(), Grouping::Year).await?;
        let counts: Vec<_> = years
            .iter()
            .map(|y| (y.key.as_str(), y.events, y.deaths))
            .collect();
        assert_eq!(
            counts,
            [("2015", 2, 5)],
            "{}: the refused file wrote nothing",
            t.label
        );
    }
    Ok(())
}
