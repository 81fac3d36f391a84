//! Photos in an S3 bucket, against a real S3-protocol server (moto in server mode, started by
//! the test): one node stores, another on the same database and bucket serves, the customer's
//! copy has no EXIF, and retention leaves no one the photo's position.

use std::time::Duration;

use chrono::Utc;
use doorstep::config::S3Settings;
use secrecy::SecretString;
use serde_json::json;

use crate::fixtures::*;
use crate::helpers::TestApp;

const BUCKET: &str = "doorstep-evidence";

/// moto's S3 on a free port; killed on drop.
struct Moto {
    endpoint: String,
    child: std::process::Child,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Moto {
    async fn start() -> Moto {
        doorstep::install_crypto_provider();
        let port = crate::fixtures::free_port();
        let child = std::process::Command::new("python3")
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 -m moto.server (pip install 'moto[server]')");
        let moto = Moto {
            endpoint: format!("http://127.0.0.1:{port}"),
            child,
        };
        let client = reqwest::Client::new();
        for _ in 0..300 {
            if client.get(&moto.endpoint).send().await.is_ok() {
                return moto;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("moto did not start on port {port}");
    }

    /// moto takes an unsigned bucket creation (object_store cannot create buckets).
    async fn create_bucket(&self, name: &str) {
        let r = reqwest::Client::new()
            .put(format!("{}/{name}", self.endpoint))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "bucket: {}", r.status());
    }

    /// The keys under `prefix` (an unsigned ListObjectsV2, which moto answers).
    async fn keys(&self, prefix: &str) -> Vec<String> {
        let xml = reqwest::Client::new()
            .get(format!(
                "{}/{BUCKET}?list-type=2&prefix={prefix}",
                self.endpoint
            ))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        xml.split("<Key>")
            .skip(1)
            .filter_map(|s| s.split("</Key>").next())
            .map(str::to_owned)
            .collect()
    }

    fn settings(&self, s: &mut doorstep::Settings) {
        s.blobs.url = format!("s3://{BUCKET}/evidence");
        s.blobs.s3 = S3Settings {
            endpoint: Some(self.endpoint.clone()),
            region: Some("eu-west-3".to_owned()),
            allow_http: true,
            access_key_id: Some("doorstep-test".to_owned()),
            secret_access_key: Some(SecretString::from("doorstep-test-secret".to_owned())),
        };
    }
}

async fn fetch(app: &TestApp, path: &str, token: Option<&str>) -> (u16, Vec<u8>) {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn photos_in_a_bucket_are_served_by_every_node_and_erased_positions_stay_erased() {
    use diesel::prelude::*;
    use doorstep::db::schema::{photos, shipments};

    let s3 = Moto::start().await;
    s3.create_bucket(BUCKET).await;
    let w = world_with(|s| s3.settings(s)).await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "dina@speedy.test").await;
    let (id, token) = out_now(&w, "S3-1", &d).await;
    let now = Utc::now();
    let r = attempt(
        app,
        &d,
        &id,
        "s3-delivered",
        json!({"outcome": "delivered", "placement": "handed_to_recipient", "gps": gps(now),
            "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let attempt_id = r.body["id"].as_str().unwrap().to_owned();
    let photo = jpeg(640, 480, Some((now, HOME)));
    assert!(doorstep::attempts::picture::exif_facts(&photo).1.is_some());
    let up = upload(
        app,
        &d.token,
        &attempt_id,
        "placement",
        photo.clone(),
        "image/jpeg",
    )
    .await;
    assert_eq!(up.status, 201, "{}", up.body);
    let photo_id = up.body["id"].as_str().unwrap().to_owned();

    // A second node: same database, same bucket, nothing on disk in common. It only serves
    // here: on SQLite two processes writing one file race (a deferred transaction that read
    // before another process committed fails), so its webhook dispatcher idles, and it starts
    // once the first node's dispatcher has caught up with the events written so far.
    app.run_jobs().await;
    let other = app
        .another_node(|s| s.webhooks.poll = Duration::from_secs(3600))
        .await;
    other.run_jobs().await;

    // In the bucket, under the URL's prefix: the original and the copy without metadata.
    let keys = s3.keys("evidence/").await;
    let original_key = format!("evidence/photos/{id}/{photo_id}");
    assert!(keys.contains(&original_key), "{keys:?}");
    assert!(keys.contains(&format!("{original_key}.copy")), "{keys:?}");
    assert_eq!(keys.len(), 2, "{keys:?}");

    // The other node serves it: the original to the marketplace, byte for byte ...
    let (status, got) = fetch(&other, &format!("/v1/photos/{photo_id}"), Some(&w.shop_key)).await;
    assert_eq!(status, 200);
    assert_eq!(got, photo, "the original, from the bucket");
    // ... and the customer's copy, without EXIF.
    let (status, copy) = fetch(
        &other,
        &format!("/v1/track/{token}/photos/{photo_id}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        doorstep::attempts::picture::exif_facts(&copy),
        (None, None),
        "the customer's copy has no EXIF"
    );
    assert_eq!(
        doorstep::attempts::picture::sniff(&copy, 50_000_000).unwrap(),
        ("image/jpeg", 640, 480)
    );
    let meta = other
        .get(
            &format!("/v1/attempts/{attempt_id}"),
            Some(&w.courier_admin),
        )
        .await;
    assert_eq!(
        meta.body["photos"][0]["id"],
        photo_id.as_str(),
        "{}",
        meta.body
    );
    assert_eq!(meta.body["photos"][0]["sha256"], up.body["sha256"]);

    // Retention: the position goes from the photo's row, and no party is served the original
    // (its EXIF holds the customer's address) by either node.
    {
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipments::table.find(&id))
            .set(
                shipments::contact_erase_after
                    .eq(Utc::now().naive_utc() - chrono::Duration::seconds(1)),
            )
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        1
    );
    let position: (Option<f64>, Option<f64>) = photos::table
        .find(&photo_id)
        .select((photos::exif_lat, photos::exif_lon))
        .first(&mut *app.db.get_write().unwrap())
        .unwrap();
    assert_eq!(position, (None, None), "the row keeps no position");
    for node in [app, &other] {
        let (status, served) =
            fetch(node, &format!("/v1/photos/{photo_id}"), Some(&w.shop_key)).await;
        assert_eq!(status, 200);
        assert_ne!(served, photo, "not the original after retention");
        assert_eq!(
            doorstep::attempts::picture::exif_facts(&served).1,
            None,
            "no EXIF position after retention"
        );
    }
    drop(other);
}
