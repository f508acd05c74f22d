//! One module per subcommand.

mod audit;
mod conduct;
mod forcegen;
mod forecast;
mod import;
mod incidents;
mod operations;
mod roster;
mod stats;
mod user;

use anyhow::Context;
use unpol_app::Store;

use unpol_app::demo::DemoOptions;
use unpol_domain::access::Role;

use crate::cli::{AuditCommand, Cli, Command, ForcegenCommand, ImportCommand, MonthArg};
use unpol_app::audit::{KeySource, KeyUse};

/// `serve --demo`: whatever an empty database lacks for a demonstration, and nothing more.
async fn demo_data(db: &Store, clock: unpol_domain::Clock) -> anyhow::Result<()> {
    if unpol_app::stats::published_months(db).await?.is_empty() {
        eprintln!("loading the bundled published figures...");
        unpol_app::import::import_bundled(db, Default::default()).await?;
    }
    let latest = unpol_app::stats::published_months(db)
        .await?
        .into_iter()
        .filter(|(_, level)| *level == unpol_domain::published::Level::Mission)
        .map(|(month, _)| month)
        .next_back()
        .context("no mission-level month to shape the demo on")?;
    if unpol_app::demo::roster_is_empty(db).await? {
        demo(db, MonthArg::Month(latest), 1, 1, clock).await?;
    }
    if unpol_app::accounts::users(db).await?.is_empty() {
        let ctx = unpol_app::accounts::AuditContext::console();
        println!("demo accounts (passwords shown once):");
        for (login, role, country, mission) in DEMO_ACCOUNTS {
            let password = unpol_app::accounts::generate_password();
            unpol_app::accounts::add_user(db, login, role, country, mission, &password, &ctx)
                .await?;
            println!("  {login:<16} {:<8} {}", role.code(), password.expose());
        }
    }
    Ok(())
}

const DEMO_ACCOUNTS: [(&str, Role, Option<&str>, Option<&str>); 6] = [
    ("admin", Role::Admin, None, None),
    ("hq", Role::Hq, None, None),
    ("pcc-senegal", Role::Pcc, Some("SEN"), None),
    ("mission-unmiss", Role::Mission, None, Some("UNMISS")),
    ("conduct", Role::Conduct, None, None),
    ("analyst", Role::Analyst, None, None),
];

