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
    let generated = doorstep::openapi::spec_yaml().unwrap();
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
