//! The audit trail's chain: each entry carries the keyed hash (HMAC-SHA-256) of its content and
//! of the previous entry's hash, so changing or removing any entry breaks every hash after it, and
//! nobody without the key (kept outside the database) can compute a chain that verifies. A signed
//! checkpoint of the head, kept elsewhere, also proves that no entry was cut from the end. The rule
//! is here, with no I/O, so that writing (storage) and checking (`unpol audit verify`) cannot
//! disagree on it.

use std::fmt;

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The secret that keys the chain: 32 random bytes, kept outside the database (a key file with
/// owner-only permissions, or `UNPOL_AUDIT_KEY`). Its `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey([u8; 32]);

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuditKey(***)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an audit key is 64 hexadecimal digits (32 bytes)")]
pub struct AuditKeyError;

impl AuditKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        AuditKey(bytes)
    }

    pub fn from_hex(text: &str) -> Result<Self, AuditKeyError> {
        let bytes = hex::decode(text.trim()).map_err(|_| AuditKeyError)?;
        Ok(AuditKey(bytes.try_into().map_err(|_| AuditKeyError)?))
    }

    /// The key as text, for the one place that writes the key file.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length: this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0).unwrap_or_else(|_| unreachable!())
    }
}

/// What a hash is computed with: the key, or (only to upgrade a trail written before keys) plain
/// SHA-256.
enum Hasher {
    Keyed(Box<Hmac<Sha256>>),
    Plain(Sha256),
}

impl Hasher {
    fn update(&mut self, bytes: &[u8]) {
        match self {
            Hasher::Keyed(mac) => mac.update(bytes),
            Hasher::Plain(sha) => sha.update(bytes),
        }
    }

    fn finish(self) -> String {
        match self {
            Hasher::Keyed(mac) => hex::encode(mac.finalize().into_bytes()),
            Hasher::Plain(sha) => hex::encode(sha.finalize()),
        }
    }
}

/// The hash the first entry chains to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What happened, as recorded. Never holds a password or a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    /// When, as RFC 3339 UTC text (stored as text so the hash input is exactly what is stored).
    pub at: String,
    /// The login acting, or `-` for an anonymous caller.
    pub actor: String,
    /// The client address.
    pub address: String,
    /// What: `login.ok`, `login.failed`, `user.create`, `access.refused`...
    pub action: String,
    /// Which record (`user:alice`, `route:GET /api/v1/users`), or empty.
    pub record: String,
    pub request_id: String,
    /// Free text with context; never a secret.
    pub detail: String,
}

/// An event with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    #[serde(flatten)]
    pub event: AuditEvent,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEvent {
    /// The keyed hash of this event at position `seq` after an entry whose hash is `prev_hash`.
    /// Fields are length-prefixed, so no choice of field contents can collide with another.
    pub fn chain_hash(&self, key: &AuditKey, seq: i64, prev_hash: &str) -> String {
        self.hash_with(Hasher::Keyed(Box::new(key.mac())), seq, prev_hash)
    }

    /// The unkeyed hash of trails written before the chain was keyed: read only to check such a
    /// trail once before it is re-chained under a key.
    pub fn legacy_chain_hash(&self, seq: i64, prev_hash: &str) -> String {
        self.hash_with(Hasher::Plain(Sha256::new()), seq, prev_hash)
    }

    fn hash_with(&self, mut hash: Hasher, seq: i64, prev_hash: &str) -> String {
        let fields = [
            prev_hash,
            &seq.to_string(),
            &self.at,
            &self.actor,
            &self.address,
            &self.action,
            &self.record,
            &self.request_id,
            &self.detail,
        ];
        for field in fields {
            hash.update(&(field.len() as u64).to_be_bytes());
            hash.update(field.as_bytes());
        }
        hash.finish()
    }
}

/// Why an entry does not fit the chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("entry {seq}: expected sequence number {expected} (an entry is missing)")]
    Gap { seq: i64, expected: i64 },
    #[error("entry {seq}: previous hash does not match entry {}", seq - 1)]
    PrevMismatch { seq: i64 },
    #[error("entry {seq}: content does not match its hash (changed after it was written)")]
    HashMismatch { seq: i64 },
    #[error("the checkpoint's signature does not match this key (the checkpoint was edited)")]
    BadCheckpoint,
    #[error("the checkpoint names {expected} entries; the trail holds {found} (entries were cut)")]
    Truncated { expected: u64, found: u64 },
    #[error("entry {seq}: not the entry the checkpoint signed (the chain was rewritten)")]
    CheckpointMismatch { seq: i64 },
}

impl ChainBreak {
    pub fn seq(&self) -> i64 {
        match self {
            ChainBreak::Gap { seq, .. }
            | ChainBreak::PrevMismatch { seq }
            | ChainBreak::HashMismatch { seq }
            | ChainBreak::CheckpointMismatch { seq } => *seq,
            ChainBreak::BadCheckpoint => 0,
            ChainBreak::Truncated { found, .. } => i64::try_from(*found).unwrap_or(i64::MAX),
        }
    }
}

