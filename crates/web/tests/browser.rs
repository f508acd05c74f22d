//! The web UI in a real browser: Debian's Chromium driven through chromedriver (WebDriver), on a
//! real server with the UN's published figures and a demo roster. It signs in, reads 11,045 on
//! the statistics of January 2018, switches to French, is refused another country's officer,
//! downloads the CSV and XLSX exports, submits an invalid form, runs axe-core on the main pages,
//! and saves a screenshot of each page under `target/screenshots`.
//!
//! Needs `chromium`, `chromedriver` and axe-core: `scripts/ensure-browser` installs them.

use std::net::{TcpListener as StdListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use anyhow::{Context, bail, ensure};
use calamine::{Reader, Xlsx};
use serde_json::{Value, json};
use thirtyfour::prelude::*;
use unpol_app::accounts::{self, AuditContext, Secret};
use unpol_app::testing::storage::audit::AuditQuery;
use unpol_app::testing::storage::officers::{OfficerFilter, Page};
use unpol_app::testing::{TestDb, TestStore};
use unpol_domain::CountryCode;
use unpol_domain::access::{Role, Scope};

const PASSWORD: &str = "a long password 123";

/// chromedriver as a child process, killed when the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(StdListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn start_chromedriver() -> anyhow::Result<(Driver, u16)> {
    let port = free_port()?;
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("chromedriver is not installed: run scripts/ensure-browser")?;
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        ensure!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok((driver, port))
}

async fn browser(driver_port: u16) -> anyhow::Result<WebDriver> {
    let mut caps = DesiredCapabilities::chrome();
    if Path::new("/usr/bin/chromium").exists() {
        caps.set_binary("/usr/bin/chromium")?;
    }
    for arg in [
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        "--lang=en-US",
        "--accept-lang=en-US,en",
    ] {
        caps.add_arg(arg)?;
    }
    let driver = WebDriver::new(format!("http://127.0.0.1:{driver_port}"), caps).await?;
    driver.set_script_timeout(Duration::from_secs(60)).await?;
    Ok(driver)
}

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("screenshots"), |t| t.join("screenshots"))
}

async fn screenshot(driver: &WebDriver, name: &str) -> anyhow::Result<()> {
    let dir = screenshots();
    std::fs::create_dir_all(&dir)?;
    driver.screenshot(&dir.join(format!("{name}.png"))).await?;
    Ok(())
}

async fn text_of(driver: &WebDriver, css: &str) -> anyhow::Result<String> {
    Ok(driver.find(By::Css(css)).await?.text().await?)
}

/// The text of `css` once it satisfies `wanted`: after a click the old page may still be there
/// for a moment (and its elements go stale under the test).
async fn eventually(
    driver: &WebDriver,
    css: &str,
    wanted: impl Fn(&str) -> bool,
) -> anyhow::Result<String> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let text = text_of(driver, css).await.unwrap_or_default();
        if wanted(&text) {
            return Ok(text);
        }
        if Instant::now() > deadline {
            bail!("`{css}` never matched; last text {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn axe_source() -> anyhow::Result<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .with_context(|| format!("{} is missing: run scripts/ensure-browser", path.display()))
}

/// Runs axe-core on the page and fails on any serious or critical violation.
async fn accessible(driver: &WebDriver, axe: &str, page: &str) -> anyhow::Result<()> {
    let loaded = driver
        .execute(format!("{axe};\nreturn typeof window.axe;"), Vec::new())
        .await?;
    ensure!(
        loaded.json() == &json!("object"),
        "axe-core did not load on {page}"
    );
    let result = driver
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              window.axe.run(document, {resultTypes: ['violations']})
                .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact,
                    help: v.help, targets: v.nodes.map(n => n.target).slice(0, 3)}))}))
                .catch(e => done({error: String(e)}));",
            Vec::new(),
        )
        .await?;
    let value = result.json();
    ensure!(
        value.get("error").is_none(),
        "axe failed on {page}: {value}"
    );
    let severe: Vec<&Value> = value["violations"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
                .collect()
        })
        .unwrap_or_default();
    ensure!(
        severe.is_empty(),
        "serious or critical accessibility violations on {page}: {severe:#?}"
    );
    Ok(())
}

/// Fetches a link of the page with the browser's own session; the bytes of the answer.
async fn download(driver: &WebDriver, css: &str) -> anyhow::Result<Vec<u8>> {
    let href = driver
        .find(By::Css(css))
        .await?
        .attr("href")
        .await?
        .context("the export link has no href")?;
    let result = driver
        .execute_async(
            r"const done = arguments[arguments.length - 1];
              fetch(arguments[0]).then(r => r.arrayBuffer())
                .then(b => done(Array.from(new Uint8Array(b))))
                .catch(e => done(String(e)));",
            vec![json!(href)],
        )
        .await?;
    let bytes: Vec<u8> = serde_json::from_value(result.json().clone())
        .with_context(|| format!("download of {href} failed: {}", result.json()))?;
    Ok(bytes)
}

async fn sign_in(driver: &WebDriver, base: &str, login: &str) -> anyhow::Result<()> {
    driver.goto(format!("{base}/login")).await?;
    driver.find(By::Id("login")).await?.send_keys(login).await?;
    driver
        .find(By::Id("password"))
        .await?
        .send_keys(PASSWORD)
        .await?;
    driver
        .find(By::Css("form.stacked button[type=submit]"))
        .await?
        .click()
        .await?;
    eventually(driver, "h1", |h1| h1.contains(login)).await?;
    Ok(())
}

