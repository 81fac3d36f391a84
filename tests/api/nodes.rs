//! Several nodes on one database: login throttles and tracking limits shared through Redis
//! (and how they fail when Redis is unreachable), periodic job rounds run once across nodes.

use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use doorstep::Settings;
use doorstep::db::Db;
use doorstep::jobs::periodic::{PURGE_CONTACTS, TARGET_MISSES, round};

use crate::fixtures::*;
use crate::helpers::{
    PASSWORD, PLATFORM_EMAIL, TestApp, client_from, drop_pg_database, fresh_database,
};

fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379/0".to_owned())
}

/// Limits in Redis, under keys of this test only.
fn shared(s: &mut Settings) {
    s.limits.redis_url = Some(redis_url());
    s.limits.redis_prefix = format!("doorstep-test:{}:", ulid::Ulid::new());
}

#[tokio::test]
async fn two_nodes_share_one_login_budget() {
    let a = TestApp::spawn_with(|s| {
        shared(s);
        s.login_throttle.first_delay = Duration::from_secs(60);
    })
    .await;
    a.platform_admin().await;
    let b = a.another_node(|_| {}).await;
    // Five failures, split three and two across the nodes: the pair's free failures are gone
    // on both (each node alone counted fewer than five).
    for i in 0..5 {
        let node = if i % 2 == 0 { &a } else { &b };
        let r = node.login(PLATFORM_EMAIL, "wrong password").await;
        assert_eq!(r.status, 401, "failure {i}: {}", r.body);
    }
    let r = b.login(PLATFORM_EMAIL, PASSWORD).await;
    r.assert_problem(429, "too-many-requests");
    assert!(r.headers.contains_key("retry-after"));
    a.login(PLATFORM_EMAIL, "wrong password")
        .await
        .assert_problem(429, "too-many-requests");
    // Another address is not concerned, on either node.
    let elsewhere = client_from([127, 0, 0, 2]);
    let r = b.login_with(&elsewhere, PLATFORM_EMAIL, PASSWORD).await;
    assert_eq!(r.status, 200, "{}", r.body);
    drop(b);
}

#[tokio::test]
async fn two_nodes_share_a_tracking_links_rate() {
    let w = world_with(|s| {
        shared(s);
        s.tracking.per_token_per_minute = 3;
    })
    .await;
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    let b = w.app.another_node(|_| {}).await;
    let path = format!("/v1/track/{token}");
    for node in [&w.app, &b, &w.app] {
        assert_eq!(node.get(&path, None).await.status, 200);
    }
    let r = b.get(&path, None).await;
    r.assert_problem(429, "too-many-requests");
    let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    drop(b);
}