/// The action of the entry that closes a trail written before the chain was keyed: the entries
/// before it carry plain SHA-256 hashes, and this first keyed entry seals them (it chains to the
/// last of them, and nobody without the key can write it).
pub const KEYED: &str = "audit.keyed";

/// Walks entries in order and returns the first that breaks the keyed chain, or their number.
/// Entries with plain hashes are accepted only as a prefix sealed by a [`KEYED`] entry, so a chain
/// re-hashed without the key does not verify.
pub fn verify<'a>(
    key: &AuditKey,
    entries: impl IntoIterator<Item = &'a AuditEntry>,
) -> Result<u64, ChainBreak> {
    let mut legacy: Option<i64> = None;
    let mut keyed_seen = false;
    let count = walk(entries, |e| {
        let keyed = e.event.chain_hash(key, e.seq, &e.prev_hash);
        if keyed == e.hash {
            if !keyed_seen && legacy.is_some() && e.event.action != KEYED {
                return None;
            }
            keyed_seen = true;
            return Some(keyed);
        }
        if !keyed_seen && e.event.legacy_chain_hash(e.seq, &e.prev_hash) == e.hash {
            legacy = legacy.or(Some(e.seq));
            return Some(e.hash.clone());
        }
        None
    })?;
    match legacy {
        Some(seq) if !keyed_seen => Err(ChainBreak::HashMismatch { seq }),
        _ => Ok(count),
    }
}

/// Checks a trail written before the chain was keyed, before it is sealed with [`KEYED`].
pub fn verify_legacy<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
) -> Result<u64, ChainBreak> {
    walk(entries, |e| {
        Some(e.event.legacy_chain_hash(e.seq, &e.prev_hash))
    })
}

/// [`verify`], and then that the trail still holds the entry a checkpoint signed, unchanged: a
/// trail cut at its end, emptied, or re-chained from any entry fails here.
pub fn verify_against(
    key: &AuditKey,
    entries: &[AuditEntry],
    checkpoint: &Checkpoint,
) -> Result<u64, ChainBreak> {
    if !checkpoint.is_signed_by(key) {
        return Err(ChainBreak::BadCheckpoint);
    }
    let count = verify(key, entries)?;
    if count < checkpoint.count {
        return Err(ChainBreak::Truncated {
            expected: checkpoint.count,
            found: count,
        });
    }
    let signed = usize::try_from(checkpoint.count).unwrap_or(usize::MAX);
    let head = signed.checked_sub(1).and_then(|i| entries.get(i));
    match head {
        None if checkpoint.count == 0 => Ok(count),
        Some(entry) if entry.hash == checkpoint.head => Ok(count),
        Some(entry) => Err(ChainBreak::CheckpointMismatch { seq: entry.seq }),
        None => Err(ChainBreak::Truncated {
            expected: checkpoint.count,
            found: count,
        }),
    }
}

fn walk<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
    mut hash: impl FnMut(&AuditEntry) -> Option<String>,
) -> Result<u64, ChainBreak> {
    let mut prev = GENESIS;
    let mut count = 0;
    for (expected, entry) in (1..).zip(entries) {
        if entry.seq != expected {
            return Err(ChainBreak::Gap {
                seq: entry.seq,
                expected,
            });
        }
        if entry.prev_hash != prev {
            return Err(ChainBreak::PrevMismatch { seq: entry.seq });
        }
        if hash(entry).as_deref() != Some(entry.hash.as_str()) {
            return Err(ChainBreak::HashMismatch { seq: entry.seq });
        }
        prev = &entry.hash;
        count += 1;
    }
    Ok(count)
}

/// The head of the trail at one moment, signed with the key: what `unpol audit checkpoint`
/// prints for the operator to keep outside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Entries in the trail when it was taken.
    pub count: u64,
    /// The hash of the last of them (the genesis hash when there were none).
    pub head: String,
    /// When it was taken (RFC 3339).
    pub at: String,
    pub signature: String,
}

impl Checkpoint {
    pub fn new(key: &AuditKey, count: u64, head: &str, at: &str) -> Checkpoint {
        Checkpoint {
            count,
            head: head.to_string(),
            at: at.to_string(),
            signature: Self::sign(key, count, head, at),
        }
    }

