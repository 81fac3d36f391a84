use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::fixtures::{attempt, driver, gps, out_now, world_with};
use crate::helpers::TestApp;

#[tokio::test]
async fn health_readiness_and_request_ids() {
    let app = TestApp::spawn().await;
    let r = app.get("/healthz", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "ok");
    let r = app.get("/readyz", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["status"], "ready");
    let id = r.headers["x-request-id"].to_str().unwrap();
    assert!(id.starts_with("req_"), "generated id: {id}");

    let res = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("X-Request-Id", "client-abc.123")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "client-abc.123", "echoed");
    let res = app
        .client
        .get(format!("{}/healthz", app.base))
        .header("X-Request-Id", "bad id\twith spaces")
        .send()
        .await
        .unwrap();
    assert!(
        res.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .starts_with("req_"),
        "unsafe id replaced"
    );
}

#[tokio::test]
async fn metrics_count_requests_per_route_pattern() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        app.get("/v1/orgs/org_does_not_matter", None).await;
    }
    let res = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = res.text().await.unwrap();
    assert!(
        text.contains(
            r#"doorstep_http_requests_total{method="GET",route="/v1/orgs/{id}",status="401"} 3"#
        ),
        "{text}"
    );
    assert!(text.contains("doorstep_http_request_duration_seconds_bucket"));
    assert!(
        !text.contains("org_does_not_matter"),
        "raw paths never become labels"
    );
}

/// The committed openapi.yaml is what the code generates, and the server serves it.
#[tokio::test]
async fn openapi_yaml_is_current_and_served() {
    let generated = doorstep::server::openapi::spec_yaml().unwrap();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.yaml");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi.yaml is stale: regenerate it with `cargo run -- openapi > openapi.yaml`"
    );
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(format!("{}/openapi.yaml", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), generated);
}

/// Route macros (`#[get("/path")]`, …) anywhere in `src/`, as (METHOD, path).
fn route_macros(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            route_macros(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Inside `form_route!(…)` invocations the path is a literal argument of its own line.
        let mut in_form_route = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with("form_route!(") {
                in_form_route = true;
            } else if in_form_route && line.starts_with("\"/") {
                found.push(("POST".to_owned(), line.trim_matches(['"', ',']).to_owned()));
                in_form_route = false;
            }
            for method in ["get", "post", "put", "patch", "delete"] {
                if let Some(rest) = line.strip_prefix(&format!("#[{method}(\"")) {
                    let route = rest.split('"').next().unwrap().to_owned();
                    found.push((method.to_uppercase(), route));
                }
            }
            // Registration outside `http::routes` (which documents all it registers) would
            // serve undocumented routes.
            for raw in [
                "web::resource(",
                "web::scope(",
                ".route(\"",
                "web::route(",
                "web::method(",
                "web::get()",
                "web::post()",
                "#[route(",
            ] {
                assert!(
                    !line.contains(raw),
                    "{}: `{raw}` registers a route outside the documented list: {line}",
                    path.display()
                );
            }
        }
    }
}

