//! The audit trail's key and its checks: loading (or creating) the key kept outside the database,
//! signed checkpoints of the head, and the walk of the chain.
//!
//! The key comes from `UNPOL_AUDIT_KEY` (64 hex digits) or a key file: by default beside an SQLite
//! database (`unpol.db.audit-key`). A PostgreSQL database is shared by several servers, which must
//! all chain with one key, so its key is always given (the variable or `--audit-key-file`).
//!
//! A command that writes creates the key file at its first start, readable by its owner only, and
//! refuses a key that does not continue the trail (a lost key, a wrong one). A trail written before
//! keys existed is checked and sealed with a keyed `audit.keyed` entry: when its key file is created,
//! or by `unpol audit seal` when the key is given. Commands that only check the trail (`audit
//! verify`, `checkpoint`, `show`) never create a key and never seal: a check must not bless a trail
//! that someone with the database rewrote.

use crate::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use unpol_domain::Clock;
use unpol_domain::audit::{
    AuditEntry, AuditKey, ChainBreak, Checkpoint, GENESIS, KEYED, verify, verify_against,
    verify_legacy,
};
use unpol_storage::Database;

use crate::accounts::AuditContext;

/// Where the key comes from.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// The key itself, 64 hex digits (`UNPOL_AUDIT_KEY`).
    Hex(String),
    /// A key file, created at the first start of a command that writes.
    File(PathBuf),
}

/// What a command does with the trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// It appends entries: the key may be created, and must continue the trail.
    Write,
    /// It only reads the trail (verify, checkpoint, show): the key must exist; nothing is checked
    /// or sealed on the way, so that the check itself says what is wrong.
    Check,
}

/// The key file beside an SQLite database; none for PostgreSQL, whose key is always given.
pub fn default_key_file(database_url: &str) -> Option<PathBuf> {
    let path = database_url.strip_prefix("sqlite://")?;
    let path = path.split('?').next().unwrap_or(path);
    Some(PathBuf::from(format!("{path}.audit-key")))
}

/// The database with its audit key (see the module's documentation for the rules).
pub async fn with_key(
    store: Store,
    source: Option<KeySource>,
    usage: KeyUse,
) -> anyhow::Result<Store> {
    let Some(source) = source else {
        bail!(
            "no audit key: set UNPOL_AUDIT_KEY or --audit-key-file (a PostgreSQL database's servers \
             must all use one key)"
        );
    };
    let (key, file) = match source {
        KeySource::Hex(hex) => (
            Some(AuditKey::from_hex(&hex).context("UNPOL_AUDIT_KEY")?),
            None,
        ),
        KeySource::File(file) if file.exists() => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read the audit key {}", file.display()))?;
            let key = AuditKey::from_hex(&text)
                .with_context(|| format!("the audit key {}", file.display()))?;
            (Some(key), Some(file))
        }
        KeySource::File(file) => (None, Some(file)),
    };
    match (key, usage) {
        (Some(key), KeyUse::Check) => Ok(store.with_audit_key(key)),
        (Some(key), KeyUse::Write) => {
            let store = store.with_audit_key(key.clone());
            let last = store.db().audit_last().await?;
            if let Some(last) = last {
                continues(&key, &last)?;
            }
            Ok(store)
        }
        (None, KeyUse::Check) => bail!(
            "no audit key at {}: a check never creates one; give the key (UNPOL_AUDIT_KEY or \
             --audit-key-file)",
            file.as_deref()
                .map_or("-".into(), |f| f.display().to_string())
        ),
        (None, KeyUse::Write) => {
            let file = file.context("no key file to create")?;
            create_key(store, &file).await
        }
    }
}

