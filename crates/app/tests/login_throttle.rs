//! Throttling that holds under concurrency: 30 wrong passwords sent at once for one login have at
//! most 10 checked, the right password right after is refused, and it works again once the lock
//! ends. Logins are audited under the login tried. On SQLite, and on PostgreSQL when
//! UNPOL_TEST_POSTGRES_URL is set.

use chrono::Duration;
use unpol_app::Store;
use unpol_app::accounts::{self, AuditContext, LoginError, Secret};
use unpol_app::testing::TestStore;
use unpol_domain::Clock;
use unpol_domain::access::Principal;
use unpol_domain::access::Role;
use unpol_storage::audit::AuditQuery;
use unpol_storage::testing::TestDb;

const RIGHT: &str = "the right password 1";

/// The test database with the user `target`, whose password is [`RIGHT`].
async fn with_target(t: &TestDb) -> anyhow::Result<Store> {
    let db = t.store();
    let ctx = AuditContext::console();
    accounts::add_user(
        &db,
        "target",
        Role::Hq,
        None,
        None,
        &Secret::new(RIGHT),
        &ctx,
    )
    .await?;
    Ok(db)
}

/// Attempt `n` from an address, on the tests' day unless a clock is given.
fn from(address: &str, n: usize) -> AuditContext {
    AuditContext {
        actor: "-".into(),
        address: address.into(),
        request_id: format!("r{n}"),
        clock: Clock::on("2026-11-01".parse().expect("a day")),
    }
}

/// `count` sign-ins sent at once (so that the slowing down of each does not add up): attempt `n`
/// for `login(n)` with `password`, in the context `ctx(n)`.
async fn at_once(
    db: &Store,
    count: usize,
    login: impl Fn(usize) -> String,
    password: &str,
    ctx: impl Fn(usize) -> AuditContext,
) -> anyhow::Result<Vec<Result<Principal, LoginError>>> {
    let attempts: Vec<_> = (0..count)
        .map(|n| {
            let (db, login, password, ctx) = (db.clone(), login(n), Secret::new(password), ctx(n));
            tokio::spawn(async move { accounts::authenticate(&db, &login, &password, &ctx).await })
        })
        .collect();
    let mut outcomes = Vec::new();
    for attempt in attempts {
        outcomes.push(attempt.await?);
    }
    Ok(outcomes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_wrong_passwords_at_once_check_at_most_ten() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let db = with_target(&t).await?;
        // Each attempt from its own address: the per-login count alone must hold.
        let own_address = |n: usize| from(&format!("10.0.0.{n}"), n);
        let target = |_| "target".to_string();
        let mut invalid = 0;
        let mut locked = 0;
        for outcome in at_once(&db, 30, target, "a wrong password 99", own_address).await? {
            match outcome {
                Err(LoginError::Invalid) => invalid += 1,
                Err(LoginError::Locked { .. }) => locked += 1,
                other => panic!("{}: {other:?}", t.label),
            }
        }
        let entries =
            t.db.audit_entries(&AuditQuery {
                actor: Some("target".into()),
                ..Default::default()
            })
            .await?;
        let checked = entries
            .iter()
            .filter(|e| e.event.action == "login.failed")
            .count();
        assert!(checked <= 10, "{}: {checked} passwords checked", t.label);
        assert_eq!((invalid, locked), (checked, 30 - checked), "{}", t.label);

        let start = own_address(31);
        let right_after = accounts::authenticate(&db, "target", &Secret::new(RIGHT), &start).await;
        assert!(
            matches!(right_after, Err(LoginError::Locked { .. })),
            "{}: the right password during the lock: {right_after:?}",
            t.label
        );
        let later = AuditContext {
            clock: Clock::Fixed(start.clock.now() + Duration::minutes(16)),
            ..own_address(32)
        };
        let after_the_lock =
            accounts::authenticate(&db, "target", &Secret::new(RIGHT), &later).await;
        assert!(
            after_the_lock.is_ok(),
            "{}: the lock ends: {after_the_lock:?}",
            t.label
        );
        let by_user =
            t.db.audit_entries(&AuditQuery {
                actor: Some("target".into()),
                ..Default::default()
            })
            .await?;
        assert!(
            by_user.iter().any(|e| e.event.action == "login.ok"),
            "{}: a login is audited under its user",
            t.label
        );
    }
    Ok(())
}

/// The per-address count holds too: 60 attempts at once from one address, each for another login,
/// have at most 50 checked, and then the address is refused even for a right password.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_address_trying_many_logins_is_locked_after_fifty() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let db = with_target(&t).await?;
        let one_address = |n: usize| from("10.9.9.9", n);
        let guesses = at_once(&db, 60, |n| format!("guess{n}"), "nope", one_address).await?;
        for outcome in guesses {
            assert!(
                matches!(
                    outcome,
                    Err(LoginError::Invalid | LoginError::Locked { .. })
                ),
                "{}: {outcome:?}",
                t.label
            );
        }
        let checked = unpol_app::audit::entries(&db, &AuditQuery::default())
            .await?
            .iter()
            .filter(|e| e.event.action == "login.failed" && e.event.address == "10.9.9.9")
            .count();
        assert!(
            checked <= 50,
            "{}: {checked} checked from one address",
            t.label
        );
        let right =
            accounts::authenticate(&db, "target", &Secret::new(RIGHT), &one_address(99)).await;
        assert!(
            matches!(right, Err(LoginError::Locked { .. })),
            "{}: the address is locked: {right:?}",
            t.label
        );
    }
    Ok(())
}

/// An attempt that succeeds gives back the count it reserved, and the lock that count would have
/// set: an office behind one address at 49 failures is not locked out by a good sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_good_sign_in_at_the_limit_does_not_lock_the_address() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let db = with_target(&t).await?;
        let at = |n: usize| from("10.7.7.7", n);
        for attempt in at_once(&db, 49, |n| format!("x{n}"), "no", at).await? {
            assert!(matches!(attempt, Err(LoginError::Invalid)), "{}", t.label);
        }
        for n in 100..102 {
            let right = accounts::authenticate(&db, "target", &Secret::new(RIGHT), &at(n)).await;
            assert!(right.is_ok(), "{}: attempt {n}: {right:?}", t.label);
        }
    }
    Ok(())
}
