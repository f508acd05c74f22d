//! The published figures end to end: read the UN's files, import, report, and check the figures
//! against the UN's quoted numbers and an independent count from the CSV. On SQLite always, on
//! PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use unpol_app::import::{ImportError, ImportOptions, import_file};
use unpol_app::stats::{self, Narrowing, StatsError};
use unpol_app::testing::TestStore;
use unpol_domain::Month;
use unpol_import::read_path;
use unpol_storage::testing::TestDb;

const MISSION_FILE: &str = "un_uniformed_personnel_by_mission_country_type.csv";
const COUNTRY_FILE: &str = "un_uniformed_personnel_by_country_type_2018-03_to_2019-08.csv";

fn shared(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/un-uniformed-personnel")
        .join(file)
}

fn month(s: &str) -> Month {
    s.parse().expect("valid month")
}

async fn import(
    db: &unpol_app::Store,
    path: &Path,
    options: ImportOptions,
) -> Result<unpol_app::import::ImportSummary, ImportError> {
    let parsed = read_path(path, &mut |_, _| {}).expect("readable file");
    import_file(db, &path.display().to_string(), &parsed, options).await
}

/// Police (individual police + formed police units) per month, per (month, mission) and per
/// (month, country), summed straight from the CSV with no code of unpol's.
#[derive(Default)]
struct IndependentCount {
    month: BTreeMap<String, [u64; 2]>,
    mission: BTreeMap<(String, String), u64>,
    country: BTreeMap<(String, String), u64>,
}

fn count_csv(path: &Path) -> IndependentCount {
    let mut count = IndependentCount::default();
    let mut reader = csv::Reader::from_path(path).expect("readable");
    for row in reader.deserialize::<BTreeMap<String, String>>() {
        let row = row.expect("row");
        if !["Individual Police", "Formed Police Units"].contains(&row["personnel_type"].as_str()) {
            continue;
        }
        let m = row["report_date"][..7].to_string();
        let total: u64 = row["total"].parse().expect("number");
        let women: u64 = row["female"].parse().expect("number");
        let entry = count.month.entry(m.clone()).or_default();
        entry[0] += total;
        entry[1] += women;
        *count
            .mission
            .entry((m.clone(), row["mission"].clone()))
            .or_default() += total;
        *count.country.entry((m, row["iso3"].clone())).or_default() += total;
    }
    count
}

