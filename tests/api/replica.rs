//! The read replica against a real streaming standby (`tests/replica/standby.sh`, its URL in
//! `TEST_REPLICA_URL`): reads go to it, a caller reads its own writes, a lagging or unreachable
//! standby leaves every read to the primary. Each test's database is made on the primary and
//! reaches the standby by replication. PostgreSQL only: the tests say so and pass on SQLite.

use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::Bool;
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::TestApp;

/// The tests pause the standby's replay, which every database on it shares: one at a time.
static STANDBY: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn on_postgres() -> bool {
    std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres"))
}

/// The standby's URL, when the tests run on PostgreSQL with one.
fn standby_url() -> Option<String> {
    let url = std::env::var("TEST_REPLICA_URL")
        .ok()
        .filter(|u| !u.is_empty());
    if url.is_none() || !on_postgres() {
        println!(
            "skipped: set TEST_DATABASE_URL (PostgreSQL) and TEST_REPLICA_URL \
             (bash tests/replica/standby.sh prints it) to run the read-replica tests"
        );
        return None;
    }
    url
}

/// `server`'s URL with the database of `primary_db_url`.
fn same_database_on(server: &str, primary_db_url: &str) -> String {
    let name = primary_db_url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .unwrap();
    let (url, query) = server.split_once('?').unwrap_or((server, ""));
    let base = url.rsplit_once('/').map(|(b, _)| b).unwrap_or(url);
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}

fn admin(url: &str) -> PgConnection {
    PgConnection::establish(url).expect("standby or primary reachable")
}

#[derive(QueryableByName)]
struct Flag {
    #[diesel(sql_type = Bool)]
    ok: bool,
}

fn flag(conn: &mut PgConnection, sql: &str) -> bool {
    diesel::sql_query(sql).get_result::<Flag>(conn).unwrap().ok
}

/// Pauses the standby's replay; resumes it when dropped, whatever the test did.
struct Paused(String);

