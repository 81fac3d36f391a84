//! Test harness: the real server on 127.0.0.1:0 against a fresh database — a temp SQLite
//! file, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set — driven over HTTP.

use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use doorstep::Settings;
use doorstep::db::Db;
use reqwest::{Method, StatusCode, header::HeaderMap};
use secrecy::SecretString;
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery staple";
pub const PLATFORM_EMAIL: &str = "root@doorstep.test";

pub struct TestApp {
    pub base: String,
    /// The dedicated metrics listener, when `metrics_bind` is set.
    metrics_base: Option<String>,
    settings: Settings,
    node: Node,
    pub client: reqwest::Client,
    pub db: Db,
    _tmp: Option<tempfile::TempDir>,
    _blobs: tempfile::TempDir,
    pg_drop: Option<(String, String)>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn content_type(&self) -> &str {
        self.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Assert an RFC 9457 problem with this status and type slug.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, type_: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(
            self.content_type(),
            "application/problem+json",
            "body: {}",
            self.body
        );
        assert_eq!(
            self.body["type"],
            format!("/problems/{type_}"),
            "body: {}",
            self.body
        );
        assert_eq!(self.body["status"], status);
        assert!(self.body["title"].is_string());
        assert!(
            self.body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "detail: {}",
            self.body
        );
    }

    /// Field names listed in a validation problem.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A client whose connections come from another loopback address (127.0.0.0/8 is all local on
/// Linux): the server takes the client address from the connection (there is no trusted-proxy
/// header), so this is how a test speaks from several addresses.
pub fn client_from(address: [u8; 4]) -> reqwest::Client {
    doorstep::install_crypto_provider();
    reqwest::Client::builder()
        .local_address(std::net::IpAddr::from(address))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

pub fn test_settings(database_url: &str) -> Settings {
    let mut s = Settings::new(database_url, SecretString::from("t".repeat(40)));
    s.http.bind = "127.0.0.1:0".to_owned();
    s.http.workers = Some(2);
    s.db.pool_size = 4;
    s.webhooks.allow_private = true;
    s.webhooks.poll = Duration::from_millis(50);
    s.webhooks.retry_base = Duration::from_millis(100);
    s
}

/// A fresh database URL: (url, temp dir to keep alive, PostgreSQL db to drop).
pub fn fresh_database() -> (String, Option<tempfile::TempDir>, Option<(String, String)>) {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if !admin_url.is_empty() => fresh_pg_database(admin_url),
        _ => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("test.db").display());
            (url, Some(dir), None)
        }
    }
}

/// A fresh database on the PostgreSQL server (or cluster: a multi-host URL) of `admin_url`.
pub fn fresh_pg_database(
    admin_url: String,
) -> (String, Option<tempfile::TempDir>, Option<(String, String)>) {
    {
        {
            let name = format!(
                "doorstep_test_{}",
                ulid::Ulid::new().to_string().to_lowercase()
            );
            let mut conn =
                PgConnection::establish(&admin_url).expect("TEST_DATABASE_URL reachable");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .expect("create test database");
            // Keep the query string (e.g. `?sslmode=disable`) on the new database's URL.
            let (url, query) = admin_url.split_once('?').unwrap_or((&admin_url, ""));
            let base = url.rsplit_once('/').map(|(b, _)| b).unwrap_or(url);
            let query = if query.is_empty() {
                String::new()
            } else {
                format!("?{query}")
            };
            (
                format!("{base}/{name}{query}"),
                None,
                Some((admin_url, name)),
            )
        }
    }
}

pub fn drop_pg_database(admin_url: &str, name: &str) {
    if let Ok(mut conn) = PgConnection::establish(admin_url) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut conn);
    }
}

/// A server running on a thread of its own (its own actix system and runtime, so that its
/// background tasks and blocking work live and end with it, not with the test's runtime).
struct Node {
    stopper: doorstep::server::http::Stopper,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    state: std::sync::Weak<doorstep::web::state::AppState>,
    jobs: doorstep::jobs::Jobs,
    port: u16,
    metrics_port: Option<u16>,
}

