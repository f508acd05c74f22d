//! `unpol incidents import ucdp` on the real UCDP GED file of the Central African Republic
//! (`../shared/data/ucdp-ged-car`, see its SOURCE.md): every event lands once, a second run
//! inserts none, and the figures per year and per prefecture equal a count made here from the
//! file with the `csv` crate alone, independently of unpol's reader.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{stderr, unpol};
use serde_json::Value;

fn ged_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ucdp-ged-car/ged_car_v23_1.csv")
}

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", stderr(out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Events and deaths (`best`) per key, counted straight from the file.
fn count_in_file(
    key: impl Fn(&csv::StringRecord, &csv::StringRecord) -> String,
) -> anyhow::Result<BTreeMap<String, (u64, u64)>> {
    let mut reader = csv::Reader::from_path(ged_file())?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect("GED column");
    let best = column("best");
    let mut counts: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for record in reader.records() {
        let record = record?;
        let entry = counts.entry(key(&headers, &record)).or_default();
        entry.0 += 1;
        entry.1 += record[best].parse::<u64>()?;
    }
    Ok(counts)
}

fn field<'a>(headers: &csv::StringRecord, record: &'a csv::StringRecord, name: &str) -> &'a str {
    let i = headers.iter().position(|h| h == name).expect("GED column");
    &record[i]
}

fn stats(url: &str, by: &str, extra: &[&str]) -> anyhow::Result<BTreeMap<String, (u64, u64)>> {
    let mut args = vec!["incidents", "stats", "--by", by, "--format", "json"];
    args.extend_from_slice(extra);
    let rows: Vec<Value> = serde_json::from_str(&ok(&unpol(url, &args)))?;
    Ok(rows
        .iter()
        .map(|r| {
            let key = r["key"].as_str().expect("key").to_string();
            (
                key,
                (
                    r["events"].as_u64().expect("events"),
                    r["deaths"].as_u64().expect("deaths"),
                ),
            )
        })
        .collect())
}

#[test]
fn the_ged_file_imports_once_and_its_figures_match_a_count_of_the_file() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("unpol.db").display());
    let file = ged_file();
    let file = file.to_str().expect("a UTF-8 path");
    let import = ["incidents", "import", "ucdp", file, "--mission", "MINUSCA"];

    let first = unpol(&url, &import);
    ok(&first);
    let said = stderr(&first);
    assert!(
        said.contains("1848 events read for MINUSCA: 1848 inserted, 0 already imported"),
        "{said}"
    );
    assert!(
        said.contains("20 with a best estimate of deaths outside"),
        "{said}"
    );
    let second = unpol(&url, &import);
    ok(&second);
    assert!(
        stderr(&second).contains("0 inserted, 1848 already imported"),
        "{}",
        stderr(&second)
    );

    let years = stats(&url, "year", &[])?;
    // The figures SOURCE.md gives.
    assert_eq!(years["2014"], (461, 3493));
    assert_eq!(years["2017"], (220, 1848));
    assert_eq!(years["2021"], (167, 1080));
    let by_year = count_in_file(|h, r| field(h, r, "date_start")[..4].to_string())?;
    assert_eq!(years, by_year);
    let areas = stats(&url, "area", &[])?;
    assert_eq!(
        areas,
        count_in_file(|h, r| field(h, r, "adm_1").to_string())?
    );
    assert_eq!(areas[""].0, 42, "SOURCE.md: 42 events have no prefecture");
    let types = count_in_file(|h, r| field(h, r, "type_of_violence").to_string())?;
    let categories = stats(&url, "category", &[])?;
    assert_eq!(categories["protection_of_civilians"].0, types["3"].0);
    assert_eq!(categories["armed_conflict"].0, types["1"].0 + types["2"].0);
    assert_eq!((types["1"].0, types["2"].0, types["3"].0), (401, 371, 1076));

    // Filters narrow the count: 2014 alone, one-sided violence alone.
    let in_2014 = stats(
        &url,
        "year",
        &["--from", "2014-01-01", "--to", "2014-12-31"],
    )?;
    assert_eq!(in_2014.get("2014"), Some(&(461, 3493)));
    assert!(in_2014.keys().all(|y| y.as_str() <= "2014"), "{in_2014:?}");
    let civilians = stats(&url, "category", &["--category", "protection_of_civilians"])?;
    assert_eq!(civilians.len(), 1);
    Ok(())
}

