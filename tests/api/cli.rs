//! The real `doorstep` binary: migrate, bootstrap (once only), openapi, refused settings.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::fresh_database;

/// The binary under test: this build's, or `DOORSTEP_TEST_BIN` (a copy, when several checkouts
/// share one target directory).
fn bin() -> String {
    std::env::var("DOORSTEP_TEST_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_doorstep").to_owned())
}

fn doorstep(args: &[&str], database_url: &str, stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn migrate_bootstrap_once_and_refuse_weak_settings() {
    let (url, _tmp, pg) = fresh_database();
    let out = doorstep(&["migrate"], &url, "", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let bootstrap = [
        "admin",
        "bootstrap",
        "--email",
        "root@cli.test",
        "--password-stdin",
    ];
    let out = doorstep(&bootstrap, &url, "a long enough password\n", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("platform admin created: usr_"));
    let out = doorstep(&bootstrap, &url, "a long enough password\n", &[]);
    assert!(!out.status.success(), "a second platform admin is refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));

    let out = doorstep(
        &["admin", "bootstrap", "--email", "x@cli.test"],
        &url,
        "",
        &[],
    );
    assert!(!out.status.success(), "--password-stdin is required");

    let out = doorstep(
        &["serve"],
        &url,
        "",
        &[
            ("DOORSTEP_JWT_SECRET", "too-short"),
            ("DOORSTEP_BIND", "127.0.0.1:0"),
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 32 bytes"));

    let out = doorstep(&["openapi"], &url, "", &[]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("openapi: 3.1"));

    // Nothing to fold in a new database; the command says so and succeeds.
    let out = doorstep(&["admin", "fold-kpis"], &url, "", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("0 (org, day, marketplace) key(s) folded"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    if let Some((admin, name)) = pg {
        crate::helpers::drop_pg_database(&admin, &name);
    }
}

/// Run `doorstep serve` as a user would, exercise credentials and a tracking token, and check
/// that none of the secrets reach its log output.
#[tokio::test]
async fn secrets_never_reach_the_logs() {
    use std::io::{BufRead, BufReader, Read};

    let (url, _tmp, pg) = fresh_database();
    let password = "a very secret password 42";
    let out = doorstep(
        &[
            "admin",
            "bootstrap",
            "--email",
            "root@logs.test",
            "--password-stdin",
        ],
        &url,
        &format!("{password}\n"),
        &[],
    );
    assert!(out.status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_doorstep"))
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("DOORSTEP_BIND", "127.0.0.1:0")
        .env("DOORSTEP_JWT_SECRET", "j".repeat(40))
        .env("DOORSTEP_LOG_FORMAT", "json")
        .env(
            "DOORSTEP_BLOB_URL",
            std::env::temp_dir().join("doorstep-cli-test-blobs"),
        )
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    loop {
        banner.clear();
        assert!(stdout.read_line(&mut banner).unwrap() > 0, "server exited");
        if banner.starts_with("Doorstep listening on ") {
            break;
        }
    }
    let base = banner
        .trim()
        .trim_start_matches("Doorstep listening on ")
        .to_owned();
    doorstep::install_crypto_provider();
    let client = reqwest::Client::new();
    let login: serde_json::Value = client
        .post(format!("{base}/v1/auth/login"))
        .json(&serde_json::json!({"email": "root@logs.test", "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let access = login["access_token"].as_str().unwrap().to_owned();
    let refresh = login["refresh_token"].as_str().unwrap().to_owned();
    let me = client
        .get(format!("{base}/v1/me"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 200);
    let tracking = "trk_the-customers-capability-token";
    client
        .get(format!("{base}/v1/track/{tracking}"))
        .send()
        .await
        .unwrap();
    client
        .get(format!("{base}/v1/me"))
        .bearer_auth("dsk_an-api-key-secret")
        .send()
        .await
        .unwrap();
    child.kill().unwrap();
    let mut logs = String::new();
    stdout.read_to_string(&mut logs).unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut logs)
        .unwrap();
    child.wait().unwrap();
    assert!(
        logs.contains("/v1/track/{token}"),
        "requests are logged by route pattern: {logs}"
    );
    for secret in [
        password,
        &access,
        &refresh,
        tracking,
        "dsk_an-api-key-secret",
    ] {
        assert!(
            !logs.contains(secret),
            "a secret reached the logs: {secret}"
        );
    }
    if let Some((admin, name)) = pg {
        crate::helpers::drop_pg_database(&admin, &name);
    }
}

/// `doorstep demo` seeds a fresh database through the API and prints logins and links that
/// work once `doorstep serve` runs on it; a second run refuses the database.
#[tokio::test]
async fn demo_seeds_a_world_that_serve_then_shows() {
    use std::io::{BufRead, BufReader};

    let (url, _tmp, pg) = fresh_database();
    let blobs = tempfile::tempdir().unwrap();
    let blob_env = [("DOORSTEP_BLOB_URL", blobs.path().to_str().unwrap())];
    let started = std::time::Instant::now();
    let out = doorstep(&["demo"], &url, "", &blob_env);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    let after = |label: &str| -> String {
        stdout
            .lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("no {label:?} in {stdout}"))
            .trim()
            .to_owned()
    };
    assert_eq!(after("Console:"), "http://127.0.0.1:8080/console/login");
    // The command to run next is the exact one: the same database.
    assert_eq!(
        after("Start the server on this database:"),
        format!("doorstep serve --database-url '{url}'")
    );
    let password = after("Logins (password for all:")
        .trim_end_matches("):")
        .to_owned();
    assert_eq!(password, doorstep::demo::DEFAULT_PASSWORD);
    let lead = after("marketplace ops lead");
    let courier_admin = after("courier admin");
    let driver = after("driver");
    let key = after("Marketplace API key:");
    assert!(key.starts_with("dsk_"), "{stdout}");
    let tv = after("TV story (early visit, dispute waiting)");
    let out_now = after("out for delivery now");
    let path = |link: &str| {
        link.strip_prefix("http://127.0.0.1:8080")
            .unwrap_or_else(|| panic!("{link}"))
            .to_owned()
    };

    let again = doorstep(&["demo"], &url, "", &blob_env);
    assert!(!again.status.success(), "a second demo is refused");
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already has data"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );

    let mut child = Command::new(bin())
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("DOORSTEP_BIND", "127.0.0.1:0")
        .env("DOORSTEP_BLOB_URL", blobs.path())
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    loop {
        banner.clear();
        assert!(reader.read_line(&mut banner).unwrap() > 0, "server exited");
        if banner.starts_with("Doorstep listening on ") {
            break;
        }
    }
    let base = banner
        .trim()
        .trim_start_matches("Doorstep listening on ")
        .to_owned();
    doorstep::install_crypto_provider();
    let client = reqwest::Client::new();
    // The JSON answer of a GET with a bearer token.
    let get_json = |path: String, token: &String| {
        let req = client.get(format!("{base}{path}")).bearer_auth(token);
        async move {
            req.send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let login = |email: String| {
        let (client, base, password) = (&client, &base, &password);
        async move {
            let r = client
                .post(format!("{base}/v1/auth/login"))
                .json(&serde_json::json!({"email": email, "password": password}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{email}");
            let v: serde_json::Value = r.json().await.unwrap();
            v["access_token"].as_str().unwrap().to_owned()
        }
    };
    let lead_token = login(lead).await;
    let driver_token = login(driver).await;
    let courier_token = login(courier_admin).await;

    // Issue 29: every event of the demo's weeks, as the feed (and webhooks) serve it, matches
    // the contract's schema of its type, `data` included.
    let doc = crate::contract::document();
    let payload = serde_json::json!({"$ref": "#/components/schemas/EventPayload"});
    let (mut after, mut kinds) = (String::new(), std::collections::BTreeSet::new());
    loop {
        let page = get_json(format!("/v1/events?limit=1000{after}"), &key).await;
        let items = page["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{page}"))
            .clone();
        if items.is_empty() {
            break;
        }
        for item in &items {
            let kind = item["type"].as_str().unwrap_or_default().to_owned();
            if let Err(e) = crate::contract::conforms(item, &payload, &doc, &kind) {
                panic!("{e}\n{item}");
            }
            kinds.insert(kind);
        }
        after = format!("&after={}", page["next_cursor"].as_str().unwrap());
    }
    assert!(
        kinds.len() >= 12,
        "the demo's events cover the catalog: {kinds:?}"
    );
    // And each shipment's timeline, discriminated by `kind`.
    let event = serde_json::json!({"$ref": "#/components/schemas/Event"});
    let shipments = get_json("/v1/shipments?limit=200".to_owned(), &key).await;
    for s in shipments["items"].as_array().expect("a page of shipments") {
        let id = s["id"].as_str().unwrap();
        let timeline = get_json(format!("/v1/shipments/{id}/events?limit=200"), &key).await;
        for e in timeline["items"].as_array().expect("a page of events") {
            if let Err(err) = crate::contract::conforms(e, &event, &doc, id) {
                panic!("{err}\n{e}");
            }
        }
    }

    // The customer's links: the page and its JSON.
    for (link, status) in [(&tv, "attempt_failed"), (&out_now, "out_for_delivery")] {
        let page = client
            .get(format!("{base}{}", path(link)))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{link}");
        let token = link.rsplit('/').next().unwrap();
        let json: serde_json::Value = client
            .get(format!("{base}/v1/track/{token}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(json["status"], status, "{json}");
    }

    // The marketplace sees three couriers' shipments and scorecard, and the TV dispute.
    let shipments = get_json("/v1/shipments?limit=100".to_owned(), &key).await;
    let items = shipments["items"].as_array().unwrap();
    assert!(items.len() >= 60, "{}", items.len());
    let couriers: std::collections::HashSet<_> =
        items.iter().map(|s| s["courier_id"].to_string()).collect();
    assert_eq!(couriers.len(), 3, "{couriers:?}");
    // The history fills the first pages; each status is there all the same.
    for status in ["delivered", "attempt_failed", "out_for_delivery"] {
        let some: serde_json::Value =
            get_json(format!("/v1/shipments?limit=1&status={status}"), &key).await;
        assert_eq!(
            some["items"].as_array().unwrap().len(),
            1,
            "{status}: {some}"
        );
    }
    let board = get_json("/v1/kpis/couriers".to_owned(), &lead_token).await;
    let board = board["couriers"].as_array().unwrap();
    assert_eq!(board.len(), 3, "{board:?}");
    let missed: Vec<i64> = board
        .iter()
        .map(|c| c["targets_missed"].as_i64().unwrap())
        .collect();
    assert!(
        missed.contains(&0) && missed.iter().any(|&m| m >= 3),
        "{board:?}"
    );
    // Eight weeks of history: every courier's first-attempt rate has a value in each of the
    // last nine weeks (the eight of history and this one).
    let today = chrono::Utc::now().date_naive();
    let from = today - chrono::Duration::weeks(8);
    for c in board {
        let courier = c["courier_id"].as_str().unwrap();
        let series = get_json(
            format!("/v1/kpis?courier_id={courier}&from={from}&to={today}&granularity=week"),
            &lead_token,
        )
        .await;
        let points = series["periods"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| {
                p["kpis"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kpi"] == "first_attempt_success_rate" && k["value"].is_number())
            })
            .count();
        assert!(points >= 8, "{courier}: {points} weeks with data: {series}");
    }
    // Issue 27: every figure leads to its shipments, and they sum to it — every KPI, each
    // courier as the marketplace sees it, and the courier's own figures across marketplaces.
    let scopes: Vec<(String, &String)> = board
        .iter()
        .map(|c| {
            (
                format!("courier_id={}", c["courier_id"].as_str().unwrap()),
                &lead_token,
            )
        })
        .chain([(String::new(), &courier_token)])
        .collect();
    let mut listed = 0;
    for (scope, token) in scopes {
        let range = format!("{scope}&from={from}&to={today}");
        let report = get_json(format!("/v1/kpis?{range}"), token).await;
        for figure in report["overall"]["kpis"].as_array().unwrap() {
            let kpi = figure["kpi"].as_str().unwrap();
            // (numerator, denominator, against) summed over every page of a part.
            let mut sums = Vec::new();
            for part in ["denominator", "against"] {
                let (mut n, mut d, mut against, mut cursor) = (0, 0, 0, String::new());
                loop {
                    let page = get_json(
                        format!(
                            "/v1/kpis/shipments?kpi={kpi}&part={part}&{range}&limit=200{cursor}"
                        ),
                        token,
                    )
                    .await;
                    for item in page["items"].as_array().unwrap_or_else(|| panic!("{page}")) {
                        n += item["numerator"].as_i64().unwrap();
                        d += item["denominator"].as_i64().unwrap_or(0);
                        against += item["against"].as_i64().unwrap();
                        listed += 1;
                    }
                    match page["next_cursor"].as_str() {
                        Some(next) => cursor = format!("&cursor={next}"),
                        None => break,
                    }
                }
                sums.push((n, d, against));
            }
            let (n, d, against) = sums[0];
            assert_eq!(n, figure["numerator"].as_i64().unwrap(), "{kpi} {scope}");
            assert_eq!(
                d,
                figure["denominator"].as_i64().unwrap_or(0),
                "{kpi} {scope}"
            );
            // What counts against the figure is listed on its own and sums the same.
            assert_eq!(sums[1].2, against, "{kpi} {scope}");
            if kpi == "on_time_rate" {
                assert_eq!(
                    against,
                    d - n,
                    "late or early deliveries are what counts against on-time"
                );
            }
        }
    }
    assert!(listed > 100, "the demo's figures count shipments: {listed}");
    let disputes = get_json("/v1/disputes".to_owned(), &lead_token).await;
    assert_eq!(disputes["items"][0]["reason"], "was_home", "{disputes}");
    // The courier answered it; the printed driver's route holds the parcel out for delivery.
    let dispute = disputes["items"][0]["id"].as_str().unwrap();
    let seen = client
        .get(format!("{base}/v1/disputes/{dispute}"))
        .bearer_auth(&courier_token)
        .send()
        .await
        .unwrap();
    assert_eq!(seen.status(), 200);
    let route = get_json("/v1/driver/route".to_owned(), &driver_token).await;
    assert!(
        route["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["reference"] == "ORD-OUT-001"),
        "{route}"
    );
    let console = client
        .get(format!("{base}/console/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(console.status(), 200);

    child.kill().unwrap();
    child.wait().unwrap();
    if let Some((admin, name)) = pg {
        crate::helpers::drop_pg_database(&admin, &name);
    }
}