/// The demo roster shaped on `like` and dated around today (the `--today` clock), with its
/// force-generation history.
async fn demo(
    db: &Store,
    like: MonthArg,
    scale: u32,
    seed: u64,
    clock: unpol_domain::Clock,
) -> anyhow::Result<()> {
    let like = stats::resolve_month(db, like).await?;
    let started = std::time::Instant::now();
    let today = clock.today();
    let options = DemoOptions {
        like,
        scale,
        seed,
        today,
        history: true,
    };
    let summary = unpol_app::demo::fill(db, options).await?;
    eprintln!(
        "demo roster shaped on {like}, dated around {today} (scale {scale}, seed {seed}): {} officers ({} available), {} units, {} posts, {} tours, {} force-generation requests, {} conduct cases, {} incidents, {} capacity-building activities, {} evaluations, {} indicators in {:.1} s",
        summary.officers,
        summary.available,
        summary.units,
        summary.posts,
        summary.deployments,
        summary.requests,
        summary.cases,
        summary.incidents,
        summary.activities,
        summary.evaluations,
        summary.indicators,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The store with the key that seals conduct cases, if one is given or beside an SQLite
/// database (created there when `create` is set and it is missing).
fn with_case_key(db: Store, cli: &Cli, create: bool) -> anyhow::Result<Store> {
    use unpol_app::sealed::{CaseKeySource, default_case_key_file, load_case_key};
    let source = match (std::env::var("UNPOL_CASE_KEY").ok(), &cli.case_key_file) {
        (Some(hex), _) => Some(CaseKeySource::Hex(hex)),
        (None, Some(file)) => Some(CaseKeySource::File(file.clone())),
        (None, None) => default_case_key_file(&cli.database_url).map(CaseKeySource::File),
    };
    let Some(source) = source else {
        return Ok(db);
    };
    Ok(match load_case_key(&source, create)? {
        Some(key) => db.with_case_key(key),
        None => db,
    })
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Solving files needs no database: do not create one in the current folder.
    if let Command::Forcegen(command @ ForcegenCommand::Solve { .. }) = cli.command {
        return forcegen::solve(command);
    }
    let clock = cli
        .today
        .map_or(unpol_domain::Clock::System, unpol_domain::Clock::on);
    let (db, report) = Store::open(&cli.database_url)
        .await
        .context("cannot bring the database up to date")?;
    let key = match (std::env::var("UNPOL_AUDIT_KEY").ok(), &cli.audit_key_file) {
        (Some(hex), _) => Some(KeySource::Hex(hex)),
        (None, Some(file)) => Some(KeySource::File(file.clone())),
        (None, None) => unpol_app::audit::default_key_file(&cli.database_url).map(KeySource::File),
    };
    // Checking the trail must not create a key or seal a trail someone rewrote.
    let usage = match &cli.command {
        Command::Audit(
            AuditCommand::Verify { .. }
            | AuditCommand::Checkpoint
            | AuditCommand::Show { .. }
            | AuditCommand::Seal,
        ) => KeyUse::Check,
        _ => KeyUse::Write,
    };
    let db = unpol_app::audit::with_key(db, key, usage).await?;
    // Only the commands that seal or open cases create the key; the others load it if it exists.
    let seals = usage == KeyUse::Write
        && matches!(
            cli.command,
            Command::Conduct(_) | Command::Serve { .. } | Command::Demo { .. }
        );
    let db = with_case_key(db, &cli, seals)?;
    let result = match cli.command {
        Command::Migrate => {
            eprintln!(
                "database is up to date ({} migration(s) applied, reference data {})",
                report.applied,
                if report.reference_loaded {
                    "loaded"
                } else {
                    "unchanged"
                }
            );
            Ok(())
        }
        Command::Import(ImportCommand::Published(args)) => {
            import::published(&db, args, clock).await
        }
        Command::Stats(command) => stats::run(&db, command).await,
        Command::User(command) => user::user(&db, command).await,
        Command::Token(command) => user::token(&db, command).await,
        Command::Audit(command) => audit::run(&db, command, clock).await,
        Command::Roster(command) => roster::run(&db, command, clock).await,
        Command::Forecast(command) => forecast::run(&db, command, clock).await,
        Command::Forcegen(command) => forcegen::run(&db, command, clock).await,
        Command::Conduct(command) => conduct::run(&db, command, clock).await,
        Command::Incidents(command) => incidents::run(&db, command, clock).await,
        Command::Capacity(command) => operations::capacity(&db, command, clock).await,
        Command::Performance(command) => operations::performance(&db, command, clock).await,
        Command::Indicators(command) => operations::indicators(&db, command, clock).await,
        Command::Transition(command) => operations::transition(&db, command, clock).await,
        Command::Demo { like, scale, seed } => demo(&db, like, scale, seed, clock).await,
        Command::Serve {
            addr,
            secure_cookies,
            demo,
        } => {
            if demo {
                demo_data(&db, clock).await?;
            }
            let settings = unpol_web::Settings {
                secure_cookies,
                clock,
            };
            unpol_web::serve(db.clone(), addr, settings).await
        }
    };
    db.close().await;
    result
}

/// Who a command acts as: the console (headquarters' view) or, with `--as LOGIN`, a user of
/// unpol with that user's role and scope.
pub(crate) async fn actor(
    db: &Store,
    user: Option<&str>,
    clock: unpol_domain::Clock,
) -> anyhow::Result<unpol_app::Actor> {
    match user {
        Some(login) => unpol_app::accounts::console_as(db, login, clock).await,
        None => Ok(unpol_app::Actor::console(clock)),
    }
}

/// A refusal as its one line of English; any other failure as it is.
pub(crate) fn refusal(error: unpol_app::roster::WriteError) -> anyhow::Error {
    match error.text() {
        Some(text) => anyhow::anyhow!(text),
        None => anyhow::Error::new(error),
    }
}

/// A JSON file (`-` for standard input) read as the API's body of the same request: what it is
/// (`a case`) names it in the error.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    file: &std::path::Path,
    what: &str,
) -> anyhow::Result<T> {
    use anyhow::Context;
    let text = if file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).context("cannot read standard input")?
    } else {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?
    };
    serde_json::from_str(&text).with_context(|| format!("{}: not {what}", file.display()))
}
