//! A request's life, on SQLite and on PostgreSQL: each step in order and dated, refused out of
//! order, and a post filled once whatever the path: the plan after a deployment, a second
//! deployment, two callers at once, and a write that goes around the use cases straight to the
//! database.

use chrono::NaiveDate;
use unpol_app::Actor;
use unpol_app::accounts::AuditContext;
use unpol_app::forcegen::pipeline::{self, Decision, RequestInput};
use unpol_app::roster::{self, OfficerInput};
use unpol_app::testing::TestStore;
use unpol_domain::Clock;
use unpol_domain::CountryCode;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::forcegen::{NominationStatus, RequestId, RequestStatus};
use unpol_domain::roster::{AmsResult, AmsTest, Assessment, LanguageSkill, OfficerId};
use unpol_storage::Pool;
use unpol_storage::officers::WriteError;
use unpol_storage::testing::TestDb;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn actor(role: Role, scope: Scope, today: &str) -> Actor {
    let principal = Principal {
        user_id: 1,
        login: format!("{role}"),
        role,
        scope,
    };
    Actor::new(
        principal,
        AuditContext::console().with_clock(Clock::on(day(today))),
    )
}

fn hq(today: &str) -> Actor {
    actor(Role::Hq, Scope::All, today)
}

fn senegal(today: &str) -> Actor {
    actor(
        Role::Pcc,
        Scope::Country(CountryCode::parse("SEN").expect("code")),
        today,
    )
}

fn eligible(n: usize, gender: &str) -> OfficerInput {
    OfficerInput {
        external_id: format!("SEN-{gender}-{n}"),
        given_name: format!("Given{n}"),
        family_name: format!("Family{n}"),
        nationality: "SEN".into(),
        gender: gender.into(),
        birth_date: day("1985-01-01"),
        rank: "Inspector".into(),
        languages: vec![LanguageSkill {
            language: "fr".into(),
            level: 4,
        }],
        skills: Vec::new(),
        vetting: "cleared".into(),
        assessments: Some(
            AmsTest::ALL
                .into_iter()
                .map(|test| Assessment {
                    test,
                    result: AmsResult::Passed,
                    taken_on: day("2026-09-01"),
                    valid_until: Some(day("2028-09-01")),
                })
                .collect(),
        ),
    }
}

fn input(posts: u32) -> RequestInput {
    RequestInput {
        mission: "MINUSCA".into(),
        title: "Community policing advisers".into(),
        posts,
        min_rank: "Sergeant".into(),
        languages: Vec::new(),
        skills: Vec::new(),
        start: day("2027-03-01"),
        tour_months: 12,
        deadline: day("2027-01-31"),
        country_cap: None,
        countries: vec!["SEN".into()],
    }
}

fn on(date: &str) -> Decision {
    Decision {
        on: Some(day(date)),
        reason: String::new(),
    }
}

/// A refusal for the record's state (409) that says `says`.
fn conflict(result: &Result<impl std::fmt::Debug, WriteError>, says: &str) -> bool {
    matches!(result, Err(e @ WriteError::Refused { conflict: true, .. }) if e.text().unwrap_or_default().contains(says))
}

/// A refusal of the input (422) that says `says`.
fn invalid(result: &Result<impl std::fmt::Debug, WriteError>, says: &str) -> bool {
    matches!(result, Err(e @ WriteError::Refused { conflict: false, .. }) if e.text().unwrap_or_default().contains(says))
}

/// Six eligible Senegalese officers, three women, nominated to a sent request of `posts` posts
/// whose nominations are closed.
async fn closed_request(
    store: &unpol_app::Store,
    posts: u32,
) -> anyhow::Result<(RequestId, Vec<OfficerId>)> {
    let request = pipeline::create_request(store, &hq("2026-11-02"), input(posts)).await?;
    pipeline::advance(
        store,
        &hq("2026-11-03"),
        request.id,
        RequestStatus::Sent,
        Decision::default(),
    )
    .await?;
    let mut officers = Vec::new();
    for n in 0..6 {
        let gender = if n % 2 == 0 { "female" } else { "male" };
        let id = roster::create_officer(store, &senegal("2026-11-04"), eligible(n, gender)).await?;
        pipeline::nominate(store, &senegal("2026-11-10"), request.id, id).await?;
        officers.push(id);
    }
    pipeline::advance(
        store,
        &hq("2026-12-01"),
        request.id,
        RequestStatus::NominationsClosed,
        on("2026-12-01"),
    )
    .await?;
    Ok((request.id, officers))
}

