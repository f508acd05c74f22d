//! The storage suite: every test runs on SQLite, and on PostgreSQL when UNPOL_TEST_POSTGRES_URL
//! is set (CI sets it).

use std::collections::BTreeSet;
use std::path::PathBuf;

use unpol_domain::published::{Level, PublishedFigure};
use unpol_domain::{Category, CountryCode, Headcount, MissionCode, Month};
use unpol_storage::published::{FigureFilter, ImportBatch};
use unpol_storage::testing::TestDb;

fn shared_data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(file)
}

fn month(s: &str) -> Month {
    s.parse().expect("valid month")
}

fn figure(
    m: &str,
    mission: Option<&str>,
    country: &str,
    category: Category,
    w: u32,
    n: u32,
) -> PublishedFigure {
    PublishedFigure {
        month: month(m),
        mission: mission.map(|s| MissionCode::parse(s).expect("valid")),
        country: CountryCode::parse(country).expect("valid"),
        category,
        headcount: Headcount::new(w, n),
    }
}

fn batch(level: Level, figures: Vec<PublishedFigure>) -> ImportBatch {
    ImportBatch {
        source: "test.csv".into(),
        sha256: "0".repeat(64),
        level,
        rows_read: figures.len() as u64,
        figures,
        rows_rejected: 0,
    }
}

#[tokio::test]
async fn migrations_load_reference_data_once() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let again = t.db.migrate().await?;
        assert_eq!(
            (again.applied, again.reference_loaded),
            (0, false),
            "{}: second run changes nothing",
            t.label
        );
        let countries = t.db.countries().await?;
        assert!(
            countries.len() >= 249,
            "{}: every ISO 3166 country",
            t.label
        );
        let civ = countries
            .iter()
            .find(|c| c.iso3.as_str() == "CIV")
            .expect("Côte d'Ivoire");
        assert_eq!(
            (civ.iso2.as_str(), civ.m49.as_str(), civ.region.as_deref()),
            ("CI", "384", Some("Africa"))
        );
        assert_eq!(civ.name_fr, "Côte d'Ivoire");
        let missions = t.db.missions().await?;
        let unmiss = missions
            .iter()
            .find(|m| m.acronym.as_str() == "UNMISS")
            .expect("UNMISS");
        assert_eq!(
            (unmiss.host.as_str(), unmiss.start_year, unmiss.end_year),
            ("SSD", 2011, None)
        );
        let targets = t.db.parity_targets().await?;
        assert!(
            targets.contains(&(2028, Category::IndividualPolice, 0.30)),
            "{}",
            t.label
        );
        assert!(
            targets.contains(&(2022, Category::FormedPoliceUnits, 0.12)),
            "{}",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

/// UCDP's Georeferenced Event Dataset names countries its own way (its codebook, version 23.1):
/// the host countries of UN missions among them resolve, so a GED file of their events imports.
#[tokio::test]
async fn ucdp_country_names_resolve() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let resolver = t.db.resolver().await?;
    for (name, iso3) in [
        ("DR Congo (Zaire)", "COD"),
        ("Ivory Coast", "CIV"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Serbia (Yugoslavia)", "SRB"),
        ("Cambodia (Kampuchea)", "KHM"),
        ("Central African Republic", "CAF"),
        ("South Sudan", "SSD"),
        ("Mali", "MLI"),
    ] {
        let resolved = resolver.country_by_name(name).map(|c| c.to_string());
        assert_eq!(resolved.as_deref(), Some(iso3), "`{name}`");
    }
    t.cleanup().await?;
    Ok(())
}

#[tokio::test]
async fn every_name_and_acronym_in_the_published_data_resolves() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let resolver = t.db.resolver().await?;
    let mut checked = BTreeSet::new();
    for file in [
        "un-uniformed-personnel/un_uniformed_personnel_by_mission_country_type.csv",
        "un-uniformed-personnel/un_uniformed_personnel_by_country_type_2018-03_to_2019-08.csv",
    ] {
        let mut reader = csv::Reader::from_path(shared_data(file))?;
        let header = reader.headers()?.clone();
        let col = |name: &str| header.iter().position(|h| h == name).expect("column");
        let (printed, std, iso3, mission) = (
            col("contributing_country"),
            col("contributing_country_std"),
            col("iso3"),
            header.iter().position(|h| h == "mission"),
        );
        for record in reader.records() {
            let record = record?;
            for name in [&record[printed], &record[std]] {
                let resolved = resolver.country_by_name(name).map(|c| c.to_string());
                assert_eq!(resolved.as_deref(), Some(&record[iso3]), "`{name}`");
                checked.insert(name.to_string());
            }
            if let Some(m) = mission {
                assert!(
                    resolver.mission(&record[m]).is_some(),
                    "mission {}",
                    &record[m]
                );
            }
        }
    }
    assert!(checked.len() > 150, "the data spells more than 150 names");
    assert_eq!(
        resolver.country_by_name("Ivory Coast of Africa"),
        None,
        "no guessing"
    );
    t.cleanup().await
}

