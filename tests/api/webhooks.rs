//! Webhooks against a real HTTP receiver on 127.0.0.1.

use std::time::Duration;

use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::TestApp;

async fn subscribe(app: &TestApp, token: &str, url: &str, types: Value) -> (String, String) {
    let r = app
        .post(
            "/v1/webhooks",
            Some(token),
            json!({"url": url, "event_types": types}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    (
        r.body["id"].as_str().unwrap().to_owned(),
        r.body["secret"].as_str().unwrap().to_owned(),
    )
}

/// A subscription's delivery log, polled until its newest delivery is `delivered` (or 5 s).
async fn delivery_log_once_delivered(app: &TestApp, token: &str, hook: &str) -> Value {
    let mut log = Value::Null;
    for _ in 0..100 {
        log = app
            .get(&format!("/v1/webhooks/{hook}/deliveries"), Some(token))
            .await
            .body;
        if log["items"][0]["status"] == "delivered" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    log
}

#[tokio::test]
async fn partners_get_signed_events_shaped_by_their_rights() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let market = Receiver::start(0, &[]).await;
    let supplier = Receiver::start(0, &[]).await;
    let stranger = Receiver::start(0, &[]).await;
    let (_, market_secret) = subscribe(app, &shop_admin, &market.url, json!(["*"])).await;
    let (_, supplier_secret) = subscribe(
        app,
        &w.supplier_admin,
        &supplier.url,
        json!(["shipment.created"]),
    )
    .await;
    subscribe(app, &w.other_courier_admin, &stranger.url, json!(["*"])).await;

    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let m = market.wait_for(1).await;
    let s = supplier.wait_for(1).await;
    assert_eq!(m[0].event_type, "shipment.created");
    assert_eq!(
        m[0].event_id, s[0].event_id,
        "one event, one id, every receiver"
    );
    assert!(signed_by(&m[0], &market_secret), "{:?}", m[0]);
    assert!(signed_by(&s[0], &supplier_secret));
    assert!(!signed_by(&s[0], &market_secret));
    let mb: Value = serde_json::from_str(&m[0].body).unwrap();
    let sb: Value = serde_json::from_str(&s[0].body).unwrap();
    assert_eq!(mb["id"], m[0].event_id.as_str());
    assert_eq!(mb["shipment"]["id"], id.as_str());
    assert_eq!(
        mb["shipment"]["recipient"]["phone"], "+33612345678",
        "the owner gets contact data"
    );
    assert!(
        sb["shipment"]["recipient"].is_null(),
        "a supplier's webhook never carries the phone"
    );
    assert!(!s[0].body.contains("+336"));

    // Types filter: the supplier subscribed to shipment.created only.
    let h = app
        .post(
            &format!("/v1/shipments/{id}/handoffs"),
            Some(&w.shop_key),
            json!({"to": "supplier"}),
        )
        .await;
    assert_eq!(h.status, 201);
    let m = market.wait_for(2).await;
    assert_eq!(m[1].event_type, "handoff.requested");
    app.run_jobs().await;
    assert_eq!(supplier.hits().len(), 1);
    assert!(stranger.hits().is_empty(), "not their shipment");
}

#[tokio::test]
async fn failed_deliveries_are_retried_and_logged() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let rx = Receiver::start(0, &[500, 500]).await;
    let (hook, _) = subscribe(app, &shop_admin, &rx.url, json!(["shipment.created"])).await;
    app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let hits = rx.wait_for(3).await;
    assert!(
        hits.iter().all(|h| h.event_id == hits[0].event_id),
        "the same event id each time"
    );
    let log = delivery_log_once_delivered(app, &shop_admin, &hook).await;
    let d = &log["items"][0];
    assert_eq!(d["status"], "delivered", "{log}");
    assert_eq!(d["tries"], 3);
    let codes: Vec<i64> = d["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["status_code"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [500, 500, 200]);
    app.get(
        &format!("/v1/webhooks/{hook}/deliveries"),
        Some(&w.courier_admin),
    )
    .await
    .assert_problem(404, "not-found");

    // Retry by hand sends it again; ping reaches the receiver.
    let did = d["id"].as_str().unwrap();
    let r = app
        .post(
            &format!("/v1/webhook-deliveries/{did}/retry"),
            Some(&shop_admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 202, "{}", r.body);
    rx.wait_for(4).await;
    let r = app
        .post(
            &format!("/v1/webhooks/{hook}/ping"),
            Some(&shop_admin),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 202);
    let hits = rx.wait_for(5).await;
    assert_eq!(hits[4].event_type, "ping");
}

#[tokio::test]
async fn nothing_is_lost_while_the_receiver_is_down_or_the_server_restarts() {
    let mut w = world().await;
    let shop_admin = w.app.token("admin@shop.test").await;
    // A port with nothing behind it yet.
    let port = crate::fixtures::free_port();
    let url = format!("http://127.0.0.1:{port}/hook");
    subscribe(&w.app, &shop_admin, &url, json!(["shipment.created"])).await;
    for i in 0..3 {
        let mut s = tv(&w);
        s["reference"] = json!(format!("DOWN-{i}"));
        assert_eq!(
            w.app
                .post("/v1/shipments", Some(&w.shop_key), s)
                .await
                .status,
            201
        );
    }
    w.app.run_jobs().await;
    // The server stops with the deliveries pending, and comes back.
    w.app.restart().await;
    for i in 3..5 {
        let mut s = tv(&w);
        s["reference"] = json!(format!("DOWN-{i}"));
        assert_eq!(
            w.app
                .post("/v1/shipments", Some(&w.shop_key), s)
                .await
                .status,
            201
        );
    }
    let rx = Receiver::start(port, &[]).await;
    let hits = rx.wait_for(5).await;
    let mut refs: Vec<String> = hits
        .iter()
        .map(|h| {
            serde_json::from_str::<Value>(&h.body).unwrap()["shipment"]["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs, ["DOWN-0", "DOWN-1", "DOWN-2", "DOWN-3", "DOWN-4"]);
    rx.stop().await;
    w.app.stop().await;
}

#[tokio::test]
async fn gone_disables_and_rotation_signs_with_both_secrets() {
    let w = world().await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let rx = Receiver::start(0, &[410]).await;
    let (hook, _) = subscribe(app, &shop_admin, &rx.url, json!(["shipment.created"])).await;
    app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    rx.wait_for(1).await;
    let mut view = Value::Null;
    for _ in 0..100 {
        view = app
            .get(&format!("/v1/webhooks/{hook}"), Some(&shop_admin))
            .await
            .body;
        if view["active"] == false {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(view["active"], false, "{view}");
    assert!(view["disabled_reason"].as_str().unwrap().contains("410"));

    let r = app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/webhooks/{hook}"),
            Some(&shop_admin),
            Some(json!({"active": true})),
        )
        .await;
    assert_eq!(r.body["active"], true);
    let old = app
        .post(
            &format!("/v1/webhooks/{hook}/rotate-secret"),
            Some(&shop_admin),
            json!({}),
        )
        .await;
    let new_secret = old.body["secret"].as_str().unwrap().to_owned();
    assert!(old.body["previous_secret_expires_at"].is_string());
    app.post(
        &format!("/v1/webhooks/{hook}/ping"),
        Some(&shop_admin),
        json!({}),
    )
    .await;
    let hits = rx.wait_for(2).await;
    assert!(signed_by(&hits[1], &new_secret));
    assert_eq!(
        hits[1].signature.matches("v1=").count(),
        2,
        "old and new secret during the overlap"
    );
    assert_eq!(
        app.delete(&format!("/v1/webhooks/{hook}"), Some(&shop_admin))
            .await
            .status,
        204
    );
    assert_eq!(
        app.get(&format!("/v1/webhooks/{hook}"), Some(&shop_admin))
            .await
            .body["active"],
        false
    );
}

#[tokio::test]
async fn webhook_targets_are_checked() {
    let w = world_with(|s| s.webhooks.allow_private = false).await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    for (url, why) in [
        ("http://partner.example/hook", "https"),
        ("https://127.0.0.1/hook", "private"),
        ("https://10.0.0.7/hook", "private"),
        ("https://169.254.169.254/latest", "private"),
        ("https://[::1]/hook", "private"),
        ("https://localhost/hook", "private"),
        ("not a url", "valid"),
    ] {
        let r = app
            .post(
                "/v1/webhooks",
                Some(&shop_admin),
                json!({"url": url, "event_types": ["*"]}),
            )
            .await;
        r.assert_problem(422, "validation");
        assert!(
            r.body["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains(why),
            "{url}: {}",
            r.body
        );
    }
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": "https://partner.example/h", "event_types": ["shipment.teleported"]}),
        )
        .await;
    assert_eq!(r.error_fields(), ["event_types"]);
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": "https://partner.example/h", "event_types": ["*"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    app.post(
        "/v1/webhooks",
        Some(&w.shop_key),
        json!({"url": "https://partner.example/h", "event_types": ["*"]}),
    )
    .await
    .assert_problem(403, "forbidden");
}

/// The security review's noisy neighbour: one org's 30 subscriptions to a receiver that takes
/// 5 s to answer borrow the idle slots of the dispatcher but leave one org's share free (8 in
/// all, 4 per org: at most 4 sends in flight), and another org's delivery still arrives at
/// once, while the slow ones are in flight or waiting.
#[tokio::test]
async fn a_slow_receiver_of_one_org_does_not_delay_another_orgs_deliveries() {
    let w = world_with(|s| {
        s.webhooks.max_subscriptions = 30;
        s.webhooks.max_in_flight = 8;
        s.webhooks.max_in_flight_per_org = 4;
    })
    .await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let slow = Receiver::start_slow(Duration::from_secs(5)).await;
    let fast = Receiver::start(0, &[]).await;
    for _ in 0..30 {
        subscribe(app, &shop_admin, &slow.url, json!(["shipment.created"])).await;
    }
    subscribe(
        app,
        &w.courier_admin,
        &fast.url,
        json!(["handoff.requested"]),
    )
    .await;

    // The marketplace's 30 deliveries start reaching the slow receiver...
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    slow.wait_for(1).await;
    // ... when an event the courier subscribed to happens.
    let started = std::time::Instant::now();
    handoff(app, &id, &w.shop_key, json!({"to": "courier"})).await;
    let hits = fast.wait_for(1).await;
    let waited = started.elapsed();
    assert_eq!(hits[0].event_type, "handoff.requested");
    assert!(
        waited < Duration::from_secs(3),
        "the courier's delivery took {waited:?} behind the marketplace's slow receiver"
    );
    assert_eq!(
        slow.answered(),
        0,
        "the marketplace's deliveries are all still in flight or pending"
    );
    assert!(
        slow.hits().len() <= 4 && slow.max_concurrent() <= 4,
        "one org has at most 4 sends in flight: {} sent, {} at once",
        slow.hits().len(),
        slow.max_concurrent()
    );
}

#[tokio::test]
async fn an_org_keeps_at_most_the_configured_number_of_subscriptions() {
    let w = world_with(|s| s.webhooks.max_subscriptions = 3).await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let url = "http://127.0.0.1:9/hook";
    let mut hooks = Vec::new();
    for _ in 0..3 {
        hooks.push(subscribe(app, &shop_admin, url, json!(["*"])).await.0);
    }
    let r = app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": url, "event_types": ["*"]}),
        )
        .await;
    r.assert_problem(409, "conflict");
    assert!(
        r.body["detail"].as_str().unwrap().contains("at most 3"),
        "{}",
        r.body
    );
    // Paused ones still count; another org has its own allowance.
    let paused = app
        .request(
            reqwest::Method::PATCH,
            &format!("/v1/webhooks/{}", hooks[1]),
            Some(&shop_admin),
            Some(json!({"active": false})),
        )
        .await;
    assert_eq!(paused.status, 200, "{}", paused.body);
    app.post(
        "/v1/webhooks",
        Some(&shop_admin),
        json!({"url": url, "event_types": ["*"]}),
    )
    .await
    .assert_problem(409, "conflict");
    subscribe(app, &w.courier_admin, url, json!(["*"])).await;
    // A deleted subscription frees its place.
    assert_eq!(
        app.delete(&format!("/v1/webhooks/{}", hooks[0]), Some(&shop_admin))
            .await
            .status,
        204
    );
    subscribe(app, &shop_admin, url, json!(["*"])).await;
}

/// Benchmark, run by hand (see bench/README.md):
/// `cargo test --release --test api bench_webhook_drain -- --ignored --nocapture`
/// 10 000 events to a receiver that fails 30 % of requests at random.
#[tokio::test]
#[ignore]
async fn bench_webhook_drain() {
    let n_events: usize = std::env::var("BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let w = world_with(|s| {
        s.webhooks.retry_base = Duration::from_millis(200);
        s.webhooks.poll = Duration::from_millis(20);
    })
    .await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let rx = Receiver::start_failing(0, &[], 0.3).await;
    subscribe(app, &shop_admin, &rx.url, json!(["*"])).await;
    let id = app
        .post("/v1/shipments", Some(&w.shop_key), tv(&w))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    rx.wait_for(1).await;
    let start = backlog(app, &id, n_events);
    let deadline = start + Duration::from_secs(600);
    while rx.unique_events() < n_events + 1 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let elapsed = start.elapsed();
    let unique = rx.unique_events() - 1;
    let hits = rx.hits().len() - 1;
    println!(
        "webhook drain: {unique}/{n_events} events accepted (lost {}), {hits} requests ({} beyond one per event), \
         {:.1} s to drain, {:.0} events/s",
        n_events - unique,
        hits - unique,
        elapsed.as_secs_f64(),
        unique as f64 / elapsed.as_secs_f64()
    );
    assert_eq!(unique, n_events, "none lost");
}

/// Writes `n` timeline events of shipment `id` as already dispatched, then releases them at
/// once, so a drain is measured alone; when they were released.
fn backlog(app: &TestApp, id: &str, n: usize) -> std::time::Instant {
    use diesel::prelude::*;
    use doorstep::db::schema::shipment_events;
    let mut c = app.db.get_write().unwrap();
    let now = chrono::Utc::now().naive_utc();
    c.transaction(|c| {
        for i in 0..n {
            diesel::insert_into(shipment_events::table)
                .values((
                    shipment_events::id.eq(doorstep::ids::new_id("evt")),
                    shipment_events::shipment_id.eq(id),
                    shipment_events::kind.eq("shipment.eta"),
                    shipment_events::actor_kind.eq("system"),
                    shipment_events::data.eq(format!("{{\"n\":{i}}}")),
                    shipment_events::created_at.eq(now),
                    shipment_events::dispatched.eq(true),
                ))
                .execute(c)?;
        }
        diesel::QueryResult::Ok(())
    })
    .unwrap();
    let start = std::time::Instant::now();
    diesel::update(shipment_events::table.filter(shipment_events::kind.eq("shipment.eta")))
        .set(shipment_events::dispatched.eq(false))
        .execute(&mut *c)
        .unwrap();
    start
}

/// Benchmark, run by hand (see bench/README.md): issue 30 §5, webhooks as fast as the receiver
/// allows. `BENCH_EVENTS` (2000) events to receivers that take `BENCH_DELAY_MS` (50) to answer,
/// for one org alone (`BENCH_ORGS=1`) or the marketplace and the courier at once (`2`), with
/// `BENCH_MAX_IN_FLIGHT` slots (the default setting); prints each org's events/s and the most
/// sends its receiver saw at once.
/// `cargo test --release --test api bench_webhook_throughput -- --ignored --nocapture`
#[tokio::test]
#[ignore]
async fn bench_webhook_throughput() {
    let knob = |name: &str, default: usize| -> usize {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (n_events, delay, orgs) = (
        knob("BENCH_EVENTS", 2000),
        knob("BENCH_DELAY_MS", 50),
        knob("BENCH_ORGS", 1),
    );
    let in_flight = knob("BENCH_MAX_IN_FLIGHT", 0);
    let w = world_with(|s| {
        s.webhooks.poll = Duration::from_millis(20);
        if in_flight > 0 {
            s.webhooks.max_in_flight = in_flight;
        }
    })
    .await;
    let app = &w.app;
    let delay = Duration::from_millis(u64::try_from(delay).unwrap());
    let mut receivers = Vec::new();
    for admin in [&app.token("admin@shop.test").await, &w.courier_admin]
        .into_iter()
        .take(orgs)
    {
        let rx = Receiver::start_slow(delay).await;
        subscribe(
            app,
            admin,
            &rx.url,
            json!(["shipment.eta", "shipment.created"]),
        )
        .await;
        receivers.push(rx);
    }
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    for rx in &receivers {
        rx.wait_for(1).await;
    }
    let start = backlog(app, &id, n_events);
    let mut done = vec![None; receivers.len()];
    let deadline = start + Duration::from_secs(600);
    while done.iter().any(Option::is_none) && std::time::Instant::now() < deadline {
        for (i, rx) in receivers.iter().enumerate() {
            if done[i].is_none() && rx.unique_events() > n_events {
                done[i] = Some(start.elapsed());
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for (i, (rx, took)) in receivers.iter().zip(&done).enumerate() {
        let took = took.expect("every event arrives");
        println!(
            "webhook throughput: org {} of {orgs}: {n_events} events in {:.2} s, {:.0} events/s, \
             at most {} sends at once ({} ms receiver)",
            i + 1,
            took.as_secs_f64(),
            n_events as f64 / took.as_secs_f64(),
            rx.max_concurrent(),
            delay.as_millis()
        );
    }
}

/// An org alone borrows the dispatcher's idle slots beyond its share (issue 30 §5): 12
/// deliveries to a receiver that takes 600 ms are sent at once with a cap of 4 per org out of
/// 16, all but one share of the slots, not 4 at a time.
#[tokio::test]
async fn an_org_alone_borrows_the_idle_slots() {
    let w = world_with(|s| {
        s.webhooks.max_subscriptions = 12;
        s.webhooks.max_in_flight = 16;
        s.webhooks.max_in_flight_per_org = 4;
    })
    .await;
    let app = &w.app;
    let shop_admin = app.token("admin@shop.test").await;
    let slow = Receiver::start_slow(Duration::from_millis(600)).await;
    for _ in 0..12 {
        subscribe(app, &shop_admin, &slow.url, json!(["shipment.created"])).await;
    }
    let r = app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    slow.wait_for(12).await;
    while slow.answered() < 12 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        slow.max_concurrent() > 4,
        "the org used only its share: {} at once",
        slow.max_concurrent()
    );
    assert!(slow.max_concurrent() <= 12, "{}", slow.max_concurrent());
}

/// Issue 24: when the database failed while the dispatcher recorded a finished send, the result
/// was dropped, and the delivery sent again when its claim lapsed (a duplicate). The result is
/// now kept and recorded as soon as the database answers again.
#[tokio::test]
async fn a_result_the_database_could_not_record_is_recorded_later() {
    use diesel::connection::SimpleConnection;
    let w = world().await;
    let shop_admin = w.app.token("admin@shop.test").await;
    let rx = Receiver::start_slow(Duration::from_millis(1500)).await;
    let (hook, _) = subscribe(&w.app, &shop_admin, &rx.url, json!(["shipment.created"])).await;
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    // The send is in flight (the receiver takes 1.5 s): the database now refuses every change
    // of a delivery row.
    for _ in 0..100 {
        if !rx.hits().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(rx.hits().len(), 1);
    let backend_pg = w.app.settings().db.url.starts_with("postgres");
    let fault = if backend_pg {
        "CREATE TABLE fault (x INTEGER);
         INSERT INTO fault VALUES (1);
         CREATE FUNCTION refuse() RETURNS trigger AS $$
           BEGIN IF EXISTS (SELECT 1 FROM fault) THEN RAISE EXCEPTION 'injected fault'; END IF;
           RETURN NEW; END $$ LANGUAGE plpgsql;
         CREATE TRIGGER refuse BEFORE UPDATE ON webhook_deliveries
           FOR EACH ROW EXECUTE FUNCTION refuse();"
    } else {
        "CREATE TABLE fault (x INTEGER);
         INSERT INTO fault VALUES (1);
         CREATE TRIGGER refuse BEFORE UPDATE ON webhook_deliveries
           WHEN EXISTS (SELECT 1 FROM fault)
           BEGIN SELECT RAISE(ABORT, 'injected fault'); END;"
    };
    {
        let mut c = w.app.db.get_write().unwrap();
        c.batch_execute(fault).unwrap();
    }
    // The answer comes back and cannot be recorded for a while.
    rx.wait_for(1).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    {
        let mut c = w.app.db.get_write().unwrap();
        c.batch_execute("DELETE FROM fault").unwrap();
    }
    // Recorded as soon as the database answers (not left claimed until the claim lapses).
    let log = delivery_log_once_delivered(&w.app, &shop_admin, &hook).await;
    assert_eq!(log["items"][0]["status"], "delivered", "{log}");
    assert_eq!(rx.hits().len(), 1, "sent once");
    rx.stop().await;
}
