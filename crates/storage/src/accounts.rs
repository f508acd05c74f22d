//! Users, API tokens, browser sessions and failed-login counts.
//!
//! Secrets never reach this crate in clear: passwords arrive as Argon2id hashes, tokens and
//! session ids as SHA-256 hashes. Every change to an account is written with its audit entry in
//! one transaction.

use anyhow::anyhow;
use chrono::{DateTime, Utc};
use unpol_domain::access::{Role, Scope};
use unpol_domain::audit::AuditEvent;
use unpol_domain::throttle::Failures;
use unpol_domain::{CountryCode, MissionCode};

use crate::audit::{append_in, audited_tx};
use crate::{Database, on_pool};

/// A user as stored (with its password hash, which never leaves the server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    pub id: i64,
    pub login: String,
    pub password_hash: String,
    pub role: Role,
    pub scope: Scope,
    pub disabled: bool,
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub password_hash: String,
    pub role: Role,
    pub scope: Scope,
}

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("a user `{0}` already exists")]
    LoginTaken(String),
    #[error("no user `{0}`")]
    NoSuchUser(String),
    #[error("no token {0}")]
    NoSuchToken(i64),
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AccountError {
    fn from(error: sqlx::Error) -> Self {
        AccountError::Storage(error.into())
    }
}

/// A token as listed (never with its secret).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenInfo {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A change to an account after which its sessions must end.
#[derive(Debug, Clone, Copy)]
enum AccountChange<'a> {
    Disable,
    Password(&'a str),
}

type UserRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    bool,
);
const USER_COLUMNS: &str = "id, login, password_hash, role, country, mission, disabled";

fn user_from_row(
    (id, login, password_hash, role, country, mission, disabled): UserRow,
) -> anyhow::Result<UserRecord> {
    let role =
        Role::from_code(&role).ok_or_else(|| anyhow!("corrupt role `{role}` for user {login}"))?;
    let scope = match (country, mission) {
        (Some(c), _) => {
            Scope::Country(CountryCode::parse(&c).map_err(|e| anyhow!("user {login}: {e}"))?)
        }
        (None, Some(m)) => {
            Scope::Mission(MissionCode::parse(&m).map_err(|e| anyhow!("user {login}: {e}"))?)
        }
        (None, None) => Scope::All,
    };
    Ok(UserRecord {
        id,
        login,
        password_hash,
        role,
        scope,
        disabled,
    })
}

fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(e) if e.is_unique_violation())
}