#[tokio::test]
async fn a_staged_import_is_invisible_until_committed_and_rollback_leaves_nothing()
-> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let figures = vec![
            figure(
                "2018-01",
                Some("UNMISS"),
                "SEN",
                Category::FormedPoliceUnits,
                10,
                130,
            ),
            figure(
                "2018-01",
                Some("UNMISS"),
                "GHA",
                Category::IndividualPolice,
                3,
                9,
            ),
        ];
        let staged =
            t.db.stage_import(&batch(Level::Mission, figures.clone()))
                .await?;
        assert_eq!(staged.inserted, 2);
        staged.rollback().await?;
        assert!(
            t.db.published_months().await?.is_empty(),
            "{}: rollback leaves nothing",
            t.label
        );

        let staged =
            t.db.stage_import(&batch(Level::Mission, figures.clone()))
                .await?;
        drop(staged); // a dropped transaction (a dying process) rolls back too
        assert!(
            t.db.published_months().await?.is_empty(),
            "{}: drop leaves nothing",
            t.label
        );

        t.db.stage_import(&batch(Level::Mission, figures.clone()))
            .await?
            .commit()
            .await?;
        let months = t.db.published_months().await?;
        assert_eq!(
            months.into_iter().collect::<Vec<_>>(),
            vec![(month("2018-01"), Level::Mission)]
        );
        let mut stored =
            t.db.published_figures(month("2018-01"), Level::Mission, &FigureFilter::default())
                .await?;
        stored.sort_by_key(|f| f.key());
        let mut expected = figures;
        expected.sort_by_key(|f| f.key());
        assert_eq!(stored, expected, "{}", t.label);
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn reimport_inserts_nothing_and_other_counts_are_conflicts() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let first = vec![figure(
            "2018-03",
            None,
            "SEN",
            Category::IndividualPolice,
            5,
            50,
        )];
        t.db.stage_import(&batch(Level::Country, first.clone()))
            .await?
            .commit()
            .await?;

        let again =
            t.db.stage_import(&batch(Level::Country, first.clone()))
                .await?;
        assert_eq!(
            (again.inserted, again.unchanged, again.conflicts.len()),
            (0, 1, 0),
            "{}",
            t.label
        );
        again.commit().await?;

        let changed = vec![
            figure("2018-03", None, "SEN", Category::IndividualPolice, 6, 50),
            figure("2018-03", None, "GHA", Category::IndividualPolice, 1, 1),
        ];
        let staged = t.db.stage_import(&batch(Level::Country, changed)).await?;
        assert_eq!(
            (staged.inserted, staged.conflicts.len()),
            (1, 1),
            "{}",
            t.label
        );
        assert_eq!(staged.conflicts[0].stored, Headcount::new(5, 50));
        staged.rollback().await?;
        let stored =
            t.db.published_figures(month("2018-03"), Level::Country, &FigureFilter::default())
                .await?;
        assert_eq!(
            stored, first,
            "{}: the stored figure is never edited",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn reads_narrow_in_sql_and_prefer_mission_level_months() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let mission_level = vec![
            figure(
                "2018-02",
                Some("UNMISS"),
                "SEN",
                Category::FormedPoliceUnits,
                10,
                130,
            ),
            figure(
                "2018-02",
                Some("MINUSCA"),
                "SEN",
                Category::IndividualPolice,
                1,
                4,
            ),
            figure(
                "2018-02",
                Some("MINUSCA"),
                "RWA",
                Category::Troops,
                100,
                900,
            ),
        ];
        let country_level = vec![
            figure("2018-02", None, "SEN", Category::FormedPoliceUnits, 99, 99),
            figure("2018-03", None, "SEN", Category::IndividualPolice, 2, 8),
        ];
        t.db.stage_import(&batch(Level::Mission, mission_level))
            .await?
            .commit()
            .await?;
        t.db.stage_import(&batch(Level::Country, country_level))
            .await?
            .commit()
            .await?;

        let filter = FigureFilter {
            mission: Some(MissionCode::parse("MINUSCA")?),
            country: None,
        };
        let minusca =
            t.db.published_figures(month("2018-02"), Level::Mission, &filter)
                .await?;
        assert_eq!(minusca.len(), 2, "{}", t.label);
        let filter = FigureFilter {
            mission: None,
            country: Some(CountryCode::parse("SEN")?),
        };
        assert_eq!(
            t.db.published_figures(month("2018-02"), Level::Mission, &filter)
                .await?
                .len(),
            2
        );

        let months = t.db.published_months().await?;
        assert_eq!(
            months.get(&month("2018-02")),
            Some(&Level::Mission),
            "{}",
            t.label
        );
        assert_eq!(months.get(&month("2018-03")), Some(&Level::Country));

        let police =
            t.db.police_by_month(month("2018-01"), month("2018-12"), &FigureFilter::default())
                .await?;
        let feb = &police[&month("2018-02")];
        assert_eq!(
            feb[&Category::FormedPoliceUnits],
            Headcount::new(10, 130),
            "{}: mission level wins",
            t.label
        );
        assert_eq!(feb.get(&Category::Troops), None, "only police");
        assert_eq!(
            police[&month("2018-03")][&Category::IndividualPolice],
            Headcount::new(2, 8)
        );
        t.cleanup().await?;
    }
    Ok(())
}
