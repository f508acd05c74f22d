//! The controlled vocabularies (ranks, skills, languages, end-of-tour reasons) at the command
//! line and in roster files: an unknown value is refused with the known ones, and nothing is
//! written.

use unpol_app::testing::TestDb;

mod common;

use common::{stderr, unpol};

fn request_add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "forcegen",
        "request",
        "add",
        "--mission",
        "MINUSCA",
        "--title",
        "Advisers",
        "--posts",
        "2",
        "--start",
        "2027-03-01",
        "--deadline",
        "2027-01-31",
        "--countries",
        "SEN",
    ];
    args.extend_from_slice(extra);
    args
}

#[tokio::test]
async fn the_command_line_refuses_values_outside_the_vocabularies() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    for (extra, says) in [
        (
            &["--min-rank", "Colonel"][..],
            "unknown rank `Colonel`; one of: Constable, Corporal, Sergeant",
        ),
        (
            &["--min-rank", "Inspector", "--skills", "sgbv,investigations"][..],
            "unknown skill `sgbv`; one of: community_policing, sgbv_investigation",
        ),
        (
            &["--min-rank", "Inspector", "--languages", "xx:3"][..],
            "unknown language `xx`; one of: af, am, ar",
        ),
    ] {
        let out = unpol(&t.url, &request_add(extra));
        assert_eq!(out.status.code(), Some(1), "{extra:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{extra:?}: {}", stderr(&out));
    }
    let list = unpol(&t.url, &["forcegen", "request", "list", "--format", "json"]);
    assert_eq!(
        String::from_utf8(list.stdout)?.trim(),
        "[]",
        "nothing was recorded"
    );

    let out = unpol(
        &t.url,
        &request_add(&[
            "--min-rank",
            "inspector",
            "--skills",
            "sgbv_investigation,investigations",
        ]),
    );
    assert!(out.status.success(), "known values pass: {}", stderr(&out));
    t.cleanup().await?;
    Ok(())
}

#[tokio::test]
async fn a_roster_file_with_unknown_values_is_refused_line_by_line() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("roster.csv");
    let header = "officer_id,given_name,family_name,nationality,gender,birth_date,rank,languages,skills,vetting,tour_id,mission,category,start,planned_end,actual_end,end_reason";
    let rows = [
        "SEN-1,Awa,Diop,SEN,female,1985-05-05,Colonel,fr:5,,cleared,T-1,MINUSCA,individual_police,2026-01-01,2026-12-31,,",
        "SEN-2,Fatou,Sow,SEN,female,1986-05-05,Inspector,fr:5,sgbv,cleared,T-2,MINUSCA,individual_police,2026-01-01,2026-12-31,,",
        "SEN-3,Modou,Fall,SEN,male,1984-05-05,Inspector,xx:5,,cleared,T-3,MINUSCA,individual_police,2026-01-01,2026-12-31,,",
        "SEN-4,Ibou,Ndiaye,SEN,male,1983-05-05,Inspector,fr:5,,cleared,T-4,MINUSCA,individual_police,2026-01-01,2026-06-30,2026-06-30,fired",
    ];
    std::fs::write(&file, format!("{header}\n{}\n", rows.join("\n")))?;
    let path = file.display().to_string();
    let out = unpol(&t.url, &["roster", "import", &path]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for (line, says) in [
        (2, "unknown rank `Colonel`; one of: Constable"),
        (3, "unknown skill `sgbv`; one of: community_policing"),
        (4, "unknown language `xx`; one of: af"),
        (5, "unknown end reason `fired`; one of: end_of_tour"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with(&format!("{path}:{line}:")) && l.contains(says)),
            "line {line}: {err}"
        );
    }
    let export = unpol(&t.url, &["roster", "export"]);
    assert_eq!(
        String::from_utf8(export.stdout)?.lines().count(),
        1,
        "nothing was imported"
    );
    t.cleanup().await?;
    Ok(())
}
