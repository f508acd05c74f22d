//! A demo started on any day is alive on that day: officers on tour now, units with their
//! strength, posts filled today, rotations over the coming months and requests at every stage.
//! The test makes the demo on two days a year apart, each with the server's clock on that day.

mod common;

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

/// A page's table as its CSV export, row by row, keyed by HXL hashtag.
async fn table(
    app: &axum::Router,
    token: &str,
    page: &str,
    name: &str,
) -> anyhow::Result<Vec<BTreeMap<String, String>>> {
    let separator = if page.contains('?') { '&' } else { '?' };
    let request = Request::builder()
        .uri(format!("{page}{separator}format=csv&table={name}"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())?;
    let response = app.clone().oneshot(request).await?;
    anyhow::ensure!(
        response.status() == StatusCode::OK,
        "{page}: {}",
        response.status()
    );
    let bytes = response.into_body().collect().await?.to_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_ref());
    let mut records = reader.records();
    let tags = records.next().transpose()?.unwrap_or_default();
    let mut rows = Vec::new();
    for record in records {
        let record = record?;
        rows.push(
            tags.iter()
                .zip(record.iter())
                .map(|(t, v)| (t.to_string(), v.to_string()))
                .collect(),
        );
    }
    Ok(rows)
}

fn number(row: &BTreeMap<String, String>, tag: &str) -> u64 {
    row.get(tag)
        .and_then(|v| v.replace([',', ' ', '\u{202f}'], "").parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn a_demo_made_on_any_day_shows_data_on_that_day() -> anyhow::Result<()> {
    for today in ["2027-03-15", "2028-03-15"] {
        let t = TestDb::sqlite().await?;
        let store = t
            .store()
            .with_case_key(unpol_app::sealed::CaseKey::generate());
        common::demo_on(&store, 3, today.parse()?, true).await?;
        let app = unpol_web::app(store.clone(), common::settings_on(today));
        let hq = common::token_for(&store, "hq", Role::Hq, None, None).await?;

        let units = table(&app, &hq, "/roster/units", "units").await?;
        let strength: u64 = units
            .iter()
            .map(|u| number(u, "#x_police+f") + number(u, "#x_police+m"))
            .sum();
        assert!(
            !units.is_empty() && strength > 1_000,
            "{today}: units hold {strength} officers"
        );
        let units_without_anyone = units
            .iter()
            .filter(|u| number(u, "#x_police+f") + number(u, "#x_police+m") == 0)
            .count();
        assert_eq!(
            units_without_anyone, 0,
            "{today}: every unit is on tour now"
        );

        let posts = table(&app, &hq, "/roster/posts", "posts").await?;
        let filled = posts
            .iter()
            .filter(|p| p.get("#x_post+filled").map(String::as_str) == Some("yes"))
            .count();
        assert!(filled > 500, "{today}: {filled} posts filled");

        // Another day can be asked: two years on, every tour of the demo has ended.
        let later = (today.parse::<chrono::NaiveDate>()? + chrono::Days::new(730)).to_string();
        let units_later = table(&app, &hq, &format!("/roster/units?on={later}"), "units").await?;
        assert!(
            units_later
                .iter()
                .all(|u| number(u, "#x_police+f") + number(u, "#x_police+m") == 0),
            "{today}: units as of {later}"
        );

        let rotations = table(&app, &hq, "/roster/rotations", "rotations").await?;
        let months_with_rotations = rotations
            .iter()
            .filter(|r| number(r, "#x_tour+end+f") + number(r, "#x_tour+end+m") > 0)
            .count();
        assert!(
            months_with_rotations >= 12,
            "{today}: rotations in {months_with_rotations} months"
        );
        // Without replacement strength falls; with it, it stays at the strength of the start.
        assert!(
            rotations
                .iter()
                .all(|r| number(r, "#x_police+total+replaced") >= number(r, "#x_police+total"))
        );
        assert!(
            rotations
                .iter()
                .any(|r| number(r, "#x_police+total+replaced") > number(r, "#x_police+total"))
        );

        // Requests at every stage, dated around the day, with lead times that are not zero.
        let requests = table(&app, &hq, "/forcegen", "requests").await?;
        let stages: Vec<&str> = requests
            .iter()
            .filter_map(|r| r.get("#status+code").map(String::as_str))
            .collect();
        for stage in ["closed", "sent", "draft"] {
            assert!(stages.contains(&stage), "{today}: {stages:?}");
        }
        let (status, lead) =
            common::call(&app, "GET", "/api/v1/forcegen/lead-times", &hq, None).await?;
        assert_eq!(status, StatusCode::OK);
        let days = lead[0]["request_to_deployment"].as_f64().unwrap_or(0.0);
        assert!((60.0..=240.0).contains(&days), "{today}: {lead}");

        // The demo's focal point has a request to answer and nationals to nominate.
        let dakar = common::token_for(&store, "dakar", Role::Pcc, Some("SEN"), None).await?;
        let (_, seen) =
            common::call(&app, "GET", "/api/v1/forcegen/requests", &dakar, None).await?;
        let open = seen
            .as_array()
            .map(|list| list.iter().filter(|r| r["status"] == "sent").count())
            .unwrap_or(0);
        assert_eq!(open, 1, "{today}: {seen}");

        // Conduct: a clock run out and one about to, whatever the day; figures for five years.
        let conduct = common::token_for(&store, "cdt", Role::Conduct, None, None).await?;
        let clocks = table(&app, &conduct, "/conduct/overdue?within=14", "overdue").await?;
        let days_left: Vec<i64> = clocks
            .iter()
            .filter_map(|c| c.get("#x_clock+days_left"))
            // A negative number leaves the CSV quoted against formula injection.
            .filter_map(|d| d.trim_start_matches('\'').parse().ok())
            .collect();
        assert!(days_left.iter().any(|d| *d < 0), "{today}: {clocks:?}");
        assert!(days_left.iter().any(|d| *d >= 0), "{today}: {clocks:?}");
        let figures = table(&app, &hq, "/conduct/figures", "allegations").await?;
        let year = today[..4].parse::<u64>()?;
        for past in year - 4..year {
            let received: u64 = figures
                .iter()
                .filter(|f| f.get("#date+year") == Some(&past.to_string()))
                .map(|f| number(f, "#x_allegations+num"))
                .sum();
            assert!((6..=40).contains(&received), "{today}: {past}: {received}");
        }

        // Incidents: every mission's staff have recent reports on their map, none after today.
        for (mission, days) in [("MINUSCA", 90), ("UNMISS", 365)] {
            let recent =
                (today.parse::<chrono::NaiveDate>()? - chrono::Days::new(days)).to_string();
            let staff = common::token_for(
                &store,
                &format!("staff-{mission}"),
                Role::Mission,
                None,
                Some(mission),
            )
            .await?;
            let incidents = table(
                &app,
                &staff,
                &format!("/incidents?since={recent}"),
                "incidents",
            )
            .await?;
            let started: Vec<&str> = incidents
                .iter()
                .filter_map(|i| i.get("#date+start"))
                .map(String::as_str)
                .collect();
            assert!(
                started.len() >= 2,
                "{today}: {mission}: {} incidents since {recent}",
                started.len()
            );
            assert!(
                started.iter().all(|d| *d <= today),
                "{today}: {mission}: {started:?}"
            );
            let entered = incidents
                .iter()
                .filter(|i| i.get("#meta+source").map(String::as_str) == Some("entered"))
                .count();
            assert!(
                entered >= 2,
                "{today}: {mission}: {entered} reported by its staff"
            );

            // Operations: courses this year, indicators with this quarter's value, tasks due.
            let quarter = unpol_domain::quarter::Quarter::of(today.parse()?).to_string();
            let quarters = table(&app, &staff, "/capacity", "capacity-quarters").await?;
            let lately: u64 = quarters
                .iter()
                .rev()
                .take(4)
                .map(|q| number(q, "#reached+f") + number(q, "#reached+m"))
                .sum();
            assert!(
                quarters.last().and_then(|q| q.get("#date+quarter")) == Some(&quarter)
                    && lately > 100,
                "{today}: {mission}: {lately} host police trained over the last four quarters"
            );
            let indicators = table(&app, &staff, "/dashboard", "indicators").await?;
            // Stocks and entered values are read this quarter; counts over a quarter, the last
            // one that ended.
            let previous = unpol_domain::quarter::Quarter::of(today.parse()?)
                .previous()
                .to_string();
            let current = indicators
                .iter()
                .filter(|i| i.get("#date+quarter") == Some(&quarter))
                .count();
            let recent = indicators
                .iter()
                .filter(|i| {
                    i.get("#date+quarter")
                        .is_some_and(|q| *q == quarter || *q == previous)
                })
                .count();
            assert!(
                indicators.len() == 7 && current >= 4 && recent == 7,
                "{today}: {mission}: {current} of {} indicators valued in {quarter}, {recent} since {previous}",
                indicators.len()
            );
            let tasks = table(&app, &staff, "/dashboard", "transition-tasks").await?;
            assert!(
                tasks
                    .iter()
                    .any(|t| t.get("#date+due").is_some_and(|d| d.as_str() > today)),
                "{today}: {mission}: no task still due"
            );
            let evaluations = table(&app, &staff, "/performance", "evaluations").await?;
            assert!(
                evaluations
                    .iter()
                    .any(|e| e.get("#date+end").is_some_and(|d| d.as_str() <= today)),
                "{today}: {mission}: no evaluation"
            );
        }
        t.cleanup().await?;
    }
    Ok(())
}

/// The roster list sorts by its columns both ways, pages with counts, and offers its filters as
/// choices; posts, units and tours sort by their columns too.
#[tokio::test]
async fn the_roster_list_sorts_pages_and_filters_by_choice() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let store = t.store();
    common::demo_on(&store, 3, "2027-03-15".parse()?, false).await?;
    let app = unpol_web::app(store.clone(), common::settings_on("2027-03-15"));
    let hq = common::token_for(&store, "hq", Role::Hq, None, None).await?;

    let up = table(
        &app,
        &hq,
        "/roster?nationality=SEN&sort=family_name",
        "officers",
    )
    .await?;
    let down = table(
        &app,
        &hq,
        "/roster?nationality=SEN&sort=family_name&dir=desc",
        "officers",
    )
    .await?;
    let names = |rows: &[BTreeMap<String, String>]| -> Vec<String> {
        rows.iter()
            .map(|r| r.get("#x_officer+name+family").cloned().unwrap_or_default())
            .collect()
    };
    let (up, down) = (names(&up), names(&down));
    assert!(up.len() > 10);
    let mut sorted = up.clone();
    sorted.sort();
    assert_eq!(up, sorted, "ascending by family name");
    let mut reversed = down.clone();
    reversed.reverse();
    assert_eq!(reversed, up, "the same officers, downward");

    let request = Request::builder()
        .uri("/roster?page=2&sort=nationality")
        .header("authorization", format!("Bearer {hq}"))
        .body(Body::empty())?;
    let page = app.clone().oneshot(request).await?;
    assert_eq!(page.status(), StatusCode::OK);
    let html = String::from_utf8(page.into_body().collect().await?.to_bytes().to_vec())?;
    assert!(html.contains("Page 2 of "), "a page says where it stands");
    assert!(html.contains("aria-sort=\"ascending\""));
    assert!(html.contains("<select id=\"filter-gender\" name=\"gender\">"));
    assert!(html.contains("<option value=\"sgbv_investigation\">"));

    for (page, name, sort, tag) in [
        ("/roster/posts", "posts", "title", "#x_post+title"),
        ("/roster/units", "units", "designation", "#x_unit+name"),
        ("/roster/deployments", "deployments", "start", "#date+start"),
    ] {
        let column = |rows: &[BTreeMap<String, String>]| -> Vec<String> {
            rows.iter()
                .map(|r| r.get(tag).cloned().unwrap_or_default())
                .collect()
        };
        let up = column(&table(&app, &hq, &format!("{page}?sort={sort}"), name).await?);
        let down = column(&table(&app, &hq, &format!("{page}?sort={sort}&dir=desc"), name).await?);
        assert!(up.len() > 3, "{page}: {up:?}");
        let mut sorted = up.clone();
        sorted.sort();
        assert_eq!(up, sorted, "{page} ascending by {sort}");
        let mut reversed = down.clone();
        reversed.reverse();
        assert_eq!(reversed, up, "{page} downward by {sort}");
        let request = Request::builder()
            .uri(format!("{page}?sort={sort}&dir=desc"))
            .header("authorization", format!("Bearer {hq}"))
            .body(Body::empty())?;
        let html = app
            .clone()
            .oneshot(request)
            .await?
            .into_body()
            .collect()
            .await?;
        let html = String::from_utf8(html.to_bytes().to_vec())?;
        assert!(html.contains("aria-sort=\"descending\""), "{page}");
        let request = Request::builder()
            .uri(format!("{page}?sort=id;drop"))
            .header("authorization", format!("Bearer {hq}"))
            .body(Body::empty())?;
        let refused = app.clone().oneshot(request).await?;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{page}");
    }

    let request = Request::builder()
        .uri("/roster?sort=password")
        .header("authorization", format!("Bearer {hq}"))
        .body(Body::empty())?;
    let refused = app.clone().oneshot(request).await?;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    t.cleanup().await?;
    Ok(())
}