    fn sign(key: &AuditKey, count: u64, head: &str, at: &str) -> String {
        let mut mac = key.mac();
        for field in ["unpol-audit-checkpoint", &count.to_string(), head, at] {
            mac.update(&(field.len() as u64).to_be_bytes());
            mac.update(field.as_bytes());
        }
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn is_signed_by(&self, key: &AuditKey) -> bool {
        let mut mac = key.mac();
        for field in [
            "unpol-audit-checkpoint",
            &self.count.to_string(),
            &self.head,
            &self.at,
        ] {
            mac.update(&(field.len() as u64).to_be_bytes());
            mac.update(field.as_bytes());
        }
        hex::decode(&self.signature).is_ok_and(|sig| mac.verify_slice(&sig).is_ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn event(action: &str) -> AuditEvent {
        AuditEvent {
            at: "2026-11-22T10:00:00Z".into(),
            actor: "admin".into(),
            address: "127.0.0.1".into(),
            action: action.into(),
            record: String::new(),
            request_id: "r1".into(),
            detail: String::new(),
        }
    }

    fn chain(actions: &[String]) -> Vec<AuditEntry> {
        let mut prev = GENESIS.to_string();
        actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let seq = i as i64 + 1;
                let event = event(a);
                let hash = event.chain_hash(&key(), seq, &prev);
                let entry = AuditEntry {
                    seq,
                    event,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                entry
            })
            .collect()
    }

    #[test]
    fn fields_cannot_be_shifted_into_each_other() {
        let mut a = event("x");
        a.record = "ab".into();
        let mut b = event("x");
        b.record = "a".into();
        b.request_id = format!("b{}", b.request_id);
        assert_ne!(
            a.chain_hash(&key(), 1, GENESIS),
            b.chain_hash(&key(), 1, GENESIS)
        );
    }

    fn key() -> AuditKey {
        AuditKey::from_bytes([7; 32])
    }

    #[test]
    fn a_chain_rehashed_without_the_key_fails() {
        let entries = chain(&["a".into(), "b".into(), "c".into()]);
        assert_eq!(verify(&key(), &entries), Ok(3));
        let mut forged = entries.clone();
        forged[1].event.detail = "edited".into();
        let mut prev = GENESIS.to_string();
        for e in &mut forged {
            e.prev_hash = prev.clone();
            e.hash = e.event.legacy_chain_hash(e.seq, &prev);
            prev = e.hash.clone();
        }
        assert_eq!(verify_legacy(&forged), Ok(3), "consistent as plain SHA-256");
        assert_eq!(
            verify(&key(), &forged),
            Err(ChainBreak::HashMismatch { seq: 1 })
        );
        assert!(verify(&AuditKey::from_bytes([8; 32]), &entries).is_err());
    }

    #[test]
    fn a_legacy_prefix_verifies_only_when_sealed_by_the_key() {
        let mut entries = Vec::new();
        let mut prev = GENESIS.to_string();
        for (seq, action) in (1..).zip(["a", "b", KEYED, "c"]) {
            let event = event(action);
            let hash = if seq <= 2 {
                event.legacy_chain_hash(seq, &prev)
            } else {
                event.chain_hash(&key(), seq, &prev)
            };
            entries.push(AuditEntry {
                seq,
                event,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            });
            prev = hash;
        }
        assert_eq!(verify(&key(), &entries), Ok(4));
        assert_eq!(
            verify(&key(), &entries[..2]),
            Err(ChainBreak::HashMismatch { seq: 1 }),
            "an unsealed plain chain is not trusted"
        );
        let mut edited = entries.clone();
        edited[0].event.detail = "x".into();
        edited[0].hash = edited[0].event.legacy_chain_hash(1, GENESIS);
        assert!(verify(&key(), &edited).is_err());
    }

    #[test]
    fn a_checkpoint_finds_a_cut_tail_and_an_emptied_trail() {
        let entries = chain(&["a".into(), "b".into(), "c".into()]);
        let at = "2026-11-22T10:00:00Z";
        let checkpoint = Checkpoint::new(&key(), 3, &entries[2].hash, at);
        assert_eq!(verify_against(&key(), &entries, &checkpoint), Ok(3));
        assert_eq!(
            verify_against(&key(), &entries[..2], &checkpoint),
            Err(ChainBreak::Truncated {
                expected: 3,
                found: 2
            })
        );
        assert!(verify_against(&key(), &[], &checkpoint).is_err());
        let mut edited = checkpoint.clone();
        edited.count = 2;
        assert_eq!(
            verify_against(&key(), &entries[..2], &edited),
            Err(ChainBreak::BadCheckpoint)
        );
        // An earlier checkpoint still holds after later entries.
        let early = Checkpoint::new(&key(), 1, &entries[0].hash, at);
        assert_eq!(verify_against(&key(), &entries, &early), Ok(3));
        let empty = Checkpoint::new(&key(), 0, GENESIS, at);
        assert_eq!(verify_against(&key(), &entries, &empty), Ok(3));
    }

    proptest! {
        #[test]
        fn any_change_is_found_at_its_entry(
            actions in proptest::collection::vec("[a-z.]{1,12}", 1..20),
            victim in any::<proptest::sample::Index>(),
            what in 0usize..3,
        ) {
            let mut entries = chain(&actions);
            prop_assert_eq!(verify(&key(), &entries), Ok(entries.len() as u64));
            let i = victim.index(entries.len());
            match what {
                0 => entries[i].event.detail.push('!'),
                1 => entries[i].event.actor = "someone-else".into(),
                _ => { entries.remove(i); }
            }
            let broken = verify(&key(), &entries);
            if what == 2 && i == entries.len() {
                // Removing the last entry leaves a shorter, valid chain: only a checkpoint kept
                // elsewhere tells (see `verify_against`).
                prop_assert!(broken.is_ok());
            } else {
                prop_assert_eq!(broken.map_err(|b| b.seq()), Err(i as i64 + if what == 2 { 2 } else { 1 }));
            }
        }
    }
}
