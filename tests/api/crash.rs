//! Crash safety, run by hand (ignored): the real `doorstep` binary takes a stream of delivery
//! attempts, contact updates and ratings and is killed with SIGKILL at random moments; after each
//! restart every request that got a 2xx must be there, and a retried attempt (same
//! Idempotency-Key) must get the original answer, and the webhook event of every acknowledged
//! attempt must reach the subscriber after the last restart (the outbox is in the same
//! transaction as the write, and a delivery in flight at the kill is leased, then retried).
//!
//! cargo test --release --test api crash -- --ignored --nocapture          (SQLite)
//! TEST_DATABASE_URL=postgres://… cargo test --release --test api crash -- --ignored --nocapture

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::fixtures::*;
use chrono::Utc;
use rand::{Rng, SeedableRng};
use secrecy::ExposeSecret;
use serde_json::{Value, json};

fn start(settings: &doorstep::Settings, port: u16) -> Child {
    start_with(settings, port, &[])
}

/// The binary with more settings in its environment.
fn start_with(settings: &doorstep::Settings, port: u16, env: &[(&str, String)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .arg("serve")
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("DATABASE_URL", &settings.db.url)
        .env("DOORSTEP_BIND", format!("127.0.0.1:{port}"))
        .env(
            "DOORSTEP_JWT_SECRET",
            settings
                .auth
                .jwt_secret
                .as_ref()
                .expect("a JWT secret")
                .expose_secret(),
        )
        .env("DOORSTEP_BLOB_URL", &settings.blobs.url)
        .env("DOORSTEP_WEBHOOK_ALLOW_PRIVATE", "true")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("doorstep starts")
}

async fn ready(client: &reqwest::Client, base: &str) {
    for _ in 0..200 {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("doorstep did not become ready");
}

/// While the server is down, wait a little instead of spinning on refused connections.
async fn pause_if_down(
    r: Result<reqwest::Response, reqwest::Error>,
) -> Result<reqwest::Response, reqwest::Error> {
    if r.is_err() {
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    r
}

/// The phone number the contact update of request `op` sends, and how the server stores it.
fn national(op: usize) -> String {
    format!("06 12 34 {:02} {:02}", (op / 100) % 100, op % 100)
}

fn e164(op: usize) -> String {
    format!("+3361234{:02}{:02}", (op / 100) % 100, op % 100)
}

enum Acked {
    Attempt {
        shipment: usize,
        key: String,
        body: Value,
        id: String,
    },
    Contact {
        shipment: usize,
        seq: usize,
    },
    Rating {
        shipment: usize,
        seq: usize,
    },
}

#[tokio::test]
#[ignore = "crash-safety run, by hand"]
async fn acknowledged_writes_survive_sigkill() {
    let mut w = world().await;
    // Coprime with the 3 kinds of request, so every shipment gets all three.
    const SHIPMENTS: usize = 10;
    const OPS: usize = 600;
    let d: Driver = driver(&w, &w.courier_admin, "crash@speedy.test").await;
    let mut ships = vec![];
    for n in 0..SHIPMENTS {
        let (id, token) = out_now(&w, &format!("CR-{n}"), &d).await;
        ships.push((id, token));
    }
    // The marketplace subscribes to attempts; its receiver fails 10 % of requests, so
    // deliveries are pending and retried across the kills.
    let receiver = Receiver::start_failing(0, &[], 0.1).await;
    let shop_admin = w.app.token("admin@shop.test").await;
    let r = w
        .app
        .post(
            "/v1/webhooks",
            Some(&shop_admin),
            json!({"url": receiver.url, "event_types": ["attempt.recorded"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // From here on the real binary serves the same database; the in-process server stops.
    w.app.stop().await;
    let settings = w.app.settings().clone();
    let port = crate::fixtures::free_port();
    w.app.base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let base = w.app.base.clone();
    let server = std::sync::Arc::new(std::sync::Mutex::new(start(&settings, port)));
    ready(&client, &base).await;

    // A killer runs beside the stream: SIGKILL at random moments, with requests in flight.
    let killer = {
        let (server, settings, client, base) = (
            server.clone(),
            settings.clone(),
            client.clone(),
            base.clone(),
        );
        tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(7);
            for _ in 0..6 {
                tokio::time::sleep(Duration::from_millis(rng.gen_range(300..1200))).await;
                {
                    let mut child = server.lock().unwrap();
                    child.kill().unwrap();
                    child.wait().unwrap();
                    *child = start(&settings, port);
                }
                ready(&client, &base).await;
            }
            6
        })
    };
    let mut acked: Vec<Acked> = vec![];
    let mut sent = 0;
    let mut op = 0;
    while !killer.is_finished() || op < OPS {
        let s = op % SHIPMENTS;
        let (id, token) = &ships[s];
        sent += 1;
        match op % 3 {
            0 => {
                let key = format!("crash-{op}");
                let now = Utc::now();
                let body = json!({"outcome": "failed", "failure_reason": "recipient_absent",
                    "intercom_note": format!("op {op}"), "occurred_at": now,
                    "gps": {"lat": 48.8606, "lon": 2.3376, "accuracy_m": 8.0, "captured_at": now}});
                let r = client
                    .post(format!("{base}/v1/shipments/{id}/attempts"))
                    .bearer_auth(&d.token)
                    .header("Idempotency-Key", &key)
                    .json(&body)
                    .send()
                    .await;
                let r = pause_if_down(r).await;
                if let Ok(r) = r
                    && r.status().is_success()
                {
                    let v: Value = r.json().await.unwrap();
                    let id = v["id"].as_str().unwrap().to_owned();
                    acked.push(Acked::Attempt {
                        shipment: s,
                        key,
                        body,
                        id,
                    });
                }
            }
            1 => {
                let phone = national(op);
                let r = client
                    .patch(format!("{base}/v1/track/{token}/contact"))
                    .json(&json!({"phone": phone}))
                    .send()
                    .await;
                let r = pause_if_down(r).await;
                if r.is_ok_and(|r| r.status().is_success()) {
                    acked.push(Acked::Contact {
                        shipment: s,
                        seq: op,
                    });
                }
            }
            _ => {
                let stars = op % 5 + 1;
                let r = client
                    .post(format!("{base}/v1/track/{token}/rating"))
                    .json(&json!({"stars": stars, "comment": format!("op {op}")}))
                    .send()
                    .await;
                let r = pause_if_down(r).await;
                if r.is_ok_and(|r| r.status().is_success()) {
                    acked.push(Acked::Rating {
                        shipment: s,
                        seq: op,
                    });
                }
            }
        }
        op += 1;
    }
    let kills = killer.await.unwrap();
    let mut server = {
        let mut child = server.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        start(&settings, port)
    };
    ready(&client, &base).await;

    // Every acknowledged write is there; each retried attempt gets its original answer.
    let track = async |token: &str| -> Value {
        let r = client.get(format!("{base}/v1/track/{token}")).send().await;
        r.unwrap().json().await.unwrap()
    };
    let mut lost = 0;
    for a in &acked {
        match a {
            Acked::Attempt {
                shipment,
                key,
                body,
                id,
            } => {
                let r = client
                    .post(format!(
                        "{base}/v1/shipments/{}/attempts",
                        ships[*shipment].0
                    ))
                    .bearer_auth(&d.token)
                    .header("Idempotency-Key", key)
                    .json(body)
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                let v: Value = r.json().await.unwrap();
                if status != 200 || v["id"] != id.as_str() {
                    lost += 1;
                    eprintln!("attempt {key}: {status} {v}");
                }
            }
            Acked::Contact { shipment, seq } => {
                // The latest acknowledged phone, or one sent after it, must be the current one.
                let later = acked.iter().any(|b| matches!(b, Acked::Contact { shipment: t, seq: q } if t == shipment && q > seq));
                if !later {
                    let v = track(&ships[*shipment].1).await;
                    let want = e164(*seq);
                    let got = v["recipient"]["phone"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned();
                    let sent_later = (seq + 1..op)
                        .any(|o| o % 3 == 1 && o % SHIPMENTS == *shipment && got == e164(o));
                    if got != want && !sent_later {
                        lost += 1;
                        eprintln!("contact op {seq}: {got} != {want}");
                    }
                }
            }
            Acked::Rating { shipment, seq } => {
                let v = track(&ships[*shipment].1).await;
                let comment = v["rating"]["comment"].as_str().unwrap_or_default();
                let n: usize = comment.trim_start_matches("op ").parse().unwrap_or(0);
                if v["rating"].is_null() || n < *seq {
                    lost += 1;
                    eprintln!("rating op {seq}: {}", v["rating"]);
                }
            }
        }
    }
    // Every acknowledged attempt's event reaches the subscriber: retries back off from 10 s
    // and a delivery cut by a kill is leased for 60 s, so allow 5 minutes for the last ones.
    let attempt_ids: Vec<&String> = acked
        .iter()
        .filter_map(|a| match a {
            Acked::Attempt { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    let mut undelivered = attempt_ids.len();
    for _ in 0..3000 {
        let accepted: std::collections::HashSet<String> =
            receiver.accepted_bodies().into_iter().collect();
        undelivered = attempt_ids
            .iter()
            .filter(|id| !accepted.iter().any(|b| b.contains(id.as_str())))
            .count();
        if undelivered == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    receiver.stop().await;
    println!(
        "crash safety: {kills} SIGKILLs, {sent} requests sent, {} acknowledged, lost {lost}; \
         webhook events of {} acknowledged attempts undelivered: {undelivered}",
        acked.len(),
        attempt_ids.len()
    );
    assert!(kills >= 5);
    assert_eq!(lost, 0, "acknowledged writes lost");
    assert_eq!(undelivered, 0, "webhook events lost");
}

/// An `Etc/GMT±N` zone where it is about noon now: no quiet hours hold the messages.
fn noon_zone() -> String {
    use chrono::Timelike;
    let mut o = (12 - Utc::now().hour() as i32).rem_euclid(24);
    if o > 14 {
        o -= 24;
    }
    match o {
        0 => "Etc/GMT".to_owned(),
        // IANA's Etc zones have the sign inverted: Etc/GMT-2 is UTC+2.
        o if o > 0 => format!("Etc/GMT-{o}"),
        o => format!("Etc/GMT+{}", -o),
    }
}

/// Customer messages survive SIGKILL: messages are queued while the SMS provider is down, then
/// a stream of failed visits (each one queues a message) runs while the server is killed at
/// random moments and the provider, once up, answers slowly (sends in flight at the kills).
/// After the last restart every message of every acknowledged change is sent, and the provider
/// received each event at least once (it drops duplicates by `X-Doorstep-Event-Id`); none is
/// given up.
#[tokio::test]
#[ignore = "crash-safety run, by hand"]
async fn queued_messages_survive_sigkill() {
    const SHIPMENTS: usize = 6;
    const OPS: usize = 90;
    let sms_port = crate::fixtures::free_port();
    let sms_url =
        format!("http://AC1:s3cret@127.0.0.1:{sms_port}/2010-04-01/Accounts/AC1/Messages.json");
    let configured = sms_url.clone();
    let w = world_with(move |s| {
        s.notify.sms_url = Some(secrecy::SecretString::from(configured));
        s.notify.cap = 1000;
        // Every parcel goes to one customer: no daily cap per address here.
        s.notify.per_recipient_per_day = 1_000_000;
        s.notify.poll = Duration::from_millis(100);
    })
    .await;
    let d: Driver = driver(&w, &w.courier_admin, "crash@speedy.test").await;
    let zone = noon_zone();
    let mut ships = vec![];
    for n in 0..SHIPMENTS {
        let mut s = tv(&w);
        s["reference"] = json!(format!("CRN-{n}"));
        s["time_zone"] = json!(zone);
        let (a, b) = now_window();
        s["window"] = json!({"start": a, "end": b, "firm": true});
        ships.push(
            out_body(&w, s, &w.courier_admin, &d, false, "intact")
                .await
                .0,
        );
    }
    w.app.stop().await;
    let settings = w.app.settings().clone();
    let port = crate::fixtures::free_port();
    let env = vec![
        ("DOORSTEP_SMS_URL", sms_url.clone()),
        ("DOORSTEP_NOTIFY_CAP", "1000".to_owned()),
        (
            "DOORSTEP_NOTIFY_PER_RECIPIENT_PER_DAY",
            "1000000".to_owned(),
        ),
        // The lease of a claimed batch is the timeout times the batch, plus 60 s.
        ("DOORSTEP_WEBHOOK_TIMEOUT_SECS", "2".to_owned()),
    ];
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let server = std::sync::Arc::new(std::sync::Mutex::new(start_with(&settings, port, &env)));
    ready(&client, &base).await;
    let killer = {
        let (server, settings, client, base, env) = (
            server.clone(),
            settings.clone(),
            client.clone(),
            base.clone(),
            env.clone(),
        );
        tokio::spawn(async move {
            let mut rng = rand::rngs::StdRng::seed_from_u64(16);
            for _ in 0..5 {
                tokio::time::sleep(Duration::from_millis(rng.gen_range(300..1200))).await;
                {
                    let mut child = server.lock().unwrap();
                    child.kill().unwrap();
                    child.wait().unwrap();
                    *child = start_with(&settings, port, &env);
                }
                ready(&client, &base).await;
            }
            5
        })
    };
    let mut receiver = None;
    let mut acked = [0usize; SHIPMENTS];
    let mut op = 0;
    while !killer.is_finished() || op < OPS {
        // The provider comes up a third of the way in, answering each request in 150 ms.
        if op == OPS / 3 && receiver.is_none() {
            receiver = Some(Receiver::start_slow_on(sms_port, Duration::from_millis(150)).await);
        }
        let s = op % SHIPMENTS;
        let now = Utc::now();
        let body = json!({"outcome": "failed", "failure_reason": "recipient_absent",
            "intercom_note": format!("op {op}"), "occurred_at": now,
            "gps": {"lat": 48.8606, "lon": 2.3376, "accuracy_m": 8.0, "captured_at": now}});
        let r = client
            .post(format!("{base}/v1/shipments/{}/attempts", ships[s]))
            .bearer_auth(&d.token)
            .header("Idempotency-Key", format!("crn-{op}"))
            .json(&body)
            .send()
            .await;
        let r = pause_if_down(r).await;
        if r.is_ok_and(|r| r.status().is_success()) {
            acked[s] += 1;
        }
        op += 1;
    }
    let kills = killer.await.unwrap();
    let receiver = match receiver {
        Some(r) => r,
        None => Receiver::start_slow_on(sms_port, Duration::from_millis(150)).await,
    };
    let mut server = {
        let mut child = server.lock().unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        start_with(&settings, port, &env)
    };
    ready(&client, &base).await;

    // Every message is sent in the end: retries back off from 30 s and a batch cut by a kill
    // is leased for 80 s, so allow 6 minutes.
    // Every page: a fast run acknowledges 100 visits and more on one shipment.
    let log = async |id: &str| -> Vec<Value> {
        let (mut all, mut cursor) = (Vec::new(), String::new());
        loop {
            let r = client
                .get(format!(
                    "{base}/v1/shipments/{id}/notifications?limit=200{cursor}"
                ))
                .bearer_auth(&w.shop_key)
                .send()
                .await
                .unwrap();
            let v: Value = r.json().await.unwrap();
            all.extend(v["items"].as_array().unwrap().iter().cloned());
            match v["next_cursor"].as_str() {
                Some(next) => cursor = format!("&cursor={next}"),
                None => return all,
            }
        }
    };
    let mut rows = vec![];
    for _ in 0..720 {
        rows.clear();
        for id in &ships {
            rows.push(log(id).await);
        }
        let waiting = rows
            .iter()
            .flatten()
            .filter(|n| n["status"] != "sent" && n["status"] != "dead")
            .count();
        if waiting == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let accepted = receiver.accepted_ids();
    let hits = receiver.hits();
    receiver.stop().await;
    let all: Vec<&Value> = rows.iter().flatten().collect();
    let not_sent: Vec<&&Value> = all.iter().filter(|n| n["status"] != "sent").collect();
    let undelivered: Vec<&&Value> = all
        .iter()
        .filter(|n| !accepted.contains(n["event_id"].as_str().unwrap()))
        .collect();
    let duplicates = hits.len() - accepted.len();
    println!(
        "messages under SIGKILL: {kills} kills, {} acknowledged visits, {} messages, {} provider \
         requests ({duplicates} beyond one per event), not sent {}, undelivered {}",
        acked.iter().sum::<usize>(),
        all.len(),
        hits.len(),
        not_sent.len(),
        undelivered.len()
    );
    assert!(kills >= 5);
    // Each acknowledged failed visit queued its message (with the creation and setting out).
    for (s, n) in rows.iter().enumerate() {
        assert!(
            n.len() >= 2 + acked[s],
            "shipment {s}: {} messages, {} visits",
            n.len(),
            acked[s]
        );
    }
    assert!(not_sent.is_empty(), "messages not sent: {not_sent:?}");
    assert!(
        undelivered.is_empty(),
        "messages never received: {undelivered:?}"
    );
    // Nothing the server did not queue reached the provider.
    assert_eq!(accepted.len(), all.len());
}
