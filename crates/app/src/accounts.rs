//! Accounts: adding users, logging in (with throttling), API tokens and browser sessions.
//!
//! Secrets are handled here and nowhere else: passwords are hashed with Argon2id before storage,
//! tokens and session ids are random 256-bit values stored as SHA-256 hashes, and none of them is
//! ever written to a log or to the audit trail.

use crate::Store;
use std::fmt;

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sha2::{Digest, Sha256};
use unpol_domain::access::{AccessError, Principal, Role, scope_for};
use unpol_domain::audit::AuditEvent;
use unpol_domain::throttle::{ThrottlePolicy, Verdict};
use unpol_domain::{Clock, MissionCode};
use unpol_storage::Database;
use unpol_storage::accounts::NewUser;
pub use unpol_storage::accounts::{AccountError, TokenInfo, UserRecord};

/// How long a browser session lives without being renewed.
pub const SESSION_LIFETIME: Duration = Duration::hours(8);
/// The shortest password unpol accepts.
pub const MIN_PASSWORD_LEN: usize = 12;

/// A secret that must not be printed by accident: its `Debug` hides it and it has no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must show or send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Who acts, from where, in which request: what every audit entry records besides the action.
#[derive(Debug, Clone)]
pub struct AuditContext {
    pub actor: String,
    pub address: String,
    pub request_id: String,
    /// When each entry happens, and what "now" is for the rules of the call.
    pub clock: Clock,
}

