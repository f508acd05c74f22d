//! The server as users meet it, through real `unpol serve` processes: sessions shared between two
//! processes on one PostgreSQL database, brute-force throttling, secrets kept out of logs and out of
//! the audit trail, and `unpol audit verify` catching an edited entry.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Output, Stdio};
use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use unpol_app::testing::TestDb;
use unpol_app::testing::storage::{Database, Pool};

mod common;

fn unpol(url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = common::unpol_on(url)
        .args(args)
        .env("UNPOL_LOG", "debug")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("unpol runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("unpol finishes")
}

/// A running `unpol serve` on a free port; its stderr (logs) is collected.
struct Server {
    child: Child,
    base: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(url: &str) -> Server {
        let mut child = common::unpol_on(url)
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("UNPOL_LOG", "debug")
            .stderr(Stdio::piped())
            .spawn()
            .expect("unpol serve starts");
        let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
        let base = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|l| {
                l.split_once("listening on ")
                    .map(|(_, addr)| addr.trim().to_string())
            })
            .expect("the server prints its address");
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().expect("log lock").push_str(&(line + "\n"));
            }
        });
        Server { child, base, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const PASSWORD: &str = "correct horse battery staple";

fn add_admin(url: &str) {
    let out = unpol(
        url,
        &["user", "add", "chief", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client")
}

#[tokio::test]
async fn a_session_from_one_server_process_works_on_another() -> anyhow::Result<()> {
    let Some(t) = TestDb::postgres().await? else {
        eprintln!("UNPOL_TEST_POSTGRES_URL is not set: two processes need a shared PostgreSQL");
        return Ok(());
    };
    add_admin(&t.url);
    let (first, second) = (Server::start(&t.url), Server::start(&t.url));
    let http = client();
    let login = http
        .post(first.url("/api/v1/session"))
        .json(&serde_json::json!({"login": "chief", "password": PASSWORD}))
        .send()
        .await?;
    assert_eq!(login.status(), StatusCode::OK);
    let me = http.get(second.url("/api/v1/me")).send().await?;
    assert_eq!(
        me.status(),
        StatusCode::OK,
        "the session made by the first process"
    );
    assert_eq!(me.json::<serde_json::Value>().await?["login"], "chief");
    let home = http.get(second.url("/")).send().await?;
    assert!(home.text().await?.contains("Welcome, chief"));

    let logout = http.delete(second.url("/api/v1/session")).send().await?;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let me = http.get(first.url("/api/v1/me")).send().await?;
    assert_eq!(
        me.status(),
        StatusCode::UNAUTHORIZED,
        "logged out everywhere"
    );
    drop((first, second));
    t.cleanup().await
}

#[tokio::test]
async fn twenty_wrong_passwords_are_refused_before_the_twentieth_is_checked() -> anyhow::Result<()>
{
    let t = TestDb::sqlite().await?;
    add_admin(&t.url);
    let server = Server::start(&t.url);
    let http = client();
    let mut statuses = Vec::new();
    for attempt in 1..=20 {
        // The 20th attempt carries the right password: refused all the same, so it was not checked.
        let password = if attempt == 20 {
            PASSWORD.to_string()
        } else {
            format!("wrong guess {attempt}")
        };
        let response = http
            .post(server.url("/api/v1/session"))
            .json(&serde_json::json!({"login": "chief", "password": password}))
            .send()
            .await?;
        statuses.push(response.status());
    }
    assert!(
        statuses[..10]
            .iter()
            .all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert!(
        statuses[10..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );

    let out = unpol(&t.url, &["audit", "show", "--format", "json"], "");
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let count = |action: &str| entries.iter().filter(|e| e["action"] == action).count();
    assert_eq!(
        (
            count("login.failed"),
            count("login.refused"),
            count("login.ok")
        ),
        (10, 10, 0)
    );
    drop(server);
    t.cleanup().await
}

#[tokio::test]
async fn passwords_and_tokens_never_reach_logs_or_the_audit_trail() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let added = unpol(
        &t.url,
        &["user", "add", "chief", "--role", "admin"],
        &format!("{PASSWORD}\n"),
    );
    let generated = unpol(
        &t.url,
        &["user", "add", "analyst1", "--role", "analyst"],
        "",
    );
    let generated_password = String::from_utf8(generated.stdout.clone())?
        .trim()
        .to_string();
    assert_eq!(
        generated_password.len(),
        20,
        "a generated password is printed once on stdout"
    );
    let token_out = unpol(&t.url, &["token", "create", "chief", "--name", "ci"], "");
    let token = String::from_utf8(token_out.stdout.clone())?
        .trim()
        .to_string();
    assert!(token.starts_with("unpol_"));

    let server = Server::start(&t.url);
    let http = client();
    let wrong = "not the password at all";
    for password in [PASSWORD, wrong] {
        http.post(server.url("/api/v1/session"))
            .json(&serde_json::json!({"login": "chief", "password": password}))
            .send()
            .await?;
    }
    let form = [
        ("login", "analyst1"),
        ("password", generated_password.as_str()),
        ("csrf", "x"),
    ];
    http.post(server.url("/login")).form(&form).send().await?;
    let users = http
        .get(server.url("/api/v1/users"))
        .bearer_auth(&token)
        .send()
        .await?;
    assert_eq!(users.status(), StatusCode::OK);
    let bad_token = format!("{token}x");
    let refused = http
        .get(server.url("/api/v1/users"))
        .bearer_auth(&bad_token)
        .send()
        .await?;
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);

    let audit = unpol(&t.url, &["audit", "show", "--format", "json"], "");
    let mut everything = String::new();
    for out in [&added, &generated, &token_out, &audit] {
        everything.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    everything.push_str(&String::from_utf8_lossy(&audit.stdout));
    let server_log = server.log.clone();
    drop(server);
    let server_log = server_log.lock().expect("log lock").clone();
    assert!(
        server_log.contains("/api/v1/session"),
        "the server logged the requests: {server_log}"
    );
    everything.push_str(&server_log);
    assert!(
        String::from_utf8_lossy(&audit.stdout).contains("login.ok"),
        "the audit trail has the logins"
    );
    for secret in [
        PASSWORD,
        wrong,
        generated_password.as_str(),
        token.as_str(),
        &token[6..],
    ] {
        assert!(!everything.contains(secret), "a secret leaked: {secret}");
    }
    // Nothing stores a token or a password in clear: not even the database file.
    let mut db_bytes = Vec::new();
    std::fs::File::open(t.url.trim_start_matches("sqlite://"))?.read_to_end(&mut db_bytes)?;
    let db_text = String::from_utf8_lossy(&db_bytes);
    for secret in [PASSWORD, generated_password.as_str(), &token[6..]] {
        assert!(!db_text.contains(secret), "a secret is stored in clear");
    }
    t.cleanup().await
}

/// Runs one SQL statement as a DBA would, outside unpol.
async fn dba(db: &Database, statement: &str) -> Result<(), sqlx::Error> {
    match db.pool() {
        Pool::Sqlite(pool) => sqlx::query(statement).execute(pool).await.map(|_| ()),
        Pool::Postgres(pool) => sqlx::query(statement).execute(pool).await.map(|_| ()),
    }
}

/// What an attacker with the database (not the key) does to the trail.
#[derive(Debug, Clone, Copy)]
enum Tampering {
    EditOne,
    DeleteTheLast,
    DeleteAll,
    RehashFromTheFirst,
}

async fn tamper_and_verify(t: &TestDb, tampering: Tampering) -> anyhow::Result<()> {
    add_admin(&t.url);
    for login in ["a1", "a2", "a3"] {
        let out = unpol(&t.url, &["user", "add", login, "--role", "analyst"], "");
        assert!(out.status.success());
    }
    let checkpoint = unpol(&t.url, &["audit", "checkpoint"], "");
    assert!(
        checkpoint.status.success(),
        "{}",
        String::from_utf8_lossy(&checkpoint.stderr)
    );
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("checkpoint.json");
    std::fs::write(&file, &checkpoint.stdout)?;
    let file = file.display().to_string();
    let verify = |url: &str| unpol(url, &["audit", "verify", "--checkpoint", &file], "");
    let ok = verify(&t.url);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}: {}",
        t.label,
        String::from_utf8_lossy(&ok.stderr)
    );

    // Without the DBA's step, the database itself refuses the change.
    let refused = dba(
        &t.db,
        "UPDATE audit_entry SET detail = 'role admin' WHERE seq = 3",
    )
    .await;
    assert!(
        refused.is_err(),
        "{}: the audit trail is append-only",
        t.label
    );
    let unguard: &[&str] = match t.db.backend() {
        unpol_app::testing::storage::Backend::Sqlite => &[
            "DROP TRIGGER audit_entry_no_update",
            "DROP TRIGGER audit_entry_no_delete",
        ],
        unpol_app::testing::storage::Backend::Postgres => {
            &["ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_change"]
        }
    };
    for statement in unguard {
        dba(&t.db, statement).await?;
    }
    match tampering {
        Tampering::EditOne => {
            dba(
                &t.db,
                "UPDATE audit_entry SET detail = 'role admin' WHERE seq = 3",
            )
            .await?;
        }
        Tampering::DeleteTheLast => {
            dba(
                &t.db,
                "DELETE FROM audit_entry WHERE seq = (SELECT MAX(seq) FROM audit_entry)",
            )
            .await?;
        }
        Tampering::DeleteAll => dba(&t.db, "DELETE FROM audit_entry").await?,
        Tampering::RehashFromTheFirst => {
            // Edit an entry, then recompute every hash from the first with plain SHA-256, as
            // anyone who reads the code can.
            let mut prev = unpol_domain::audit::GENESIS.to_string();
            for mut entry in t.db.audit_chain().await? {
                if entry.seq == 3 {
                    entry.event.detail = "role admin".into();
                }
                let hash = entry.event.legacy_chain_hash(entry.seq, &prev);
                let statement = format!(
                    "UPDATE audit_entry SET detail = '{}', prev_hash = '{prev}', hash = '{hash}' WHERE seq = {}",
                    entry.event.detail.replace('\'', "''"),
                    entry.seq
                );
                dba(&t.db, &statement).await?;
                prev = hash;
            }
        }
    }
    let broken = verify(&t.url);
    let message = String::from_utf8_lossy(&broken.stderr);
    assert_eq!(
        broken.status.code(),
        Some(1),
        "{} {tampering:?}: {message}",
        t.label
    );
    let expected = match tampering {
        Tampering::EditOne => "entry 3",
        Tampering::DeleteTheLast | Tampering::DeleteAll => "entries were cut",
        Tampering::RehashFromTheFirst => "entry 1",
    };
    assert!(
        message.contains(expected),
        "{} {tampering:?}: says `{expected}`: {message}",
        t.label
    );
    Ok(())
}

#[tokio::test]
async fn audit_verify_finds_an_edit_a_cut_and_a_rehash() -> anyhow::Result<()> {
    for tampering in [
        Tampering::EditOne,
        Tampering::DeleteTheLast,
        Tampering::DeleteAll,
        Tampering::RehashFromTheFirst,
    ] {
        for t in TestDb::all().await? {
            tamper_and_verify(&t, tampering).await?;
            t.cleanup().await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn serve_demo_fills_an_empty_database_and_prints_working_accounts() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    let mut child = common::unpol_on(&t.url)
        .args(["serve", "--demo", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut accounts = std::collections::BTreeMap::new();
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    for line in stdout.lines().map_while(Result::ok) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if let [login, _role, password] = fields[..] {
            accounts.insert(login.to_string(), password.to_string());
        }
        if accounts.len() == 6 {
            break;
        }
    }
    let base = BufReader::new(child.stderr.take().expect("stderr"))
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_once("listening on ")
                .map(|(_, a)| a.trim().to_string())
        })
        .expect("address");
    let http = client();
    let login = http
        .post(format!("{base}/api/v1/session"))
        .json(&serde_json::json!({"login": "pcc-senegal", "password": accounts["pcc-senegal"]}))
        .send()
        .await?;
    assert_eq!(login.status(), StatusCode::OK);
    let officers: serde_json::Value = http
        .get(format!("{base}/api/v1/officers?per_page=500"))
        .send()
        .await?
        .json()
        .await?;
    let items = officers["items"].as_array().expect("items");
    assert!(
        !items.is_empty() && items.iter().all(|o| o["nationality"] == "SEN"),
        "{officers}"
    );
    let _ = child.kill();
    let _ = child.wait();
    t.cleanup().await
}

/// A write that arrives while an import holds SQLite's write lock waits for it, and past the busy
/// timeout answers 503 with Retry-After, never 500; sent again once the import is over, it is
/// written once.
#[tokio::test]
async fn a_write_during_a_long_import_waits_or_gets_503() -> anyhow::Result<()> {
    let t = TestDb::sqlite().await?;
    add_admin(&t.url);
    let server = Server::start(&t.url);
    let http = client();
    let login = http
        .post(server.url("/api/v1/session"))
        .json(&serde_json::json!({"login": "chief", "password": PASSWORD}))
        .send()
        .await?;
    assert_eq!(login.status(), StatusCode::OK);
    let bearer = token(&t.url);

    let dir = tempfile::tempdir()?;
    let file = dir.path().join("2026-01.csv");
    std::fs::write(
        &file,
        "report_date,mission,contributing_country,iso3,personnel_type,male,female,total\n\
         2026-01-31,UNMISS,Senegal,SEN,Individual Police,10,5,15\n",
    )?;
    let mut import = common::held_import(&t.url, &file)?;

    let officer = serde_json::json!({
        "external_id": "BUSY-1", "given_name": "Awa", "family_name": "Diop", "nationality": "SEN",
        "gender": "female", "birth_date": "1985-05-05", "rank": "Inspector",
    });
    let during = http
        .post(server.url("/api/v1/officers"))
        .bearer_auth(&bearer)
        .json(&officer)
        .send()
        .await?;
    assert_eq!(during.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(during.headers().contains_key("retry-after"));
    let request_id = during
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let problem: serde_json::Value = during.json().await?;
    assert_eq!(problem["status"], 503);
    // The log line of the refusal carries the request's id (the one its answer carries).
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let log = server.log.lock().expect("log lock").clone();
    assert!(
        log.lines()
            .any(|l| l.contains("database busy") && l.contains(&request_id)),
        "{request_id}: {log}"
    );

    import.kill()?;
    import.wait()?;
    let after = http
        .post(server.url("/api/v1/officers"))
        .bearer_auth(&bearer)
        .json(&officer)
        .send()
        .await?;
    assert_eq!(
        after.status(),
        StatusCode::CREATED,
        "{}",
        after.text().await?
    );
    let listed: serde_json::Value = http
        .get(server.url("/api/v1/officers?name=Diop"))
        .bearer_auth(&bearer)
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(listed["total"], 1, "written once: {listed}");
    Ok(())
}

/// A new API token of the admin, from the command line.
fn token(url: &str) -> String {
    let out = unpol(url, &["token", "create", "chief", "--name", "busy"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
