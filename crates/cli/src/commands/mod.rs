//! One module per subcommand.

mod audit;
mod import;
mod stats;
mod user;

use anyhow::Context;
use unpol_storage::Database;

use crate::cli::{Cli, Command, ImportCommand};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let db = Database::connect(&cli.database_url).await?;
    let report = db
        .migrate()
        .await
        .context("cannot bring the database up to date")?;
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
        Command::Import(ImportCommand::Published(args)) => import::published(&db, args).await,
        Command::Stats(command) => stats::run(&db, command).await,
        Command::User(command) => user::user(&db, command).await,
        Command::Token(command) => user::token(&db, command).await,
        Command::Audit(command) => audit::run(&db, command).await,
        Command::Serve {
            addr,
            secure_cookies,
        } => unpol_web::serve(db.clone(), addr, unpol_web::Settings { secure_cookies }).await,
    };
    db.close().await;
    result
}
