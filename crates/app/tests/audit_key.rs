//! The audit key at first start: a trail written before keys (plain SHA-256) is checked and sealed
//! by a keyed `audit.keyed` entry; a trail chained with a key that is not there refuses to start;
//! the key file is created owner-only. On SQLite, and on PostgreSQL when UNPOL_TEST_POSTGRES_URL is
//! set.

use unpol_app::Store;
use unpol_app::audit::{KeySource, KeyUse, with_key};
use unpol_app::testing::TestDb;
use unpol_app::testing::storage::Pool;
use unpol_domain::audit::{AuditEvent, GENESIS, KEYED};

fn event(action: &str) -> AuditEvent {
    AuditEvent {
        at: "2026-10-01T10:00:00Z".into(),
        actor: "console:root".into(),
        address: "local".into(),
        action: action.into(),
        record: String::new(),
        request_id: "r".into(),
        detail: String::new(),
    }
}

/// Writes entries as an unpol without keys did, straight into the table.
async fn legacy_trail(t: &TestDb, actions: &[&str]) -> anyhow::Result<()> {
    let mut prev = GENESIS.to_string();
    for (seq, action) in (1i64..).zip(actions) {
        let e = event(action);
        let hash = e.legacy_chain_hash(seq, &prev);
        let sql = "INSERT INTO audit_entry (seq, at, actor, address, action, record, request_id, \
                   detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        macro_rules! insert {
            ($pool:expr) => {
                sqlx::query(sql)
                    .bind(seq)
                    .bind(&e.at)
                    .bind(&e.actor)
                    .bind(&e.address)
                    .bind(&e.action)
                    .bind(&e.record)
                    .bind(&e.request_id)
                    .bind(&e.detail)
                    .bind(&prev)
                    .bind(&hash)
                    .execute($pool)
                    .await
                    .map(|_| ())?
            };
        }
        match t.db.pool() {
            Pool::Sqlite(pool) => insert!(pool),
            Pool::Postgres(pool) => insert!(pool),
        };
        prev = hash;
    }
    Ok(())
}

fn file(path: &std::path::Path) -> Option<KeySource> {
    Some(KeySource::File(path.to_path_buf()))
}

#[tokio::test]
async fn a_trail_from_before_keys_is_sealed_and_another_keys_trail_refused() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        legacy_trail(&t, &["user.create", "login.ok"]).await?;
        let dir = tempfile::tempdir()?;
        let key_file = dir.path().join("unpol.db.audit-key");
        let fresh = || Store::from(t.db.clone());

        // A check finds no key and creates none: it must not bless a trail.
        let checked = with_key(fresh(), file(&key_file), KeyUse::Check).await;
        assert!(checked.is_err() && !key_file.exists(), "{}", t.label);

        // The first command that writes creates the key and seals the trail with it.
        let store = with_key(fresh(), file(&key_file), KeyUse::Write).await?;
        let chain = unpol_app::audit::entries(&store, &Default::default()).await?;
        assert_eq!(chain.len(), 3, "{}", t.label);
        assert_eq!(chain[2].event.action, KEYED, "{}", t.label);
        assert_eq!(
            unpol_app::audit::verify_chain(&store, None).await?,
            Ok(3),
            "{}",
            t.label
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key_file)?.permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}: the key is its owner's alone", t.label);
        }
        // The same key again: the trail goes on.
        let again = with_key(fresh(), file(&key_file), KeyUse::Write).await?;
        assert_eq!(
            unpol_app::audit::verify_chain(&again, None).await?,
            Ok(3),
            "{}",
            t.label
        );
        // The key lost: no new chain over the old one, and no new key left behind.
        let elsewhere = dir.path().join("another.audit-key");
        let refused = with_key(fresh(), file(&elsewhere), KeyUse::Write).await;
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.to_string().contains("restore the key")),
            "{}: {:?}",
            t.label,
            refused.map(|_| ())
        );
        assert!(!elsewhere.exists(), "{}", t.label);
        // A wrong key given: refused before anything is written with it.
        let wrong = KeySource::Hex("11".repeat(32));
        let refused = with_key(fresh(), Some(wrong), KeyUse::Write).await;
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.to_string().contains("does not continue")),
            "{}: {:?}",
            t.label,
            refused.map(|_| ())
        );
        t.cleanup().await?;
    }
    Ok(())
}

/// A key given (as PostgreSQL's always is) does not seal a trail from before keys on its own:
/// `unpol audit seal` checks and seals it, and then the commands that write go on.
#[tokio::test]
async fn a_given_key_seals_an_old_trail_only_when_asked() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        legacy_trail(&t, &["user.create"]).await?;
        let key = || Some(KeySource::Hex("22".repeat(32)));
        let fresh = || Store::from(t.db.clone());
        let refused = with_key(fresh(), key(), KeyUse::Write).await;
        assert!(
            refused
                .as_ref()
                .is_err_and(|e| e.to_string().contains("audit seal")),
            "{}: {:?}",
            t.label,
            refused.map(|_| ())
        );
        let checking = with_key(fresh(), key(), KeyUse::Check).await?;
        assert_eq!(unpol_app::audit::seal(&checking).await?, 1, "{}", t.label);
        let writing = with_key(fresh(), key(), KeyUse::Write).await?;
        assert_eq!(
            unpol_app::audit::verify_chain(&writing, None).await?,
            Ok(2),
            "{}",
            t.label
        );
        assert!(
            unpol_app::audit::seal(&writing).await.is_err(),
            "{}: sealed once",
            t.label
        );
        t.cleanup().await?;
    }
    Ok(())
}