async fn sign_out(driver: &WebDriver, base: &str) -> anyhow::Result<()> {
    driver.goto(format!("{base}/")).await?;
    driver
        .find(By::Css("form[action='/logout'] button"))
        .await?
        .click()
        .await?;
    eventually(driver, "h1", |h1| h1 == "Sign in" || h1 == "Connexion").await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_ui_in_chromium() -> anyhow::Result<()> {
    let axe = axe_source()?;
    let t = TestDb::sqlite().await?;
    let db = t.store();
    common::demo_data(&db, 5).await?;
    let ctx = AuditContext::console();
    let password = Secret::new(PASSWORD);
    accounts::add_user(&db, "hq-user", Role::Hq, None, None, &password, &ctx).await?;
    accounts::add_user(
        &db,
        "pcc-sen",
        Role::Pcc,
        Some("SEN"),
        None,
        &password,
        &ctx,
    )
    .await?;
    let everyone = Page {
        offset: 0,
        limit: 100_000,
    };
    let (officers, _) =
        t.db.officers(Scope::All, &OfficerFilter::default(), everyone)
            .await?;
    let senegal = CountryCode::parse("SEN")?;
    let own = officers
        .iter()
        .find(|o| o.nationality == senegal)
        .context("the demo roster has a Senegalese officer")?;
    let foreign = officers
        .iter()
        .find(|o| o.nationality != senegal)
        .context("the demo roster has a foreign officer")?;

    let requests = force_generation(&db).await?;

    let base = common::serve(&db).await?;

    let (_chromedriver, port) = start_chromedriver()?;
    let driver = browser(port).await?;
    let outcome = scenario(&driver, &base, &axe, own.id.0, foreign.id.0, &requests).await;
    driver.quit().await?;
    outcome?;

    let refusals = unpol_app::audit::entries(&db, &AuditQuery::default()).await?;
    let record = format!("officer:{}", foreign.id.0);
    ensure!(
        refusals.iter().any(|e| e.event.action == "access.refused"
            && e.event.record == record
            && e.event.actor == "pcc-sen"),
        "the refused officer page left no trace in the audit log"
    );
    t.cleanup().await?;
    Ok(())
}

/// A request sent to Senegal, one sent to Kenya only, and a Senegalese officer who meets every
/// hard rule (assessed, vetted, French).
struct Requests {
    senegal: i64,
    kenya: i64,
    eligible: i64,
}

async fn force_generation(db: &unpol_app::Store) -> anyhow::Result<Requests> {
    let ctx = AuditContext::console();
    let hq = accounts::user(db, "hq-user")
        .await?
        .map(|u| accounts::principal(&u))
        .context("hq-user")?;
    let hq = unpol_app::Actor::new(hq, ctx);
    let today = hq.today();
    let day = |days: i64| (today + chrono::Duration::days(days)).to_string();
    let pass = |test: &str| json!({"test": test, "result": "passed", "taken_on": day(-30), "valid_until": day(700)});
    let officer = json!({
        "external_id": "SEN-FG-1", "given_name": "Fatou", "family_name": "Diop",
        "nationality": "SEN", "gender": "female", "birth_date": "1985-05-05", "rank": "Inspector",
        "vetting": "cleared", "languages": [{"language": "fr", "level": 5}], "skills": ["sgbv_investigation"],
        "assessments": [pass("language"), pass("driving"), pass("firearms")],
    });
    let eligible =
        unpol_app::roster::create_officer(db, &hq, serde_json::from_value(officer)?).await?;
    let mut ids = Vec::new();
    for (title, country) in [("SGBV investigators", "SEN"), ("Border advisers", "KEN")] {
        let input = json!({
            "mission": "MINUSCA", "title": title, "posts": 1, "min_rank": "Sergeant",
            "languages": [{"language": "fr", "level": 3}], "skills": ["sgbv_investigation"],
            "start": day(150), "deadline": day(60), "countries": [country],
        });
        let request =
            unpol_app::forcegen::pipeline::create_request(db, &hq, serde_json::from_value(input)?)
                .await?;
        unpol_app::forcegen::pipeline::advance(
            db,
            &hq,
            request.id,
            unpol_domain::forcegen::RequestStatus::Sent,
            Default::default(),
        )
        .await?;
        ids.push(request.id.0);
    }
    Ok(Requests {
        senegal: ids[0],
        kenya: ids[1],
        eligible: eligible.0,
    })
}

async fn submit(driver: &WebDriver, form: &str) -> anyhow::Result<()> {
    driver
        .find(By::Css(format!("{form} button[type=submit]")))
        .await?
        .click()
        .await?;
    Ok(())
}

/// What a page says in each language, by the Fluent key: the walk checks the same flow in both.
fn says(lang: &str, en: &'static str, fr: &'static str) -> &'static str {
    if lang == "fr" { fr } else { en }
}

/// Sets a form field's value as a script would (date inputs take typing in the browser's own
/// format, which depends on its locale).
async fn set_value(driver: &WebDriver, id: &str, value: &str) -> anyhow::Result<()> {
    driver
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![json!(id), json!(value)],
        )
        .await?;
    Ok(())
}

/// English a French page must not hold: the refusals and labels of the pipeline.
const ENGLISH_ON_FRENCH: &[&str] = &[
    "request ", "cannot", "Nominate", "Eligible", "Deploy", "Select", "Draft", "Closed",
    "decision", "the ", "parity", "target", "asked",
];

async fn no_english(driver: &WebDriver, lang: &str, page: &str) -> anyhow::Result<()> {
    if lang != "fr" {
        return Ok(());
    }
    let text = text_of(driver, "main").await?;
    for english in ENGLISH_ON_FRENCH {
        ensure!(
            !text.contains(english),
            "English ({english:?}) on the French page {page}: {text}"
        );
    }
    Ok(())
}

