//! Roster files: export and import round-trip (CSV and XLSX), importing twice changes nothing, a
//! bad row or an overlapping tour refuses the whole file with its line, and exports follow the
//! scope. On SQLite, and on PostgreSQL when UNPOL_TEST_POSTGRES_URL is set.

use unpol_app::Actor;
use unpol_app::demo::{self, DemoOptions};
use unpol_app::roster_file::{self, COLUMNS, RosterFileError};
use unpol_app::testing::TestStore;
use unpol_domain::Clock;
use unpol_domain::CountryCode;
use unpol_domain::access::Scope;
use unpol_import::Table;
use unpol_storage::Database;
use unpol_storage::testing::TestDb;

fn table(rows: &[Vec<String>]) -> Table {
    Table {
        header: COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| (i as u64 + 2, r.clone()))
            .collect(),
    }
}

async fn sorted_export(db: &Database, scope: Scope) -> anyhow::Result<Vec<Vec<String>>> {
    let mut rows = roster_file::export(&unpol_app::Store::from(db.clone()), scope).await?;
    rows.sort();
    Ok(rows)
}

#[tokio::test]
async fn export_import_round_trips_and_reimport_changes_nothing() -> anyhow::Result<()> {
    let source = TestDb::sqlite().await?;
    unpol_app::import::import_bundled(&source.store(), Default::default()).await?;
    demo::fill(
        &source.store(),
        DemoOptions {
            like: "2019-10".parse()?,
            scale: 1,
            seed: 9,
            today: "2019-10-31".parse()?,
            history: false,
        },
    )
    .await?;
    let exported = sorted_export(&source.db, Scope::All).await?;
    assert!(exported.len() > 5_000);

    for t in TestDb::all().await? {
        let first = roster_file::import(&t.store(), &actor(Scope::All), &table(&exported)).await?;
        assert_eq!(
            first.officers.inserted as usize,
            exported.len(),
            "{}",
            t.label
        );
        assert_eq!(
            sorted_export(&t.db, Scope::All).await?,
            exported,
            "{}: the same roster back",
            t.label
        );
        let again = roster_file::import(&t.store(), &actor(Scope::All), &table(&exported)).await?;
        assert_eq!(
            (
                again.officers.inserted,
                again.officers.updated,
                again.tours.inserted,
                again.tours.updated
            ),
            (0, 0, 0, 0)
        );
        // Officers of the pool have a row without a tour.
        let with_tours = exported.iter().filter(|r| !r[10].is_empty()).count();
        assert!(with_tours < exported.len(), "the pool is exported too");
        assert_eq!(again.tours.unchanged as usize, with_tours, "{}", t.label);

        // XLSX with the same columns reads back the same.
        let bytes = roster_file::xlsx(&exported[..50])?;
        let sheet = unpol_import::xlsx_table(&bytes)?;
        assert_eq!(
            sheet
                .rows
                .iter()
                .map(|(_, r)| r.clone())
                .collect::<Vec<_>>(),
            exported[..50].to_vec()
        );

        // A pcc export holds its nationals only, all of them.
        let senegal = CountryCode::parse("SEN")?;
        let pcc = sorted_export(&t.db, Scope::Country(senegal)).await?;
        let expected: Vec<_> = exported.iter().filter(|r| r[3] == "SEN").cloned().collect();
        assert_eq!(pcc, expected, "{}", t.label);
        t.cleanup().await?;
    }
    source.cleanup().await
}

