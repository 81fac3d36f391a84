//! The event feed (`GET /v1/events`): a party's webhook payloads in commit order, resumed from
//! a cursor across restarts, with nothing skipped or doubled — also an event whose transaction
//! commits after later ones (PostgreSQL).

use std::collections::{HashMap, HashSet};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::TestApp;

/// One page of the feed: its items and its cursor.
async fn page(app: &TestApp, token: &str, query: &str) -> (Vec<Value>, String) {
    let r = app.get(&format!("/v1/events?{query}"), Some(token)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let items = r.body["items"].as_array().unwrap().clone();
    let cursor = r.body["next_cursor"]
        .as_str()
        .expect("next_cursor")
        .to_owned();
    (items, cursor)
}

/// Read from `cursor` (empty: the start) until `n` events came, then check that nothing more
/// does; the events and where to resume. Polls: on PostgreSQL any transaction still open on
/// the cluster holds the feed back (never skips), and other suites share the cluster.
async fn collect(
    app: &TestApp,
    token: &str,
    mut cursor: String,
    limit: usize,
    n: usize,
) -> (Vec<Value>, String) {
    let mut all = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let query = match cursor.is_empty() {
            true => format!("limit={limit}"),
            false => format!("after={cursor}&limit={limit}"),
        };
        let (items, next) = page(app, token, &query).await;
        assert!(items.len() <= limit);
        assert!(!next.is_empty());
        cursor = next;
        if items.is_empty() {
            if all.len() >= n {
                return (all, cursor);
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{} of {n} events",
                all.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        all.extend(items);
    }
}

/// How many events the timelines of `shipments` hold.
async fn count(w: &World, shipments: &[String]) -> usize {
    let mut n = 0;
    for id in shipments {
        let t = w
            .app
            .get(
                &format!("/v1/shipments/{id}/events?limit=200"),
                Some(&w.shop_key),
            )
            .await;
        n += t.body["items"].as_array().unwrap().len();
    }
    n
}

/// A shipment's life in four requests: created, handed to the courier, accepted, link rotated.
async fn life(w: &World, reference: String) -> String {
    let app = &w.app;
    let mut s = tv(w);
    s["reference"] = json!(reference);
    let r = app.post("/v1/shipments", Some(&w.shop_key), s).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let h = handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
    accept(app, &id, &h, &w.courier_admin, "intact").await;
    let r = app
        .post(
            &format!("/v1/shipments/{id}/tracking-token"),
            Some(&w.shop_key),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    id
}

/// PostgreSQL only (one writer on SQLite: insertion order is commit order): the world and a
/// connection of the test's own to its database.
async fn on_postgres() -> Option<(World, PgConnection)> {
    let w = world().await;
    let url = w.app.settings().db.url.clone();
    if !url.starts_with("postgres") {
        return None;
    }
    let conn = PgConnection::establish(&url).unwrap();
    Some((w, conn))
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect()
}

/// Every event of `shipments` once, no other, and each shipment's in its timeline's order.
async fn assert_exactly_once(w: &World, seen: &[Value], shipments: &[String]) {
    let seen_ids = ids(seen);
    let unique: HashSet<&String> = seen_ids.iter().collect();
    assert_eq!(unique.len(), seen_ids.len(), "an event was served twice");
    let mut per_shipment: HashMap<String, Vec<String>> = HashMap::new();
    for e in seen {
        per_shipment
            .entry(e["shipment"]["id"].as_str().unwrap().to_owned())
            .or_default()
            .push(e["id"].as_str().unwrap().to_owned());
    }
    let mut total = 0;
    for id in shipments {
        let t = w
            .app
            .get(
                &format!("/v1/shipments/{id}/events?limit=200"),
                Some(&w.shop_key),
            )
            .await;
        let timeline = ids(t.body["items"].as_array().unwrap());
        assert!(timeline.len() >= 4, "{}", t.body);
        total += timeline.len();
        assert_eq!(
            per_shipment.get(id).cloned().unwrap_or_default(),
            timeline,
            "the feed holds shipment {id}'s events once each, in its timeline's order"
        );
    }
    assert_eq!(total, seen_ids.len(), "no event of another shipment");
}

#[tokio::test]
async fn a_consumer_resumes_after_a_restart_and_sees_every_event_once_in_order() {
    let mut w = world().await;
    let before: Vec<String> = {
        let mut v = Vec::new();
        for i in 0..3 {
            v.push(life(&w, format!("EARLY-{i}")).await);
        }
        v
    };
    // The consumer reads part of the feed, then stops. The feed shows a commit once every
    // transaction that began before it has ended (cluster-wide on PostgreSQL, where other tests
    // run at the same time): poll briefly, as a consumer does.
    let (mut first, mut cursor) = page(&w.app, &w.shop_key, "limit=5").await;
    for _ in 0..100 {
        if first.len() == 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        (first, cursor) = page(&w.app, &w.shop_key, "limit=5").await;
    }
    assert_eq!(first.len(), 5);
    assert_eq!(first[0]["type"], "shipment.created");
    // Shaped as the webhook payload for the owner: contact data included.
    assert!(
        first[0]["shipment"]["recipient"]["phone"].is_string(),
        "{}",
        first[0]
    );
    assert!(first[0]["created_at"].is_string() && first[0]["data"].is_object());

    // Several writers at once, while another consumer keeps reading as they commit.
    let writers = futures_util::future::join_all((0..4).map(|t| {
        let w = &w;
        async move {
            let mut mine = Vec::new();
            for i in 0..4 {
                mine.push(life(w, format!("T{t}-{i}")).await);
            }
            mine
        }
    }));
    let live = async {
        let mut seen = Vec::new();
        let mut cursor = String::new();
        let mut quiet = 0;
        while quiet < 20 {
            let query = if cursor.is_empty() {
                "limit=7".to_owned()
            } else {
                format!("after={cursor}&limit=7")
            };
            let (items, next) = page(&w.app, &w.courier_admin, &query).await;
            cursor = next;
            quiet = if items.is_empty() { quiet + 1 } else { 0 };
            seen.extend(items);
            tokio::time::sleep(std::time::Duration::from_millis(15)).await;
        }
        (seen, cursor)
    };
    let (written, (live_seen, live_cursor)) = tokio::join!(writers, live);
    let mut shipments = before.clone();
    shipments.extend(written.into_iter().flatten());

    w.app.restart().await;
    let total = count(&w, &shipments).await;
    let (rest, end) = collect(&w.app, &w.shop_key, cursor, 7, total - first.len()).await;
    let mut all = first.clone();
    all.extend(rest);
    assert_exactly_once(&w, &all, &shipments).await;
    assert!(all.iter().any(|e| e["type"] == "handoff.accepted"));

    // The live reader (the courier, party to all of them) caught up after the restart too, and
    // never saw contact data it may not list.
    let (tail, _) = collect(
        &w.app,
        &w.courier_admin,
        live_cursor,
        50,
        total - live_seen.len(),
    )
    .await;
    let mut courier_all = live_seen;
    courier_all.extend(tail);
    assert_exactly_once(&w, &courier_all, &shipments).await;
    assert!(
        courier_all
            .iter()
            .all(|e| e["shipment"]["recipient"]["phone"].is_null())
    );
    assert_eq!(
        ids(&courier_all),
        ids(&all),
        "one commit order for every party"
    );

    // An empty page still says where to resume; resuming there gets only what is new.
    let (empty, again) = page(&w.app, &w.shop_key, &format!("after={end}")).await;
    assert!(empty.is_empty() && !again.is_empty());
    let late = life(&w, "LATE-1".to_owned()).await;
    let n = count(&w, std::slice::from_ref(&late)).await;
    let (news, _) = collect(&w.app, &w.shop_key, again, 100, n).await;
    assert!(news.iter().all(|e| e["shipment"]["id"] == late.as_str()));
    assert!(news.len() >= 4);
}

#[tokio::test]
async fn parties_see_their_own_events_filtered_and_checked() {
    let w = world().await;
    let app = &w.app;
    let own = life(&w, "OWN-1".to_owned()).await;
    let n = count(&w, &[own]).await;
    let (all, _) = collect(app, &w.shop_key, String::new(), 100, n).await;
    assert!(all.len() >= 4);
    let (none, cursor) = page(app, &w.other_shop_admin, "").await;
    assert!(none.is_empty(), "{none:?}");
    assert!(!cursor.is_empty());
    let (none, _) = page(app, &w.other_courier_admin, "").await;
    assert!(none.is_empty());
    // The supplier is party to the shipment (named at creation) as its webhooks are.
    let (sup, _) = collect(app, &w.supplier_admin, String::new(), 100, n).await;
    assert_eq!(ids(&sup), ids(&all));

    let (accepted, _) = page(app, &w.shop_key, "types=handoff.accepted,shipment.created").await;
    let kinds: Vec<&str> = accepted
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["shipment.created", "handoff.accepted"]);

    for (query, field) in [
        ("types=shipment.nope", "types"),
        ("types=kpi.target_missed", "types"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("after=bm90IGEgY3Vyc29y", "after"),
    ] {
        let r = app
            .get(&format!("/v1/events?{query}"), Some(&w.shop_key))
            .await;
        r.assert_problem(422, "validation");
        assert_eq!(r.error_fields(), vec![field.to_owned()], "{query}");
    }
    let (big, _) = page(app, &w.shop_key, "limit=1000").await;
    assert_eq!(big.len(), all.len());
    let d = driver(&w, &w.courier_admin, "dina@speedy.test").await;
    app.get("/v1/events", Some(&d.token))
        .await
        .assert_problem(403, "forbidden");
    app.get("/v1/events", None)
        .await
        .assert_problem(401, "unauthorized");
}

/// PostgreSQL: a transaction that wrote an event and commits after later events did is held
/// back, then served — never skipped by a consumer who read past the later ones.
#[tokio::test]
async fn an_event_committed_late_is_not_skipped() {
    let Some((w, mut slow)) = on_postgres().await else {
        return;
    };
    let first = life(&w, "BEFORE".to_owned()).await;
    let n = count(&w, std::slice::from_ref(&first)).await;
    let (seen, cursor) = collect(&w.app, &w.shop_key, String::new(), 100, n).await;
    assert!(seen.len() >= 4);

    // A writer opens its transaction and inserts an event (its txid is taken now) …
    slow.batch_execute(&format!(
        "BEGIN; INSERT INTO shipment_events (id, shipment_id, kind, actor_kind, data, created_at) \
         VALUES ('evt_0late', '{first}', 'shipment.eta', 'system', '{{}}', now() at time zone 'utc')"
    ))
    .unwrap();
    // … while later events commit.
    let later = life(&w, "AFTER".to_owned()).await;
    // The consumer reads on: nothing after the open transaction is served yet (it would be
    // behind the cursor once served), but the cursor does not move past it either.
    let (held, cursor) = collect(&w.app, &w.shop_key, cursor, 100, 0).await;
    assert!(
        held.is_empty(),
        "served before an older transaction ended: {held:?}"
    );
    slow.batch_execute("COMMIT").unwrap();
    let (rest, _) = collect(&w.app, &w.shop_key, cursor, 2, seen.len() + 1).await;
    let got = ids(&rest);
    assert_eq!(got.len(), seen.len() + 1, "{got:?}");
    assert_eq!(
        got[0], "evt_0late",
        "the late commit comes first: its transaction began first"
    );
    assert!(
        rest[1..]
            .iter()
            .all(|e| e["shipment"]["id"] == later.as_str())
    );
}

/// PostgreSQL, issue 24: within one shipment the feed keeps the timeline's order even when a
/// transaction took its id (which orders the feed) before it waited for the shipment's lock
/// while a later transaction wrote that shipment's events and committed.
#[tokio::test]
async fn one_shipments_events_keep_their_order_when_a_writer_waited_for_its_lock() {
    let Some((w, mut early)) = on_postgres().await else {
        return;
    };
    let id = life(&w, "ORDER".to_owned()).await;
    let n = count(&w, std::slice::from_ref(&id)).await;
    let (_, cursor) = collect(&w.app, &w.shop_key, String::new(), 100, n).await;

    // A writer's transaction takes its id first …
    early
        .batch_execute("BEGIN; SELECT pg_current_xact_id();")
        .unwrap();
    // … another request on the same shipment writes its events and commits …
    let r = w
        .app
        .post(
            &format!("/v1/shipments/{id}/tracking-token"),
            Some(&w.shop_key),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let between = count(&w, std::slice::from_ref(&id)).await - n;
    assert!(between >= 1);
    // … then the first one gets the shipment's lock and writes after it.
    early
        .batch_execute(&format!(
            "SELECT id FROM shipments WHERE id = '{id}' FOR UPDATE; \
             INSERT INTO shipment_events (id, shipment_id, kind, actor_kind, data, created_at) \
             VALUES ('evt_0after', '{id}', 'shipment.eta', 'system', '{{}}', \
             clock_timestamp() at time zone 'utc'); COMMIT;"
        ))
        .unwrap();
    let (rest, _) = collect(&w.app, &w.shop_key, cursor, 100, between + 1).await;
    let got = ids(&rest);
    assert_eq!(got.len(), between + 1, "{got:?}");
    assert_eq!(
        got.last().map(String::as_str),
        Some("evt_0after"),
        "the event written after the lock was released comes after the events of the \
         transaction that held it: {got:?}"
    );
}