/// Headquarters creates and sends a request, the focal point nominates from the picker,
/// headquarters closes the nominations, reads the plan, selects, deploys and closes: pages
/// only, in `lang`, with a refused step on the way to see the server's message in that language.
async fn walk_the_pipeline(
    driver: &WebDriver,
    base: &str,
    axe: &str,
    lang: &str,
    eligible: i64,
) -> anyhow::Result<()> {
    let today = chrono::Utc::now().date_naive();
    let day = |days: i64| (today + chrono::Duration::days(days)).to_string();
    sign_in(driver, base, "hq-user").await?;
    driver
        .goto(format!("{base}/language?to={lang}&back=/forcegen"))
        .await?;
    driver
        .find(By::Css("a[href='/forcegen/requests/new']"))
        .await?
        .click()
        .await?;
    eventually(driver, "h1", |h| {
        h == says(
            lang,
            "New force-generation request",
            "Nouvelle demande de constitution des forces",
        )
    })
    .await?;
    accessible(driver, axe, "/forcegen/requests/new").await?;
    no_english(driver, lang, "the request form").await?;
    let title = format!("Walk {lang}");
    for (id, value) in [
        ("title", title.as_str()),
        ("posts", "1"),
        ("languages", "fr:3"),
        ("countries", "SEN"),
    ] {
        let field = driver.find(By::Id(id)).await?;
        field.clear().await?;
        field.send_keys(value).await?;
    }
    // The French walk's tour starts after the English walk's ends: the same officer goes.
    set_value(driver, "start", &day(if lang == "fr" { 560 } else { 150 })).await?;
    set_value(driver, "deadline", &day(60)).await?;
    driver
        .find(By::Css("#min_rank option[value=Sergeant]"))
        .await?
        .click()
        .await?;
    driver
        .find(By::Css("input[name=skills][value=sgbv_investigation]"))
        .await?
        .click()
        .await?;
    submit(driver, "form.stacked").await?;
    let draft = says(lang, "Draft", "Projet");
    eventually(driver, "#request-status", |s| s == draft).await?;
    let request = driver.current_url().await?.to_string();
    no_english(driver, lang, "a draft").await?;

    // Sending dated tomorrow is refused, in the page's language.
    set_value(driver, "on-sent", &day(1)).await?;
    submit(driver, "form.step:has(input[value=sent])").await?;
    let refused = says(
        lang,
        "a decision cannot be dated after today",
        "une décision ne peut pas être datée après aujourd’hui",
    );
    eventually(driver, "#step-error", |e| e.starts_with(refused)).await?;
    accessible(driver, axe, "a refused step").await?;
    no_english(driver, lang, "a refused step").await?;
    submit(driver, "form.step:has(input[value=sent])").await?;
    eventually(driver, "#request-status", |s| {
        s == says(lang, "Sent", "Envoyée")
    })
    .await?;
    sign_out(driver, base).await?;

    // The focal point nominates from the picker.
    sign_in(driver, base, "pcc-sen").await?;
    driver.goto(&request).await?;
    let verdict = says(lang, "Eligible", "Éligible");
    eventually(driver, "#table-picks tbody", |t| t.contains(verdict)).await?;
    no_english(driver, lang, "the picker").await?;
    submit(driver, &format!("form.pick:has(input[value='{eligible}'])")).await?;
    let nominated = says(lang, "Nominated", "Proposé");
    eventually(driver, "#table-nominations tbody", |t| {
        t.contains(nominated)
    })
    .await?;
    sign_out(driver, base).await?;

    // Headquarters closes the nominations, reads the plan, selects, deploys, closes.
    sign_in(driver, base, "hq-user").await?;
    driver.goto(&request).await?;
    submit(driver, "form.step:has(input[value=nominations_closed])").await?;
    eventually(driver, "#request-status", |s| {
        s == says(lang, "Nominations closed", "Candidatures closes")
    })
    .await?;
    driver
        .find(By::Css("a[href$='/plan']"))
        .await?
        .click()
        .await?;
    eventually(driver, "#table-slate tbody", |t| t.contains("Diop")).await?;
    ensure!(text_of(driver, "#plan-filled").await? == "1 / 1");
    no_english(driver, lang, "the plan").await?;
    // Planned again with a cap set on the page, the slate is the same; selecting it records why
    // it departs from the request's rules.
    set_value(driver, "cap", "100").await?;
    submit(driver, "#plan-rules").await?;
    let asked = says(lang, "asked on this page", "demandé sur cette page");
    eventually(driver, "main", |t| t.contains(asked)).await?;
    ensure!(text_of(driver, "#plan-filled").await? == "1 / 1");
    ensure!(!driver.find_all(By::Id("reason-plan")).await?.is_empty());
    accessible(driver, axe, "a plan with the rules asked on its page").await?;
    no_english(driver, lang, "a plan with the rules asked on its page").await?;
    submit(driver, "#select-plan").await?;
    eventually(driver, "#request-status", |s| {
        s == says(lang, "Selected", "Sélection faite")
    })
    .await?;
    submit(driver, "form[action$='/deployment']").await?;
    eventually(driver, "#request-status", |s| {
        s == says(lang, "Deployed", "Déployée")
    })
    .await?;
    ensure!(
        driver
            .find_all(By::Css(
                "form[action$='/deployment'], form[action$='/selection']"
            ))
            .await?
            .is_empty(),
        "a deployed request with every post filled offers no second selection or deployment"
    );
    no_english(driver, lang, "a deployed request").await?;
    screenshot(driver, &format!("forcegen-deployed-{lang}")).await?;
    // Deploying again by a form the page no longer offers (a second tab, a replayed request) is
    // refused, in the page's language, and deploys nobody.
    driver
        .execute(
            "const f = document.createElement('form'); f.method = 'post'; \
             f.action = location.pathname + '/deployment'; \
             const c = document.querySelector('input[name=csrf]').cloneNode(); f.appendChild(c); \
             document.body.appendChild(f); f.submit();",
            Vec::new(),
        )
        .await?;
    let twice = says(
        lang,
        "is deployed and cannot become deployed",
        // WebDriver reads no-break spaces as spaces.
        "est à l’étape « Déployée » et ne peut pas passer à « Déployée »",
    );
    eventually(driver, "#step-error", |e| e.contains(twice)).await?;
    let deployed = says(lang, "Deployed", "Déployé");
    let rows = text_of(driver, "#table-nominations tbody").await?;
    ensure!(
        rows.matches(deployed).count() == 1,
        "one post, one deployed: {rows}"
    );
    submit(driver, "form.step:has(input[value=closed])").await?;
    eventually(driver, "#request-status", |s| {
        s == says(lang, "Closed", "Close")
    })
    .await?;
    accessible(driver, axe, "a closed request").await?;
    no_english(driver, lang, "a closed request").await?;
    driver.goto(format!("{base}/language?to=en&back=/")).await?;
    sign_out(driver, base).await?;
    Ok(())
}

