//! Losing the database machine loses nothing (issue 31): two Doorstep nodes on a Patroni
//! cluster of three PostgreSQL members (synchronous mode), drivers recording delivery attempts
//! as the app does (an `Idempotency-Key` each, retried until answered 2xx), and the primary's
//! machine lost mid-stream — Patroni and postmaster killed at once — twice, the first lost
//! member rejoining as a replica in between. Each attempt carries a photo; the marketplace
//! subscribes to `shipment.delivered`; the second node reads through the standbys
//! (`target_session_attrs=standby`). Runs when `TEST_HA_URL` names the cluster
//! (`bash tests/ha/cluster.sh start`, then `TEST_HA_URL=$(bash tests/ha/cluster.sh url)`);
//! `.ci/run` does both on every run.

use std::collections::{BTreeMap, HashSet};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::{TestApp, fresh_pg_database};
use crate::replica::reads;

const DRIVERS: usize = 8;
const PER_DRIVER: usize = 12;
/// Between two parcels of a driver: the stream outlasts the outage.
const PACE: Duration = Duration::from_millis(250);

fn cluster(args: &[&str]) -> String {
    let out = Command::new("bash")
        .arg("tests/ha/cluster.sh")
        .args(args)
        .output()
        .expect("cluster.sh runs");
    assert!(
        out.status.success(),
        "cluster.sh {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// What one driver's stream saw: the attempts and photos acknowledged (shipment → attempt id,
/// photo id), when each 2xx came, and the statuses answered before it.
#[derive(Default)]
struct Stream {
    acked: BTreeMap<String, String>,
    photos: BTreeMap<String, String>,
    acked_at: Vec<Instant>,
    statuses: BTreeMap<u16, usize>,
    transport_errors: usize,
}

/// A driver's round: each shipment's delivery attempt, then its photo, each retried with the
/// same key until a 2xx (as the app's queue does), alternating between the two nodes.
async fn drive(nodes: [&TestApp; 2], d: &Driver, shipments: &[String], tag: &str) -> Stream {
    let mut s = Stream::default();
    let photo = jpeg(640, 480, None);
    for (i, id) in shipments.iter().enumerate() {
        let now = Utc::now();
        let attempt = json!({"outcome": "delivered", "placement": "handed_to_recipient",
            "gps": gps(now), "occurred_at": now});
        let key = format!("ha-{tag}-{id}");
        let made = until_2xx(nodes, i, &mut s, |node| {
            node.client
                .post(format!("{}/v1/shipments/{id}/attempts", node.base))
                .bearer_auth(&d.token)
                .header("Idempotency-Key", &key)
                .json(&attempt)
        })
        .await;
        let attempt_id = made["id"].as_str().unwrap().to_owned();
        s.acked.insert(id.clone(), attempt_id.clone());
        let key = format!("ha-{tag}-{id}-photo");
        let stored = until_2xx(nodes, i + 1, &mut s, |node| {
            node.client
                .post(format!(
                    "{}/v1/attempts/{attempt_id}/photos?kind=door",
                    node.base
                ))
                .bearer_auth(&d.token)
                .header("Idempotency-Key", &key)
                .header("content-type", "image/jpeg")
                .body(photo.clone())
        })
        .await;
        s.photos
            .insert(id.clone(), stored["id"].as_str().unwrap().to_owned());
        tokio::time::sleep(PACE).await;
    }
    s
}

/// Send the request built for a node until one answers 2xx (its body), alternating nodes from
/// the `k`th; each other answer is counted in `s`.
async fn until_2xx(
    nodes: [&TestApp; 2],
    mut k: usize,
    s: &mut Stream,
    request: impl Fn(&TestApp) -> reqwest::RequestBuilder,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let node = nodes[k % 2];
        k += 1;
        match request(node).timeout(Duration::from_secs(15)).send().await {
            Ok(r) if r.status().is_success() => {
                s.acked_at.push(Instant::now());
                return r.json().await.unwrap();
            }
            Ok(r) => *s.statuses.entry(r.status().as_u16()).or_default() += 1,
            Err(_) => s.transport_errors += 1,
        }
        assert!(Instant::now() < deadline, "never answered 2xx");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `/readyz` of `node` from the loss until it is ready again: the problem details it answered.
async fn readiness_through_the_switch(node: &TestApp) -> Vec<String> {
    let mut said = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let r = node
            .client
            .get(format!("{}/readyz", node.base))
            .timeout(Duration::from_secs(15))
            .send()
            .await;
        if let Ok(r) = r {
            if r.status().is_success() && !said.is_empty() {
                break;
            }
            if r.status() == 503 {
                let body: serde_json::Value = r.json().await.unwrap_or_default();
                said.push(body["detail"].as_str().unwrap_or_default().to_owned());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    said
}

/// Every acknowledged attempt (shipment → attempt) and photo is kept, once: the shipment
/// delivered (read on `reader`), its chain valid, one attempt and one photo, the photo's bytes
/// stored.
async fn all_kept_once(
    w: &World,
    reader: &TestApp,
    acked: &BTreeMap<String, String>,
    photos: &BTreeMap<String, String>,
) {
    for (ship, attempt) in acked {
        let r = reader
            .get(&format!("/v1/shipments/{ship}"), Some(&w.shop_key))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["status"], "delivered", "{ship}: {}", r.body);
        let r = w
            .app
            .get(&format!("/v1/shipments/{ship}/evidence"), Some(&w.shop_key))
            .await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["chain_valid"], true, "{ship}");
        let ids: HashSet<&str> = r.body["attempts"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["id"].as_str())
            .collect();
        assert_eq!(ids.len(), 1, "{ship}: one attempt, no duplicate: {ids:?}");
        assert!(ids.contains(attempt.as_str()), "{ship}: {attempt} kept");
        let kept = r.body["photos"].as_array().unwrap();
        assert_eq!(kept.len(), 1, "{ship}: one photo, no duplicate: {kept:?}");
        assert_eq!(kept[0]["id"], photos[ship].as_str());
        assert_eq!(kept[0]["stored_bytes_match"], true, "{ship}");
    }
}

#[tokio::test]
async fn losing_the_primary_loses_no_acknowledged_attempt() {
    let Ok(url) = std::env::var("TEST_HA_URL") else {
        eprintln!("skipped: TEST_HA_URL is not set (bash tests/ha/cluster.sh start)");
        return;
    };
    let app = TestApp::spawn_on(fresh_pg_database(url), |s| s.db.pool_size = 8).await;
    let w = world_on(app).await;
    // The second node reads through whichever members are standbys (libpq's multi-host URL).
    let standbys = w.app.settings().db.url.replace(
        "target_session_attrs=read-write",
        "target_session_attrs=standby",
    );
    assert_ne!(standbys, w.app.settings().db.url);
    let b = w.app.another_node(|s| s.db.read_url = Some(standbys)).await;
    let shop_admin = w.app.token("admin@shop.test").await;
    let market = Receiver::start(0, &[]).await;
    let r = w
        .app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": market.url, "event_types": ["shipment.delivered"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mut delivered: BTreeMap<String, String> = BTreeMap::new();
    let mut drivers = Vec::new();
    for n in 0..DRIVERS {
        drivers.push(driver(&w, &w.courier_admin, &format!("ha{n}@speedy.test")).await);
    }
    for round in 1..=2 {
        let mut parcels: Vec<Vec<String>> = Vec::new();
        for (n, d) in drivers.iter().enumerate() {
            let mut mine = Vec::new();
            for p in 0..PER_DRIVER {
                mine.push(out_now(&w, &format!("HA-{round}-{n}-{p}"), d).await.0);
            }
            parcels.push(mine);
        }
        let tag = format!("r{round}");
        let streams = futures_util::future::join_all(
            drivers
                .iter()
                .zip(&parcels)
                .map(|(d, mine)| drive([&w.app, &b], d, mine, &tag)),
        );
        // The machine is lost once the stream is under way.
        let killer = async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let lost = tokio::task::spawn_blocking(|| cluster(&["kill-leader"]))
                .await
                .unwrap();
            let killed_at = Instant::now();
            (lost, killed_at, readiness_through_the_switch(&w.app).await)
        };
        let (streams, (lost, killed_at, readiness)) = tokio::join!(streams, killer);
        // Readiness names the cause while there is no primary, then comes back.
        assert!(
            readiness.iter().any(|d| d.starts_with("no primary")),
            "{readiness:?}"
        );

        let acked: BTreeMap<String, String> =
            streams.iter().flat_map(|s| s.acked.clone()).collect();
        assert_eq!(
            acked.len(),
            DRIVERS * PER_DRIVER,
            "every attempt answered 2xx"
        );
        // The outage: from the machine lost (its postmaster gone) to the first 2xx after.
        let first_after = streams
            .iter()
            .flat_map(|s| s.acked_at.iter())
            .filter(|t| **t > killed_at)
            .min()
            .map(|t| t.duration_since(killed_at));
        let outage = first_after.expect("attempts answered after the kill");
        assert!(
            outage > Duration::from_secs(1),
            "the stream was still running when the primary was lost: {outage:?}"
        );
        let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
        for s in &streams {
            for (k, v) in &s.statuses {
                *statuses.entry(*k).or_default() += v;
            }
        }
        let transport: usize = streams.iter().map(|s| s.transport_errors).sum();
        println!(
            "failover {round}: {lost} lost; first 2xx {:.1} s after the kill; answers before \
             a 2xx: {statuses:?}, {transport} transport errors; /readyz 503 {} times, first: \
             {:?}",
            outage.as_secs_f64(),
            readiness.len(),
            readiness.first()
        );
        assert!(outage < Duration::from_secs(30), "{outage:?}");
        assert!(
            !statuses.contains_key(&500),
            "a lost database is 503, never 500: {statuses:?}"
        );

        // Every acknowledged attempt and photo is on the new primary, once (the shipment read
        // through the standbys, on the second node).
        let photos: BTreeMap<String, String> =
            streams.iter().flat_map(|s| s.photos.clone()).collect();
        all_kept_once(&w, &b, &acked, &photos).await;
        assert!(
            reads(&b, "replica").await > 0,
            "the second node read through a standby"
        );

        // Each delivery's webhook row survived the switch: the marketplace gets one event for
        // each (delivered at least once; one event id per shipment, no duplicate event).
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            for hit in market.hits() {
                let body: serde_json::Value = serde_json::from_str(&hit.body).unwrap();
                let ship = body["shipment"]["id"].as_str().unwrap().to_owned();
                let first = delivered
                    .entry(ship.clone())
                    .or_insert(hit.event_id.clone());
                assert_eq!(*first, hit.event_id, "{ship}: one shipment.delivered event");
            }
            if acked.keys().all(|s| delivered.contains_key(s)) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "webhooks missing for {:?}",
                acked
                    .keys()
                    .filter(|s| !delivered.contains_key(*s))
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }

        // The lost member comes back as a replica (pg_rewind) before the next loss.
        let rejoined = Instant::now();
        cluster(&["start-member", &lost]);
        cluster(&["wait-replicas", "2", "120"]);
        println!(
            "failover {round}: {lost} rejoined as a replica in {:.1} s",
            rejoined.elapsed().as_secs_f64()
        );
    }
    // The counters the door kept equal a recomputation from the facts.
    drop(b);
    w.app.stop().await;
    // A new connection: the test's own handle still holds one to the first primary.
    let db = doorstep::db::Db::connect(&w.app.settings().db.url, 1).unwrap();
    let mut conn = db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 100).unwrap();
    assert_eq!(report.rows_differing, 0, "{report:?}");
    assert_eq!(report.contributions_differing, 0, "{report:?}");
}

