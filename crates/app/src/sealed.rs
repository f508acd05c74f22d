//! Sealed fields: the narrative, the notes and the victims' details of a conduct case are stored
//! encrypted with a key kept outside the database, so that a stolen backup, a `pg_dump` or a DBA
//! reads ciphertext only.
//!
//! XChaCha20-Poly1305 (RustCrypto's `chacha20poly1305`): an authenticated cipher whose 24-byte
//! nonces can be drawn at random without counting. Each sealed value is bound to its case and its
//! field (the associated data), so that a ciphertext moved to another case or another field does
//! not open. Its first bytes say the format and which key sealed it (a fingerprint, not the key),
//! so that a key rotation can tell the values still sealed with the old key from the new ones.
//!
//! Layout: version (1 byte) | key fingerprint (4) | nonce (24) | ciphertext and tag.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use sha2::{Digest, Sha256};

const VERSION: u8 = 1;
const FINGERPRINT: usize = 4;
const NONCE: usize = 24;
const HEADER: usize = 1 + FINGERPRINT + NONCE;

/// The key that seals case fields: 32 random bytes, never stored in the database.
#[derive(Clone)]
pub struct CaseKey([u8; 32]);

impl std::fmt::Debug for CaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CaseKey({})", hex::encode(self.fingerprint()))
    }
}

impl CaseKey {
    /// A new random key.
    pub fn generate() -> CaseKey {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        CaseKey(bytes)
    }

    /// A key written as 64 hexadecimal digits (surrounding spaces and a newline allowed).
    pub fn from_hex(text: &str) -> Result<CaseKey, SealError> {
        let bytes = hex::decode(text.trim()).map_err(|_| SealError::KeyFormat)?;
        let bytes: [u8; 32] = bytes.try_into().map_err(|_| SealError::KeyFormat)?;
        Ok(CaseKey(bytes))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Which key this is, without saying the key: the first bytes of its SHA-256.
    pub fn fingerprint(&self) -> [u8; FINGERPRINT] {
        let digest = Sha256::digest(self.0);
        let mut out = [0u8; FINGERPRINT];
        out.copy_from_slice(&digest[..FINGERPRINT]);
        out
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }
}

/// Where the case key comes from: `UNPOL_CASE_KEY` (64 hex digits) or a key file, by default
/// beside an SQLite database (`unpol.db.case-key`). A PostgreSQL database's servers must all use
/// one key, so its key is always given.
#[derive(Debug, Clone)]
pub enum CaseKeySource {
    Hex(String),
    File(std::path::PathBuf),
}

/// The key file beside an SQLite database; none for PostgreSQL.
pub fn default_case_key_file(database_url: &str) -> Option<std::path::PathBuf> {
    crate::audit::default_key_file(database_url).map(|audit| audit.with_extension("case-key"))
}

/// The case key from its source; a missing key file is created (readable by its owner only)
/// when `create` is set, and otherwise means no key: conduct cases are then out of reach.
pub fn load_case_key(source: &CaseKeySource, create: bool) -> anyhow::Result<Option<CaseKey>> {
    use anyhow::Context;
    match source {
        CaseKeySource::Hex(hex) => Ok(Some(
            CaseKey::from_hex(hex).context("UNPOL_CASE_KEY: 64 hexadecimal digits")?,
        )),
        CaseKeySource::File(file) if file.exists() => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the case key {}", file.display()))?;
            let key = CaseKey::from_hex(&text)
                .with_context(|| format!("the case key {}", file.display()))?;
            Ok(Some(key))
        }
        CaseKeySource::File(file) if create => {
            let key = CaseKey::generate();
            crate::audit::write_secret_file(file, &key.to_hex(), "case key")?;
            eprintln!(
                "created the case key {} (keep a copy outside this machine: without it no conduct \
                 case can be read)",
                file.display()
            );
            Ok(Some(key))
        }
        CaseKeySource::File(_) => Ok(None),
    }
}

/// What a sealed value belongs to: it opens only there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding<'a> {
    /// The case's id.
    pub case: i64,
    /// The field (`narrative`, `notes`, `victim:V-1`...).
    pub field: &'a str,
}

impl Binding<'_> {
    fn associated_data(&self) -> Vec<u8> {
        format!("unpol case {} {}", self.case, self.field).into_bytes()
    }
}