async fn taken(store: &unpol_app::Store, request: RequestId) -> anyhow::Result<usize> {
    let list = pipeline::nominations(store, &hq("2026-12-31"), request).await?;
    Ok(list
        .iter()
        .filter(|n| {
            matches!(
                n.status,
                NominationStatus::Selected | NominationStatus::Deployed
            )
        })
        .count())
}

#[tokio::test]
async fn each_step_in_order_and_dated() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let draft = pipeline::create_request(&store, &hq("2026-11-02"), input(2)).await?;
        assert_eq!(draft.status, RequestStatus::Draft, "{}", t.label);

        // A draft is headquarters' own: the country does not see it, and nobody nominates to it.
        let hidden = pipeline::request_in_scope(&store, &senegal("2026-11-02"), draft.id).await;
        assert!(matches!(hidden, Err(WriteError::NotFound)), "{hidden:?}");
        let officer =
            roster::create_officer(&store, &senegal("2026-11-02"), eligible(9, "female")).await?;
        let early = pipeline::nominate(&store, &hq("2026-11-02"), draft.id, officer).await;
        assert!(conflict(&early, "is draft"), "{early:?}");

        // A draft is edited; once sent it is not.
        let mut more = input(3);
        more.title = "Community policing advisers (3)".into();
        let edited = pipeline::update_request(&store, &hq("2026-11-02"), draft.id, more).await?;
        assert_eq!((edited.posts, edited.status), (3, RequestStatus::Draft));

        // Out of order, or dated wrongly, a step is refused and nothing changes.
        let desk = hq("2026-11-02");
        let select = pipeline::select(&store, &desk, draft.id, None, Decision::default());
        assert!(conflict(&select.await, "cannot become selected"));
        let deploy = pipeline::deploy(&store, &desk, draft.id, Decision::default());
        assert!(conflict(&deploy.await, "cannot become deployed"));
        let future = pipeline::advance(
            &store,
            &hq("2026-11-02"),
            draft.id,
            RequestStatus::Sent,
            on("2026-11-03"),
        )
        .await;
        assert!(invalid(&future, "after today"), "{future:?}");
        let before = pipeline::advance(
            &store,
            &hq("2026-11-02"),
            draft.id,
            RequestStatus::Sent,
            on("2026-11-01"),
        )
        .await;
        assert!(invalid(&before, "last step on 2026-11-02"), "{before:?}");
        let unexplained = pipeline::advance(
            &store,
            &hq("2026-11-02"),
            draft.id,
            RequestStatus::Cancelled,
            Decision::default(),
        )
        .await;
        assert!(invalid(&unexplained, "say why"), "{unexplained:?}");

        // Sent a day later, dated by the decision, not by the day it was typed in.
        let sent = pipeline::advance(
            &store,
            &hq("2026-11-20"),
            draft.id,
            RequestStatus::Sent,
            on("2026-11-03"),
        )
        .await?;
        assert_eq!(sent.sent_on(), Some(day("2026-11-03")));
        let edit = pipeline::update_request(&store, &hq("2026-11-20"), draft.id, input(3)).await;
        assert!(conflict(&edit, "can no longer be edited"), "{edit:?}");
        let seen = pipeline::request_in_scope(&store, &senegal("2026-11-20"), draft.id).await?;
        assert_eq!(seen.status, RequestStatus::Sent);
        pipeline::nominate(&store, &senegal("2026-11-20"), draft.id, officer).await?;

        let closed = pipeline::advance(
            &store,
            &hq("2026-12-01"),
            draft.id,
            RequestStatus::NominationsClosed,
            Decision::default(),
        )
        .await?;
        let late = pipeline::nominate(&store, &senegal("2026-12-01"), draft.id, officer).await;
        assert!(conflict(&late, "nominations closed"), "{late:?}");
        assert_eq!(
            closed
                .steps
                .iter()
                .map(|s| (s.status, s.on))
                .collect::<Vec<_>>(),
            [
                (RequestStatus::Draft, day("2026-11-02")),
                (RequestStatus::Sent, day("2026-11-03")),
                (RequestStatus::NominationsClosed, day("2026-12-01")),
            ]
        );

        let cancelled = pipeline::advance(
            &store,
            &hq("2026-12-02"),
            draft.id,
            RequestStatus::Cancelled,
            Decision {
                on: None,
                reason: "the mandate was cut".into(),
            },
        )
        .await?;
        assert_eq!(cancelled.status, RequestStatus::Cancelled);
        assert_eq!(
            cancelled.steps.last().map(|s| s.note.as_str()),
            Some("the mandate was cut")
        );
        let revived = pipeline::advance(
            &store,
            &hq("2026-12-02"),
            draft.id,
            RequestStatus::Sent,
            Decision::default(),
        )
        .await;
        assert!(conflict(&revived, "is cancelled"), "{revived:?}");
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn a_post_is_filled_once() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let (request, officers) = closed_request(&store, 4).await?;

        // Selecting nobody says so.
        let empty = pipeline::select(
            &store,
            &hq("2026-12-02"),
            request,
            Some(Vec::new()),
            Decision {
                on: None,
                reason: "testing".into(),
            },
        )
        .await;
        assert!(invalid(&empty, "no officer was chosen"), "{empty:?}");
        // Departing from the plan needs a reason.
        let unexplained = pipeline::select(
            &store,
            &hq("2026-12-02"),
            request,
            Some(officers[..2].to_vec()),
            Decision::default(),
        )
        .await;
        assert!(
            invalid(&unexplained, "departs from the plan"),
            "{unexplained:?}"
        );
        pipeline::select(
            &store,
            &hq("2026-12-02"),
            request,
            Some(officers[..2].to_vec()),
            Decision {
                on: None,
                reason: "the mission interviewed them".into(),
            },
        )
        .await?;
        let five = pipeline::select(
            &store,
            &hq("2026-12-02"),
            request,
            Some(officers[..5].to_vec()),
            Decision {
                on: None,
                reason: "all of them".into(),
            },
        )
        .await;
        assert!(invalid(&five, "open posts; 5 officers"), "{five:?}");
        assert_eq!(taken(&store, request).await?, 2, "{}", t.label);

        let tours =
            pipeline::deploy(&store, &hq("2026-12-05"), request, Decision::default()).await?;
        assert_eq!(tours.len(), 2);
        let again = pipeline::deploy(&store, &hq("2026-12-05"), request, Decision::default()).await;
        assert!(conflict(&again, "is deployed"), "{again:?}");

        // The plan now fills the two open posts only, and never proposes the deployed.
        let plan = pipeline::plan(&store, &hq("2026-12-06"), request, Default::default()).await?;
        assert_eq!((plan.deployed, plan.open_posts), (2, 2), "{plan:?}");
        assert_eq!(plan.selected.len(), 2);
        assert!(
            plan.selected
                .iter()
                .all(|c| !officers[..2].contains(&c.officer))
        );
        pipeline::select(
            &store,
            &hq("2026-12-06"),
            request,
            None,
            Decision::default(),
        )
        .await?;
        assert_eq!(taken(&store, request).await?, 4);
        let full = pipeline::select(
            &store,
            &hq("2026-12-07"),
            request,
            None,
            Decision::default(),
        )
        .await;
        // A revised selection of the same two open posts is allowed; more is not.
        assert!(full.is_ok(), "{full:?}");
        assert_eq!(taken(&store, request).await?, 4);
        pipeline::deploy(&store, &hq("2026-12-08"), request, Decision::default()).await?;
        let over = pipeline::select(
            &store,
            &hq("2026-12-09"),
            request,
            None,
            Decision::default(),
        )
        .await;
        assert!(conflict(&over, "every post"), "{over:?}");
        pipeline::advance(
            &store,
            &hq("2026-12-09"),
            request,
            RequestStatus::Closed,
            Decision::default(),
        )
        .await?;
        assert_eq!(taken(&store, request).await?, 4);
        t.cleanup().await?;
    }
    Ok(())
}

