//! Every kind of bad input gets application/problem+json, never a 5xx or an HTML page.

use reqwest::Method;
use serde_json::json;

use crate::helpers::TestApp;

#[tokio::test]
async fn routing_errors() {
    let app = TestApp::spawn().await;
    app.get("/nope", None)
        .await
        .assert_problem(404, "not-found");
    app.get("/v1/orgs/a/b/c", None)
        .await
        .assert_problem(404, "not-found");
    let r = app
        .request(Method::PUT, "/v1/orgs", None, Some(json!({})))
        .await;
    r.assert_problem(405, "method-not-allowed");
    assert_eq!(r.headers["allow"], "GET, POST");
    let r = app
        .request(Method::PATCH, "/v1/users/usr_1", None, None)
        .await;
    r.assert_problem(405, "method-not-allowed");
    assert_eq!(r.headers["allow"], "DELETE, GET");
}

#[tokio::test]
async fn body_errors() {
    let app = TestApp::spawn().await;
    let url = format!("{}/v1/auth/login", app.base);
    let send = |body: String, ct: Option<&'static str>| {
        let mut req = app.client.post(url.clone()).body(body);
        if let Some(ct) = ct {
            req = req.header("content-type", ct);
        }
        req.send()
    };
    let r = TestApp::reply(
        send("{not json".into(), Some("application/json"))
            .await
            .unwrap(),
    )
    .await;
    r.assert_problem(400, "bad-request");
    let big = format!(r#"{{"email":"{}","password":"x"}}"#, "a".repeat(70 * 1024));
    let r = TestApp::reply(send(big, Some("application/json")).await.unwrap()).await;
    r.assert_problem(413, "payload-too-large");
    let r = TestApp::reply(
        send(r#"{"email":"a","password":"b"}"#.into(), Some("text/plain"))
            .await
            .unwrap(),
    )
    .await;
    r.assert_problem(415, "unsupported-media-type");
    let r = TestApp::reply(
        send(r#"{"email":"a","password":"b"}"#.into(), None)
            .await
            .unwrap(),
    )
    .await;
    r.assert_problem(415, "unsupported-media-type");
    let r = TestApp::reply(
        send(r#"{"email":"a@b.c"}"#.into(), Some("application/json"))
            .await
            .unwrap(),
    )
    .await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), vec!["password"]);
    let r = TestApp::reply(
        send(
            r#"{"email":"a@b.c","password":"x","role":"platform_admin"}"#.into(),
            Some("application/json"),
        )
        .await
        .unwrap(),
    )
    .await;
    r.assert_problem(422, "validation");
    assert_eq!(
        r.error_fields(),
        vec!["role"],
        "unknown fields are refused, never applied"
    );
    let r = TestApp::reply(
        send(
            r#"{"email":5,"password":"x"}"#.into(),
            Some("application/json"),
        )
        .await
        .unwrap(),
    )
    .await;
    r.assert_problem(422, "validation");
}

#[tokio::test]
async fn query_and_validation_errors() {
    let app = TestApp::spawn().await;
    let root = app.platform_admin().await;
    app.get("/v1/orgs?limit=abc", Some(&root))
        .await
        .assert_problem(400, "bad-request");
    app.get("/v1/orgs?kind=bank", Some(&root))
        .await
        .assert_problem(400, "bad-request");
    let r = app.get("/v1/orgs?limit=500", Some(&root)).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), vec!["limit"]);
    let r = app.get("/v1/orgs?cursor=%25%25", Some(&root)).await;
    r.assert_problem(422, "validation");
    assert_eq!(r.error_fields(), vec!["cursor"]);
    let r = app
        .post(
            "/v1/orgs",
            Some(&root),
            json!({"kind": "courier", "name": " ", "admin": {"email": "bad", "name": "A", "password": "short"}}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(
        r.error_fields(),
        vec!["name", "admin.email", "admin.password"]
    );
    let r = app
        .post(
            "/v1/orgs",
            Some(&root),
            json!({"kind": "bank", "name": "x", "admin": {}}),
        )
        .await;
    r.assert_problem(422, "validation");
}

/// NUL characters are refused by PostgreSQL; they must come back as a 4xx, never a 500.
#[tokio::test]
async fn nul_characters_are_client_errors() {
    let app = TestApp::spawn().await;
    let root = app.platform_admin().await;
    let r = app
        .post(
            "/v1/auth/login",
            None,
            json!({"email": "a\u{0}@b.c", "password": "x"}),
        )
        .await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
    assert_eq!(r.content_type(), "application/problem+json");
    for path in [
        "/v1/orgs/org_%00",
        "/v1/users?org_id=%00",
        "/v1/orgs?cursor=b3JnXwA",
    ] {
        let r = app.get(path, Some(&root)).await;
        assert!(
            !r.status.is_server_error(),
            "{path}: {} {}",
            r.status,
            r.body
        );
        if !r.status.is_success() {
            assert_eq!(r.content_type(), "application/problem+json");
        }
    }
}