async fn scenario(
    driver: &WebDriver,
    base: &str,
    axe: &str,
    own: i64,
    foreign: i64,
    requests: &Requests,
) -> anyhow::Result<()> {
    // The public statistics of January 2018, in English.
    driver.goto(format!("{base}/stats?month=2018-01")).await?;
    ensure!(text_of(driver, "#police-total").await? == "11,045");
    ensure!(text_of(driver, "#police-women-share").await? == "10.5%");
    screenshot(driver, "stats-en").await?;
    accessible(driver, axe, "/stats").await?;

    // Its exports, with the browser's session.
    let csv = download(driver, "#table-countries a[href*='format=csv']").await?;
    let csv = String::from_utf8(csv)?;
    let lines: Vec<&str> = csv.lines().collect();
    ensure!(
        lines[0].starts_with("Country,Country name,Women"),
        "{}",
        lines[0]
    );
    ensure!(
        lines[1].starts_with("#country+code+v_iso3+contributing,"),
        "{}",
        lines[1]
    );
    let police: u64 = lines[2..]
        .iter()
        .map(|l| l.split(',').nth(4).and_then(|n| n.parse::<u64>().ok()))
        .sum::<Option<u64>>()
        .context("every country row has a total")?;
    ensure!(police == 11_045, "the CSV's countries sum to {police}");
    let xlsx = download(driver, "#table-missions a[href*='format=xlsx']").await?;
    let mut workbook = Xlsx::new(std::io::Cursor::new(xlsx))?;
    let sheet = workbook.worksheet_range("missions")?;
    let header: Vec<String> = sheet
        .rows()
        .next()
        .context("a header")?
        .iter()
        .map(ToString::to_string)
        .collect();
    ensure!(header[0] == "Mission" && header[4] == "Total", "{header:?}");
    let total: f64 = sheet
        .rows()
        .skip(1)
        .filter_map(|r| r.get(4).and_then(calamine::DataType::get_float))
        .sum();
    ensure!(
        (total - 11_045.0).abs() < 0.5,
        "the XLSX's missions sum to {total}"
    );

    // French: labels, number format, and the choice sticks on the next page.
    driver.find(By::Css("header a.lang")).await?.click().await?;
    eventually(driver, "h1", |h1| h1.contains("Contributions à la Police")).await?;
    let total = text_of(driver, "#police-total").await?;
    ensure!(total == "11\u{202f}045", "French grouping: {total:?}");
    ensure!(text_of(driver, "#police-women-share").await? == "10,5\u{202f}%");
    ensure!(text_of(driver, "nav").await?.contains("Statistiques"));
    screenshot(driver, "stats-fr").await?;
    driver.goto(format!("{base}/stats/parity")).await?;
    ensure!(text_of(driver, "h1").await?.starts_with("Parité"));
    accessible(driver, axe, "/stats/parity (fr)").await?;
    screenshot(driver, "parity-fr").await?;
    driver.find(By::Css("header a.lang")).await?.click().await?;
    eventually(driver, "h1", |h1| h1.starts_with("Gender parity")).await?;

    // The charts and the history pages.
    for (path, name) in [
        ("/stats/parity", "parity"),
        ("/stats/trend", "trend"),
        ("/stats/missions/UNMISS", "mission-unmiss"),
    ] {
        driver.goto(format!("{base}{path}")).await?;
        let chart = driver.find(By::Css("figure.chart svg title")).await?;
        ensure!(
            !chart.inner_html().await?.is_empty(),
            "{path} has no chart title"
        );
        accessible(driver, axe, path).await?;
        screenshot(driver, name).await?;
    }

    // A focal point sees its own nationals, not another country's.
    sign_in(driver, base, "pcc-sen").await?;
    screenshot(driver, "home").await?;
    driver.goto(format!("{base}/roster")).await?;
    accessible(driver, axe, "/roster").await?;
    screenshot(driver, "roster").await?;
    let nationalities = driver
        .find_all(By::Css("#table-officers tbody td:nth-child(4)"))
        .await?;
    ensure!(!nationalities.is_empty(), "the roster shows no officer");
    for cell in nationalities {
        ensure!(
            cell.text().await? == "SEN",
            "a foreign officer in SEN's roster"
        );
    }
    driver.goto(format!("{base}/roster/officers/{own}")).await?;
    ensure!(
        driver.find(By::Css("dl.record")).await.is_ok(),
        "own officer not shown"
    );
    accessible(driver, axe, "/roster/officers/{id}").await?;
    screenshot(driver, "officer").await?;
    driver
        .goto(format!("{base}/roster/officers/{foreign}"))
        .await?;
    ensure!(text_of(driver, "h1").await? == "Not found");
    ensure!(
        driver.find(By::Css("dl.record")).await.is_err(),
        "foreign officer shown"
    );
    screenshot(driver, "officer-refused").await?;

    // An invalid form comes back with the message next to the field.
    driver.goto(format!("{base}/roster/officers/new")).await?;
    accessible(driver, axe, "/roster/officers/new").await?;
    for (field, value) in [
        ("external_id", "SEN-BROWSER-1"),
        ("given_name", "Awa"),
        ("family_name", "Ndiaye"),
        ("birth_date", "1990-13-45"),
        ("languages", "fr:5;en:3"),
    ] {
        let input = driver.find(By::Id(field)).await?;
        input.clear().await?;
        input.send_keys(value).await?;
    }
    driver
        .find(By::Css("#gender option[value=female]"))
        .await?
        .click()
        .await?;
    driver
        .find(By::Css("#rank option[value=Inspector]"))
        .await?
        .click()
        .await?;
    driver
        .find(By::Css("input[name=skills][value=community_policing]"))
        .await?
        .click()
        .await?;
    driver
        .find(By::Css("form.stacked button[type=submit]"))
        .await?
        .click()
        .await?;
    eventually(driver, "#birth_date-error", |e| {
        e == "Write the date as YYYY-MM-DD."
    })
    .await?;
    let kept = driver.find(By::Id("family_name")).await?.value().await?;
    ensure!(
        kept.as_deref() == Some("Ndiaye"),
        "the form lost what was typed"
    );
    screenshot(driver, "form-error").await?;
    accessible(driver, axe, "officer form with errors").await?;

    // Corrected, it records the officer and shows its page.
    let birth = driver.find(By::Id("birth_date")).await?;
    birth.clear().await?;
    birth.send_keys("1990-03-15").await?;
    driver
        .find(By::Css("form.stacked button[type=submit]"))
        .await?
        .click()
        .await?;
    eventually(driver, "h1", |h1| h1.starts_with("Ndiaye"))
        .await
        .context("the corrected form did not record the officer")?;

    // Edited: the form comes back filled, and the change is saved.
    driver.find(By::Css("main a.button")).await?.click().await?;
    eventually(driver, "h1", |h1| h1 == "Edit the officer").await?;
    let kept = driver.find(By::Id("languages")).await?.value().await?;
    let mut languages: Vec<String> = kept
        .unwrap_or_default()
        .split(';')
        .map(str::to_string)
        .collect();
    languages.sort();
    ensure!(
        languages == ["en:3", "fr:5"],
        "the edit form lost a field: {languages:?}"
    );
    ensure!(
        driver
            .find(By::Css("input[name=skills][value=community_policing]"))
            .await?
            .is_selected()
            .await?,
        "the edit form lost the skill"
    );
    // A rank outside the vocabulary, as a forged form would send it, comes back refused with
    // the known ranks.
    driver
        .execute(
            "const o = document.createElement('option'); o.value = 'Colonel'; o.textContent = 'Colonel'; \
             const s = document.getElementById('rank'); s.appendChild(o); s.value = 'Colonel';",
            Vec::new(),
        )
        .await?;
    submit(driver, "form.stacked").await?;
    eventually(driver, "#rank-error", |e| {
        e.starts_with("“Colonel” is not a known value. Known values: Constable, Corporal")
    })
    .await?;
    driver
        .find(By::Css("#rank option[value=Captain]"))
        .await?
        .click()
        .await?;
    submit(driver, "form.stacked").await?;
    eventually(driver, "dl.record", |r| r.contains("Captain")).await?;

    // Force generation as the focal point: only the request sent to Senegal, and nominations of
    // its own nationals only.
    driver.goto(format!("{base}/forcegen")).await?;
    let listed = text_of(driver, "#table-requests tbody").await?;
    ensure!(listed.contains("SGBV investigators"), "{listed}");
    ensure!(
        !listed.contains("Border advisers"),
        "Kenya's request shown to Senegal"
    );
    driver
        .goto(format!("{base}/forcegen/requests/{}", requests.kenya))
        .await?;
    ensure!(text_of(driver, "h1").await? == "Not found");
    let request = format!("{base}/forcegen/requests/{}", requests.senegal);
    driver.goto(&request).await?;
    // The picker lists Senegal's own officers only, each with its eligibility.
    let picks = text_of(driver, "#table-picks tbody").await?;
    ensure!(picks.contains("Diop"), "{picks}");
    ensure!(
        driver
            .find_all(By::Css(format!("input[name=officer][value='{foreign}']")))
            .await?
            .is_empty(),
        "another country's officer offered to Senegal"
    );
    accessible(driver, axe, "/forcegen/requests/{id} with the picker").await?;
    submit(
        driver,
        &format!("form.pick:has(input[value='{}'])", requests.eligible),
    )
    .await?;
    eventually(driver, "#table-nominations tbody", |t| {
        t.contains(&requests.eligible.to_string()) && t.contains("Nominated")
    })
    .await?;
    screenshot(driver, "forcegen-request-pcc").await?;
    sign_out(driver, base).await?;

    // Headquarters plans (the slate, its bound) once nominations are closed.
    sign_in(driver, base, "hq-user").await?;
    driver.goto(&request).await?;
    submit(driver, "form.step:has(input[value=nominations_closed])").await?;
    eventually(driver, "#request-status", |s| s == "Nominations closed").await?;
    driver
        .goto(format!(
            "{base}/forcegen/requests/{}/plan",
            requests.senegal
        ))
        .await?;
    let slate = text_of(driver, "#table-slate tbody").await?;
    ensure!(
        slate.contains("Diop"),
        "the eligible nominee is not on the slate: {slate}"
    );
    ensure!(text_of(driver, "#plan-objective").await? == text_of(driver, "#plan-bound").await?);
    accessible(driver, axe, "/forcegen/requests/{id}/plan").await?;
    screenshot(driver, "forcegen-plan").await?;
    sign_out(driver, base).await?;

    // The whole pipeline through pages only, in English then in French.
    for lang in ["en", "fr"] {
        walk_the_pipeline(driver, base, axe, lang, requests.eligible).await?;
    }

    // Headquarters sees the officer's assessments, tours and nominations, and changes a tour
    // through the roster's rules: an extension into the next tour is refused, an end is kept.
    sign_in(driver, base, "hq-user").await?;
    driver
        .goto(format!("{base}/roster/officers/{}", requests.eligible))
        .await?;
    let ams = text_of(driver, "#table-assessments tbody").await?;
    ensure!(
        ams.matches("Passed").count() == 3 && ams.contains("Yes"),
        "{ams}"
    );
    let history = text_of(driver, "#table-officer-nominations tbody").await?;
    ensure!(
        history.contains("Walk en") && history.contains("Walk fr"),
        "{history}"
    );
    accessible(driver, axe, "/roster/officers/{id} with tours to change").await?;
    let first = driver
        .find(By::Css("form[id^=extend-] input[name=tour]"))
        .await?
        .value()
        .await?
        .context("a running tour")?;
    let today = chrono::Utc::now().date_naive();
    set_value(
        driver,
        &format!("extend-on-{first}"),
        &(today + chrono::Duration::days(900)).to_string(),
    )
    .await?;
    submit(driver, &format!("#extend-{first}")).await?;
    eventually(driver, "#tour-error", |e| {
        e.starts_with("this tour (") && e.contains("overlaps the officer's tour")
    })
    .await?;
    let end = (today + chrono::Duration::days(180)).to_string();
    set_value(driver, &format!("end-on-{first}"), &end).await?;
    driver
        .find(By::Css(format!(
            "#end-reason-{first} option[value=medical]"
        )))
        .await?
        .click()
        .await?;
    submit(driver, &format!("#end-{first}")).await?;
    eventually(driver, "#table-tours tbody", |t| {
        t.contains(&end) && t.contains("Medical")
    })
    .await?;
    screenshot(driver, "officer-tours").await?;

    // Headquarters sees the rotations forecast.
    driver.goto(format!("{base}/roster/rotations")).await?;
    accessible(driver, axe, "/roster/rotations").await?;
    screenshot(driver, "rotations").await?;
    sign_out(driver, base).await?;
    Ok(())
}

