//! `unpol user ...` and `unpol token ...`.

use std::io::{BufRead, IsTerminal};

use unpol_app::Store;
use unpol_app::accounts::{self, AuditContext, Secret};

use crate::cli::{Format, TokenCommand, UserCommand};
use crate::output;

/// The password from stdin's first line, or a generated one (and whether it was generated).
fn read_or_generate_password() -> anyhow::Result<(Secret, bool)> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        let line = line.trim_end_matches(['\n', '\r']);
        if !line.is_empty() {
            return Ok((Secret::new(line), false));
        }
    }
    Ok((accounts::generate_password(), true))
}

fn print_generated(login: &str, password: &Secret) {
    eprintln!("generated password for {login} (shown once, store it now):");
    println!("{}", password.expose());
}

pub async fn user(db: &Store, command: UserCommand) -> anyhow::Result<()> {
    let ctx = AuditContext::console();
    match command {
        UserCommand::Add {
            login,
            role,
            country,
            mission,
        } => {
            let (password, generated) = read_or_generate_password()?;
            accounts::add_user(
                db,
                &login,
                role,
                country.as_deref(),
                mission.as_deref(),
                &password,
                &ctx,
            )
            .await?;
            eprintln!("user {login} added ({role})");
            if generated {
                print_generated(&login, &password);
            }
        }
        UserCommand::List { format } => {
            let users = accounts::users(db).await?;
            let rows: Vec<Vec<String>> = users
                .iter()
                .map(|u| {
                    vec![
                        u.login.clone(),
                        u.role.to_string(),
                        u.scope.to_string(),
                        if u.disabled { "disabled" } else { "active" }.into(),
                    ]
                })
                .collect();
            let header = ["login", "role", "scope", "status"];
            match format {
                Format::Json => {
                    let json: Vec<_> = users
                        .iter()
                        .map(|u| {
                            serde_json::json!({"login": u.login, "role": u.role, "scope": u.scope, "disabled": u.disabled})
                        })
                        .collect();
                    output::json(&json)?;
                }
                Format::Csv => output::csv(&header, &rows)?,
                Format::Table => output::table("Users", &header, &rows)?,
            }
        }
        UserCommand::Disable { login } => {
            accounts::disable_user(db, &login, &ctx).await?;
            eprintln!("user {login} disabled");
        }
        UserCommand::Passwd { login } => {
            let (password, generated) = read_or_generate_password()?;
            accounts::set_password(db, &login, &password, &ctx).await?;
            eprintln!("password of {login} changed; its sessions ended");
            if generated {
                print_generated(&login, &password);
            }
        }
    }
    Ok(())
}

pub async fn token(db: &Store, command: TokenCommand) -> anyhow::Result<()> {
    let ctx = AuditContext::console();
    match command {
        TokenCommand::Create {
            login,
            name,
            expires,
        } => {
            let (id, token) = accounts::create_token(db, &login, &name, expires, &ctx).await?;
            eprintln!(
                "token {id} `{name}` for {login} (shown once; send it as `Authorization: Bearer TOKEN`):"
            );
            println!("{}", token.expose());
        }
        TokenCommand::List => {
            let rows: Vec<Vec<String>> = accounts::tokens(db)
                .await?
                .into_iter()
                .map(|t| {
                    let status = match (t.revoked_at, t.expires_at) {
                        (Some(r), _) => format!("revoked {}", r.format("%Y-%m-%d")),
                        (None, Some(e)) => format!("expires {}", e.format("%Y-%m-%d")),
                        (None, None) => "no expiry".into(),
                    };
                    vec![
                        t.id.to_string(),
                        t.login,
                        t.name,
                        t.created_at.format("%Y-%m-%d").to_string(),
                        status,
                    ]
                })
                .collect();
            output::table(
                "API tokens",
                &["id", "login", "name", "created", "status"],
                &rows,
            )?;
        }
        TokenCommand::Revoke { id } => {
            accounts::revoke_token(db, id, &ctx).await?;
            eprintln!("token {id} revoked");
        }
    }
    Ok(())
}