impl Node {
    async fn start(settings: Settings) -> Node {
        let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("test-server".to_owned())
            .spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let app = match doorstep::Application::build(settings).await {
                        Ok(app) => app,
                        Err(e) => {
                            let _ = ready_tx.send(Err(format!("{e:#}")));
                            return;
                        }
                    };
                    let stopper = app.stopper();
                    let _ = ready_tx.send(Ok((
                        app.stopper(),
                        app.state_probe(),
                        app.jobs(),
                        app.port(),
                        app.metrics_port(),
                    )));
                    let run = app.run();
                    tokio::pin!(run);
                    tokio::select! {
                        _ = &mut run => {}
                        _ = stop_rx => {
                            // The server future must keep running to carry out the stop.
                            let _ = futures_util::future::join(stopper.stop(), run).await;
                        }
                    }
                });
                // The system's runtime is dropped here, after waiting for its blocking work
                // (database calls of the dispatcher, the sender, the periodic jobs).
            })
            .expect("server thread");
        let (stopper, state, jobs, port, metrics_port) = ready_rx
            .await
            .expect("server thread answers")
            .expect("server builds");
        Node {
            stopper,
            stop: Some(stop_tx),
            thread: Some(thread),
            state,
            jobs,
            port,
            metrics_port,
        }
    }

    /// Stop the server, join its thread, and wait until its HTTP workers have dropped the
    /// shared state (database pools): nothing of it outlives the test. Without this, worker
    /// threads still held PostgreSQL connections while the test process exited.
    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while self.state.strong_count() > 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.node.shut_down();
        if let Some((admin, name)) = self.pg_drop.take() {
            drop_pg_database(&admin, &name);
        }
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
        Self::spawn_on(fresh_database(), configure).await
    }

    /// A server on the database `fresh` made (see [`fresh_database`], [`fresh_pg_database`]).
    pub async fn spawn_on(
        fresh: (String, Option<tempfile::TempDir>, Option<(String, String)>),
        configure: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let (database_url, tmp, pg_drop) = fresh;
        let mut settings = test_settings(&database_url);
        let blobs = tempfile::tempdir().expect("blob dir");
        settings.blobs.url = blobs.path().display().to_string();
        configure(&mut settings);
        let node = Node::start(settings.clone()).await;
        let db = Db::connect(&database_url, 1).expect("test db handle");
        TestApp {
            base: format!("http://127.0.0.1:{}", node.port),
            metrics_base: node.metrics_port.map(|p| format!("http://127.0.0.1:{p}")),
            settings,
            node,
            client: {
                doorstep::install_crypto_provider();
                reqwest::Client::builder()
                    .timeout(Duration::from_secs(30))
                    // Below the server's 5 s keep-alive: a connection idle that long is not
                    // reused just as the server closes it (hyper's IncompleteMessage).
                    .pool_idle_timeout(Duration::from_secs(3))
                    .build()
                    .expect("client")
            },
            db,
            _tmp: tmp,
            _blobs: blobs,
            pg_drop,
        }
    }

    /// Stop the server and its background tasks, then start a new one on the same database
    /// (a restart; the port changes).
    pub async fn restart(&mut self) {
        self.restart_with(|_| {}).await;
    }

    /// [`restart`](Self::restart) with changed settings (e.g. another secret key).
    pub async fn restart_with(&mut self, configure: impl FnOnce(&mut Settings)) {
        self.node.stopper.stop().await;
        self.node.shut_down();
        configure(&mut self.settings);
        self.node = Node::start(self.settings.clone()).await;
        self.base = format!("http://127.0.0.1:{}", self.node.port);
        self.metrics_base = self
            .node
            .metrics_port
            .map(|p| format!("http://127.0.0.1:{p}"));
    }

    /// Another server on the same database (and Redis, blob store, keys): a second node.
    /// Drop it before the first, which owns the database.
    pub async fn another_node(&self, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = self.settings.clone();
        configure(&mut settings);
        let node = Node::start(settings.clone()).await;
        TestApp {
            base: format!("http://127.0.0.1:{}", node.port),
            metrics_base: node.metrics_port.map(|p| format!("http://127.0.0.1:{p}")),
            db: Db::connect(&settings.db.url, 1).expect("test db handle"),
            settings,
            node,
            client: self.client.clone(),
            _tmp: None,
            _blobs: tempfile::tempdir().expect("blob dir"),
            pg_drop: None,
        }
    }

    /// Run the server's background jobs (webhooks, messages, pushes, purges, roots) until
    /// nothing is due or in flight: what a test awaits instead of sleeping.
    pub async fn run_jobs(&self) -> usize {
        self.node.jobs.run_until_empty().await
    }

    /// The settings the server runs with (database, blob directory, JWT secret).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Stop the server and its background tasks.
    pub async fn stop(&self) {
        self.node.stopper.stop().await;
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        Self::reply(req.send().await.expect("request sent")).await
    }

    pub async fn reply(res: reqwest::Response) -> Reply {
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body");
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Where `/metrics` is served: the metrics listener when there is one, else `base`.
    pub fn metrics_base(&self) -> &str {
        self.metrics_base.as_deref().unwrap_or(&self.base)
    }

    /// The server's `/metrics` text.
    pub async fn metrics(&self) -> String {
        let res = self
            .client
            .get(format!("{}/metrics", self.metrics_base()))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        res.text().await.unwrap()
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::GET, path, token, None).await
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Reply {
        self.request(Method::POST, path, token, Some(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::DELETE, path, token, None).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/v1/auth/login",
            None,
            json!({"email": email, "password": password}),
        )
        .await
    }

    /// Log in through `client` (e.g. one from [`client_from`], another client address).
    pub async fn login_with(&self, client: &reqwest::Client, email: &str, password: &str) -> Reply {
        let res = client
            .post(format!("{}/v1/auth/login", self.base))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .expect("request sent");
        Self::reply(res).await
    }

    pub async fn token(&self, email: &str) -> String {
        let r = self.login(email, PASSWORD).await;
        assert_eq!(r.status, 200, "login {email}: {}", r.body);
        r.body["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// Bootstrap the platform admin (as the CLI does) and log in.
    pub async fn platform_admin(&self) -> String {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            doorstep::users::bootstrap::create_platform_admin(&db, PLATFORM_EMAIL, "Root", PASSWORD)
        })
        .await
        .expect("join")
        .expect("bootstrap");
        self.token(PLATFORM_EMAIL).await
    }

    /// Create an org with an admin `admin@<slug>.test`; returns (org id, admin token).
    pub async fn org(&self, root: &str, kind: &str, slug: &str) -> (String, String) {
        let email = format!("admin@{slug}.test");
        let r = self
            .post(
                "/v1/orgs",
                Some(root),
                json!({"kind": kind, "name": format!("{slug} inc"),
                       "admin": {"email": email, "name": "Admin", "password": PASSWORD}}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let id = r.body["org"]["id"].as_str().expect("org id").to_owned();
        (id, self.token(&email).await)
    }

    /// Create a user in the caller's org; returns the user id.
    pub async fn user(&self, admin: &str, email: &str, role: &str) -> String {
        let r = self
            .post(
                "/v1/users",
                Some(admin),
                json!({"email": email, "name": "Someone", "password": PASSWORD, "role": role}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        r.body["id"].as_str().expect("user id").to_owned()
    }
}