/// The server answers exactly the routes in openapi.yaml: every handler in the source is
/// documented, every documented operation is served, and every other method on a
/// documented path is 405 with the documented `Allow`.
#[tokio::test]
async fn served_routes_are_the_documented_routes() {
    let spec: Value = serde_json::to_value(doorstep::server::openapi::routes_spec()).unwrap();
    let paths = spec["paths"].as_object().unwrap();
    let documented = |method: &str, path: &str| {
        paths
            .get(path)
            .is_some_and(|item| item.get(method.to_lowercase()).is_some())
    };
    let mut macros = Vec::new();
    route_macros(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut macros,
    );
    assert!(macros.len() > 60, "found only {} handlers", macros.len());
    for (method, path) in &macros {
        assert!(
            documented(method, path),
            "{method} {path} is served but not in openapi.yaml"
        );
    }

    let app = TestApp::spawn().await;
    let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    for (template, item) in paths {
        // Any value fills a parameter: the route must match whatever the id.
        let path: String = template
            .split('/')
            .map(|s| if s.starts_with('{') { "x_1" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        let mut allow: Vec<&str> = methods
            .iter()
            .copied()
            .filter(|m| item.get(m.to_lowercase()).is_some())
            .collect();
        allow.sort();
        for method in methods {
            let r = app
                .request(
                    Method::from_bytes(method.as_bytes()).unwrap(),
                    &path,
                    None,
                    None,
                )
                .await;
            if allow.contains(&method) {
                assert!(
                    r.status != 405 && r.body["detail"] != "route not found",
                    "{method} {template} is documented but not served: {} {}",
                    r.status,
                    r.body
                );
            } else {
                assert_eq!(r.status, 405, "{method} {template}: {}", r.body);
                let got = r.headers["allow"].to_str().unwrap().replace(' ', "");
                assert_eq!(got, allow.join(","), "{method} {template}");
            }
        }
    }
}

#[tokio::test]
async fn made_up_methods_do_not_grow_the_metrics() {
    let app = TestApp::spawn().await;
    for i in 0..20 {
        let method =
            reqwest::Method::from_bytes(format!("M{i}{}", "X".repeat(200)).as_bytes()).unwrap();
        let r = app
            .client
            .request(method, format!("{}/v1/orgs", app.base))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{}", r.status());
    }
    let text = app.metrics().await;
    assert!(
        !text.contains("XXXXXXXX"),
        "no made-up method becomes a label"
    );
    assert!(text.contains(r#"method="other""#), "{text}");
}

#[tokio::test]
async fn metrics_can_have_a_listener_of_their_own() {
    let app = TestApp::spawn_with(|s| s.http.metrics_bind = Some("127.0.0.1:0".to_owned())).await;
    let metrics_base = app.metrics_base().to_owned();
    assert_ne!(metrics_base, app.base);
    assert_eq!(app.get("/healthz", None).await.status, 200);
    app.get("/metrics", None)
        .await
        .assert_problem(404, "not-found");

    let res = app
        .client
        .get(format!("{metrics_base}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = res.text().await.unwrap();
    assert!(
        text.contains(
            r#"doorstep_http_requests_total{method="GET",route="/healthz",status="200"} 1"#
        ),
        "the public listener's requests are counted: {text}"
    );
    assert!(
        text.contains(
            r#"doorstep_http_requests_total{method="GET",route="/metrics",status="404"} 1"#
        ),
        "{text}"
    );
    let res = app
        .client
        .get(format!("{metrics_base}/v1/orgs"))
        .send()
        .await
        .unwrap();
    TestApp::reply(res).await.assert_problem(404, "not-found");

    // The metrics listener stops with the application.
    app.stop().await;
    let addr = metrics_base.trim_start_matches("http://").to_owned();
    let mut refused = false;
    for _ in 0..50 {
        if TcpStream::connect(&addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(refused, "the metrics listener outlived the application");
}

/// What a client got that sent the head of a POST with `Content-Length: 100`, then one byte
/// of body every `every`.
struct Trickle {
    response: String,
    answered_after: Option<Duration>,
    closed_after: Option<Duration>,
}

async fn trickle(base: String, path: String, headers: String, every: Duration) -> Trickle {
    let addr = base.trim_start_matches("http://").to_owned();
    let started = Instant::now();
    let (mut rd, mut wr) = TcpStream::connect(&addr).await.unwrap().into_split();
    let head =
        format!("POST {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Content-Length: 100\r\n\r\n");
    wr.write_all(head.as_bytes()).await.unwrap();
    let answered = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn({
        let answered = answered.clone();
        async move {
            let mut next_byte = Instant::now();
            while !answered.load(Ordering::Relaxed) {
                if Instant::now() >= next_byte {
                    if wr.write_all(b" ").await.is_err() {
                        break;
                    }
                    next_byte += every;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            // Handed back, not dropped: the write half stays open, so it is the server that
            // must close the connection.
            wr
        }
    });
    let mut response = Vec::new();
    let (mut answered_after, mut closed_after) = (None, None);
    let mut buf = [0u8; 4096];
    let give_up = started + Duration::from_secs(30);
    loop {
        let left = give_up.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, rd.read(&mut buf)).await {
            Err(_) => break,
            // EOF, or a reset: closed either way.
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed_after = Some(started.elapsed());
                break;
            }
            Ok(Ok(n)) => {
                response.extend_from_slice(&buf[..n]);
                if answered_after.is_none() && response.windows(4).any(|w| w == b"\r\n\r\n") {
                    answered_after = Some(started.elapsed());
                    answered.store(true, Ordering::Relaxed);
                }
            }
        }
    }
    answered.store(true, Ordering::Relaxed);
    let _write_half = writer.await.unwrap();
    Trickle {
        response: String::from_utf8_lossy(&response).into_owned(),
        answered_after,
        closed_after,
    }
}

impl Trickle {
    fn header(&self, name: &str) -> Option<String> {
        let (head, _) = self.response.split_once("\r\n\r\n")?;
        head.lines().skip(1).find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name)
                .then(|| v.trim().to_ascii_lowercase())
        })
    }

    /// 408 problem+json about `deadline` after the request started, then the connection closed
    /// by the server.
    #[track_caller]
    fn assert_timed_out(&self, deadline: Duration) {
        let status = self.response.split(' ').nth(1).unwrap_or_default();
        assert_eq!(status, "408", "{}", self.response);
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/problem+json")
        );
        assert_eq!(self.header("connection").as_deref(), Some("close"));
        let body: Value = serde_json::from_str(self.response.split_once("\r\n\r\n").unwrap().1)
            .unwrap_or(Value::Null);
        assert_eq!(body["type"], "/problems/request-timeout", "{body}");
        assert_eq!(body["status"], 408);
        let answered = self.answered_after.unwrap();
        assert!(
            answered >= deadline - Duration::from_millis(500)
                && answered < deadline + Duration::from_secs(3),
            "answered after {answered:?}, the deadline is {deadline:?}"
        );
        let closed = self.closed_after.expect("the server closes the connection");
        assert!(
            closed < answered + Duration::from_secs(3),
            "closed {closed:?}"
        );
    }
}

fn short_body_deadlines(s: &mut doorstep::Settings) {
    s.http.body_timeout = Duration::from_secs(3);
    s.http.body_idle_timeout = Duration::from_secs(2);
}

const LOGIN_JSON: &str = "Content-Type: application/json\r\n";

/// A body trickling in a byte a second meets the total deadline; one that stops meets the idle
/// deadline. Both get 408 and the connection is closed.
#[tokio::test]
async fn slow_request_bodies_are_cut_off() {
    let app = TestApp::spawn_with(short_body_deadlines).await;
    let second = Duration::from_secs(1);
    let trickling = trickle(
        app.base.clone(),
        "/v1/auth/login".to_owned(),
        LOGIN_JSON.to_owned(),
        second,
    );
    let stalled = trickle(
        app.base.clone(),
        "/v1/auth/login".to_owned(),
        LOGIN_JSON.to_owned(),
        Duration::from_secs(3600),
    );
    let (trickling, stalled) = tokio::join!(trickling, stalled);
    trickling.assert_timed_out(Duration::from_secs(3));
    stalled.assert_timed_out(Duration::from_secs(2));
    let text = app.metrics().await;
    assert!(
        text.contains(
            r#"doorstep_http_requests_total{method="POST",route="/v1/auth/login",status="408"} 2"#
        ),
        "{text}"
    );
}

/// Photo uploads read their body themselves: late is 408 there too.
#[tokio::test]
async fn a_slow_photo_upload_is_cut_off() {
    let w = world_with(short_body_deadlines).await;
    let d = driver(&w, &w.courier_admin, "slowpoke@speedy.test").await;
    let (id, _) = out_now(&w, "SLOW-1", &d).await;
    let now = chrono::Utc::now();
    let r = attempt(
        &w.app,
        &d,
        &id,
        "slow-1",
        json!({"outcome": "delivered", "placement": "front_door", "gps": gps(now),
            "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let attempt_id = r.body["id"].as_str().unwrap();
    trickle(
        w.app.base.clone(),
        format!("/v1/attempts/{attempt_id}/photos?kind=placement"),
        format!(
            "Authorization: Bearer {}\r\nContent-Type: image/jpeg\r\n",
            d.token
        ),
        Duration::from_secs(1),
    )
    .await
    .assert_timed_out(Duration::from_secs(3));
}

/// Many slow bodies at once are all cut off on time, and the server keeps answering others
/// meanwhile.
#[tokio::test]
async fn many_slow_bodies_do_not_hold_the_server() {
    let app = TestApp::spawn_with(short_body_deadlines).await;
    let slow: Vec<_> = (0..200)
        .map(|_| {
            tokio::spawn(trickle(
                app.base.clone(),
                "/v1/auth/login".to_owned(),
                LOGIN_JSON.to_owned(),
                Duration::from_secs(1),
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(500)).await;
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(app.get("/healthz", None).await.status, 200);
        let took = started.elapsed();
        assert!(took < Duration::from_secs(1), "/healthz took {took:?}");
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    for t in slow {
        t.await.unwrap().assert_timed_out(Duration::from_secs(3));
    }
}
