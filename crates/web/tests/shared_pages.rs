//! The public statistics pages are built once per address and language and served to every
//! anonymous visitor from there, gzipped once; nothing of that reaches a signed-in user, a file
//! export, another language or a refusal. On SQLite (the cache sits above the database).

mod common;

use std::io::Read;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use common::token_for;
use http_body_util::BodyExt;
use tower::ServiceExt;
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::access::Role;

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn gunzipped(&self) -> anyhow::Result<String> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&self.body[..]).read_to_string(&mut text)?;
        Ok(text)
    }
}

async fn get(app: &Router, uri: &str, headers: &[(&str, &str)]) -> anyhow::Result<Answer> {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app.clone().oneshot(request.body(Body::empty())?).await?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await?.to_bytes().to_vec();
    Ok(Answer {
        status,
        headers,
        body,
    })
}

#[tokio::test]
async fn anonymous_visitors_share_one_page_per_address_and_language() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    common::demo_data(&t.store(), 1).await?;
    let hq = token_for(&t.store(), "hq", Role::Hq, None, None).await?;
    let app = unpol_web::app(t.store(), unpol_web::Settings::default());
    let page = "/stats?month=2018-01";

    let plain = get(&app, page, &[]).await?;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    let english = plain.text();
    assert!(english.contains("11,045") && english.contains("<html lang=\"en\">"));
    assert!(
        !english.contains("href=\"/roster\""),
        "an anonymous page offers no roster"
    );

    // The same page, gzipped once, for a browser that takes gzip; the same bytes again after.
    let browser = [("accept-encoding", "gzip, deflate, br, zstd")];
    let zipped = get(&app, page, &browser).await?;
    assert_eq!(zipped.headers[header::CONTENT_ENCODING], "gzip");
    assert_eq!(zipped.headers[header::VARY], "accept-encoding");
    assert!(
        zipped.headers[header::CONTENT_TYPE]
            .to_str()?
            .starts_with("text/html")
    );
    assert_eq!(zipped.gunzipped()?, english);
    assert_eq!(get(&app, page, &browser).await?.body, zipped.body);

    // French readers get the French page, not the English one kept for the same address.
    let french = get(&app, page, &[("accept-language", "fr")]).await?.text();
    assert!(french.contains("<html lang=\"fr\">") && french.contains("11\u{202f}045"));

    // A signed-in user gets a page of their own, with their navigation.
    let signed_in = get(&app, page, &[("authorization", &format!("Bearer {hq}"))]).await?;
    assert!(signed_in.text().contains("href=\"/roster\""));
    assert!(
        !get(&app, page, &[])
            .await?
            .text()
            .contains("href=\"/roster\"")
    );

    // A file export is not the page, and a refusal is not kept.
    let csv = get(&app, "/stats?month=2018-01&format=csv", &[]).await?;
    assert!(
        csv.headers[header::CONTENT_TYPE]
            .to_str()?
            .starts_with("text/csv")
    );
    for _ in 0..2 {
        let missing = get(&app, "/stats?month=1950-01", &[]).await?;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
    }
    t.cleanup().await
}

#[tokio::test]
async fn history_pages_show_the_months_asked_for_in_both_languages() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    unpol_app::import::import_bundled(&t.store(), Default::default()).await?;
    let app = unpol_web::app(t.store(), unpol_web::Settings::default());
    let rows = |html: &str| html.matches("<tr><td").count();

    let all = get(&app, "/stats/trend", &[]).await?.text();
    let year = get(&app, "/stats/trend?from=2020-01&to=2020-12", &[]).await?;
    assert_eq!(year.status, StatusCode::OK);
    let year = year.text();
    assert!(
        rows(&all) > rows(&year) && rows(&year) > 0,
        "{}",
        rows(&year)
    );
    assert!(year.contains("value=\"2020-01\"") && year.contains("value=\"2020-12\""));
    let csv = get(&app, "/stats/trend?from=2020-01&to=2020-12&format=csv", &[]).await?;
    let months: Vec<String> = csv
        .text()
        .lines()
        .skip(2)
        .filter_map(|l| l.split(',').next().map(str::to_string))
        .collect();
    assert!(
        !months.is_empty() && months.iter().all(|m| m.starts_with("2020-")),
        "{months:?}"
    );

    // A mission's history and the parity page take the same range; French labels in French.
    let mission = get(
        &app,
        "/stats/missions/MINUSCA?from=2024-01",
        &[("accept-language", "fr")],
    )
    .await?
    .text();
    assert!(
        mission.contains(">Du<") && mission.contains(">Au<"),
        "French labels"
    );
    let parity = get(&app, "/stats/parity?to=2018-12", &[]).await?.text();
    assert!(rows(&parity) > 0 && rows(&parity) < rows(&all));

    // Refusals say what is wrong, in the page's language.
    let reversed = get(&app, "/stats/trend?from=2021-01&to=2020-01", &[]).await?;
    assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = get(
        &app,
        "/stats/trend?from=2020-13",
        &[("accept-language", "fr")],
    )
    .await?;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.text().contains("AAAA-MM"));
    t.cleanup().await
}