#[tokio::test]
async fn figures_equal_the_quoted_numbers_and_an_independent_count() -> anyhow::Result<()> {
    let expected = count_csv(&shared(MISSION_FILE));
    for t in TestDb::all().await? {
        let summary = import(&t.store(), &shared(MISSION_FILE), ImportOptions::default()).await?;
        assert_eq!(summary.months.len(), 99, "{}", t.label);

        let jan = stats::contributions(&t.store(), month("2018-01"), &Narrowing::default()).await?;
        assert_eq!(
            (jan.police.total, jan.police.women),
            (11_045, 1_164),
            "{}",
            t.label
        );
        assert_eq!(
            (jan.police.countries, jan.police.missions),
            (88, Some(16)),
            "{}",
            t.label
        );
        let jul = stats::contributions(&t.store(), month("2025-07"), &Narrowing::default()).await?;
        assert_eq!(
            (jul.police.total, jul.police.countries, jul.police.missions),
            (6_081, 77, Some(10))
        );
        let feb = stats::contributions(&t.store(), month("2018-02"), &Narrowing::default()).await?;
        assert_eq!(feb.police.countries, 89, "{}", t.label);

        for (m, [total, women]) in &expected.month {
            let report = stats::contributions(&t.store(), month(m), &Narrowing::default()).await?;
            assert_eq!(
                (report.police.total, report.police.women),
                (*total, *women),
                "{} {m}",
                t.label
            );
            let missions: BTreeMap<_, _> = report
                .missions
                .iter()
                .flatten()
                .map(|l| ((m.clone(), l.mission.to_string()), l.police.total))
                .collect();
            let want: BTreeMap<_, _> = expected
                .mission
                .range((m.clone(), String::new())..)
                .take_while(|((k, _), _)| k == m)
                .filter(|(_, v)| **v > 0)
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            assert_eq!(missions, want, "{} {m} by mission", t.label);
            let countries: BTreeMap<_, _> = report
                .countries
                .iter()
                .map(|l| ((m.clone(), l.country.to_string()), l.police.total))
                .collect();
            let want: BTreeMap<_, _> = expected
                .country
                .range((m.clone(), String::new())..)
                .take_while(|((k, _), _)| k == m)
                .filter(|(_, v)| **v > 0)
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            assert_eq!(countries, want, "{} {m} by country", t.label);
        }

        // A mission and a country narrowed report agree with the independent count.
        let unmiss = stats::contributions(
            &t.store(),
            month("2018-01"),
            &Narrowing {
                mission: Some("UNMISS".into()),
                country: None,
            },
        )
        .await?;
        assert_eq!(
            unmiss.police.total,
            expected.mission[&("2018-01".into(), "UNMISS".into())]
        );
        let sen = stats::contributions(
            &t.store(),
            month("2018-01"),
            &Narrowing {
                mission: None,
                country: Some("Senegal".into()),
            },
        )
        .await?;
        assert_eq!(
            sen.police.total,
            expected.country[&("2018-01".into(), "SEN".into())]
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn country_level_months_give_the_2018_09_parity_figures() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        import(&t.store(), &shared(COUNTRY_FILE), ImportOptions::default()).await?;
        let parity = stats::parity(&t.store(), month("2018-09")).await?;
        let json = serde_json::to_value(&parity)?;
        let share = |c: &str| {
            json["categories"][c]["women_share"]
                .as_f64()
                .expect("share")
        };
        assert_eq!(
            format!("{:.1}", share("individual_police") * 100.0),
            "20.9",
            "{}",
            t.label
        );
        assert_eq!(
            format!("{:.1}", share("formed_police_units") * 100.0),
            "7.6",
            "{}",
            t.label
        );
        assert_eq!(json["categories"]["individual_police"]["women"], 606);
        assert_eq!(json["categories"]["formed_police_units"]["total"], 7_772);
        assert_eq!(
            json["categories"]["formed_police_units"]["target_kind"],
            "path"
        );

        let report =
            stats::contributions(&t.store(), month("2018-09"), &Narrowing::default()).await?;
        let report = serde_json::to_value(&report)?;
        assert!(
            report["missions"].is_null() && report["police"]["missions"].is_null(),
            "{}",
            t.label
        );
        let narrowed = stats::contributions(
            &t.store(),
            month("2018-09"),
            &Narrowing {
                mission: Some("UNMISS".into()),
                country: None,
            },
        )
        .await;
        assert!(
            matches!(narrowed, Err(StatsError::NoMissionBreakdown { .. })),
            "{}",
            t.label
        );
        let missing =
            stats::contributions(&t.store(), month("2017-01"), &Narrowing::default()).await;
        let message = missing.expect_err("no data").to_string();
        assert!(
            message.contains("2018-03 to 2019-08"),
            "{}: names the months that exist: {message}",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn parity_targets_are_official_in_known_years_and_a_path_otherwise() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    import(&t.store(), &shared(MISSION_FILE), ImportOptions::default()).await?;
    let p2022 = serde_json::to_value(stats::parity(&t.store(), month("2022-01")).await?)?;
    assert_eq!(p2022["categories"]["formed_police_units"]["target"], 0.12);
    assert_eq!(
        p2022["categories"]["formed_police_units"]["target_kind"],
        "official"
    );
    assert_eq!(
        p2022["categories"]["individual_police"]["target_kind"],
        "path"
    );
    let p2015 = serde_json::to_value(stats::parity(&t.store(), month("2015-06")).await?)?;
    assert!(
        p2015["categories"]["individual_police"]["target"].is_null(),
        "no target before the strategy"
    );
    // The path starts at the share measured in January 2018.
    let jan = stats::contributions(&t.store(), month("2018-01"), &Narrowing::default()).await?;
    let baseline = jan.categories.individual_police.women as f64
        / jan.categories.individual_police.total as f64;
    let p2018 = serde_json::to_value(stats::parity(&t.store(), month("2018-02")).await?)?;
    let target = p2018["categories"]["individual_police"]["target"]
        .as_f64()
        .expect("target");
    assert!((target - baseline).abs() < 1e-12);
    t.cleanup().await
}

#[tokio::test]
async fn postgres_gives_the_same_figures_as_sqlite() -> anyhow::Result<()> {
    let Some(pg) = TestDb::postgres().await? else {
        eprintln!("UNPOL_TEST_POSTGRES_URL is not set: nothing to compare");
        return Ok(());
    };
    let lite = TestDb::sqlite().await?;
    for t in [&lite, &pg] {
        import(&t.store(), &shared(MISSION_FILE), ImportOptions::default()).await?;
        import(&t.store(), &shared(COUNTRY_FILE), ImportOptions::default()).await?;
    }
    let months = lite.db.published_months().await?;
    assert_eq!(months, pg.db.published_months().await?);
    for m in months.keys() {
        let a = serde_json::to_value(
            stats::contributions(&lite.store(), *m, &Narrowing::default()).await?,
        )?;
        let b = serde_json::to_value(
            stats::contributions(&pg.store(), *m, &Narrowing::default()).await?,
        )?;
        assert_eq!(a, b, "contributions {m}");
        let a = serde_json::to_value(stats::parity(&lite.store(), *m).await?)?;
        let b = serde_json::to_value(stats::parity(&pg.store(), *m).await?)?;
        assert_eq!(a, b, "parity {m}");
    }
    let (from, to) = (month("2015-01"), month("2025-12"));
    let a =
        serde_json::to_value(stats::trend(&lite.store(), from, to, &Default::default()).await?)?;
    let b = serde_json::to_value(stats::trend(&pg.store(), from, to, &Default::default()).await?)?;
    assert_eq!(a, b, "trend");
    lite.cleanup().await?;
    pg.cleanup().await
}