impl Database {
    pub async fn create_user(
        &self,
        user: &NewUser,
        audit: &AuditEvent,
    ) -> Result<i64, AccountError> {
        let country = user.scope.country().map(|c| c.to_string());
        let mission = user.scope.mission().map(|m| m.to_string());
        audited_tx!(self, tx => {
            let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
                "INSERT INTO app_user (login, password_hash, role, country, mission, disabled, created_at) \
                 VALUES ($1, $2, $3, $4, $5, FALSE, $6) RETURNING id",
            )
            .bind(&user.login)
            .bind(&user.password_hash)
            .bind(user.role.code())
            .bind(&country)
            .bind(&mission)
            .bind(Utc::now())
            .fetch_one(&mut *tx)
            .await;
            match inserted {
                Err(e) if is_unique_violation(&e) => Err(AccountError::LoginTaken(user.login.clone())),
                Err(e) => Err(e.into()),
                Ok(id) => append_in!(self, tx, audit).map(|_| id).map_err(AccountError::from),
            }
        })
    }

    pub async fn user_by_login(&self, login: &str) -> anyhow::Result<Option<UserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM app_user WHERE login = $1");
        let row: Option<UserRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).bind(login).fetch_optional(pool).await)?;
        row.map(user_from_row).transpose()
    }

    pub async fn users(&self) -> anyhow::Result<Vec<UserRecord>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM app_user ORDER BY login");
        let rows: Vec<UserRow> =
            on_pool!(self, pool => sqlx::query_as(&sql).fetch_all(pool).await)?;
        rows.into_iter().map(user_from_row).collect()
    }

    /// Disables a user and ends its sessions; its tokens stop working with it.
    pub async fn disable_user(&self, login: &str, audit: &AuditEvent) -> Result<(), AccountError> {
        self.change_account(login, AccountChange::Disable, audit)
            .await
    }

    /// Sets a new password hash and ends the user's sessions.
    pub async fn set_password(
        &self,
        login: &str,
        password_hash: &str,
        audit: &AuditEvent,
    ) -> Result<(), AccountError> {
        self.change_account(login, AccountChange::Password(password_hash), audit)
            .await
    }

    /// Applies a change that invalidates the user's sessions, ends them, and audits it, in one
    /// transaction.
    async fn change_account(
        &self,
        login: &str,
        change: AccountChange<'_>,
        audit: &AuditEvent,
    ) -> Result<(), AccountError> {
        audited_tx!(self, tx => {
            let mut q = sqlx::QueryBuilder::new("UPDATE app_user SET ");
            match change {
                AccountChange::Disable => q.push("disabled = TRUE"),
                AccountChange::Password(hash) => q.push("password_hash = ").push_bind(hash.to_string()),
            };
            q.push(" WHERE login = ").push_bind(login.to_string()).push(" RETURNING id");
            let id: Option<i64> = q.build_query_scalar().fetch_optional(&mut *tx).await?;
            match id {
                None => Err(AccountError::NoSuchUser(login.to_string())),
                Some(id) => {
                    sqlx::query("DELETE FROM web_session WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                    append_in!(self, tx, audit).map(|_| ()).map_err(AccountError::from)
                }
            }
        })
    }

    pub async fn create_token(
        &self,
        login: &str,
        name: &str,
        token_hash: &str,
        expires_at: Option<DateTime<Utc>>,
        audit: &AuditEvent,
    ) -> Result<i64, AccountError> {
        audited_tx!(self, tx => {
            let user: Option<i64> = sqlx::query_scalar("SELECT id FROM app_user WHERE login = $1")
                .bind(login)
                .fetch_optional(&mut *tx)
                .await?;
            match user {
                None => Err(AccountError::NoSuchUser(login.to_string())),
                Some(user_id) => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO api_token (user_id, name, token_hash, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(user_id)
                    .bind(name)
                    .bind(token_hash)
                    .bind(Utc::now())
                    .bind(expires_at)
                    .fetch_one(&mut *tx)
                    .await?;
                    append_in!(self, tx, audit).map(|_| id).map_err(AccountError::from)
                }
            }
        })
    }

    pub async fn revoke_token(&self, id: i64, audit: &AuditEvent) -> Result<(), AccountError> {
        audited_tx!(self, tx => {
            let done = sqlx::query("UPDATE api_token SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
                .bind(Utc::now())
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                Err(AccountError::NoSuchToken(id))
            } else {
                append_in!(self, tx, audit).map(|_| ()).map_err(AccountError::from)
            }
        })
    }

    pub async fn tokens(&self) -> anyhow::Result<Vec<TokenInfo>> {
        type Row = (
            i64,
            String,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
        );
        let rows: Vec<Row> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT t.id, u.login, t.name, t.created_at, t.expires_at, t.revoked_at \
                 FROM api_token t JOIN app_user u ON u.id = t.user_id ORDER BY t.id",
            )
            .fetch_all(pool)
            .await
        })?;
        Ok(rows
            .into_iter()
            .map(
                |(id, login, name, created_at, expires_at, revoked_at)| TokenInfo {
                    id,
                    login,
                    name,
                    created_at,
                    expires_at,
                    revoked_at,
                },
            )
            .collect())
    }

    /// The active user a live, unrevoked token belongs to.
    pub async fn user_by_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<UserRecord>> {
        let sql = "SELECT u.id, u.login, u.password_hash, u.role, u.country, u.mission, u.disabled, t.expires_at \
             FROM api_token t JOIN app_user u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled";
        type Row = (
            i64,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            bool,
            Option<DateTime<Utc>>,
        );
        let row: Option<Row> = on_pool!(self, pool => sqlx::query_as(sql).bind(token_hash).fetch_optional(pool).await)?;
        match row {
            Some((id, login, hash, role, country, mission, disabled, expires))
                if expires.is_none_or(|e| e > now) =>
            {
                user_from_row((id, login, hash, role, country, mission, disabled)).map(Some)
            }
            _ => Ok(None),
        }
    }

    pub async fn create_session(
        &self,
        id_hash: &str,
        user_id: i64,
        csrf_token: &str,
        expires_at: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        on_pool!(self, pool => {
            sqlx::query("INSERT INTO web_session (id_hash, user_id, csrf_token, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5)")
                .bind(id_hash)
                .bind(user_id)
                .bind(csrf_token)
                .bind(Utc::now())
                .bind(expires_at)
                .execute(pool)
                .await
                .map(|_| ())
        })?;
        Ok(())
    }

    /// The active user of a live session, with the session's CSRF token.
    pub async fn session_user(
        &self,
        id_hash: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<(UserRecord, String)>> {
        type Row = (
            i64,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            bool,
            String,
            DateTime<Utc>,
        );
        let row: Option<Row> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT u.id, u.login, u.password_hash, u.role, u.country, u.mission, u.disabled, \
                 s.csrf_token, s.expires_at \
                 FROM web_session s JOIN app_user u ON u.id = s.user_id \
                 WHERE s.id_hash = $1 AND NOT u.disabled",
            )
            .bind(id_hash)
            .fetch_optional(pool)
            .await
        })?;
        match row {
            Some((id, login, hash, role, country, mission, disabled, csrf, expires))
                if expires > now =>
            {
                Ok(Some((
                    user_from_row((id, login, hash, role, country, mission, disabled))?,
                    csrf,
                )))
            }
            _ => Ok(None),
        }
    }

    pub async fn delete_session(&self, id_hash: &str) -> anyhow::Result<()> {
        on_pool!(self, pool => sqlx::query("DELETE FROM web_session WHERE id_hash = $1").bind(id_hash).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// The failures recorded for a key, with the version a [`Database::swap_login_failures`]
    /// must name.
    pub async fn login_failures(&self, key: &str) -> anyhow::Result<Option<(Failures, i64)>> {
        type Row = (i64, DateTime<Utc>, Option<DateTime<Utc>>, i64);
        let row: Option<Row> = on_pool!(self, pool => {
            sqlx::query_as("SELECT count, last_at, locked_until, version FROM login_failure WHERE key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await
        })?;
        Ok(row.map(|(count, last, locked_until, version)| {
            let failures = Failures {
                count: u32::try_from(count).unwrap_or(u32::MAX),
                last,
                locked_until,
            };
            (failures, version)
        }))
    }

    /// Replaces a key's failures if nobody changed them since they were read at `version` (none:
    /// if the key had no row). False when another attempt came first: read again and retry.
    pub async fn swap_login_failures(
        &self,
        key: &str,
        version: Option<i64>,
        failures: Failures,
    ) -> anyhow::Result<bool> {
        let changed = on_pool!(self, pool => {
            match version {
                None => sqlx::query(
                    "INSERT INTO login_failure (key, count, last_at, locked_until, version) VALUES ($1, $2, $3, $4, 1) \
                     ON CONFLICT (key) DO NOTHING")
                    .bind(key).bind(i64::from(failures.count)).bind(failures.last).bind(failures.locked_until)
                    .execute(pool).await,
                Some(v) => sqlx::query(
                    "UPDATE login_failure SET count = $2, last_at = $3, locked_until = $4, version = version + 1 \
                     WHERE key = $1 AND version = $5")
                    .bind(key).bind(i64::from(failures.count)).bind(failures.last).bind(failures.locked_until).bind(v)
                    .execute(pool).await,
            }
            .map(|done| done.rows_affected())
        })?;
        Ok(changed == 1)
    }

    /// Takes back one failure counted for an attempt that was not one (it succeeded, or another
    /// key refused it before its password was checked), and the lock that failure set, if it was
    /// the one that reached `lock_after`.
    pub async fn release_login_failure(&self, key: &str, lock_after: u32) -> anyhow::Result<()> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE login_failure SET count = count - 1, version = version + 1, \
             locked_until = CASE WHEN count - 1 >= $2 THEN locked_until ELSE NULL END \
             WHERE key = $1 AND count > 0")
            .bind(key).bind(i64::from(lock_after)).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn clear_login_failures(&self, key: &str) -> anyhow::Result<()> {
        on_pool!(self, pool => sqlx::query("DELETE FROM login_failure WHERE key = $1").bind(key).execute(pool).await.map(|_| ()))?;
        Ok(())
    }
}