/// Conduct in Chromium: the conduct officer records an allegation from the intake form, assesses
/// it and refers it to Senegal; the Senegalese focal point reads it in French with no victim and
/// no narrative and names its investigator; the administrator's glass form; the overdue clocks
/// and the public figures. axe-core on every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conduct_in_chromium() -> anyhow::Result<()> {
    let axe = axe_source()?;
    let t = TestDb::sqlite().await?;
    let db = t
        .store()
        .with_case_key(unpol_app::sealed::CaseKey::generate());
    let ctx = AuditContext::console();
    let password = Secret::new(PASSWORD);
    for (login, role, country, mission) in [
        ("cdt-minusca", Role::Conduct, None, Some("MINUSCA")),
        ("pcc-sen", Role::Pcc, Some("SEN"), None),
        ("admin-user", Role::Admin, None, None),
    ] {
        accounts::add_user(&db, login, role, country, mission, &password, &ctx).await?;
    }
    let base = common::serve(&db).await?;
    let (_chromedriver, port) = start_chromedriver()?;
    let driver = browser(port).await?;
    let outcome = conduct_walk(&driver, &base, &axe).await;
    driver.quit().await?;
    outcome?;
    t.cleanup().await?;
    Ok(())
}

const CONDUCT_NARRATIVE: &str = "Narrative 90817 heard at the checkpoint";

