use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};

#[tokio::test]
async fn orgs_are_created_by_platform_admins_and_seen_by_members_only() {
    let app = TestApp::spawn().await;
    let root = app.platform_admin().await;
    let (shop, shop_admin) = app.org(&root, "marketplace", "shop").await;
    let (speedy, speedy_admin) = app.org(&root, "courier", "speedy").await;

    let r = app
        .get(&format!("/v1/orgs/{shop}"), Some(&shop_admin))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["kind"], "marketplace");
    assert_eq!(r.body["name"], "shop inc");
    // Another party's org is a 404, not a 403.
    app.get(&format!("/v1/orgs/{speedy}"), Some(&shop_admin))
        .await
        .assert_problem(404, "not-found");
    let mine = app.get("/v1/orgs", Some(&speedy_admin)).await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine.body["items"][0]["id"], speedy.as_str());
    let all = app.get("/v1/orgs?kind=courier", Some(&root)).await;
    assert_eq!(all.body["items"].as_array().unwrap().len(), 1);

    // Only platform admins create orgs.
    let r = app
        .post(
            "/v1/orgs",
            Some(&shop_admin),
            json!({"kind": "courier", "name": "x", "admin": {"email": "x@x.test", "name": "X", "password": PASSWORD}}),
        )
        .await;
    r.assert_problem(403, "forbidden");
    // The first admin's e-mail must be unused.
    let r = app
        .post(
            "/v1/orgs",
            Some(&root),
            json!({"kind": "courier", "name": "dup", "admin": {"email": "ADMIN@shop.test", "name": "X", "password": PASSWORD}}),
        )
        .await;
    r.assert_problem(409, "conflict");
    let after = app.get("/v1/orgs?limit=200", Some(&root)).await;
    assert_eq!(
        after.body["items"].as_array().unwrap().len(),
        2,
        "nothing half-created"
    );
}

#[tokio::test]
async fn org_admins_manage_users_within_their_org() {
    let app = TestApp::spawn().await;
    let root = app.platform_admin().await;
    let (shop, shop_admin) = app.org(&root, "marketplace", "shop").await;
    let (speedy, speedy_admin) = app.org(&root, "courier", "speedy").await;

    let driver = app.user(&speedy_admin, "dina@speedy.test", "driver").await;
    app.user(&speedy_admin, "sam@speedy.test", "staff").await;
    let r = app
        .post(
            "/v1/users",
            Some(&shop_admin),
            json!({"email": "d@shop.test", "name": "D", "password": PASSWORD, "role": "driver"}),
        )
        .await;
    r.assert_problem(422, "validation");
    assert_eq!(
        r.error_fields(),
        vec!["role"],
        "drivers only in courier orgs"
    );
    let r = app
        .post("/v1/users", Some(&shop_admin), json!({"email": "x@shop.test", "name": "X", "password": PASSWORD, "role": "staff", "org_id": speedy}))
        .await;
    r.assert_problem(404, "not-found");
    let r = app
        .post("/v1/users", Some(&speedy_admin), json!({"email": "dina@speedy.test", "name": "D", "password": PASSWORD, "role": "staff"}))
        .await;
    r.assert_problem(409, "conflict");

    // Staff and drivers cannot create users.
    let staff = app.token("sam@speedy.test").await;
    let r = app
        .post(
            "/v1/users",
            Some(&staff),
            json!({"email": "y@speedy.test", "name": "Y", "password": PASSWORD, "role": "staff"}),
        )
        .await;
    r.assert_problem(403, "forbidden");

    // The driver logs in and sees only themselves.
    let dina = app.token("dina@speedy.test").await;
    let me = app.get("/v1/me", Some(&dina)).await;
    assert_eq!(me.body["role"], "driver");
    assert_eq!(me.body["org"]["id"], speedy.as_str());
    assert_eq!(me.body["org"]["kind"], "courier");
    let list = app.get("/v1/users", Some(&dina)).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    // Staff see their colleagues; another org's admin gets 404 for them.
    assert_eq!(
        app.get(&format!("/v1/users/{driver}"), Some(&staff))
            .await
            .status,
        200
    );
    app.get(&format!("/v1/users/{driver}"), Some(&shop_admin))
        .await
        .assert_problem(404, "not-found");
    let r = app
        .get(&format!("/v1/users?org_id={shop}"), Some(&speedy_admin))
        .await;
    assert!(
        r.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["org_id"] == speedy.as_str()),
        "org_id filter is for platform admins"
    );

    // Pagination walks every user exactly once.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/users?limit=1&cursor={c}"),
            None => "/v1/users?limit=1".to_owned(),
        };
        let page = app.get(&path, Some(&speedy_admin)).await;
        assert_eq!(page.status, 200, "{}", page.body);
        for u in page.body["items"].as_array().unwrap() {
            seen.push(u["email"].as_str().unwrap().to_owned());
        }
        match page.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(
        seen,
        vec!["admin@speedy.test", "dina@speedy.test", "sam@speedy.test"]
    );
    assert!(!serde_json::to_string(&seen).unwrap().contains("argon2"));

    // Deactivation: the driver's access token and login stop working at once.
    app.delete(&format!("/v1/users/{driver}"), Some(&shop_admin))
        .await
        .assert_problem(404, "not-found");
    assert_eq!(
        app.delete(&format!("/v1/users/{driver}"), Some(&speedy_admin))
            .await
            .status,
        204
    );
    app.get("/v1/me", Some(&dina))
        .await
        .assert_problem(401, "unauthorized");
    app.login("dina@speedy.test", PASSWORD)
        .await
        .assert_problem(401, "unauthorized");
    let r = app
        .get(&format!("/v1/users/{driver}"), Some(&speedy_admin))
        .await;
    assert_eq!(r.body["disabled"], true);
}

