use std::time::Duration;

use serde_json::json;

use crate::helpers::{PASSWORD, PLATFORM_EMAIL, TestApp, client_from};

#[tokio::test]
async fn login_me_and_bootstrap_refuses_a_second_admin() {
    let app = TestApp::spawn().await;
    let token = app.platform_admin().await;
    let me = app.get("/v1/me", Some(&token)).await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body["kind"], "user");
    assert_eq!(me.body["role"], "platform_admin");
    assert_eq!(me.body["email"], PLATFORM_EMAIL);
    assert!(me.body["org"].is_null());

    // E-mail is case-insensitive.
    let r = app.login("ROOT@Doorstep.test", PASSWORD).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["expires_in"], 900);
    assert!(r.body["refresh_token"].as_str().unwrap().starts_with("rt_"));

    let db = app.db.clone();
    let second = tokio::task::spawn_blocking(move || {
        doorstep::users::bootstrap::create_platform_admin(
            &db,
            "other@doorstep.test",
            "Other",
            PASSWORD,
        )
    })
    .await
    .unwrap();
    assert!(second.unwrap_err().to_string().contains("already exists"));
}

/// A first slow-down long enough that no test step outlasts it.
fn slow_first_delay(s: &mut doorstep::Settings) {
    s.login_throttle.first_delay = Duration::from_secs(60);
}

#[tokio::test]
async fn failed_logins_look_the_same_and_are_throttled() {
    let app = TestApp::spawn_with(slow_first_delay).await;
    app.platform_admin().await;
    let wrong = app.login(PLATFORM_EMAIL, "wrong password!!").await;
    wrong.assert_problem(401, "unauthorized");
    let unknown = app.login("nobody@doorstep.test", "wrong password!!").await;
    unknown.assert_problem(401, "unauthorized");
    assert_eq!(
        wrong.body["detail"], unknown.body["detail"],
        "no account enumeration"
    );

    // 5 failures for the account from this address (one done above), then this address is
    // slowed down for it: 429 with Retry-After, even for the right password.
    for _ in 0..4 {
        app.login(PLATFORM_EMAIL, "wrong password!!")
            .await
            .assert_problem(401, "unauthorized");
    }
    let blocked = app.login(PLATFORM_EMAIL, PASSWORD).await;
    blocked.assert_problem(429, "too-many-requests");
    let retry: u64 = blocked.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "retry-after {retry}");

    let missing = app
        .post("/v1/auth/login", None, json!({"email": "", "password": ""}))
        .await;
    missing.assert_problem(422, "validation");
    assert_eq!(missing.error_fields(), vec!["email", "password"]);
}

/// Security review: five wrong passwords from anyone used to lock the account's owner out,
/// renewably. Now the attacker's address is slowed down for that account, and the owner, from an
/// address that has not failed, logs in at once.
#[tokio::test]
async fn guesses_from_one_address_do_not_lock_the_owner_out() {
    let app = TestApp::spawn_with(slow_first_delay).await;
    app.platform_admin().await;
    let attacker = client_from([127, 0, 0, 2]);
    let owner = client_from([127, 0, 0, 3]);
    for n in 1..=10 {
        let r = app
            .login_with(&attacker, PLATFORM_EMAIL, "wrong password!!")
            .await;
        if n <= 5 {
            r.assert_problem(401, "unauthorized");
        } else {
            r.assert_problem(429, "too-many-requests");
            assert!(r.headers.contains_key("retry-after"));
        }
    }
    app.login_with(&attacker, PLATFORM_EMAIL, PASSWORD)
        .await
        .assert_problem(429, "too-many-requests");
    let r = app.login_with(&owner, PLATFORM_EMAIL, PASSWORD).await;
    assert_eq!(r.status, 200, "the owner gets through: {}", r.body);
    // The attacker is still slowed down after the owner's success.
    app.login_with(&attacker, PLATFORM_EMAIL, PASSWORD)
        .await
        .assert_problem(429, "too-many-requests");
}

