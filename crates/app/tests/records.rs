//! The roster's own monthly report: a demo shaped on a month gives back that month's published
//! figures, cell by cell. On SQLite always, on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

use std::collections::BTreeMap;

use unpol_app::demo::{self, DemoError, DemoOptions};
use unpol_app::stats::{self, Narrowing};
use unpol_app::testing::TestStore;
use unpol_domain::published::{Level, PublishedFigure};
use unpol_domain::{Headcount, Month};
use unpol_storage::published::FigureFilter;
use unpol_storage::testing::TestDb;

fn police_cells(figures: &[PublishedFigure]) -> BTreeMap<String, Headcount> {
    figures
        .iter()
        .filter(|f| f.category.is_police() && f.headcount.total() > 0)
        .map(|f| {
            (
                format!("{:?} {} {}", f.mission, f.country, f.category),
                f.headcount,
            )
        })
        .fold(BTreeMap::new(), |mut cells, (key, h)| {
            *cells.entry(key).or_default() += h;
            cells
        })
}

#[tokio::test]
async fn a_demo_gives_back_the_published_month_cell_by_cell() -> anyhow::Result<()> {
    for month in ["2015-01", "2018-01", "2025-07"] {
        let month: Month = month.parse()?;
        for t in TestDb::all().await? {
            unpol_app::import::import_bundled(&t.store(), Default::default()).await?;
            demo::fill(
                &t.store(),
                DemoOptions {
                    like: month,
                    scale: 1,
                    seed: 42,
                    today: month.last_day(),
                    history: false,
                },
            )
            .await?;
            let published =
                t.db.published_figures(month, Level::Mission, &FigureFilter::default())
                    .await?;
            let records = t.db.records_figures(month).await?;
            assert_eq!(
                police_cells(&records),
                police_cells(&published),
                "{} {month}",
                t.label
            );

            let from_records =
                stats::contributions_from_records(&t.store(), month, &Narrowing::default()).await?;
            let from_published =
                stats::contributions(&t.store(), month, &Narrowing::default()).await?;
            assert_eq!(
                from_records.police, from_published.police,
                "{} {month}",
                t.label
            );
            assert_eq!(from_records.missions, from_published.missions);
            assert_eq!(from_records.countries, from_published.countries);
            t.cleanup().await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn the_demo_scales_is_deterministic_and_fills_only_an_empty_roster() -> anyhow::Result<()> {
    let month: Month = "2025-07".parse()?;
    let mut rosters = Vec::new();
    for _ in 0..2 {
        let t = TestDb::sqlite().await?;
        unpol_app::import::import_bundled(&t.store(), Default::default()).await?;
        let summary = demo::fill(
            &t.store(),
            DemoOptions {
                like: month,
                scale: 3,
                seed: 7,
                today: month.last_day(),
                history: false,
            },
        )
        .await?;
        // The deployed, and beside them the pool: one per 20 individual police officers a country
        // has deployed, at least 3 per country.
        assert_eq!(summary.officers, 3 * 6_081 + summary.available);
        assert_eq!(summary.deployments, 3 * 6_081);
        assert!(
            (300..=400).contains(&summary.available),
            "{}",
            summary.available
        );
        let report =
            stats::contributions_from_records(&t.store(), month, &Narrowing::default()).await?;
        assert_eq!(report.police.total, 3 * 6_081);
        // Rotations fall in every month of the following year.
        for offset in 1..=12 {
            let later = (0..offset).fold(month, |m, _| m.next());
            let active =
                stats::contributions_from_records(&t.store(), later, &Narrowing::default()).await?;
            assert!(
                active.police.total < report.police.total,
                "tours end by {later}"
            );
        }
        let again = demo::fill(
            &t.store(),
            DemoOptions {
                like: month,
                scale: 1,
                seed: 7,
                today: month.last_day(),
                history: false,
            },
        )
        .await;
        assert!(matches!(again, Err(DemoError::NotEmpty)));
        rosters.push(t);
    }
    let dump = |t: &TestDb| {
        let db = t.db.clone();
        async move { db.records_figures("2025-12".parse()?).await }
    };
    assert_eq!(
        dump(&rosters[0]).await?,
        dump(&rosters[1]).await?,
        "same seed, same roster"
    );
    for t in rosters {
        t.cleanup().await?;
    }
    Ok(())
}
