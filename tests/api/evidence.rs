//! Evidence nobody can rewrite: the hash-chained timeline, signed roots, the exported bundle
//! checked by the API and offline by `doorstep verify`, tampering in the database and the blob
//! store found, and erasure after retention keeping the bundle verifiable.

use std::process::{Command, Output};

use chrono::{Duration, Utc};
use diesel::prelude::*;
use doorstep::db::schema::{photos, shipment_events, shipments};
use serde_json::{Value, json};

use crate::fixtures::*;
use crate::helpers::{PLATFORM_EMAIL, TestApp};

/// The binary cargo built for these tests; `DOORSTEP_TEST_BIN` names another build of it (when
/// parallel work trees share a target directory, the built one may be replaced mid-run).
fn verify(file: &std::path::Path, args: &[&str]) -> Output {
    let bin = std::env::var_os("DOORSTEP_TEST_BIN")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_doorstep").into());
    Command::new(bin)
        .arg("verify")
        .arg(file)
        .args(args)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// An edit of an exported bundle, named.
type Edit = (&'static str, fn(&mut Value));

/// Each edit of bundle `b`, written to `file` and checked by the real `doorstep verify` under
/// `key`: every one refused; what verify said of each.
fn refused(
    file: &std::path::Path,
    key: &str,
    b: &Value,
    edits: &[Edit],
) -> Vec<(&'static str, String)> {
    edits
        .iter()
        .map(|(what, edit)| {
            let mut t = b.clone();
            edit(&mut t);
            std::fs::write(file, serde_json::to_vec(&t).unwrap()).unwrap();
            let out = verify(file, &["--key", key]);
            assert!(!out.status.success(), "{what}: {}", text(&out));
            (*what, text(&out))
        })
        .collect()
}

async fn bundle(app: &TestApp, id: &str, who: &str) -> Value {
    let r = app
        .get(&format!("/v1/shipments/{id}/evidence"), Some(who))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

async fn sign(app: &TestApp) -> Value {
    let root = app.token(PLATFORM_EMAIL).await;
    let r = app.post("/v1/evidence/roots", Some(&root), json!({})).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn public_key(app: &TestApp) -> String {
    let r = app.get("/.well-known/doorstep-keys.json", None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let keys = r.body["keys"].as_array().unwrap();
    let current: Vec<&Value> = keys.iter().filter(|k| k["current"] == true).collect();
    assert_eq!(current.len(), 1, "{}", r.body);
    assert_eq!(current[0]["algorithm"], "Ed25519");
    current[0]["public_key"].as_str().unwrap().to_owned()
}

/// A shipment out for delivery with a failed attempt and a photo of the door: (shipment id,
/// attempt id, photo id).
async fn with_photo(w: &World, reference: &str, d: &Driver) -> (String, String, String) {
    let (id, _) = out_now(w, reference, d).await;
    let now = Utc::now();
    let r = attempt(
        &w.app,
        d,
        &id,
        &format!("a-{reference}"),
        json!({"outcome": "failed", "failure_reason": "recipient_absent", "gps": gps(now),
            "intercom_note": "Rang MARTIN twice", "occurred_at": now}),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let attempt_id = r.body["id"].as_str().unwrap().to_owned();
    let p = upload(
        &w.app,
        &d.token,
        &attempt_id,
        "door",
        jpeg(320, 240, None),
        "image/jpeg",
    )
    .await;
    assert_eq!(p.status, 201, "{}", p.body);
    (id, attempt_id, p.body["id"].as_str().unwrap().to_owned())
}

fn event_of<'a>(b: &'a Value, kind: &str) -> &'a Value {
    b["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} event in {b}"))
}

#[tokio::test]
async fn a_bundle_verifies_offline_and_every_tampering_is_found() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "ev@speedy.test").await;
    let (id, attempt_id, photo_id) = with_photo(&w, "EV-1", &d).await;

    // Unsigned yet: the bundle says so, and verify refuses it unless told.
    let b = bundle(app, &id, &w.shop_key).await;
    assert_eq!(b["chain_valid"], true, "{b}");
    assert!(b["root"].is_null());
    assert!(b["root_note"].as_str().unwrap().contains("no signed root"));
    let dir = tempfile::tempdir().unwrap();
    let unsigned = dir.path().join("unsigned.json");
    std::fs::write(&unsigned, serde_json::to_vec(&b).unwrap()).unwrap();
    let key = public_key(app).await;
    assert!(!verify(&unsigned, &["--key", &key]).status.success());
    assert!(
        verify(&unsigned, &["--key", &key, "--allow-unsigned"])
            .status
            .success()
    );

    // The chain: every event numbered and hashed, the head on the shipment, photo hashes in it.
    let root = sign(app).await;
    assert!(root["leaf_count"].as_i64().unwrap() >= 1);
    let b = bundle(app, &id, &w.shop_key).await;
    assert_eq!(b["chain_valid"], true, "{b}");
    assert!(b["first_bad_event"].is_null());
    let events = b["events"].as_array().unwrap();
    assert_eq!(events[0]["kind"], "shipment.created");
    for (i, e) in events.iter().enumerate() {
        assert_eq!(e["seq"], i as i64 + 1);
        assert_eq!(e["hash"].as_str().unwrap().len(), 64);
    }
    assert_eq!(b["chain"]["length"], events.len());
    assert_eq!(b["chain"]["head"], events.last().unwrap()["hash"]);
    // Contact data is chained as a salted digest, never as values.
    let created = event_of(&b, "shipment.created");
    assert_eq!(
        created["data"]["contact_digest"].as_str().unwrap().len(),
        64
    );
    assert!(!b["events"].to_string().contains("Camille"));
    assert!(!b["events"].to_string().contains("MARTIN"));
    let added = event_of(&b, "attempt.photo_added");
    assert_eq!(b["photos"][0]["id"], photo_id.as_str());
    assert_eq!(b["photos"][0]["sha256"], added["data"]["sha256"]);
    assert_eq!(b["photos"][0]["stored_bytes_match"], true);
    assert_eq!(b["attempts"][0]["id"], attempt_id.as_str());
    assert!(b["attempts"][0]["flags"].is_array());
    assert_eq!(b["root"]["root"]["id"], root["id"]);
    assert_eq!(b["root"]["chain_len"], b["chain"]["length"]);
    assert_eq!(b["root"]["unsigned_events"], 0);

    // Offline, with only the public key from the well-known route.
    let file = dir.path().join("bundle.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&b).unwrap()).unwrap();
    let out = verify(&file, &["--key", &key]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("events recomputed from genesis"), "{said}");
    assert!(said.contains("Ed25519 signature"), "{said}");
    assert!(said.contains("inclusion"), "{said}");
    // The keys document works too; another key does not.
    let keys_file = dir.path().join("keys.json");
    let doc = app.get("/.well-known/doorstep-keys.json", None).await.body;
    std::fs::write(&keys_file, doc.to_string()).unwrap();
    assert!(
        verify(&file, &["--keys", keys_file.to_str().unwrap()])
            .status
            .success()
    );
    let stranger = "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=";
    let out = verify(&file, &["--key", stranger]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("not among the keys given"),
        "{}",
        text(&out)
    );

    // A bundle edited after export fails: its event, or its hashes recomputed to match.
    let mut edited = b.clone();
    edited["events"][1]["data"]["note"] = json!("added later");
    std::fs::write(&file, serde_json::to_vec(&edited).unwrap()).unwrap();
    let out = verify(&file, &["--key", &key]);
    assert!(!out.status.success());
    assert!(text(&out).contains("event 2"), "{}", text(&out));

    // The zip: bundle.json and the original photo, hashed offline.
    let res = app
        .client
        .get(format!(
            "{}/v1/shipments/{id}/evidence?photos=true",
            app.base
        ))
        .bearer_auth(&w.shop_key)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/zip");
    let zip = dir.path().join("bundle.zip");
    std::fs::write(&zip, res.bytes().await.unwrap()).unwrap();
    let out = verify(&zip, &["--key", &key]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("file photos/{photo_id} hashes")),
        "{}",
        text(&out)
    );

    // Others' shipments are not found; roots are signed by platform admins only.
    let r = app
        .get(
            &format!("/v1/shipments/{id}/evidence"),
            Some(&w.other_shop_admin),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .post("/v1/evidence/roots", Some(&w.shop_key), json!({}))
        .await;
    assert_eq!(r.status, 403);
    let r = app
        .get("/v1/evidence/roots?limit=1", Some(&w.shop_key))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["items"][0]["id"], root["id"]);

    // 1. An event row edited in the database.
    let recorded = event_of(&b, "attempt.recorded").clone();
    let recorded_id = recorded["id"].as_str().unwrap().to_owned();
    let original: String = {
        let mut c = app.db.get_write().unwrap();
        let data: String = shipment_events::table
            .find(&recorded_id)
            .select(shipment_events::data)
            .first(&mut *c)
            .unwrap();
        let forged = data.replace("\"failed\"", "\"delivered\"");
        assert_ne!(forged, data);
        diesel::update(shipment_events::table.find(&recorded_id))
            .set(shipment_events::data.eq(forged))
            .execute(&mut *c)
            .unwrap();
        data
    };
    let t = bundle(app, &id, &w.shop_key).await;
    assert_eq!(t["chain_valid"], false, "{t}");
    assert_eq!(t["first_bad_event"]["event_id"], recorded_id.as_str());
    assert_eq!(t["first_bad_event"]["seq"], recorded["seq"]);
    std::fs::write(&file, serde_json::to_vec(&t).unwrap()).unwrap();
    assert!(!verify(&file, &["--key", &key]).status.success());
    {
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipment_events::table.find(&recorded_id))
            .set(shipment_events::data.eq(&original))
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(bundle(app, &id, &w.shop_key).await["chain_valid"], true);

    // 2. A photo's bytes swapped in the blob store.
    let key_path: String = {
        let mut c = app.db.get_write().unwrap();
        photos::table
            .find(&photo_id)
            .select(photos::object_key)
            .first(&mut *c)
            .unwrap()
    };
    let path = std::path::Path::new(&app.settings().blobs.url).join(&key_path);
    let kept = std::fs::read(&path).unwrap();
    std::fs::write(&path, jpeg(320, 240, Some((Utc::now(), HOME)))).unwrap();
    let t = bundle(app, &id, &w.shop_key).await;
    assert_eq!(t["chain_valid"], false, "{t}");
    assert_eq!(t["first_bad_event"]["event_id"], added["id"]);
    assert_eq!(t["photos"][0]["stored_bytes_match"], false);
    std::fs::write(&file, serde_json::to_vec(&t).unwrap()).unwrap();
    assert!(!verify(&file, &["--key", &key]).status.success());
    std::fs::write(&path, kept).unwrap();
    assert_eq!(bundle(app, &id, &w.shop_key).await["chain_valid"], true);

    // 3. An event row deleted: the one after it is the first bad event.
    let gone = &events[2];
    let after = &events[3];
    {
        let mut c = app.db.get_write().unwrap();
        let n = diesel::delete(shipment_events::table.find(gone["id"].as_str().unwrap()))
            .execute(&mut *c)
            .unwrap();
        assert_eq!(n, 1);
    }
    let t = bundle(app, &id, &w.shop_key).await;
    assert_eq!(t["chain_valid"], false, "{t}");
    assert_eq!(t["first_bad_event"]["seq"], gone["seq"]);
    assert_eq!(t["first_bad_event"]["event_id"], after["id"]);
    assert!(
        t["first_bad_event"]["reason"]
            .as_str()
            .unwrap()
            .contains("missing")
    );
    std::fs::write(&file, serde_json::to_vec(&t).unwrap()).unwrap();
    assert!(!verify(&file, &["--key", &key]).status.success());
}

#[tokio::test]
async fn a_rewritten_chain_with_fresh_hashes_still_fails_against_the_signed_root() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "ev2@speedy.test").await;
    let (id, _) = out_now(&w, "EV-2", &d).await;
    sign(app).await;
    let b = bundle(app, &id, &w.shop_key).await;
    assert_eq!(b["chain_valid"], true, "{b}");
    // Someone with database access rewrites the first event and recomputes every hash and the
    // head: the chain is self-consistent again, but not the one the root signed.
    let shipment_id = id.clone();
    let mut events: Vec<doorstep::evidence::rules::ChainEvent> =
        serde_json::from_value(b["events"].clone()).unwrap();
    events[0].data["reference"] = json!("FORGED");
    let mut prev = doorstep::evidence::rules::genesis(&shipment_id);
    {
        let mut c = app.db.get_write().unwrap();
        for e in &events {
            let h = doorstep::evidence::rules::chain_hash(&prev, &shipment_id, e.seq.unwrap(), e);
            diesel::update(shipment_events::table.find(&e.id))
                .set((
                    shipment_events::data.eq(e.data.to_string()),
                    shipment_events::hash.eq(doorstep::evidence::rules::to_hex(&h)),
                ))
                .execute(&mut *c)
                .unwrap();
            prev = h;
        }
        diesel::update(shipments::table.find(&shipment_id))
            .set(shipments::chain_head.eq(doorstep::evidence::rules::to_hex(&prev)))
            .execute(&mut *c)
            .unwrap();
    }
    let t = bundle(app, &id, &w.shop_key).await;
    assert_eq!(t["chain_valid"], false, "{t}");
    assert!(
        t["first_bad_event"]["reason"]
            .as_str()
            .unwrap()
            .contains("signed in root"),
        "{t}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    std::fs::write(&file, serde_json::to_vec(&t).unwrap()).unwrap();
    let out = verify(&file, &["--key", &public_key(app).await]);
    assert!(!out.status.success());
    assert!(text(&out).contains("signed head"), "{}", text(&out));
}