/// Password checks beyond the gate's permits wait at most the queue timeout, then 503 with
/// `Retry-After: 1`; the refused attempts do not count as failed logins.
#[tokio::test]
async fn password_checks_beyond_the_permits_are_503_with_retry_after() {
    let app = TestApp::spawn_with(|s| {
        s.auth.max_concurrent_hashes = Some(1);
        s.auth.hash_queue_timeout = Duration::from_millis(1);
    })
    .await;
    let client = client_from([127, 0, 0, 4]);
    let burst = (0..12).map(|i| {
        let (app, client) = (&app, &client);
        async move {
            app.login_with(
                client,
                &format!("ghost{i}@doorstep.test"),
                "wrong password!!",
            )
            .await
        }
    });
    let replies = futures_util::future::join_all(burst).await;
    let mut overloaded = 0;
    for r in &replies {
        if r.status == 503 {
            r.assert_problem(503, "overloaded");
            assert_eq!(r.headers["retry-after"], "1");
            overloaded += 1;
        } else {
            r.assert_problem(401, "unauthorized");
        }
    }
    assert!(
        overloaded > 0,
        "one permit, 12 checks at once: some must be refused"
    );
    // 12 is under the address's limit of 20 either way; the 503s gave their counts back, so
    // 20 more failures from this address are still judged one by one.
    let answered = 12 - overloaded;
    for i in 0..(20 - answered) {
        app.login_with(
            &client,
            &format!("later{i}@doorstep.test"),
            "wrong password!!",
        )
        .await
        .assert_problem(401, "unauthorized");
    }
    // The address is over its budget: an account's first failure from it is still judged,
    // its next waits (a correct password of an account not failing there gets through).
    app.login_with(&client, "last@doorstep.test", "wrong password!!")
        .await
        .assert_problem(401, "unauthorized");
    app.login_with(&client, "last@doorstep.test", "wrong password!!")
        .await
        .assert_problem(429, "too-many-requests");
}

#[tokio::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app =
        TestApp::spawn_with(|s| s.auth.refresh_reuse_grace = Duration::from_millis(200)).await;
    app.platform_admin().await;
    let first = app.login(PLATFORM_EMAIL, PASSWORD).await;
    let rt1 = first.body["refresh_token"].as_str().unwrap().to_owned();

    let second = app
        .post("/v1/auth/refresh", None, json!({"refresh_token": rt1}))
        .await;
    assert_eq!(second.status, 200, "{}", second.body);
    let rt2 = second.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(rt1, rt2);
    let access = second.body["access_token"].as_str().unwrap();
    assert_eq!(app.get("/v1/me", Some(access)).await.status, 200);

    // A retry within the grace period (flaky network) still works.
    let retry = app
        .post("/v1/auth/refresh", None, json!({"refresh_token": rt1}))
        .await;
    assert_eq!(retry.status, 200, "grace reuse: {}", retry.body);

    // Later reuse of the rotated token is theft: 401 and the whole family is revoked.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let theft = app
        .post("/v1/auth/refresh", None, json!({"refresh_token": rt1}))
        .await;
    theft.assert_problem(401, "unauthorized");
    assert!(theft.body["detail"].as_str().unwrap().contains("revoked"));
    let after = app
        .post("/v1/auth/refresh", None, json!({"refresh_token": rt2}))
        .await;
    after.assert_problem(401, "unauthorized");

    let garbage = app
        .post(
            "/v1/auth/refresh",
            None,
            json!({"refresh_token": "rt_nope"}),
        )
        .await;
    garbage.assert_problem(401, "unauthorized");
}

#[tokio::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn().await;
    app.platform_admin().await;
    let r = app.login(PLATFORM_EMAIL, PASSWORD).await;
    let rt = r.body["refresh_token"].as_str().unwrap().to_owned();
    let out = app
        .post("/v1/auth/logout", None, json!({"refresh_token": rt}))
        .await;
    assert_eq!(out.status, 204);
    app.post("/v1/auth/refresh", None, json!({"refresh_token": rt}))
        .await
        .assert_problem(401, "unauthorized");
    let again = app
        .post("/v1/auth/logout", None, json!({"refresh_token": rt}))
        .await;
    assert_eq!(again.status, 204, "idempotent");
}