#[tokio::test]
async fn two_callers_at_once_deploy_once() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let (request, officers) = closed_request(&store, 3).await?;
        // Two selections of different slates at once: one wins whole, and never more than 3.
        let (desk, other_desk) = (hq("2026-12-02"), hq("2026-12-02"));
        let a = pipeline::select(
            &store,
            &desk,
            request,
            Some(officers[..3].to_vec()),
            Decision {
                on: None,
                reason: "first desk".into(),
            },
        );
        let b = pipeline::select(
            &store,
            &other_desk,
            request,
            Some(officers[3..].to_vec()),
            Decision {
                on: None,
                reason: "second desk".into(),
            },
        );
        let (a, b) = tokio::join!(a, b);
        assert!(a.is_ok() || b.is_ok(), "{a:?} {b:?}");
        assert_eq!(taken(&store, request).await?, 3, "{}", t.label);

        let first = pipeline::deploy(&store, &desk, request, Decision::default());
        let second = pipeline::deploy(&store, &other_desk, request, Decision::default());
        let (first, second) = tokio::join!(first, second);
        let deployed: usize = [&first, &second]
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(Vec::len)
            .sum();
        assert_eq!(deployed, 3, "{first:?} {second:?}");
        assert!(first.is_err() || second.is_err());
        t.cleanup().await?;
    }
    Ok(())
}