#[tokio::test]
async fn after_retention_erasure_the_bundle_still_verifies() {
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "ev3@speedy.test").await;
    let (id, _, _) = with_photo(&w, "EV-3", &d).await;
    deliver(app, &d, &id, Utc::now()).await;
    sign(app).await;
    let before = bundle(app, &id, &w.shop_key).await;
    assert_eq!(before["chain_valid"], true, "{before}");
    {
        let mut c = app.db.get_write().unwrap();
        diesel::update(shipments::table.find(&id))
            .set(shipments::contact_erase_after.eq(Utc::now().naive_utc() - Duration::seconds(1)))
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(
        doorstep::contacts::purge::purge_due(&app.db, &app.settings().clock).unwrap(),
        1
    );
    {
        let mut c = app.db.get_write().unwrap();
        let salt: Option<String> = shipments::table
            .find(&id)
            .select(shipments::evidence_salt)
            .first(&mut *c)
            .unwrap();
        assert!(salt.is_none(), "the salt goes with the contact data");
    }
    // The erasure is itself chained; the next root covers it.
    let after = bundle(app, &id, &w.shop_key).await;
    assert_eq!(after["chain_valid"], true, "{after}");
    assert_eq!(after["root"]["unsigned_events"], 1);
    assert_eq!(
        after["events"].as_array().unwrap().last().unwrap()["kind"],
        "contact.erased"
    );
    assert!(
        after["attempts"][0]["gps"].is_null(),
        "{}",
        after["attempts"]
    );
    // The digests chained before erasure are still in the events.
    assert_eq!(
        event_of(&after, "shipment.created")["data"]["contact_digest"],
        event_of(&before, "shipment.created")["data"]["contact_digest"]
    );
    sign(app).await;
    let signed = bundle(app, &id, &w.shop_key).await;
    assert_eq!(signed["chain_valid"], true, "{signed}");
    assert_eq!(signed["root"]["unsigned_events"], 0);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    std::fs::write(&file, serde_json::to_vec(&signed).unwrap()).unwrap();
    let out = verify(&file, &["--key", &public_key(app).await]);
    assert!(out.status.success(), "{}", text(&out));
}