impl Paused {
    async fn pause(standby: &str) -> Paused {
        let paused = Paused(standby.to_owned());
        let mut c = admin(standby);
        diesel::sql_query("SELECT pg_wal_replay_pause()")
            .execute(&mut c)
            .unwrap();
        for _ in 0..100 {
            if flag(
                &mut c,
                "SELECT pg_get_wal_replay_pause_state() = 'paused' AS ok",
            ) {
                return paused;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("replay did not pause");
    }
}

impl Drop for Paused {
    fn drop(&mut self) {
        if let Ok(mut c) = PgConnection::establish(&self.0) {
            let _ = diesel::sql_query("SELECT pg_wal_replay_resume()").execute(&mut c);
        }
    }
}

fn resume(standby: &str) {
    let mut c = admin(standby);
    diesel::sql_query("SELECT pg_wal_replay_resume() WHERE pg_is_wal_replay_paused()")
        .execute(&mut c)
        .unwrap();
}

/// Wait until the standby replayed everything the primary has written so far, and the
/// server's lag monitor counts it usable.
async fn caught_up(app: &TestApp, standby: &str) {
    let primary_admin = std::env::var("TEST_DATABASE_URL").unwrap();
    let lsn: String = {
        #[derive(QueryableByName)]
        struct Lsn {
            #[diesel(sql_type = diesel::sql_types::Text)]
            lsn: String,
        }
        diesel::sql_query("SELECT pg_current_wal_lsn()::text AS lsn")
            .get_result::<Lsn>(&mut admin(&primary_admin))
            .unwrap()
            .lsn
    };
    let mut c = admin(standby);
    let sql = format!("SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn AS ok");
    for _ in 0..200 {
        if flag(&mut c, &sql) && usable(app).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the standby did not catch up (or the server does not use it)");
}

async fn usable(app: &TestApp) -> bool {
    app.metrics()
        .await
        .lines()
        .any(|l| l == "doorstep_db_replica_usable 1")
}

/// `doorstep_db_reads_total{pool=…}` now.
pub async fn reads(app: &TestApp, pool: &str) -> u64 {
    let label = format!(r#"doorstep_db_reads_total{{pool="{pool}"}} "#);
    app.metrics()
        .await
        .lines()
        .find_map(|l| l.strip_prefix(&label)?.parse().ok())
        .unwrap_or(0)
}

/// The world with the standby as the read replica, caught up; returns (world, standby URL of
/// its database).
async fn world_on(standby: &str, max_lag: Duration) -> (World, String) {
    let mut replica = String::new();
    let w = world_with(|s| {
        replica = same_database_on(standby, &s.db.url);
        s.db.read_url = Some(replica.clone());
        s.db.read_max_lag = max_lag;
    })
    .await;
    caught_up(&w.app, &replica).await;
    (w, replica)
}

fn order(w: &World, reference: &str) -> serde_json::Value {
    let mut s = tv(w);
    s["reference"] = json!(reference);
    s
}

/// Reads are served by the standby; with its replay paused another caller does not see a new
/// shipment yet while its writer does (read-your-writes), and sees it once replay resumes.
#[tokio::test]
async fn reads_go_to_the_replica_and_a_writer_reads_its_own_writes() {
    let Some(standby) = standby_url() else { return };
    let _one = STANDBY.lock().await;
    resume(&standby);
    let (w, replica) = world_on(&standby, Duration::from_secs(30)).await;
    let app = &w.app;
    // Another credential of the same marketplace, which never wrote.
    let reader = app.token("admin@shop.test").await;
    caught_up(app, &replica).await;

    let before = reads(app, "replica").await;
    let r = app.get("/v1/shipments", Some(&reader)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let k = app.get("/v1/kpis", Some(&reader)).await;
    assert_eq!(k.status, 200, "{}", k.body);
    assert!(
        reads(app, "replica").await >= before + 2,
        "the list and the KPIs were read on the replica"
    );

    let paused = Paused::pause(&replica).await;
    let created = app
        .post("/v1/shipments", Some(&w.shop_key), order(&w, "RYW-1"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let token = created.body["tracking"]["token"]
        .as_str()
        .unwrap()
        .to_owned();

    let own = app
        .get(&format!("/v1/shipments/{id}"), Some(&w.shop_key))
        .await;
    assert_eq!(
        own.status, 200,
        "the writer reads its own write: {}",
        own.body
    );

    let before = reads(app, "replica").await;
    app.get(&format!("/v1/shipments/{id}"), Some(&reader))
        .await
        .assert_problem(404, "not-found");
    let list = app.get("/v1/shipments", Some(&reader)).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(
        !list.body.to_string().contains(&id),
        "not replayed yet: {}",
        list.body
    );
    // The customer is another caller too.
    let track = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(track.status, 404, "{}", track.body);
    assert_eq!(
        reads(app, "replica").await,
        before + 3,
        "the other callers' reads went to the lagging replica"
    );

    drop(paused);
    let mut seen = false;
    for _ in 0..100 {
        let r = app.get(&format!("/v1/shipments/{id}"), Some(&reader)).await;
        if r.status == 200 {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        seen,
        "after replay resumes the other caller sees the shipment"
    );
    let track = app.get(&format!("/v1/track/{token}"), None).await;
    assert_eq!(track.status, 200, "{}", track.body);
}

/// A standby whose replay stopped for longer than the bound is not read: every caller gets
/// the primary's fresh data, until it catches up again.
#[tokio::test]
async fn a_replica_lagging_past_the_bound_leaves_reads_to_the_primary() {
    let Some(standby) = standby_url() else { return };
    let _one = STANDBY.lock().await;
    resume(&standby);
    let bound = Duration::from_millis(1000);
    let (w, replica) = world_on(&standby, bound).await;
    let app = &w.app;
    let reader = app.token("admin@shop.test").await;
    caught_up(app, &replica).await;

    let paused = Paused::pause(&replica).await;
    let created = app
        .post("/v1/shipments", Some(&w.shop_key), order(&w, "LAG-1"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    // Past the bound, and a check of the monitor later.
    tokio::time::sleep(bound + Duration::from_millis(1500)).await;
    assert!(!usable(app).await, "the lagging replica is out");

    let (replica0, primary0) = (reads(app, "replica").await, reads(app, "primary").await);
    let r = app.get(&format!("/v1/shipments/{id}"), Some(&reader)).await;
    assert_eq!(r.status, 200, "fresh from the primary: {}", r.body);
    let k = app.get("/v1/kpis", Some(&reader)).await;
    assert_eq!(k.status, 200, "{}", k.body);
    assert_eq!(
        reads(app, "replica").await,
        replica0,
        "nothing read the replica"
    );
    assert!(reads(app, "primary").await >= primary0 + 2);

    drop(paused);
    caught_up(app, &replica).await;
    let replica1 = reads(app, "replica").await;
    let r = app.get(&format!("/v1/shipments/{id}"), Some(&reader)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        reads(app, "replica").await,
        replica1 + 1,
        "back on the replica once it caught up"
    );
}

/// A replica URL nobody answers: the server starts, and everything works from the primary.
#[tokio::test]
async fn an_unreachable_replica_leaves_everything_to_the_primary() {
    if !on_postgres() {
        println!("skipped: the read replica is PostgreSQL only (set TEST_DATABASE_URL)");
        return;
    }
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let w = world_with(|s| {
        s.db.read_url = Some(format!(
            "postgres://postgres@127.0.0.1:{closed}/doorstep?sslmode=disable"
        ));
    })
    .await;
    let app = &w.app;
    let reader = app.token("admin@shop.test").await;
    let created = app
        .post("/v1/shipments", Some(&w.shop_key), order(&w, "DOWN-1"))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap();
    let token = created.body["tracking"]["token"].as_str().unwrap();
    let r = app.get(&format!("/v1/shipments/{id}"), Some(&reader)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let list = app.get("/v1/shipments", Some(&reader)).await;
    assert!(list.body.to_string().contains(id), "{}", list.body);
    assert_eq!(app.get("/v1/kpis", Some(&reader)).await.status, 200);
    assert_eq!(
        app.get(&format!("/v1/track/{token}"), None).await.status,
        200
    );
    assert_eq!(app.get("/readyz", None).await.status, 200);
    assert_eq!(reads(app, "replica").await, 0);
    assert!(reads(app, "primary").await >= 4);
    assert!(!usable(app).await);
}