/// Why a sealed value does not open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("a case key is 64 hexadecimal digits")]
    KeyFormat,
    #[error("not a sealed value of this version of unpol")]
    Format,
    #[error("sealed with another key (fingerprint {0}): give that key, or re-seal with this one")]
    OtherKey(String),
    #[error("the sealed value was altered, or belongs to another case or field")]
    Altered,
}

/// Seals `text` for its case and field.
pub fn seal(key: &CaseKey, binding: Binding<'_>, text: &str) -> Vec<u8> {
    let mut nonce = [0u8; NONCE];
    OsRng.fill_bytes(&mut nonce);
    let aad = binding.associated_data();
    let sealed = key
        .cipher()
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: text.as_bytes(),
                aad: &aad,
            },
        )
        // Encryption fails only for messages beyond 256 GiB.
        .unwrap_or_default();
    let mut out = Vec::with_capacity(HEADER + sealed.len());
    out.push(VERSION);
    out.extend_from_slice(&key.fingerprint());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    out
}

/// Opens a value sealed by [`seal`] for the same case and field.
pub fn open(key: &CaseKey, binding: Binding<'_>, sealed: &[u8]) -> Result<String, SealError> {
    if sealed.len() < HEADER || sealed[0] != VERSION {
        return Err(SealError::Format);
    }
    let fingerprint = &sealed[1..1 + FINGERPRINT];
    if fingerprint != key.fingerprint() {
        return Err(SealError::OtherKey(hex::encode(fingerprint)));
    }
    let nonce = XNonce::from_slice(&sealed[1 + FINGERPRINT..HEADER]);
    let aad = binding.associated_data();
    let text = key
        .cipher()
        .decrypt(
            nonce,
            Payload {
                msg: &sealed[HEADER..],
                aad: &aad,
            },
        )
        .map_err(|_| SealError::Altered)?;
    String::from_utf8(text).map_err(|_| SealError::Altered)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NARRATIVE: &str = "Reported by the victim's mother on 3 May at the Bangui camp gate";

    fn at(case: i64, field: &str) -> Binding<'_> {
        Binding { case, field }
    }

    #[test]
    fn a_sealed_field_opens_with_its_key_case_and_field_and_holds_no_clear_text() {
        let key = CaseKey::generate();
        let sealed = seal(&key, at(7, "narrative"), NARRATIVE);
        assert_eq!(
            open(&key, at(7, "narrative"), &sealed).as_deref(),
            Ok(NARRATIVE)
        );
        assert!(
            !sealed
                .windows(6)
                .any(|w| NARRATIVE.as_bytes().windows(6).any(|n| n == w)),
            "no six bytes of the text in clear"
        );
        let again = seal(&key, at(7, "narrative"), NARRATIVE);
        assert_ne!(sealed, again, "a fresh nonce each time");
    }

    #[test]
    fn a_sealed_field_does_not_open_elsewhere_altered_or_with_another_key() {
        let key = CaseKey::generate();
        let sealed = seal(&key, at(7, "narrative"), NARRATIVE);
        assert_eq!(
            open(&key, at(8, "narrative"), &sealed),
            Err(SealError::Altered),
            "moved to another case"
        );
        assert_eq!(
            open(&key, at(7, "notes"), &sealed),
            Err(SealError::Altered),
            "moved to another field"
        );
        let mut altered = sealed.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        assert_eq!(
            open(&key, at(7, "narrative"), &altered),
            Err(SealError::Altered)
        );
        let other = CaseKey::generate();
        assert!(matches!(
            open(&other, at(7, "narrative"), &sealed),
            Err(SealError::OtherKey(_))
        ));
        assert_eq!(
            open(&key, at(7, "narrative"), b"plain"),
            Err(SealError::Format)
        );
    }

    #[test]
    fn a_key_reads_back_from_its_hex_and_never_prints_itself() -> Result<(), SealError> {
        let key = CaseKey::generate();
        let again = CaseKey::from_hex(&format!("{}\n", key.to_hex()))?;
        let sealed = seal(&key, at(1, "notes"), "n");
        assert_eq!(open(&again, at(1, "notes"), &sealed).as_deref(), Ok("n"));
        assert!(!format!("{key:?}").contains(&key.to_hex()));
        assert_eq!(CaseKey::from_hex("abcd").err(), Some(SealError::KeyFormat));
        Ok(())
    }
}