impl AuditContext {
    /// The command line, run by someone at the server's console.
    pub fn console() -> Self {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        AuditContext {
            actor: format!("console:{user}"),
            address: "local".into(),
            request_id: random_hex(8),
            clock: Clock::System,
        }
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn event(&self, action: &str, record: &str, detail: &str) -> AuditEvent {
        AuditEvent {
            at: self
                .clock
                .now()
                .to_rfc3339_opts(SecondsFormat::Micros, true),
            actor: self.actor.clone(),
            address: self.address.clone(),
            action: action.into(),
            record: record.into(),
            request_id: self.request_id.clone(),
            detail: detail.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("a login has 2 to 64 characters: letters, digits, '.', '-', '_' or '@'")]
    BadLogin,
    #[error("a password needs at least {MIN_PASSWORD_LEN} characters")]
    WeakPassword,
    #[error("you cannot disable your own account: ask another administrator")]
    DisableSelf,
    #[error("unknown country `{0}`")]
    UnknownCountry(String),
    #[error("unknown mission `{0}`")]
    UnknownMission(String),
    #[error(transparent)]
    Scope(#[from] AccessError),
    #[error(transparent)]
    Account(#[from] AccountError),
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

fn valid_login(login: &str) -> bool {
    (2..=64).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'))
}

pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// SHA-256 of a token or session id: what the database keeps instead of the secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub fn hash_password(password: &Secret) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

fn password_matches(password: &Secret, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.expose().as_bytes(), &parsed)
            .is_ok()
    })
}

/// A password for a new user when none is given: 20 random characters, shown once.
pub fn generate_password() -> Secret {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret(
        bytes
            .iter()
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .collect(),
    )
}

/// Adds a user. The role and the scope must fit (a `pcc` user has a country, a `mission` user a
/// mission); codes and names resolve through the reference data.
pub async fn add_user(
    store: &Store,
    login: &str,
    role: Role,
    country: Option<&str>,
    mission: Option<&str>,
    password: &Secret,
    ctx: &AuditContext,
) -> Result<i64, UserError> {
    let db = store.db();
    if !valid_login(login) {
        return Err(UserError::BadLogin);
    }
    if password.expose().chars().count() < MIN_PASSWORD_LEN {
        return Err(UserError::WeakPassword);
    }
    let resolver = db.resolver().await?;
    let country = country
        .map(|c| {
            resolver
                .country(c)
                .ok_or_else(|| UserError::UnknownCountry(c.to_string()))
        })
        .transpose()?;
    let mission: Option<MissionCode> = mission
        .map(|m| {
            resolver
                .mission(m)
                .copied()
                .ok_or_else(|| UserError::UnknownMission(m.to_string()))
        })
        .transpose()?;
    let scope = scope_for(role, country, mission)?;
    let user = NewUser {
        login: login.to_string(),
        password_hash: hash_password(password)?,
        role,
        scope,
    };
    let event = ctx.event(
        "user.create",
        &format!("user:{login}"),
        &format!("role {role}, scope {scope}"),
    );
    Ok(db.create_user(&user, &event).await?)
}

pub async fn set_password(
    store: &Store,
    login: &str,
    password: &Secret,
    ctx: &AuditContext,
) -> Result<(), UserError> {
    let db = store.db();
    if password.expose().chars().count() < MIN_PASSWORD_LEN {
        return Err(UserError::WeakPassword);
    }
    let event = ctx.event(
        "user.password",
        &format!("user:{login}"),
        "password changed; sessions ended",
    );
    db.set_password(login, &hash_password(password)?, &event)
        .await?;
    Ok(())
}

pub async fn disable_user(store: &Store, login: &str, ctx: &AuditContext) -> Result<(), UserError> {
    // An administrator who disables their own account locks everyone out of the accounts.
    if ctx.actor == login {
        return Err(UserError::DisableSelf);
    }
    let db = store.db();
    let event = ctx.event(
        "user.disable",
        &format!("user:{login}"),
        "disabled; sessions ended",
    );
    db.disable_user(login, &event).await?;
    Ok(())
}

pub fn principal(user: &UserRecord) -> Principal {
    Principal {
        user_id: user.id,
        login: user.login.clone(),
        role: user.role,
        scope: user.scope,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown login, wrong password or disabled account: one answer for all, so a caller
    /// learns nothing about which half was wrong.
    #[error("invalid login or password")]
    Invalid,
    #[error("too many failed attempts; try again after {until}")]
    Locked { until: DateTime<Utc> },
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

/// A hash of a password nobody has, checked when the login does not exist so that unknown
/// logins take as long as wrong passwords.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password(&generate_password()).unwrap_or_default())
}

/// Counts an attempt for a key before its password is checked, unless the key is locked: the
/// count is read and replaced by compare-and-swap, so attempts sent at once are each counted once
/// and none is checked past the lock. An attempt that succeeds gives its count back.
async fn reserve_attempt(
    db: &Database,
    key: &str,
    policy: ThrottlePolicy,
    now: DateTime<Utc>,
) -> Result<Verdict, LoginError> {
    // Each retry means another attempt changed the row in between; under a storm of attempts
    // the lock is reached within `lock_after` rounds, so the loop is short.
    for _ in 0..(4 * policy.lock_after + 16) {
        let stored = db.login_failures(key).await?;
        let failures = stored.map(|(f, _)| f);
        let verdict = policy.verdict(failures, now);
        if let Verdict::Refuse { .. } = verdict {
            return Ok(verdict);
        }
        let next = policy.record_failure(failures, now);
        if db
            .swap_login_failures(key, stored.map(|(_, v)| v), next)
            .await?
        {
            return Ok(verdict);
        }
    }
    // So many attempts at once that the count never settled: refuse this one, as a lock would.
    Ok(Verdict::Refuse { until: now })
}

/// Checks a login and password, slowing down and then refusing repeated failures per login and
/// per address. Every outcome is audited under the login's user; the password never is.
pub async fn authenticate(
    store: &Store,
    login: &str,
    password: &Secret,
    ctx: &AuditContext,
) -> Result<Principal, LoginError> {
    let db = store.db();
    let now = ctx.clock.now();
    if !valid_login(login) {
        // No user has such a login; nothing of it is looked up or stored (a NUL byte would be a
        // storage error on PostgreSQL, a megabyte a burden on the trail).
        db.append_audit(&ctx.event(
            "login.failed",
            "user:(unreadable)",
            "a login unpol could not have issued; password not checked",
        ))
        .await?;
        return Err(LoginError::Invalid);
    }
    let login_key = format!("login:{login}");
    let address_key = format!("address:{}", ctx.address);
    let record = format!("user:{login}");
    // Logins are audited as the login tried, so that `audit show --user X` finds them.
    let ctx = &AuditContext {
        actor: login.to_string(),
        ..ctx.clone()
    };
    let mut delay = Duration::zero();
    let mut reserved: Vec<(&str, ThrottlePolicy)> = Vec::new();
    for (key, policy) in [
        (&login_key, ThrottlePolicy::LOGIN),
        (&address_key, ThrottlePolicy::ADDRESS),
    ] {
        match reserve_attempt(db, key, policy, now).await? {
            Verdict::Refuse { until } => {
                for (key, policy) in reserved {
                    db.release_login_failure(key, policy.lock_after).await?;
                }
                db.append_audit(&ctx.event(
                    "login.refused",
                    &record,
                    "locked after repeated failures; password not checked",
                ))
                .await?;
                return Err(LoginError::Locked { until });
            }
            Verdict::Check { delay: d } => {
                reserved.push((key, policy));
                delay = delay.max(d);
            }
        }
    }
    if let Ok(wait) = delay.to_std() {
        tokio::time::sleep(wait).await;
    }
    let user = db.user_by_login(login).await?;
    let hash = user
        .as_ref()
        .map_or(decoy_hash(), |u| u.password_hash.as_str())
        .to_string();
    // Argon2 takes tens of milliseconds of CPU: off the async workers.
    let attempt = password.clone();
    let password_ok = tokio::task::spawn_blocking(move || password_matches(&attempt, &hash))
        .await
        .map_err(|e| anyhow::anyhow!("the password check stopped: {e}"))?;
    match user {
        Some(user) if password_ok && !user.disabled => {
            db.clear_login_failures(&login_key).await?;
            db.release_login_failure(&address_key, ThrottlePolicy::ADDRESS.lock_after)
                .await?;
            db.append_audit(&ctx.event("login.ok", &record, "")).await?;
            Ok(principal(&user))
        }
        user => {
            let count = db
                .login_failures(&login_key)
                .await?
                .map_or(0, |(f, _)| f.count);
            let why = match user {
                None => "unknown login",
                Some(u) if u.disabled => "account disabled",
                Some(_) => "wrong password",
            };
            let detail = format!("{why}; failure {count} in a row");
            db.append_audit(&ctx.event("login.failed", &record, &detail))
                .await?;
            Err(LoginError::Invalid)
        }
    }
}

/// Creates an API token for a user; returns its id and the token, which is shown once.
pub async fn create_token(
    store: &Store,
    login: &str,
    name: &str,
    expires_in_days: Option<u32>,
    ctx: &AuditContext,
) -> Result<(i64, Secret), UserError> {
    let db = store.db();
    let token = Secret(format!("unpol_{}", random_hex(32)));
    let expires = expires_in_days.map(|d| Utc::now() + Duration::days(i64::from(d)));
    let detail = match expires {
        Some(e) => format!(
            "token `{name}`, expires {}",
            e.to_rfc3339_opts(SecondsFormat::Secs, true)
        ),
        None => format!("token `{name}`, no expiry"),
    };
    let event = ctx.event("token.create", &format!("user:{login}"), &detail);
    let id = db
        .create_token(login, name, &secret_hash(token.expose()), expires, &event)
        .await?;
    Ok((id, token))
}

pub async fn revoke_token(store: &Store, id: i64, ctx: &AuditContext) -> Result<(), UserError> {
    let db = store.db();
    db.revoke_token(id, &ctx.event("token.revoke", &format!("token:{id}"), ""))
        .await?;
    Ok(())
}

pub async fn principal_from_token(store: &Store, token: &str) -> anyhow::Result<Option<Principal>> {
    let db = store.db();
    Ok(db
        .user_by_token(&secret_hash(token), Utc::now())
        .await?
        .as_ref()
        .map(principal))
}

/// A new browser session for a principal: the session id (for the cookie) and its CSRF token.
pub async fn start_session(store: &Store, who: &Principal) -> anyhow::Result<(Secret, String)> {
    let db = store.db();
    let id = Secret(random_hex(32));
    let csrf = random_hex(32);
    db.create_session(
        &secret_hash(id.expose()),
        who.user_id,
        &csrf,
        Utc::now() + SESSION_LIFETIME,
    )
    .await?;
    Ok((id, csrf))
}

pub async fn session_principal(
    store: &Store,
    session_id: &str,
) -> anyhow::Result<Option<(Principal, String)>> {
    let db = store.db();
    Ok(db
        .session_user(&secret_hash(session_id), Utc::now())
        .await?
        .map(|(user, csrf)| (principal(&user), csrf)))
}

/// Ends a browser session (sign-out), audited.
pub async fn end_session(
    store: &Store,
    session_id: &str,
    ctx: &AuditContext,
) -> anyhow::Result<()> {
    let db = store.db();
    db.delete_session(&secret_hash(session_id)).await?;
    db.append_audit(&ctx.event("logout", "", "")).await?;
    Ok(())
}

/// Every user, for the administrators.
/// The console's operator acting as a user of unpol (`--as LOGIN`): that user's role and scope,
/// audited under that login, from this machine. A disabled or unknown login is refused.
pub async fn console_as(
    store: &Store,
    login: &str,
    clock: unpol_domain::Clock,
) -> anyhow::Result<crate::Actor> {
    let user = user(store, login)
        .await?
        .filter(|u| !u.disabled)
        .ok_or_else(|| anyhow::anyhow!("no active user `{login}`: see `unpol user list`"))?;
    let context = AuditContext {
        actor: user.login.clone(),
        ..AuditContext::console().with_clock(clock)
    };
    Ok(crate::Actor::new(principal(&user), context))
}

pub async fn users(store: &Store) -> anyhow::Result<Vec<UserRecord>> {
    store.db().users().await
}

/// One user by login, for the administrators.
pub async fn user(store: &Store, login: &str) -> anyhow::Result<Option<UserRecord>> {
    if !valid_login(login) {
        return Ok(None);
    }
    store.db().user_by_login(login).await
}

/// Every API token (never the token itself), for the administrators.
pub async fn tokens(store: &Store) -> anyhow::Result<Vec<TokenInfo>> {
    store.db().tokens().await
}
