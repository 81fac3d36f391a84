//! Losing the database machine loses nothing (issue 31): two Doorstep nodes on a Patroni
//! cluster of three PostgreSQL members (synchronous mode), drivers recording delivery attempts
//! as the app does (an `Idempotency-Key` each, retried until answered 2xx), and the primary's
//! machine lost mid-stream — Patroni and postmaster killed at once — twice, the first lost
//! member rejoining as a replica in between. Runs when `TEST_HA_URL` names the cluster
//! (`bash tests/ha/cluster.sh start`, then `TEST_HA_URL=$(bash tests/ha/cluster.sh url)`);
//! `.ci/run` does both on every run.

use std::collections::{BTreeMap, HashSet};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::{TestApp, fresh_pg_database};

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

/// What one driver's stream saw: the attempts acknowledged (shipment → attempt id), when
/// each 2xx came, and the statuses answered before it.
#[derive(Default)]
struct Stream {
    acked: BTreeMap<String, String>,
    acked_at: Vec<Instant>,
    statuses: BTreeMap<u16, usize>,
    transport_errors: usize,
}

/// A driver's round: each shipment's delivery attempt, retried with the same key until a 2xx
/// (as the app's queue does), alternating between the two nodes.
async fn drive(nodes: [&TestApp; 2], d: &Driver, shipments: &[String], tag: &str) -> Stream {
    let mut s = Stream::default();
    for (i, id) in shipments.iter().enumerate() {
        let key = format!("ha-{tag}-{id}");
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut k = i;
        loop {
            let node = nodes[k % 2];
            k += 1;
            let now = Utc::now();
            let req = node
                .client
                .post(format!("{}/v1/shipments/{id}/attempts", node.base))
                .bearer_auth(&d.token)
                .header("Idempotency-Key", &key)
                .json(
                    &json!({"outcome": "delivered", "placement": "handed_to_recipient",
                    "gps": gps(now), "occurred_at": now}),
                )
                .timeout(Duration::from_secs(15));
            match req.send().await {
                Ok(r) if r.status().is_success() => {
                    let body: serde_json::Value = r.json().await.unwrap();
                    s.acked
                        .insert(id.clone(), body["id"].as_str().unwrap().to_owned());
                    s.acked_at.push(Instant::now());
                    tokio::time::sleep(PACE).await;
                    break;
                }
                Ok(r) => *s.statuses.entry(r.status().as_u16()).or_default() += 1,
                Err(_) => s.transport_errors += 1,
            }
            assert!(Instant::now() < deadline, "{id} never answered 2xx");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    s
}

#[tokio::test]
async fn losing_the_primary_loses_no_acknowledged_attempt() {
    let Ok(url) = std::env::var("TEST_HA_URL") else {
        eprintln!("skipped: TEST_HA_URL is not set (bash tests/ha/cluster.sh start)");
        return;
    };
    let app = TestApp::spawn_on(fresh_pg_database(url), |s| s.db.pool_size = 8).await;
    let w = world_on(app).await;
    let b = w.app.another_node(|_| {}).await;
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
            (lost, Instant::now())
        };
        let (streams, (lost, killed_at)) = tokio::join!(streams, killer);

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
             a 2xx: {statuses:?}, {transport} transport errors",
            outage.as_secs_f64()
        );
        assert!(outage < Duration::from_secs(30), "{outage:?}");
        assert!(
            !statuses.contains_key(&500),
            "a lost database is 503, never 500: {statuses:?}"
        );

        // Every acknowledged attempt is on the new primary, once.
        for (ship, attempt) in &acked {
            let r = w
                .app
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