async fn conduct_walk(driver: &WebDriver, base: &str, axe: &str) -> anyhow::Result<()> {
    sign_in(driver, base, "cdt-minusca").await?;
    driver.goto(format!("{base}/conduct")).await?;
    accessible(driver, axe, "/conduct").await?;
    driver
        .find(By::Css("a[href='/conduct/cases/new']"))
        .await?
        .click()
        .await?;
    eventually(driver, "h1", |h1| h1 == "Record an allegation").await?;
    accessible(driver, axe, "/conduct/cases/new").await?;
    // A form without a narrative is refused, its values kept.
    set_value(driver, "subject1_nationality", "SEN").await?;
    set_value(driver, "victim1_code", "V-31").await?;
    set_value(driver, "victim1_details", "Assistance 31337, medical").await?;
    submit(driver, "form.stacked").await?;
    eventually(driver, "#form-error", |e| e.contains("narrative")).await?;
    accessible(driver, axe, "the intake form refused").await?;
    set_value(driver, "narrative", CONDUCT_NARRATIVE).await?;
    submit(driver, "form.stacked").await?;
    eventually(driver, "#case-status", |s| s == "Received").await?;
    accessible(driver, axe, "/conduct/cases/{id}").await?;
    let url = driver.current_url().await?.to_string();
    let id = url.rsplit('/').next().unwrap_or_default().to_string();

    submit(driver, "form[action$='/steps']").await?;
    eventually(driver, "#case-status", |s| s == "Preliminary assessment").await?;
    // The referral goes to the subject's country, offered in its field.
    submit(driver, "form[action$='/steps']").await?;
    eventually(driver, "#case-status", |s| s == "Referred").await?;
    ensure!(
        text_of(driver, "#clocks")
            .await?
            .contains("Investigator to be named"),
        "the country's clock runs"
    );
    ensure!(text_of(driver, "#narrative").await? == CONDUCT_NARRATIVE);
    accessible(driver, axe, "a referred case").await?;
    driver
        .goto(format!("{base}/conduct/overdue?within=30"))
        .await?;
    accessible(driver, axe, "/conduct/overdue").await?;
    ensure!(text_of(driver, "main").await?.contains("SEN"));
    sign_out(driver, base).await?;

    // The focal point, in French.
    sign_in(driver, base, "pcc-sen").await?;
    driver
        .goto(format!("{base}/language?to=fr&back=/conduct/cases/{id}"))
        .await?;
    eventually(driver, "#case-status", |s| s == "Renvoyée").await?;
    let main = text_of(driver, "main").await?;
    for secret in ["90817", "31337", "V-31", "Sector"] {
        ensure!(
            !main.contains(secret),
            "`{secret}` shown to the focal point: {main}"
        );
    }
    for english in ["Investigator", "Referred", "Clock", "Record", "the "] {
        ensure!(
            !main.contains(english),
            "English ({english:?}) on the French case page: {main}"
        );
    }
    accessible(driver, axe, "a referred case (fr, focal point)").await?;
    submit(driver, "form[action$='/steps']").await?;
    eventually(driver, "#case-status", |s| s == "Enquêteur désigné").await?;
    sign_out(driver, base).await?;

    sign_in(driver, base, "admin-user").await?;
    driver
        .goto(format!("{base}/conduct/cases/{id}/glass"))
        .await?;
    accessible(driver, axe, "/conduct/cases/{id}/glass").await?;
    sign_out(driver, base).await?;

    driver
        .goto(format!("{base}/language?to=en&back=/conduct/figures"))
        .await?;
    eventually(driver, "h1", |h1| h1 == "Allegations of misconduct").await?;
    accessible(driver, axe, "/conduct/figures").await?;
    screenshot(driver, "conduct-figures").await?;
    Ok(())
}