#[tokio::test]
async fn unreachable_redis_fails_logins_closed_and_tracking_open() {
    let mut w = world().await;
    let r = w.app.post("/v1/shipments", Some(&w.shop_key), tv(&w)).await;
    let token = r.body["tracking"]["token"].as_str().unwrap().to_owned();
    // Nothing listens on port 1.
    w.app
        .restart_with(|s| s.limits.redis_url = Some("redis://127.0.0.1:1/0".to_owned()))
        .await;
    for _ in 0..3 {
        let r = w.app.login(PLATFORM_EMAIL, PASSWORD).await;
        r.assert_problem(503, "limits-unavailable");
        assert_eq!(r.headers["retry-after"], "5");
    }
    for _ in 0..3 {
        let r = w.app.get(&format!("/v1/track/{token}"), None).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    // API keys do not go through the login limits.
    let r = w.app.get("/v1/shipments", Some(&w.shop_key)).await;
    assert_eq!(r.status, 200, "{}", r.body);
}

#[tokio::test]
async fn job_rounds_are_counted_in_metrics() {
    let app = TestApp::spawn().await;
    // Each job runs a round at start.
    let mut text = String::new();
    for _ in 0..200 {
        text = app.metrics().await;
        if text.contains("doorstep_job_rounds_total{job=\"purge_contacts\"} 1")
            && text.contains("doorstep_job_rounds_total{job=\"kpi_target_misses\"} 1")
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("no job rounds counted: {text}");
}

fn count(rounds: &prometheus::IntCounterVec, job: &str) -> u64 {
    rounds.with_label_values(&[job]).get()
}

/// Two nodes (two pools) on one PostgreSQL: while one runs a job's round, the other skips
/// that job (not others); a node that dies mid-round frees the job for the next.
#[test]
fn a_job_round_runs_on_one_node_at_a_time() {
    let (url, _tmp, pg) = fresh_database();
    let Some((admin, name)) = pg else {
        eprintln!("PostgreSQL only (SQLite is one process): skipped");
        return;
    };
    let node_a = Db::connect(&url, 2).unwrap();
    node_a.migrate().unwrap();
    let node_b = Db::connect(&url, 2).unwrap();
    let metrics_a = doorstep::web::metrics::Metrics::new().unwrap().job_rounds();
    let metrics_b = doorstep::web::metrics::Metrics::new().unwrap().job_rounds();

    let (entered_tx, entered_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let (a, ra) = (node_a.clone(), metrics_a.clone());
    let running = std::thread::spawn(move || {
        round(&a, PURGE_CONTACTS, &ra, |_| {
            entered_tx.send(()).unwrap();
            release_rx.recv().unwrap();
            Ok(7)
        })
    });
    entered_rx.recv().unwrap();
    // Node A is mid-round: B skips this job, but runs another.
    assert_eq!(
        round(&node_b, PURGE_CONTACTS, &metrics_b, |_| Ok(1)).unwrap(),
        None
    );
    assert_eq!(
        round(&node_b, TARGET_MISSES, &metrics_b, |_| Ok(2)).unwrap(),
        Some(2)
    );
    release_tx.send(()).unwrap();
    assert_eq!(running.join().unwrap().unwrap(), Some(7));
    // Done: the next round, on either node, runs.
    assert_eq!(
        round(&node_b, PURGE_CONTACTS, &metrics_b, |_| Ok(1)).unwrap(),
        Some(1)
    );
    assert_eq!(
        round(&node_a, PURGE_CONTACTS, &metrics_a, |_| Ok(1)).unwrap(),
        Some(1)
    );
    // Three purge rounds ran, each counted once, on the node that ran it.
    assert_eq!(
        count(&metrics_a, "purge_contacts") + count(&metrics_b, "purge_contacts"),
        3
    );
    assert_eq!(count(&metrics_a, "purge_contacts"), 2);
    assert_eq!(count(&metrics_b, "kpi_target_misses"), 1);

    // A node holding the lock dies (its connection ends): the job is free again.
    let mut dying = PgConnection::establish(&url).unwrap();
    diesel::sql_query(format!(
        "SELECT pg_advisory_lock({})",
        PURGE_CONTACTS.lock_key
    ))
    .execute(&mut dying)
    .unwrap();
    assert_eq!(
        round(&node_b, PURGE_CONTACTS, &metrics_b, |_| Ok(1)).unwrap(),
        None
    );
    drop(dying);
    let mut ran = None;
    for _ in 0..200 {
        ran = round(&node_b, PURGE_CONTACTS, &metrics_b, |_| Ok(1)).unwrap();
        if ran.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(ran, Some(1), "the lock died with its connection");
    // The real jobs run through it too.
    assert!(
        round(&node_a, PURGE_CONTACTS, &metrics_a, |db| {
            doorstep::contacts::purge::purge_due(db, &doorstep::clock::Clock::system())
        })
        .unwrap()
        .is_some()
    );
    drop((node_a, node_b));
    drop_pg_database(&admin, &name);
}

/// Three nodes on one PostgreSQL with Redis, requests spread round robin: one login budget,
/// every event delivered once per subscription whichever node fans it out and sends it, and
/// KPI counters kept under concurrent writes equal to a rebuild.
#[tokio::test]
async fn three_nodes_behave_as_one() {
    if std::env::var("TEST_DATABASE_URL").map_or(true, |u| u.is_empty()) {
        eprintln!("PostgreSQL only (several nodes on one SQLite file are not supported): skipped");
        return;
    }
    let w = world_with(|s| {
        shared(s);
        s.login_throttle.first_delay = Duration::from_secs(60);
    })
    .await;
    let b = w.app.another_node(|_| {}).await;
    let c = w.app.another_node(|_| {}).await;
    let nodes = [&w.app, &b, &c];

    // One login budget: five failures over three nodes use up the pair's free ones.
    for i in 0..5 {
        let r = nodes[i % 3]
            .login("admin@othershop.test", "wrong password")
            .await;
        assert_eq!(r.status, 401, "{}", r.body);
    }
    for node in nodes {
        node.login("admin@othershop.test", PASSWORD)
            .await
            .assert_problem(429, "too-many-requests");
    }

    let shop_admin = c.token("admin@shop.test").await;
    let rx = Receiver::start(0, &[]).await;
    let r = b
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            serde_json::json!({"url": rx.url, "event_types": ["*"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let secret = r.body["secret"].as_str().unwrap().to_owned();

    // Concurrent writes through every node.
    let creates = (0..12).map(|i| {
        let mut body = tv(&w);
        body["reference"] = format!("NODE-{i}").into();
        nodes[i % 3].post("/v1/shipments", Some(&w.shop_key), body)
    });
    let created = futures_util::future::join_all(creates).await;
    let mut ids = Vec::new();
    for r in &created {
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.body["id"].as_str().unwrap().to_owned());
    }
    let paths: Vec<String> = ids
        .iter()
        .map(|id| format!("/v1/shipments/{id}/handoffs"))
        .collect();
    let handoffs = paths.iter().enumerate().map(|(i, path)| {
        nodes[(i + 1) % 3].post(
            path,
            Some(&w.shop_key),
            serde_json::json!({"to": "supplier"}),
        )
    });
    for r in futures_util::future::join_all(handoffs).await {
        assert_eq!(r.status, 201, "{}", r.body);
    }

    // 24 events, each delivered once, signed, whichever node sent it.
    // Every node drains its runner: all are sent, none twice.
    for node in nodes {
        node.run_jobs().await;
    }
    let hits = rx.wait_for(24).await;
    for node in nodes {
        node.run_jobs().await;
    }
    let hits = if rx.hits().len() > hits.len() {
        rx.hits()
    } else {
        hits
    };
    let mut event_ids: Vec<&str> = hits.iter().map(|h| h.event_id.as_str()).collect();
    event_ids.sort();
    event_ids.dedup();
    assert_eq!(hits.len(), 24, "one delivery per event");
    assert_eq!(event_ids.len(), 24);
    assert!(hits.iter().all(|h| signed_by(h, &secret)));

    // The counters kept by three nodes at once equal a rebuild from the facts.
    for node in nodes {
        node.stop().await;
    }
    let mut conn = w.app.db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 5).unwrap();
    assert_eq!(report.shipments, 12);
    assert_eq!(report.rows_differing, 0, "{report:?}");
    drop(conn);
    drop((b, c));
}
