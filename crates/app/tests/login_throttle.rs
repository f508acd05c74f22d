//! Throttling that holds under concurrency: 30 wrong passwords sent at once for one login have at
//! most 10 checked, the right password right after is refused, and it works again once the lock
//! ends. Logins are audited under the login tried. On SQLite, and on PostgreSQL when
//! UNPOL_TEST_POSTGRES_URL is set.

use chrono::Duration;
use unpol_app::accounts::{self, AuditContext, LoginError, Secret};
use unpol_app::testing::TestStore;
use unpol_domain::Clock;
use unpol_domain::access::Role;
use unpol_storage::audit::AuditQuery;
use unpol_storage::testing::TestDb;

const RIGHT: &str = "the right password 1";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_wrong_passwords_at_once_check_at_most_ten() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let ctx = AuditContext::console();
        let password = Secret::new(RIGHT);
        accounts::add_user(&t.store(), "target", Role::Hq, None, None, &password, &ctx).await?;
        let start = Clock::on("2026-11-01".parse()?);
        let attempt = |n: usize, clock: Clock, password: &str| {
            let db = t.store();
            let password = Secret::new(password);
            let ctx = AuditContext {
                actor: "-".into(),
                // Each attempt from its own address: the per-login count alone must hold.
                address: format!("10.0.0.{n}"),
                request_id: format!("r{n}"),
                clock,
            };
            async move { accounts::authenticate(&db, "target", &password, &ctx).await }
        };
        let attempts: Vec<_> = (0..30)
            .map(|n| tokio::spawn(attempt(n, start, "a wrong password 99")))
            .collect();
        let mut invalid = 0;
        let mut locked = 0;
        for handle in attempts {
            match handle.await? {
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

        let right_after = attempt(31, start, RIGHT).await;
        assert!(
            matches!(right_after, Err(LoginError::Locked { .. })),
            "{}: the right password during the lock: {right_after:?}",
            t.label
        );
        let later = Clock::Fixed(start.now() + Duration::minutes(16));
        let after_the_lock = attempt(32, later, RIGHT).await;
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
        let clock = Clock::on("2026-11-01".parse()?);
        let from = |n: usize| AuditContext {
            actor: "-".into(),
            address: "10.9.9.9".into(),
            request_id: format!("a{n}"),
            clock,
        };
        let attempts: Vec<_> = (0..60)
            .map(|n| {
                let (db, ctx) = (db.clone(), from(n));
                tokio::spawn(async move {
                    let login = format!("guess{n}");
                    accounts::authenticate(&db, &login, &Secret::new("nope"), &ctx).await
                })
            })
            .collect();
        for handle in attempts {
            let outcome = handle.await?;
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
        let right = accounts::authenticate(&db, "target", &Secret::new(RIGHT), &from(99)).await;
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
        let at = |n: usize| AuditContext {
            actor: "-".into(),
            address: "10.7.7.7".into(),
            request_id: format!("g{n}"),
            clock: Clock::on("2026-11-01".parse().expect("a day")),
        };
        // At once, so that the slowing down of each does not add up.
        let wrong: Vec<_> = (0..49)
            .map(|n| {
                let (db, ctx) = (db.clone(), at(n));
                tokio::spawn(async move {
                    let login = format!("x{n}");
                    accounts::authenticate(&db, &login, &Secret::new("no"), &ctx).await
                })
            })
            .collect();
        for attempt in wrong {
            assert!(
                matches!(attempt.await?, Err(LoginError::Invalid)),
                "{}",
                t.label
            );
        }
        for n in 100..102 {
            let right = accounts::authenticate(&db, "target", &Secret::new(RIGHT), &at(n)).await;
            assert!(right.is_ok(), "{}: attempt {n}: {right:?}", t.label);
        }
    }
    Ok(())
}