/// The incidents map in Chromium, offline: UCDP's 1,848 events of the Central African Republic
/// (the bundled copy of the shared file) imported into MINUSCA; an event in Bangui and one at
/// the far east (Bambouti) drawn inside the country's outline, as the browser's own geometry
/// says; the category and date filters change the points to exactly what the use case selects;
/// nothing fetched from another origin; French without the English labels; another mission's
/// staff see none of it. axe-core on each state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incidents_map_in_chromium() -> anyhow::Result<()> {
    use unpol_app::incidents::{self, Query};
    let axe = axe_source()?;
    let t = TestDb::sqlite().await?;
    let db = t.store();
    let ctx = AuditContext::console();
    let password = Secret::new(PASSWORD);
    for (login, role, mission) in [
        ("hq-user", Role::Hq, None),
        ("mission-unmiss", Role::Mission, Some("UNMISS")),
    ] {
        accounts::add_user(&db, login, role, None, mission, &password, &ctx).await?;
    }
    let console = unpol_app::Actor::console(unpol_domain::Clock::on("2026-12-01".parse()?));
    incidents::import_ucdp(
        &db,
        &console,
        "ged",
        unpol_import::ucdp::bundled_car(),
        "MINUSCA",
    )
    .await?;
    let all = incidents::list(&db, &console, &Query::default()).await?;
    let id_of = |ged: &str| {
        all.iter()
            .find(|r| r.incident.source_id.as_deref() == Some(ged))
            .map(|r| r.id)
            .context("a GED event")
    };
    let (bangui, bambouti) = (id_of("22782")?, id_of("36042")?);
    let one_sided = incidents::list(
        &db,
        &console,
        &Query {
            categories: vec!["protection_of_civilians".into()],
            from: Some("2014-01-01".parse()?),
            to: Some("2014-12-31".parse()?),
            ..Query::default()
        },
    )
    .await?;

    let base = common::serve(&db).await?;
    let (_chromedriver, port) = start_chromedriver()?;
    let driver = browser(port).await?;
    let outcome = async {
        sign_in(&driver, &base, "hq-user").await?;
        driver.goto(format!("{base}/incidents?mission=MINUSCA")).await?;
        eventually(&driver, "h1", |h1| h1.contains("MINUSCA")).await?;
        accessible(&driver, &axe, "/incidents").await?;
        screenshot(&driver, "incidents").await?;
        let circles = driver.find_all(By::Css("svg.map circle")).await?;
        ensure!(circles.len() == all.len(), "{} points for {} events", circles.len(), all.len());
        for (id, place) in [(bangui, "Bangui"), (bambouti, "Bambouti")] {
            let inside = driver
                .execute(
                    r"const c = document.querySelector(`svg.map circle[data-id='${arguments[0]}']`);
                      const outline = document.querySelector('svg.map path.outline');
                      const p = new DOMPoint(c.cx.baseVal.value, c.cy.baseVal.value);
                      return outline.isPointInFill(p);",
                    vec![json!(id)],
                )
                .await?;
            ensure!(inside.json() == &json!(true), "{place} drawn outside the outline");
        }
        let foreign = driver
            .execute(
                "return performance.getEntriesByType('resource').map(e => e.name)
                   .filter(n => !n.startsWith(location.origin));",
                Vec::new(),
            )
            .await?;
        ensure!(foreign.json() == &json!([]), "fetched from elsewhere: {}", foreign.json());

        // Filters: one category, one year.
        for category in driver.find_all(By::Css("input[name=category]")).await? {
            let code = category.value().await?.unwrap_or_default();
            if category.is_selected().await? != (code == "protection_of_civilians") {
                category.click().await?;
            }
        }
        set_value(&driver, "since", "2014-01-01").await?;
        set_value(&driver, "until", "2014-12-31").await?;
        submit(&driver, "form.filters").await?;
        eventually(&driver, "#list-heading", |_| true).await?;
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let shown = driver.find_all(By::Css("svg.map circle")).await?;
            if shown.len() == one_sided.len() {
                break;
            }
            ensure!(Instant::now() < deadline, "{} points after the filters, {} expected", shown.len(), one_sided.len());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let categories = driver
            .execute(
                "return [...new Set([...document.querySelectorAll('svg.map circle')].map(c => c.parentNode.dataset.category))];",
                Vec::new(),
            )
            .await?;
        ensure!(categories.json() == &json!(["protection_of_civilians"]), "{}", categories.json());
        accessible(&driver, &axe, "/incidents filtered").await?;

        // In French.
        let here = driver.current_url().await?;
        let back = format!("{}?{}", here.path(), here.query().unwrap_or_default());
        driver
            .goto(format!("{base}/language?to=fr&back={}", urlencode(&back)))
            .await?;
        eventually(&driver, "#list-heading", |h| h == "Les incidents").await?;
        let main = text_of(&driver, "main").await?;
        for english in ["Incidents per", "Category", "Deaths", "Apply", "Started", "Source:"] {
            ensure!(!main.contains(english), "English ({english:?}) on the French map page");
        }
        ensure!(main.contains("UCDP"), "the source is cited");
        accessible(&driver, &axe, "/incidents (fr)").await?;
        screenshot(&driver, "incidents-fr").await?;
        sign_out(&driver, &base).await?;

        // Another mission's staff.
        sign_in(&driver, &base, "mission-unmiss").await?;
        driver.goto(format!("{base}/incidents?mission=MINUSCA")).await?;
        eventually(&driver, "#list-heading", |_| true).await?;
        ensure!(driver.find_all(By::Css("svg.map circle")).await?.is_empty(), "UNMISS sees MINUSCA's points");
        ensure!(!text_of(&driver, "h1").await?.contains("MINUSCA"));
        anyhow::Ok(())
    }
    .await;
    driver.quit().await?;
    outcome?;
    t.cleanup().await?;
    Ok(())
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Capacity building, performance and the mission dashboard in Chromium, on a demo made on the
/// server's (stopped) day: the mission's staff see their mission's activities, indicators with
/// a trend each and transition tasks, in English and in French without English labels; a
/// focal point reads its nationals' evaluations only; an analyst reads the dashboard without
/// the tasks. axe-core on every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_in_chromium() -> anyhow::Result<()> {
    let axe = axe_source()?;
    let t = TestDb::sqlite().await?;
    let db = t.store();
    let day = "2026-11-02";
    common::demo_on(&db, 4, day.parse()?, true).await?;
    let ctx = AuditContext::console();
    let password = Secret::new(PASSWORD);
    for (login, role, country, mission) in [
        ("staff-minusca", Role::Mission, None, Some("MINUSCA")),
        ("pcc-sen", Role::Pcc, Some("SEN"), None),
        ("analyst-user", Role::Analyst, None, None),
    ] {
        accounts::add_user(&db, login, role, country, mission, &password, &ctx).await?;
    }
    let base = common::serve_with(&db, common::settings_on(day)).await?;
    let (_chromedriver, port) = start_chromedriver()?;
    let driver = browser(port).await?;
    let rows = |table: &'static str| {
        let driver = driver.clone();
        async move {
            anyhow::Ok(
                driver
                    .find_all(By::Css(format!("#table-{table} tbody tr")))
                    .await?
                    .len(),
            )
        }
    };
    let outcome = async {
        sign_in(&driver, &base, "staff-minusca").await?;
        // The report form: a bad coordinate is asked again, a good report lands on the map.
        driver.goto(format!("{base}/incidents/new")).await?;
        eventually(&driver, "h1", |_| true).await?;
        accessible(&driver, &axe, "/incidents/new").await?;
        set_value(&driver, "started_on", "2026-10-30").await?;
        set_value(&driver, "place", "Bambari bridge").await?;
        set_value(&driver, "adm1", "Ouaka").await?;
        set_value(&driver, "latitude", "north").await?;
        set_value(&driver, "longitude", "20.67").await?;
        set_value(&driver, "injuries", "2").await?;
        submit(&driver, "form.stacked").await?;
        eventually(&driver, "#form-error", |e| e.contains("decimal")).await?;
        accessible(&driver, &axe, "the report form refused").await?;
        set_value(&driver, "latitude", "5.76").await?;
        submit(&driver, "form.stacked").await?;
        eventually(&driver, "#list-heading", |_| true).await?;
        let listed = text_of(&driver, "#table-incidents").await?;
        ensure!(listed.contains("Bambari bridge"), "the report is not listed: {listed}");
        let points = driver.find_all(By::Css("svg.map circle")).await?;
        ensure!(!points.is_empty(), "the report is not on the map");
        driver
            .goto(format!("{base}/language?to=fr&back={}", urlencode("/incidents/new")))
            .await?;
        eventually(&driver, "html[lang=fr] h1", |h| h == "Signaler un incident").await?;
        accessible(&driver, &axe, "/incidents/new (fr)").await?;
        driver
            .goto(format!("{base}/language?to=en&back={}", urlencode("/dashboard")))
            .await?;
        driver.goto(format!("{base}/dashboard")).await?;
        eventually(&driver, "h1", |h1| h1.contains("MINUSCA")).await?;
        ensure!(rows("indicators").await? == 7, "five computed and two entered indicators");
        let charts = driver.find_all(By::Css(".trends svg")).await?;
        ensure!(charts.len() == 7, "{} trends for 7 indicators", charts.len());
        ensure!(rows("transition-tasks").await? == 5, "the mission's tasks");
        accessible(&driver, &axe, "/dashboard").await?;
        screenshot(&driver, "dashboard").await?;
        driver.goto(format!("{base}/dashboard?mission=UNMISS")).await?;
        eventually(&driver, "h1", |_| true).await?;
        ensure!(!text_of(&driver, "h1").await?.contains("UNMISS"), "MINUSCA's staff read UNMISS's dashboard");
        ensure!(rows("indicators").await? == 0);

        driver.goto(format!("{base}/capacity")).await?;
        eventually(&driver, "h1", |_| true).await?;
        ensure!(rows("capacity-activities").await? >= 10, "the mission's courses and mentoring");
        let missions = driver
            .execute(
                "return [...new Set([...document.querySelectorAll('#table-capacity-activities tbody tr td:first-child')].map(c => c.textContent))];",
                Vec::new(),
            )
            .await?;
        ensure!(missions.json() == &json!(["MINUSCA"]), "{}", missions.json());
        accessible(&driver, &axe, "/capacity").await?;
        driver.goto(format!("{base}/performance")).await?;
        eventually(&driver, "h1", |_| true).await?;
        ensure!(rows("evaluations").await? > 0, "the mission's evaluations");
        accessible(&driver, &axe, "/performance").await?;

        // In French, each page without its English labels.
        for (page, english) in [
            ("/dashboard", &["Indicators against", "Share of women", "Handed over", "Target met", "Source:"][..]),
            ("/capacity", &["Training course", "Per mission", "Host police trained", "Delivered on"][..]),
            ("/performance", &["Evaluations of", "Meets the standard", "Readiness", "Overall rating"][..]),
        ] {
            driver
                .goto(format!("{base}/language?to=fr&back={}", urlencode(page)))
                .await?;
            eventually(&driver, "html[lang=fr] h1", |_| true).await?;
            let main = text_of(&driver, "main").await?;
            for word in english {
                ensure!(!main.contains(word), "English ({word:?}) on {page} in French");
            }
            accessible(&driver, &axe, &format!("{page} (fr)")).await?;
            screenshot(&driver, &format!("{}-fr", page.trim_start_matches('/'))).await?;
            driver
                .goto(format!("{base}/language?to=en&back={}", urlencode(page)))
                .await?;
        }
        sign_out(&driver, &base).await?;

        // A focal point: its nationals' evaluations, its units' assessments.
        sign_in(&driver, &base, "pcc-sen").await?;
        driver.goto(format!("{base}/performance")).await?;
        eventually(&driver, "h1", |_| true).await?;
        let nationalities = driver
            .execute(
                "return [...new Set([...document.querySelectorAll('#table-evaluations tbody tr td:nth-child(3), #table-unit-assessments tbody tr td:nth-child(3)')].map(c => c.textContent))];",
                Vec::new(),
            )
            .await?;
        ensure!(nationalities.json() == &json!(["SEN"]), "{}", nationalities.json());
        accessible(&driver, &axe, "/performance (focal point)").await?;
        sign_out(&driver, &base).await?;

        // An analyst: indicators, no tasks.
        sign_in(&driver, &base, "analyst-user").await?;
        driver.goto(format!("{base}/dashboard?mission=MINUSCA")).await?;
        eventually(&driver, "h1", |h1| h1.contains("MINUSCA")).await?;
        ensure!(rows("indicators").await? == 7);
        ensure!(rows("transition-tasks").await? == 0, "analysts read no owner of a task");
        accessible(&driver, &axe, "/dashboard (analyst)").await?;
        anyhow::Ok(())
    }
    .await;
    driver.quit().await?;
    outcome?;
    t.cleanup().await?;
    Ok(())
}
