//! The database itself refuses overlapping tours and tours that end before they start, on both
//! backends, whatever code writes the row.

use chrono::NaiveDate;
use unpol_domain::roster::{Deployment, DeploymentId, Gender, Officer, OfficerId};
use unpol_domain::{Category, CountryCode, MissionCode};
use unpol_storage::roster::RosterLoad;
use unpol_storage::testing::TestDb;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn officer() -> Officer {
    Officer {
        id: OfficerId(1),
        external_id: "SEN-1".into(),
        given_name: "Aminata".into(),
        family_name: "Diop".into(),
        nationality: CountryCode::parse("SEN").expect("code"),
        gender: Gender::Female,
        birth_date: day("1985-03-01"),
        rank: "Inspector".into(),
        languages: vec![],
        skills: vec![],
        vetting: "cleared".into(),
        assessments: vec![],
    }
}

fn tour(id: i64, start: &str, end: &str) -> Deployment {
    Deployment {
        id: DeploymentId(id),
        external_id: format!("T-{id}"),
        officer: OfficerId(1),
        unit: None,
        mission: MissionCode::parse("UNMISS").expect("code"),
        post: None,
        category: Category::IndividualPolice,
        start: day(start),
        planned_end: day(end),
        actual_end: None,
        end_reason: None,
    }
}

#[tokio::test]
async fn the_database_refuses_overlapping_and_backward_tours() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let overlapping = RosterLoad {
            officers: vec![officer()],
            deployments: vec![
                tour(1, "2025-01-01", "2025-12-31"),
                tour(2, "2025-12-31", "2026-06-30"),
            ],
            ..RosterLoad::default()
        };
        let error =
            t.db.load_roster(&overlapping)
                .await
                .expect_err("overlap refused");
        assert!(
            format!("{error:#}").contains("overlap"),
            "{}: {error:#}",
            t.label
        );
        assert!(
            t.db.roster_is_empty().await?,
            "{}: nothing written",
            t.label
        );

        let backward = RosterLoad {
            officers: vec![officer()],
            deployments: vec![tour(1, "2025-06-01", "2025-05-01")],
            ..RosterLoad::default()
        };
        assert!(
            t.db.load_roster(&backward).await.is_err(),
            "{}: end before start",
            t.label
        );

        let rotation = RosterLoad {
            officers: vec![officer()],
            deployments: vec![
                tour(1, "2025-01-01", "2025-12-31"),
                tour(2, "2026-01-01", "2026-12-31"),
            ],
            ..RosterLoad::default()
        };
        t.db.load_roster(&rotation).await?;
        let figures = t.db.records_figures("2026-01".parse()?).await?;
        assert_eq!(figures.len(), 1, "{}", t.label);
        assert_eq!(figures[0].headcount.women, 1);
        t.cleanup().await?;
    }
    Ok(())
}
