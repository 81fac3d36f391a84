//! A bounded load test of the login path (security review: 20 concurrent logins took the server
//! from 43 MiB to 2 GiB). The real `doorstep` binary runs as a child process with 2 hashing
//! permits; 200 failed logins, 40 at a time from 40 client addresses, must leave its peak
//! resident memory under baseline + permits × 19 MiB (argon2's memory) + slack, and every answer
//! must be a 401, 429 or 503 problem (503 only with `Retry-After`). Linux only (/proc).

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::helpers::{PASSWORD, TestApp, client_from, drop_pg_database, fresh_database};

const PERMITS: u64 = 2;
const ARGON2_MIB: u64 = 19;
/// Allocator and connection noise on top of the hashing buffers.
const SLACK_MIB: u64 = 64;
const ADDRESSES: u8 = 40;
const PER_ADDRESS: usize = 5;
const TARGET: &str = "target@load.test";

/// The child server, killed when the test ends (or panics).
struct Server {
    child: Child,
    pg_drop: Option<(String, String)>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Some((admin, name)) = self.pg_drop.take() {
            drop_pg_database(&admin, &name);
        }
    }
}

/// `VmRSS` or `VmHWM` (peak) of a process, in MiB.
fn memory_mib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"));
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap();
    kib / 1024
}

#[tokio::test]
async fn failed_logins_under_load_keep_memory_bounded() {
    let (database_url, _tmp, pg_drop) = fresh_database();
    let blobs = tempfile::tempdir().unwrap();
    let url = database_url.clone();
    tokio::task::spawn_blocking(move || {
        let db = doorstep::db::Db::connect(&url, 1).unwrap();
        db.migrate().unwrap();
        doorstep::users::bootstrap::create_platform_admin(&db, TARGET, "Target", PASSWORD).unwrap();
    })
    .await
    .unwrap();
    let port = crate::fixtures::free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .arg("serve")
        .env("DATABASE_URL", &database_url)
        .env("DOORSTEP_BIND", format!("127.0.0.1:{port}"))
        .env("DOORSTEP_JWT_SECRET", "l".repeat(40))
        .env("DOORSTEP_BLOB_URL", blobs.path())
        .env("DOORSTEP_WORKERS", "2")
        .env("DOORSTEP_DB_POOL_SIZE", "4")
        .env("DOORSTEP_MAX_CONCURRENT_HASHES", PERMITS.to_string())
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("doorstep starts");
    let server = Server { child, pg_drop };
    let pid = server.child.id();
    let base = format!("http://127.0.0.1:{port}");

    let probe = client_from([127, 0, 0, 1]);
    let mut ready = false;
    for _ in 0..200 {
        let r = probe.get(format!("{base}/readyz")).send().await;
        if r.is_ok_and(|r| r.status().is_success()) {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(ready, "doorstep did not become ready");
    let baseline = memory_mib(pid, "VmRSS");

    // 40 addresses at once, 5 wrong passwords each: half for the real account (which ends up
    // under attack), half for unknown e-mails (the dummy verification).
    let started = std::time::Instant::now();
    let attackers = (0..ADDRESSES).map(|a| {
        let base = base.clone();
        async move {
            let client = client_from([127, 0, 1, 10 + a]);
            let mut replies = Vec::new();
            for n in 0..PER_ADDRESS {
                let email = if n % 2 == 0 {
                    TARGET.to_owned()
                } else {
                    format!("ghost-{a}-{n}@load.test")
                };
                let res = client
                    .post(format!("{base}/v1/auth/login"))
                    .json(&serde_json::json!({"email": email, "password": "wrong password!!"}))
                    .send()
                    .await
                    .expect("answered");
                replies.push(TestApp::reply(res).await);
            }
            replies
        }
    });
    let replies: Vec<_> = futures_util::future::join_all(attackers)
        .await
        .into_iter()
        .flatten()
        .collect();
    let elapsed = started.elapsed();

    let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
    for r in &replies {
        let status = r.status.as_u16();
        *by_status.entry(status).or_default() += 1;
        match status {
            401 => r.assert_problem(401, "unauthorized"),
            429 => {
                r.assert_problem(429, "too-many-requests");
                assert!(r.headers.contains_key("retry-after"));
            }
            503 => {
                r.assert_problem(503, "overloaded");
                assert_eq!(r.headers["retry-after"], "1");
            }
            other => panic!("unexpected {other}: {}", r.body),
        }
    }
    assert_eq!(replies.len(), ADDRESSES as usize * PER_ADDRESS);
    assert!(by_status.get(&401).is_some_and(|n| *n > 0), "{by_status:?}");

    let peak = memory_mib(pid, "VmHWM");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let after = memory_mib(pid, "VmRSS");
    let bound = baseline + PERMITS * ARGON2_MIB + SLACK_MIB;
    eprintln!(
        "load: {} logins in {elapsed:.1?}, answers {by_status:?}; RSS baseline {baseline} MiB, \
         peak {peak} MiB, after {after} MiB, bound {bound} MiB",
        replies.len()
    );
    assert!(peak <= bound, "peak {peak} MiB over {bound} MiB");
    assert!(
        after <= bound,
        "after the load {after} MiB over {bound} MiB"
    );
    drop(server);
}