#[tokio::test]
async fn bad_rows_and_overlaps_refuse_the_whole_file() -> anyhow::Result<()> {
    let row = |officer: &str, country: &str, tour: &str, start: &str, end: &str| -> Vec<String> {
        [
            officer,
            "Awa",
            "Sow",
            country,
            "female",
            "1985-01-01",
            "Inspector",
            "fr:5;en:3",
            "training",
            "cleared",
            tour,
            "UNMISS",
            "individual_police",
            start,
            end,
            "",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    for t in TestDb::all().await? {
        roster_file::import(
            &t.store(),
            &actor(Scope::All),
            &table(&[row("A1", "SEN", "T1", "2025-01-01", "2025-12-31")]),
        )
        .await?;
        let before = sorted_export(&t.db, Scope::All).await?;

        let bad = table(&[
            row("A2", "SEN", "T2", "2026-01-01", "2026-12-31"),
            row("A3", "Atlantis", "T3", "2026-01-01", "2026-12-31"),
            row("A4", "GHA", "T4", "2026-06-01", "2026-01-01"),
        ]);
        let Err(RosterFileError::Rows(rows)) =
            roster_file::import(&t.store(), &actor(Scope::All), &bad).await
        else {
            panic!("{}: must be refused", t.label)
        };
        assert_eq!(
            rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            vec![3, 4],
            "{}: {rows:?}",
            t.label
        );
        assert!(
            rows[0].1.contains("unknown country `Atlantis`")
                && rows[1].1.contains("end after it starts")
        );

        let overlap = table(&[row("A1", "SEN", "T9", "2025-06-01", "2026-05-31")]);
        let Err(RosterFileError::Rows(rows)) =
            roster_file::import(&t.store(), &actor(Scope::All), &overlap).await
        else {
            panic!("{}: an overlap with a stored tour is refused", t.label)
        };
        assert_eq!(rows[0].0, 2);
        assert!(rows[0].1.contains("overlaps tour T1"), "{rows:?}");
        assert_eq!(
            sorted_export(&t.db, Scope::All).await?,
            before,
            "{}: nothing changed",
            t.label
        );

        let senegal = CountryCode::parse("SEN")?;
        let foreign = table(&[row("G1", "GHA", "", "", "")]);
        let Err(RosterFileError::Rows(rows)) =
            roster_file::import(&t.store(), &actor(Scope::Country(senegal)), &foreign).await
        else {
            panic!("{}: a pcc imports its nationals only", t.label)
        };
        assert!(rows[0].1.contains("nationals of SEN"));
        t.cleanup().await?;
    }
    Ok(())
}

/// The console on a fixed day, narrowed to a scope.
fn actor(scope: Scope) -> Actor {
    let mut actor = Actor::console(Clock::on(
        chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("a day"),
    ));
    actor.principal.scope = scope;
    actor
}

/// Names a spreadsheet would run as formulas (recorded before names were checked, or by a
/// careless import elsewhere): exported, none is a formula, and an import reads them back as
/// they were. Days in the workbook are typed dates.
#[tokio::test]
async fn exports_hold_no_formula_and_typed_dates() -> anyhow::Result<()> {
    use calamine::{Data, Reader, Xlsx};
    use unpol_domain::roster::Gender;
    use unpol_storage::officers::OfficerFields;

    let names = [
        "=1+1",
        "+1",
        "-1+1",
        "@SUM(1)",
        "\tTabbed",
        "=HYPERLINK(\"http://x\")",
    ];
    for t in TestDb::all().await? {
        let ctx = unpol_app::accounts::AuditContext::console();
        for (i, name) in names.iter().enumerate() {
            let fields = OfficerFields {
                external_id: format!("F{i}"),
                given_name: (*name).into(),
                family_name: (*name).into(),
                nationality: CountryCode::parse("SEN")?,
                gender: Gender::Female,
                birth_date: "1980-02-29".parse()?,
                rank: "-1+1".into(),
                languages: Vec::new(),
                skills: vec!["@x".into()],
                vetting: "cleared".into(),
                assessments: None,
            };
            t.db.create_officer(&fields, &ctx.event("officer.create", "", ""))
                .await?;
        }
        let rows = sorted_export(&t.db, Scope::All).await?;
        let csv = roster_file::csv(&rows)?;
        let mut reader = csv::Reader::from_reader(csv.as_slice());
        for record in reader.records() {
            for cell in record?.iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{}: a spreadsheet evaluates `{cell}`",
                    t.label
                );
            }
        }
        let read = unpol_import::csv_table(&csv)?;
        let given: Vec<String> = read.rows.iter().map(|(_, r)| r[1].clone()).collect();
        let mut back: Vec<&str> = given
            .iter()
            .map(|g| unpol_domain::text::from_spreadsheet(g))
            .collect();
        back.sort_unstable();
        let mut expected = names.to_vec();
        expected.sort_unstable();
        assert_eq!(
            back, expected,
            "{}: an import reads the names back",
            t.label
        );

        let xlsx = roster_file::xlsx(&rows)?;
        let mut book = Xlsx::new(std::io::Cursor::new(xlsx))?;
        let sheet = book.worksheet_range_at(0).expect("a sheet")?;
        let birth = sheet.get((1, 5)).expect("a birth date");
        assert!(
            matches!(birth, Data::DateTime(_)),
            "{}: the birth date is a date cell: {birth:?}",
            t.label
        );
        let name = sheet.get((1, 1)).expect("a name");
        assert!(matches!(name, Data::String(_)), "{}: {name:?}", t.label);
    }
    Ok(())
}

/// A duplicated or unknown column and a ragged row refuse the file, named by the line a text
/// editor shows (1 is the header).
#[tokio::test]
async fn a_file_of_the_wrong_shape_is_refused_by_line() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let header = COLUMNS.join(",");
    let row = "A1,Awa,Diop,SEN,female,1985-05-05,Inspector,fr:4,,cleared,,,,,,,";
    let cases = [
        (
            format!("{header},given_name\n{row},Awa\n"),
            1,
            "appears twice",
        ),
        (
            format!("{header},nickname\n{row},Awa\n"),
            1,
            "unknown column `nickname`",
        ),
        (
            format!("{header}\n{row}\n{row},extra\n"),
            3,
            "18 fields where the header has 17",
        ),
    ];
    for (text, line, reason) in cases {
        let table = unpol_import::csv_table(text.as_bytes())?;
        match roster_file::import(&t.store(), &actor(Scope::All), &table).await {
            Err(RosterFileError::Rows(rows)) => assert!(
                rows.iter().any(|(l, r)| *l == line && r.contains(reason)),
                "{reason}: {rows:?}"
            ),
            other => panic!("{reason}: {other:?}"),
        }
    }
    let (officers, _) =
        t.db.officers(
            Scope::All,
            &Default::default(),
            unpol_storage::officers::Page {
                offset: 0,
                limit: 10,
            },
        )
        .await?;
    assert!(officers.is_empty(), "nothing imported");
    Ok(())
}