/// PgBouncer in transaction pooling mode (Debian's 1.18, which does not track prepared
/// statements) in front of PostgreSQL, four server connections for two nodes of eight each,
/// the nodes with `DOORSTEP_DB_STATEMENT_CACHE=false` and their periodic jobs every 100 ms:
/// every request answered at once, everything kept once, and no advisory lock left behind
/// (a session-level lock would stay on whichever pooled server connection took it). Runs when
/// `TEST_PGBOUNCER_URL` names it (`bash tests/ha/pgbouncer.sh start`, then its `url`).
#[tokio::test]
async fn pgbouncer_in_transaction_mode_serves_two_nodes() {
    let Ok(url) = std::env::var("TEST_PGBOUNCER_URL") else {
        eprintln!("skipped: TEST_PGBOUNCER_URL is not set (bash tests/ha/pgbouncer.sh start)");
        return;
    };
    let fresh = fresh_pg_database(url);
    let app = TestApp::spawn_on(fresh, |s| {
        s.db.statement_cache = false;
        s.db.pool_size = 8;
        s.purge_interval = Duration::from_millis(100);
    })
    .await;
    let w = world_on(app).await;
    let b = w.app.another_node(|_| {}).await;
    let mut drivers = Vec::new();
    let mut parcels: Vec<Vec<String>> = Vec::new();
    for n in 0..4 {
        let d = driver(&w, &w.courier_admin, &format!("pgb{n}@speedy.test")).await;
        let mut mine = Vec::new();
        for p in 0..8 {
            mine.push(out_now(&w, &format!("PGB-{n}-{p}"), &d).await.0);
        }
        drivers.push(d);
        parcels.push(mine);
    }
    let streams = futures_util::future::join_all(
        drivers
            .iter()
            .zip(&parcels)
            .map(|(d, mine)| drive([&w.app, &b], d, mine, "pgb")),
    )
    .await;
    for s in &streams {
        assert!(
            s.statuses.is_empty() && s.transport_errors == 0,
            "every request answered 2xx the first time: {:?}, {} transport errors",
            s.statuses,
            s.transport_errors
        );
    }
    let acked: BTreeMap<String, String> = streams.iter().flat_map(|s| s.acked.clone()).collect();
    let photos: BTreeMap<String, String> = streams.iter().flat_map(|s| s.photos.clone()).collect();
    assert_eq!(acked.len(), 32);
    all_kept_once(&w, &b, &acked, &photos).await;
    // The periodic jobs ran their rounds through the pooler, on either node.
    let mut rounds = 0;
    for node in [&w.app, &b] {
        let text = node.metrics().await;
        rounds += text
            .lines()
            .filter(|l| l.starts_with("doorstep_job_rounds_total{"))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
            .sum::<u64>();
    }
    assert!(rounds >= 10, "job rounds ran: {rounds}");
    drop(b);
    let settings = w.app.settings().clone();
    w.app.stop().await;
    let db = doorstep::db::Db::open(&settings.db, 1).unwrap();
    let mut conn = db.get_write().unwrap();
    let report = doorstep::kpis::store::rebuild(&mut conn, 100).unwrap();
    assert_eq!(report.rows_differing, 0, "{report:?}");
    #[derive(diesel::QueryableByName)]
    struct Held {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let doorstep::db::Conn::Pg(pg) = &mut *conn else {
        unreachable!("PostgreSQL")
    };
    let held: Held = diesel::RunQueryDsl::get_result(
        diesel::sql_query(
            "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' \
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        ),
        pg,
    )
    .unwrap();
    assert_eq!(
        held.n, 0,
        "advisory locks left on pooled server connections"
    );
}