/// Issue 24: the attempt as judged is in the chain. Every edit of a fact a verdict or a KPI
/// rests on — in the exported bundle or in the database — is found, by `doorstep verify` and
/// by the server's `chain_valid`, naming the record.
#[tokio::test]
async fn every_fact_of_an_attempt_is_covered_by_the_chain() {
    use doorstep::db::schema::delivery_attempts;
    let w = world().await;
    let app = &w.app;
    let d = driver(&w, &w.courier_admin, "ev4@speedy.test").await;
    let (id, attempt_id, photo_id) = with_photo(&w, "EV-4", &d).await;
    sign(app).await;
    let key = public_key(app).await;
    let b = bundle(app, &id, &w.shop_key).await;
    assert_eq!(b["chain_valid"], true, "{b}");
    let recorded = event_of(&b, "attempt.recorded");
    assert_eq!(
        recorded["data"]["judged"]["outcome"], "failed",
        "{recorded}"
    );
    assert!(
        !recorded.to_string().contains("MARTIN"),
        "typed text only as a digest"
    );
    assert_eq!(
        b["attempt_salts"][&attempt_id].as_str().unwrap().len(),
        64,
        "the marketplace sees the fields: it gets the salt"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    std::fs::write(&file, serde_json::to_vec(&b).unwrap()).unwrap();
    let out = verify(&file, &["--key", &key]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("GPS fix included"), "{}", text(&out));

    let edits: [Edit; 10] = [
        ("flags cleared, verified", |b| {
            b["attempts"][0]["flags"] = json!([]);
            b["attempts"][0]["verified"] = json!(true);
        }),
        ("occurred_at moved", |b| {
            b["attempts"][0]["occurred_at"] = json!("2026-01-01T10:00:00Z");
        }),
        ("failed turned delivered", |b| {
            b["attempts"][0]["outcome"] = json!("delivered");
            b["attempts"][0]["failure_reason"] = Value::Null;
        }),
        ("GPS moved 2 km", |b| {
            let lat = b["attempts"][0]["gps"]["lat"].as_f64().unwrap();
            b["attempts"][0]["gps"]["lat"] = json!(lat + 0.018);
        }),
        ("intercom note rewritten", |b| {
            b["attempts"][0]["intercom_note"] = json!("nobody answered");
        }),
        ("recipient name typed in", |b| {
            b["attempts"][0]["recipient_name"] = json!("DUPONT");
        }),
        ("photos removed", |b| {
            b["photos"] = json!([]);
        }),
        ("attempts removed", |b| {
            b["attempts"] = json!([]);
        }),
        ("a fabricated photo", |b| {
            let mut fake = b["photos"][0].clone();
            fake["id"] = json!("pho_fabricated");
            b["photos"].as_array_mut().unwrap().push(fake);
        }),
        ("distance moved", |b| {
            b["attempts"][0]["distance_m"] = json!(3.0);
        }),
    ];
    for (what, said) in refused(&file, &key, &b, &edits) {
        assert!(
            said.contains(&attempt_id) || said.contains(&photo_id) || said.contains("fabricated"),
            "{what} names the record: {said}"
        );
    }

    // A supplier's bundle has no salt (it does not see the fields) and still verifies.
    let s = bundle(app, &id, &w.supplier_admin).await;
    assert!(s.get("attempt_salts").is_none(), "{s}");
    std::fs::write(&file, serde_json::to_vec(&s).unwrap()).unwrap();
    let out = verify(&file, &["--key", &key]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("cannot open"), "{}", text(&out));

    // In the database: the row no longer matches what the chain says of it.
    type RowEdit = (&'static str, fn(&mut doorstep::db::Conn, &str));
    let edits: [RowEdit; 3] = [
        ("occurred_at", |c, a| {
            diesel::update(delivery_attempts::table.find(a))
                .set(
                    delivery_attempts::occurred_at
                        .eq(Utc::now().naive_utc() - Duration::minutes(30)),
                )
                .execute(c)
                .unwrap();
        }),
        ("flags", |c, a| {
            diesel::update(delivery_attempts::table.find(a))
                .set(delivery_attempts::flags.eq(""))
                .execute(c)
                .unwrap();
        }),
        ("private_digest", |c, a| {
            diesel::update(delivery_attempts::table.find(a))
                .set(delivery_attempts::lat.eq(48.9))
                .execute(c)
                .unwrap();
        }),
    ];
    for (field, edit) in edits {
        let kept: doorstep::attempts::model::AttemptRow = {
            let mut c = app.db.get_write().unwrap();
            let row = delivery_attempts::table
                .find(&attempt_id)
                .select(doorstep::attempts::model::AttemptRow::as_select())
                .first(&mut *c)
                .unwrap();
            edit(&mut c, &attempt_id);
            row
        };
        let t = bundle(app, &id, &w.shop_key).await;
        assert_eq!(t["chain_valid"], false, "{field}: {t}");
        let reason = t["first_bad_event"]["reason"].as_str().unwrap();
        assert!(
            reason.contains(&attempt_id) && reason.contains(field),
            "{field}: {reason}"
        );
        let mut c = app.db.get_write().unwrap();
        diesel::update(delivery_attempts::table.find(&attempt_id))
            .set((
                delivery_attempts::occurred_at.eq(kept.occurred_at),
                delivery_attempts::flags.eq(&kept.flags),
                delivery_attempts::lat.eq(kept.lat),
            ))
            .execute(&mut *c)
            .unwrap();
    }
    assert_eq!(bundle(app, &id, &w.shop_key).await["chain_valid"], true);
}

/// Issue 24: trusted keys come from the configuration only. A root and its key inserted into
/// the database (a well-formed one, signed by the attacker's key over the shipment's real head)
/// are never published, and the bundle reports such a root instead of trusting it; the earlier
/// key given in `DOORSTEP_SIGNING_KEYS_OLD` stays published and trusted.
#[tokio::test]
async fn only_configured_keys_are_published_and_trusted() {
    use doorstep::db::schema::{evidence_leaves, evidence_roots};
    use doorstep::evidence::rules as chain;
    let mut w = world().await;
    let d = driver(&w, &w.courier_admin, "ev5@speedy.test").await;
    let (id, _) = out_now(&w, "EV-5", &d).await;
    sign(&w.app).await;
    let first_key = public_key(&w.app).await;
    assert_eq!(bundle(&w.app, &id, &w.shop_key).await["chain_valid"], true);
    let attacker =
        doorstep::evidence::keys::Keys::from_seed(&doorstep::evidence::keys::random_seed())
            .unwrap();
    {
        let mut c = w.app.db.get_write().unwrap();
        let (head, len): (Option<String>, i64) = shipments::table
            .find(&id)
            .select((shipments::chain_head, shipments::chain_len))
            .first(&mut *c)
            .unwrap();
        let head = head.unwrap();
        let leaf = chain::leaf_hash(&chain::leaf_bytes(
            &id,
            &chain::parse_hash(&head).unwrap(),
            len,
        ));
        let root = chain::merkle_root(&[leaf]);
        let later = Utc::now().naive_utc() + Duration::minutes(1);
        let signed_at = chain::canonical_time(later);
        let signature = attacker.sign(&chain::root_message("rot_attacker", &root, 1, &signed_at));
        diesel::insert_into(evidence_roots::table)
            .values((
                evidence_roots::id.eq("rot_attacker"),
                evidence_roots::key_id.eq(&attacker.key_id),
                evidence_roots::public_key.eq(&attacker.public_key),
                evidence_roots::root.eq(chain::to_hex(&root)),
                evidence_roots::leaf_count.eq(1i64),
                evidence_roots::signature.eq(signature),
                evidence_roots::covers_from.eq(later),
                evidence_roots::covers_until.eq(later),
                evidence_roots::signed_at.eq(later),
            ))
            .execute(&mut *c)
            .unwrap();
        diesel::insert_into(evidence_leaves::table)
            .values((
                evidence_leaves::root_id.eq("rot_attacker"),
                evidence_leaves::position.eq(0i64),
                evidence_leaves::shipment_id.eq(&id),
                evidence_leaves::head.eq(&head),
                evidence_leaves::chain_len.eq(len),
            ))
            .execute(&mut *c)
            .unwrap();
    }
    let doc = w
        .app
        .get("/.well-known/doorstep-keys.json", None)
        .await
        .body;
    assert_eq!(doc["keys"].as_array().unwrap().len(), 1, "{doc}");
    assert!(!doc.to_string().contains(&attacker.public_key), "{doc}");
    let b = bundle(&w.app, &id, &w.shop_key).await;
    assert_eq!(b["root"]["root"]["id"], "rot_attacker", "{b}");
    assert_eq!(b["chain_valid"], false, "{b}");
    assert!(
        b["first_bad_event"]["reason"]
            .as_str()
            .unwrap()
            .contains("not one this server is configured with"),
        "{b}"
    );
    // Offline, the keys file the server publishes does not vouch for it either.
    let dir = tempfile::tempdir().unwrap();
    let (file, keys_file) = (dir.path().join("b.json"), dir.path().join("keys.json"));
    std::fs::write(&file, serde_json::to_vec(&b).unwrap()).unwrap();
    std::fs::write(&keys_file, doc.to_string()).unwrap();
    let out = verify(&file, &["--keys", keys_file.to_str().unwrap()]);
    assert!(!out.status.success(), "{}", text(&out));

    // Rotation: a new key, the old one kept as an earlier one: both published, the old one
    // not current.
    let old_seed = w.app.settings().evidence.signing_key.clone();
    w.app
        .restart_with(|s| {
            s.evidence.signing_key = Some(doorstep::evidence::keys::random_seed());
            s.evidence.signing_keys_old = old_seed;
        })
        .await;
    let doc = w
        .app
        .get("/.well-known/doorstep-keys.json", None)
        .await
        .body;
    let keys = doc["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "{doc}");
    assert!(
        keys.iter()
            .any(|k| k["public_key"] == first_key.as_str() && k["current"] == false),
        "{doc}"
    );
}

/// Issue 24: a dispute's outcome is a fact KPIs rest on. The bundle lists each dispute as its
/// chained events decide it; `doorstep verify` fails on an edited, removed or fabricated
/// dispute entry, and the server's `chain_valid` on an edited dispute row, naming the dispute.
#[tokio::test]
async fn disputes_are_bundle_entries_checked_against_the_chain() {
    use doorstep::db::schema::disputes;
    let w = world().await;
    let app = &w.app;
    let (id, dispute) = disputed_tv(&w).await;
    let r = app
        .post(
            &format!("/v1/disputes/{dispute}/resolution"),
            Some(&w.shop_key),
            json!({"resolution": "rejected", "remedy": "none"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    sign(app).await;
    let key = public_key(app).await;
    let b = bundle(app, &id, &w.shop_key).await;
    assert_eq!(b["chain_valid"], true, "{b}");
    assert_eq!(
        b["disputes"],
        json!([{"id": dispute, "attempt_id": b["attempts"][0]["id"], "reason": "was_home",
            "status": "resolved", "resolution": "rejected", "remedy": "none"}]),
        "{b}"
    );
    assert!(!b.to_string().contains("intercom!"), "no free text");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    std::fs::write(&file, serde_json::to_vec(&b).unwrap()).unwrap();
    let out = verify(&file, &["--key", &key]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("dispute {dispute}: resolved")),
        "{}",
        text(&out)
    );

    let edits: [Edit; 4] = [
        ("upheld instead", |b| {
            b["disputes"][0]["resolution"] = json!("upheld")
        }),
        ("a refund", |b| b["disputes"][0]["remedy"] = json!("refund")),
        ("removed", |b| b["disputes"] = json!([])),
        ("fabricated", |b| {
            let mut fake = b["disputes"][0].clone();
            fake["id"] = json!("dsp_fabricated");
            b["disputes"].as_array_mut().unwrap().push(fake);
        }),
    ];
    for (what, said) in refused(&file, &key, &b, &edits) {
        assert!(
            said.contains(&dispute) || said.contains("dsp_fabricated"),
            "{what} names the dispute: {said}"
        );
    }

    // In the database: the outcome rewritten.
    {
        let mut c = app.db.get_write().unwrap();
        diesel::update(disputes::table.find(&dispute))
            .set(disputes::resolution.eq("upheld"))
            .execute(&mut *c)
            .unwrap();
    }
    let t = bundle(app, &id, &w.shop_key).await;
    assert_eq!(t["chain_valid"], false, "{t}");
    let reason = t["first_bad_event"]["reason"].as_str().unwrap();
    assert!(
        reason.contains(&dispute) && reason.contains("resolution"),
        "{reason}"
    );
}
