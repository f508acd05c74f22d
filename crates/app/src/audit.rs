//! The audit trail's key and its checks: loading (or creating) the key kept outside the database,
//! signed checkpoints of the head, and the walk of the chain.
//!
//! The key comes from `UNPOL_AUDIT_KEY` (64 hex digits) or a key file: by default beside an SQLite
//! database (`unpol.db.audit-key`), or `unpol-audit.key` in the working directory for PostgreSQL.
//! The file is created at the first start, readable by its owner only. A trail written before
//! keys existed is checked once and sealed with a keyed `audit.keyed` entry; a trail chained with
//! another key refuses to start rather than chain on with a new one.

use crate::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use unpol_domain::Clock;
use unpol_domain::audit::{
    AuditKey, ChainBreak, Checkpoint, GENESIS, KEYED, verify, verify_against, verify_legacy,
};
use unpol_storage::Database;

use crate::accounts::AuditContext;

/// Where the key comes from when `UNPOL_AUDIT_KEY` is not set.
pub fn default_key_file(database_url: &str) -> PathBuf {
    match database_url.strip_prefix("sqlite://") {
        Some(path) => {
            let path = path.split('?').next().unwrap_or(path);
            PathBuf::from(format!("{path}.audit-key"))
        }
        None => PathBuf::from("unpol-audit.key"),
    }
}

/// The database with its audit key: from `key_hex` when given, else from `file` (created with
/// owner-only permissions when missing, if the trail allows it).
pub async fn with_key(store: Store, key_hex: Option<&str>, file: &Path) -> anyhow::Result<Store> {
    if let Some(hex) = key_hex {
        let key = AuditKey::from_hex(hex).context("UNPOL_AUDIT_KEY")?;
        return Ok(store.with_audit_key(key));
    }
    if file.exists() {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the audit key {}", file.display()))?;
        let key = AuditKey::from_hex(&text)
            .with_context(|| format!("the audit key {}", file.display()))?;
        return Ok(store.with_audit_key(key));
    }
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let key = AuditKey::from_bytes(bytes);
    let store = store.with_audit_key(key.clone());
    let db = store.db();
    let entries = db.audit_chain().await?;
    if !entries.is_empty() {
        // Only a trail written before keys existed may be sealed with a new key.
        if let Err(broken) = verify_legacy(&entries) {
            bail!(
                "the audit trail ({} entries) was chained with a key that is not at {} \
                 (or is broken at {broken}): restore the key file or set UNPOL_AUDIT_KEY",
                entries.len(),
                file.display()
            );
        }
    }
    write_key_file(file, &key)?;
    if !entries.is_empty() {
        let detail = format!(
            "entries 1 to {} were chained before the key; sealed here",
            entries.len()
        );
        db.append_audit(&AuditContext::console().event(KEYED, "audit", &detail))
            .await?;
    }
    eprintln!(
        "created the audit key {} (keep a copy outside this machine: without it the trail cannot be verified)",
        file.display()
    );
    Ok(store)
}

fn write_key_file(file: &Path, key: &AuditKey) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options
        .open(file)
        .with_context(|| format!("cannot create the audit key {}", file.display()))?;
    writeln!(out, "{}", key.to_hex())
        .with_context(|| format!("cannot write the audit key {}", file.display()))
}

fn key_of(db: &Database) -> anyhow::Result<&AuditKey> {
    db.audit_key().context("no audit key is loaded")
}

/// Walks the whole chain, and checks it against a checkpoint when given; `Ok(n)` with the number
/// of entries, or the first break.
pub async fn verify_chain(
    store: &Store,
    checkpoint: Option<&Checkpoint>,
) -> anyhow::Result<Result<u64, ChainBreak>> {
    let db = store.db();
    let key = key_of(db)?;
    let entries = db.audit_chain().await?;
    Ok(match checkpoint {
        Some(checkpoint) => verify_against(key, &entries, checkpoint),
        None => verify(key, &entries),
    })
}

/// The signed head of the trail now, after checking the chain up to it.
pub async fn checkpoint(store: &Store, clock: Clock) -> anyhow::Result<Checkpoint> {
    let db = store.db();
    let key = key_of(db)?;
    let entries = db.audit_chain().await?;
    if let Err(broken) = verify(key, &entries) {
        bail!("the audit trail is broken at {broken}: no checkpoint of a broken trail");
    }
    let head = entries.last().map_or(GENESIS, |e| e.hash.as_str());
    let at = clock
        .now()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    Ok(Checkpoint::new(key, entries.len() as u64, head, &at))
}

pub use unpol_storage::audit::AuditQuery;

/// Appends an event that no other write carries (a refused route, a page exported).
pub async fn record(store: &Store, event: &unpol_domain::audit::AuditEvent) -> anyhow::Result<()> {
    store.db().append_audit(event).await.map(|_| ())
}

/// The entries a query asks for, oldest first.
pub async fn entries(
    store: &Store,
    query: &AuditQuery,
) -> anyhow::Result<Vec<unpol_domain::audit::AuditEntry>> {
    store.db().audit_entries(query).await
}