/// Whether a key continues a trail, judged by its last entry: written with this key, go on; with
/// plain SHA-256 (before keys), seal it first; with neither, the key is not the trail's.
fn continues(key: &AuditKey, last: &AuditEntry) -> anyhow::Result<()> {
    if last.event.chain_hash(key, last.seq, &last.prev_hash) == last.hash {
        return Ok(());
    }
    if last.event.legacy_chain_hash(last.seq, &last.prev_hash) == last.hash {
        bail!(
            "the audit trail was written before keys: check and seal it once with `unpol audit seal`"
        );
    }
    bail!(
        "the audit key does not continue the trail (entry {} was chained with another key, or \
         changed): restore the trail's key, and run `unpol audit verify`",
        last.seq
    )
}

/// A new key for a trail that has none: an empty trail, or one written before keys, checked and
/// sealed with it. The key file appears under its name only once the seal is written.
async fn create_key(store: Store, file: &Path) -> anyhow::Result<Store> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let key = AuditKey::from_bytes(bytes);
    let store = store.with_audit_key(key.clone());
    let entries = store.db().audit_chain().await?;
    if let Err(broken) = verify_legacy(&entries) {
        bail!(
            "the audit trail ({} entries) was chained with a key that is not at {} (or is broken \
             at {broken}): restore the key file or set UNPOL_AUDIT_KEY",
            entries.len(),
            file.display()
        );
    }
    let pending = file.with_extension("audit-key.new");
    write_secret_file(&pending, &key.to_hex(), "audit key")?;
    let sealed = seal_entries(store.db(), &entries).await;
    if let Err(error) = sealed {
        let _ = std::fs::remove_file(&pending);
        return Err(error);
    }
    std::fs::rename(&pending, file)
        .with_context(|| format!("cannot move the audit key to {}", file.display()))?;
    eprintln!(
        "created the audit key {} (keep a copy outside this machine: without it the trail cannot be verified)",
        file.display()
    );
    Ok(store)
}

/// Appends the keyed entry that seals a trail written before keys (nothing for an empty one).
async fn seal_entries(db: &Database, entries: &[AuditEntry]) -> anyhow::Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let detail = format!(
        "entries 1 to {} were chained before the key; sealed here",
        entries.len()
    );
    db.append_audit(&AuditContext::console().event(KEYED, "audit", &detail))
        .await?;
    Ok(())
}

/// `unpol audit seal`: checks a trail written before keys and seals it with the given key.
pub async fn seal(store: &Store) -> anyhow::Result<u64> {
    let db = store.db();
    let key = key_of(db)?;
    let entries = db.audit_chain().await?;
    if entries.is_empty() || verify(key, &entries).is_ok() {
        bail!("nothing to seal: the trail is empty or already chained with this key");
    }
    if let Err(broken) = verify_legacy(&entries) {
        bail!("the audit trail is broken at {broken}: it cannot be sealed");
    }
    seal_entries(db, &entries).await?;
    Ok(entries.len() as u64)
}

/// Writes a key to a new file readable by its owner only.
pub(crate) fn write_secret_file(file: &Path, hex: &str, what: &str) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut out = options
        .open(file)
        .with_context(|| format!("cannot create the {what} {}", file.display()))?;
    writeln!(out, "{hex}").with_context(|| format!("cannot write the {what} {}", file.display()))
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

/// A record's name in the trail from the short name users type: `case:12` is the conduct case
/// `conduct_case:12`, `request:3` the force-generation request `fg_request:3`; other names are
/// the trail's own.
pub fn record_name(typed: &str) -> String {
    use unpol_storage::records::RecordTable;
    let typed = typed.trim();
    match typed.split_once(':') {
        Some(("case", id)) => format!("{}:{id}", RecordTable::Case.name()),
        Some(("request", id)) => format!("{}:{id}", RecordTable::Request.name()),
        _ => typed.to_string(),
    }
}

/// The entries a query asks for, oldest first.
pub async fn entries(
    store: &Store,
    query: &AuditQuery,
) -> anyhow::Result<Vec<unpol_domain::audit::AuditEntry>> {
    store.db().audit_entries(query).await
}