#[tokio::test]
async fn bad_credentials_are_401_problems() {
    let app = TestApp::spawn().await;
    let token = app.platform_admin().await;
    let none = app.get("/v1/me", None).await;
    none.assert_problem(401, "unauthorized");
    assert_eq!(none.headers["www-authenticate"], "Bearer");
    let mut tampered = token.clone();
    tampered.pop();
    tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
    app.get("/v1/me", Some(&tampered))
        .await
        .assert_problem(401, "unauthorized");
    app.get("/v1/me", Some("dsk_not_a_key"))
        .await
        .assert_problem(401, "unauthorized");
    // alg:none with the same claims.
    let claims = token.split('.').nth(1).unwrap();
    let none_alg = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{claims}.");
    app.get("/v1/me", Some(&none_alg))
        .await
        .assert_problem(401, "unauthorized");
    let res = app
        .client
        .get(format!("{}/v1/me", app.base))
        .header("Authorization", format!("Basic {token}"))
        .send()
        .await
        .unwrap();
    TestApp::reply(res)
        .await
        .assert_problem(401, "unauthorized");
    // A token signed with another secret (another deployment) is refused.
    let other = TestApp::spawn_with(|s| {
        s.auth.jwt_secret = Some(secrecy::SecretString::from("o".repeat(40)))
    })
    .await;
    other.platform_admin().await;
    let foreign = other.token(PLATFORM_EMAIL).await;
    app.get("/v1/me", Some(&foreign))
        .await
        .assert_problem(401, "unauthorized");
}

/// OWASP API2: tokens minted with the real secret but wrong claims or algorithm are refused; the
/// same minting with the right claims is accepted, so each refusal is about the claim changed.
#[tokio::test]
async fn forged_access_tokens_are_refused() {
    use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
    let app = TestApp::spawn().await;
    let token = app.platform_admin().await;
    let me = app.get("/v1/me", Some(&token)).await;
    let sub = me.body["id"].as_str().unwrap().to_owned();
    let key = EncodingKey::from_secret("t".repeat(40).as_bytes());
    let now = chrono::Utc::now().timestamp();
    let claims = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut c = serde_json::json!({"sub": sub, "iss": "doorstep", "aud": "doorstep-api",
            "iat": now, "nbf": now, "exp": now + 600, "jti": "j", "typ": "access"});
        change(&mut c);
        c
    };
    let mint = |alg: Algorithm, c: serde_json::Value| encode(&Header::new(alg), &c, &key).unwrap();

    let good = mint(Algorithm::HS256, claims(&|_| {}));
    assert_eq!(app.get("/v1/me", Some(&good)).await.status, 200);

    let forged = [
        (
            "wrong audience",
            mint(Algorithm::HS256, claims(&|c| c["aud"] = "other-api".into())),
        ),
        (
            "wrong issuer",
            mint(Algorithm::HS256, claims(&|c| c["iss"] = "evil".into())),
        ),
        (
            "expired",
            mint(
                Algorithm::HS256,
                claims(&|c| c["exp"] = (now - 3600).into()),
            ),
        ),
        (
            "not yet valid",
            mint(
                Algorithm::HS256,
                claims(&|c| c["nbf"] = (now + 3600).into()),
            ),
        ),
        (
            "not an access token",
            mint(Algorithm::HS256, claims(&|c| c["typ"] = "refresh".into())),
        ),
        (
            "no subject",
            mint(
                Algorithm::HS256,
                claims(&|c| {
                    c.as_object_mut().unwrap().remove("sub");
                }),
            ),
        ),
        (
            "unknown user",
            mint(
                Algorithm::HS256,
                claims(&|c| c["sub"] = "usr_nobody".into()),
            ),
        ),
        (
            "HS512 instead of HS256",
            mint(Algorithm::HS512, claims(&|_| {})),
        ),
    ];
    for (why, jwt) in forged {
        let r = app.get("/v1/me", Some(&jwt)).await;
        assert_eq!(r.status, 401, "{why}: {}", r.body);
        r.assert_problem(401, "unauthorized");
    }
    // HS/RS confusion: an RS256 header over an HMAC signature.
    let mut parts: Vec<String> = good.split('.').map(str::to_owned).collect();
    parts[0] = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9".to_owned();
    app.get("/v1/me", Some(&parts.join(".")))
        .await
        .assert_problem(401, "unauthorized");
}
