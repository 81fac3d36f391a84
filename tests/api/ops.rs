use reqwest::Method;
use serde_json::Value;

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
    let spec: Value = serde_json::to_value(doorstep::server::openapi::spec()).unwrap();
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