#[test]
fn a_file_with_an_event_outside_the_mission_is_refused_whole_with_its_line() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("unpol.db").display());
    let text = std::fs::read_to_string(ged_file())?;
    let mut lines: Vec<String> = text.lines().take(6).map(String::from).collect();
    // Line 4 moves to Chad; line 6 to a year after today.
    lines[3] = lines[3].replace("Central African Republic,482", "Chad,483");
    lines[5] = lines[5]
        .replace(",1993-", ",2031-")
        .replace(",1999-", ",2031-");
    let bad = dir.path().join("ged.csv");
    std::fs::write(&bad, lines.join("\n"))?;
    let out = unpol(
        &url,
        &[
            "incidents",
            "import",
            "ucdp",
            bad.to_str().expect("path"),
            "--mission",
            "MINUSCA",
        ],
    );
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(
        said.contains("ged.csv:4: the event is in TCD, not in MINUSCA's host country CAF"),
        "{said}"
    );
    assert!(
        said.contains("ged.csv:6: the event starts on 2031-"),
        "{said}"
    );
    assert!(
        said.contains("2 row(s) refused; nothing imported"),
        "{said}"
    );
    assert_eq!(
        stats(&url, "year", &[])?,
        BTreeMap::new(),
        "nothing was written"
    );

    let unknown = unpol(
        &url,
        &[
            "incidents",
            "import",
            "ucdp",
            bad.to_str().expect("path"),
            "--mission",
            "MINUXYZ",
        ],
    );
    assert!(
        stderr(&unknown).contains("unknown mission `MINUXYZ`"),
        "{}",
        stderr(&unknown)
    );
    Ok(())
}

#[test]
fn mission_staff_import_and_count_their_own_mission_only() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let url = format!("sqlite://{}", dir.path().join("unpol.db").display());
    for (login, mission) in [("minusca", "MINUSCA"), ("unmiss", "UNMISS")] {
        ok(&unpol(
            &url,
            &[
                "user",
                "add",
                login,
                "--role",
                "mission",
                "--mission",
                mission,
            ],
        ));
    }
    ok(&unpol(
        &url,
        &["user", "add", "sen", "--role", "pcc", "--country", "SEN"],
    ));
    let file = ged_file();
    let file = file.to_str().expect("a UTF-8 path");
    let other = unpol(
        &url,
        &[
            "incidents",
            "import",
            "ucdp",
            file,
            "--mission",
            "MINUSCA",
            "--as",
            "unmiss",
        ],
    );
    assert!(
        stderr(&other).contains("you may only record incidents of UNMISS"),
        "{}",
        stderr(&other)
    );
    ok(&unpol(
        &url,
        &[
            "incidents",
            "import",
            "ucdp",
            file,
            "--mission",
            "MINUSCA",
            "--as",
            "minusca",
        ],
    ));

    let own = stats(&url, "year", &["--as", "minusca"])?;
    assert_eq!(own.values().map(|(events, _)| events).sum::<u64>(), 1848);
    assert_eq!(stats(&url, "year", &["--as", "unmiss"])?, BTreeMap::new());
    assert_eq!(
        stats(&url, "year", &["--as", "unmiss", "--mission", "MINUSCA"])?,
        BTreeMap::new()
    );
    assert_eq!(stats(&url, "year", &["--as", "sen"])?, BTreeMap::new());
    let listed: Vec<Value> = serde_json::from_str(&ok(&unpol(
        &url,
        &["incidents", "list", "--as", "unmiss", "--format", "json"],
    )))?;
    assert!(listed.is_empty());
    Ok(())
}