#[tokio::test]
async fn api_keys_are_shown_once_hashed_and_revocable() {
    let app = TestApp::spawn().await;
    let root = app.platform_admin().await;
    let (shop, shop_admin) = app.org(&root, "marketplace", "shop").await;
    let (_, speedy_admin) = app.org(&root, "courier", "speedy").await;

    let created = app
        .post(
            "/v1/api-keys",
            Some(&shop_admin),
            json!({"name": "order sync"}),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let secret = created.body["secret"].as_str().unwrap().to_owned();
    let key_id = created.body["id"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("dsk_"));
    assert!(secret.starts_with(created.body["prefix"].as_str().unwrap()));
    assert!(created.body["last_used_at"].is_null());

    let me = app.get("/v1/me", Some(&secret)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body["kind"], "api_key");
    assert_eq!(me.body["id"], key_id.as_str());
    assert_eq!(me.body["org"]["id"], shop.as_str());

    let list = app.get("/v1/api-keys", Some(&shop_admin)).await;
    assert_eq!(list.status, 200);
    let listed = &list.body["items"][0];
    assert_eq!(listed["id"], key_id.as_str());
    assert!(listed.get("secret").is_none(), "the secret is shown once");
    assert!(listed["last_used_at"].is_string(), "use is recorded");
    assert!(!list.body.to_string().contains(&secret));

    // A key cannot mint keys or users; another org cannot see or revoke it.
    app.post("/v1/api-keys", Some(&secret), json!({"name": "x"}))
        .await
        .assert_problem(403, "forbidden");
    app.delete(&format!("/v1/api-keys/{key_id}"), Some(&speedy_admin))
        .await
        .assert_problem(404, "not-found");
    assert_eq!(
        app.get("/v1/api-keys", Some(&speedy_admin)).await.body["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    assert_eq!(
        app.delete(&format!("/v1/api-keys/{key_id}"), Some(&shop_admin))
            .await
            .status,
        204
    );
    app.get("/v1/me", Some(&secret))
        .await
        .assert_problem(401, "unauthorized");
    assert_eq!(
        app.delete(&format!("/v1/api-keys/{key_id}"), Some(&shop_admin))
            .await
            .status,
        204,
        "idempotent"
    );
    let list = app.get("/v1/api-keys", Some(&shop_admin)).await;
    assert!(list.body["items"][0]["revoked_at"].is_string());

    // Platform admins create keys for a named org.
    let r = app
        .post("/v1/api-keys", Some(&root), json!({"name": "ops"}))
        .await;
    r.assert_problem(422, "validation");
    let r = app
        .post(
            "/v1/api-keys",
            Some(&root),
            json!({"name": "ops", "org_id": shop}),
        )
        .await;
    assert_eq!(r.status, 201);
    app.post(
        "/v1/api-keys",
        Some(&root),
        json!({"name": "ops", "org_id": "org_nope"}),
    )
    .await
    .assert_problem(404, "not-found");
}
