//! The rotation forecast: every tour of a demo roster ends once within the year, and the women
//! needed among replacements follow the parity target. On SQLite, and on PostgreSQL when
//! UNPOL_TEST_POSTGRES_URL is set.

use unpol_app::demo::{self, DemoOptions};
use unpol_app::forecast;
use unpol_app::stats::{self, StatsError};
use unpol_app::testing::TestStore;
use unpol_domain::access::Scope;
use unpol_domain::rotation::women_needed;
use unpol_domain::{Category, CountryCode, Month};
use unpol_storage::testing::TestDb;

#[tokio::test]
async fn every_tour_of_the_demo_ends_once_within_the_year() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        unpol_app::import::import_bundled(&t.store(), Default::default()).await?;
        let like: Month = "2025-07".parse()?;
        demo::fill(
            &t.store(),
            DemoOptions {
                like,
                scale: 1,
                seed: 5,
                today: like.last_day(),
                history: false,
            },
        )
        .await?;

        let report = forecast::rotations(&t.store(), &actor(Scope::All), like, 13, None).await?;
        let ending: u64 = report
            .lines
            .iter()
            .map(|l| l.ending_women + l.ending_men)
            .sum();
        assert_eq!(
            ending, 6_081,
            "{}: each tour ends once, between 2025-07-31 and 2026-07-30",
            t.label
        );
        let months: std::collections::BTreeSet<Month> =
            report.lines.iter().map(|l| l.month).collect();
        assert_eq!(
            months.len(),
            13,
            "{}: rotations fall in every month",
            t.label
        );

        let schedule = stats::schedule(&t.store()).await?;
        for line in &report.lines {
            let target = schedule
                .target(line.category, line.month.year())
                .map(|t| t.share);
            assert_eq!(line.target, target);
            let ending = line.ending_women + line.ending_men;
            let staying_women =
                line.women_in_strength - line.ending_women.min(line.women_in_strength);
            let expected = target.map(|t| women_needed(line.strength, staying_women, ending, t).0);
            assert_eq!(line.women_needed, expected, "{}: {line:?}", t.label);
        }

        let unmiss =
            forecast::rotations(&t.store(), &actor(Scope::All), like, 13, Some("UNMISS")).await?;
        assert!(
            unmiss.lines.iter().all(|l| l.mission.as_str() == "UNMISS") && !unmiss.lines.is_empty()
        );
        let senegal = CountryCode::parse("SEN")?;
        let pcc = forecast::rotations(&t.store(), &actor(Scope::Country(senegal)), like, 13, None)
            .await?;
        let sen_total: u64 = pcc
            .lines
            .iter()
            .map(|l| l.ending_women + l.ending_men)
            .sum();
        let published = stats::contributions(
            &t.store(),
            like,
            &stats::Narrowing {
                mission: None,
                country: Some("SEN".into()),
            },
        )
        .await?;
        assert_eq!(
            sen_total, published.police.total,
            "{}: a pcc forecasts its nationals only",
            t.label
        );
        assert!(
            pcc.lines
                .iter()
                .all(|l| l.category == Category::IndividualPolice
                    || l.category == Category::FormedPoliceUnits)
        );

        let too_long = forecast::rotations(&t.store(), &actor(Scope::All), like, 100, None).await;
        assert!(matches!(too_long, Err(StatsError::BadWindow { .. })));
        t.cleanup().await?;
    }
    Ok(())
}

/// The console, narrowed to a scope.
fn actor(scope: Scope) -> unpol_app::Actor {
    let mut actor = unpol_app::Actor::console(unpol_domain::Clock::System);
    actor.principal.scope = scope;
    actor
}