/// A file holds the same values under each hashtag whatever the language that exported it; a
/// French file adds the labels its page shows in columns of their own, tagged `+i_fr`. Its name
/// says which table and month it holds.
#[tokio::test]
async fn exports_keep_their_values_in_every_language_and_name_their_month() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    unpol_app::import::import_bundled(&t.store(), Default::default()).await?;
    let app = unpol_web::app(t.store(), unpol_web::Settings::default());
    for table in ["categories", "missions", "countries"] {
        let uri = format!("/stats?month=2018-01&format=csv&table={table}");
        let english = columns(&get(&app, &uri, &[("accept-language", "en")]).await?)?;
        let french = columns(&get(&app, &uri, &[("accept-language", "fr")]).await?)?;
        for (hashtag, values) in &english {
            assert!(!hashtag.contains("+i_fr"), "{table}: {hashtag}");
            let same = french.iter().find(|(tag, _)| tag == hashtag);
            assert_eq!(same.map(|(_, v)| v), Some(values), "{table} {hashtag}");
        }
        let labels: Vec<_> = french
            .iter()
            .filter(|(tag, _)| tag.ends_with("+i_fr"))
            .collect();
        assert!(!labels.is_empty(), "{table}: no French labels");
        let name = get(&app, &uri, &[]).await?.headers["content-disposition"]
            .to_str()?
            .to_string();
        assert_eq!(
            name,
            format!("attachment; filename=\"{table}_2018-01.csv\"")
        );
    }
    let countries = columns(
        &get(
            &app,
            "/stats?month=2018-01&format=csv&table=countries",
            &[("accept-language", "fr")],
        )
        .await?,
    )?;
    let column = |tag: &str| {
        countries
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let english_names = column("#country+name+contributing");
    let french_names = column("#country+name+contributing+i_fr");
    let senegal = english_names.iter().position(|n| n == "Senegal");
    assert!(senegal.is_some(), "English names under #country+name");
    assert_eq!(
        senegal
            .and_then(|row| french_names.get(row))
            .map(String::as_str),
        Some("Sénégal"),
        "French names beside them"
    );
    let countries = get(
        &app,
        "/stats?month=2018-01&format=csv&table=countries",
        &[("accept-language", "fr")],
    )
    .await?;
    assert!(
        countries.text().contains("Senegal"),
        "English names under #country+name"
    );
    let categories = get(
        &app,
        "/stats?month=2018-01&format=csv&table=categories",
        &[("accept-language", "fr")],
    )
    .await?;
    assert!(
        categories.text().contains("\nindividual_police,"),
        "{}",
        categories.text()
    );
    let trend = get(
        &app,
        "/stats/trend?from=2020-01&to=2020-12&format=xlsx",
        &[],
    )
    .await?;
    assert_eq!(
        trend.headers["content-disposition"].to_str()?,
        "attachment; filename=\"trend_2020-01_2020-12.xlsx\""
    );
    t.cleanup().await
}

/// A CSV export's columns: each hashtag (second row) with the values under it.
fn columns(answer: &Answer) -> anyhow::Result<Vec<(String, Vec<String>)>> {
    let text = answer.text();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows = reader
        .records()
        .collect::<Result<Vec<csv::StringRecord>, _>>()?;
    let hashtags = rows
        .get(1)
        .ok_or_else(|| anyhow::anyhow!("no hashtag row"))?;
    Ok(hashtags
        .iter()
        .enumerate()
        .map(|(i, tag)| {
            let values = rows[2..]
                .iter()
                .map(|row| row.get(i).unwrap_or_default().to_string())
                .collect();
            (tag.to_string(), values)
        })
        .collect())
}