/// The rule holds in the database itself: a write that bypasses the use cases is refused.
#[tokio::test]
async fn the_database_refuses_more_selected_than_posts() -> anyhow::Result<()> {
    for t in TestDb::all().await? {
        let store = t.store();
        let (request, _) = closed_request(&store, 2).await?;
        let sql = "UPDATE fg_nomination SET status = 'selected', decided_on = '2026-12-02' WHERE request_id = $1";
        let refused = match t.db.pool() {
            Pool::Sqlite(pool) => sqlx::query(sql).bind(request.0).execute(pool).await.err(),
            Pool::Postgres(pool) => {
                let sql = sql.replace("'2026-12-02'", "DATE '2026-12-02'");
                sqlx::query(&sql).bind(request.0).execute(pool).await.err()
            }
        };
        let refused = refused.map(|e| e.to_string()).unwrap_or_default();
        assert!(
            refused.contains("more officers selected than the request has posts"),
            "{}: {refused}",
            t.label
        );
        assert_eq!(
            taken(&store, request).await?,
            0,
            "the statement was undone whole"
        );
        let shrink = "UPDATE fg_request SET posts = 1 WHERE id = $1";
        let ok = "UPDATE fg_nomination SET status = 'selected' WHERE id IN (SELECT id FROM fg_nomination WHERE request_id = $1 ORDER BY id LIMIT 2)";
        let refused = match t.db.pool() {
            Pool::Sqlite(pool) => {
                sqlx::query(ok).bind(request.0).execute(pool).await?;
                sqlx::query(shrink)
                    .bind(request.0)
                    .execute(pool)
                    .await
                    .err()
            }
            Pool::Postgres(pool) => {
                sqlx::query(ok).bind(request.0).execute(pool).await?;
                sqlx::query(shrink)
                    .bind(request.0)
                    .execute(pool)
                    .await
                    .err()
            }
        };
        assert!(refused.is_some(), "{}: fewer posts than selected", t.label);
        t.cleanup().await?;
    }
    Ok(())
}
