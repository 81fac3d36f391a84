//! `doorstep verify BUNDLE`: check an evidence bundle offline — the chain recomputed from its
//! events, the photos against the chained hashes (and the files of a zip), the root's
//! signature under a key given by the verifier, and the inclusion proof of the chain's head.

use std::collections::HashMap;
use std::io::Read;

use serde::Deserialize;

use super::model::{ChainSummary, KeySet, PhotoEvidence, RootProof};
use super::records::{self, AttemptRecord, Judged, PhotoRecord};
use super::rules::{self, ChainEvent};

/// The parts of a bundle the check reads (the rest is for people).
#[derive(Debug, Deserialize)]
struct Checked {
    format: String,
    shipment_id: String,
    chain: ChainSummary,
    events: Vec<ChainEvent>,
    photos: Vec<PhotoEvidence>,
    /// Read as JSON: each is recomputed into what the chain says of it.
    #[serde(default)]
    attempts: Vec<serde_json::Value>,
    #[serde(default)]
    attempt_salts: HashMap<String, String>,
    #[serde(default)]
    disputes: Vec<records::DisputeRecord>,
    root: Option<RootProof>,
}

/// What the check found: one line per check, and whether every one passed.
#[derive(Debug, Default)]
pub struct Report {
    pub lines: Vec<String>,
    pub ok: bool,
}

impl Report {
    fn pass(&mut self, what: String) {
        self.lines.push(format!("ok      {what}"));
    }
    fn fail(&mut self, what: String) {
        self.ok = false;
        self.lines.push(format!("FAILED  {what}"));
    }
}

/// Keys from `--key` (base64 public keys) and `--keys` (a `doorstep-keys.json` document).
pub fn parse_keys(keys: &[String], documents: &[String]) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = keys.iter().map(|k| k.trim().to_owned()).collect();
    for d in documents {
        let set: KeySet = serde_json::from_str(d)
            .map_err(|e| anyhow::anyhow!("the keys file is not a doorstep-keys.json: {e}"))?;
        out.extend(set.keys.into_iter().map(|k| k.public_key));
    }
    Ok(out)
}

/// Check `file` (a bundle's JSON, or the zip export) against trusted public `keys`.
pub fn verify(file: &[u8], keys: &[String], allow_unsigned: bool) -> Report {
    let mut r = Report {
        ok: true,
        ..Report::default()
    };
    let (json, files) = match read_input(file) {
        Ok(x) => x,
        Err(e) => {
            r.fail(format!("reading the bundle: {e:#}"));
            return r;
        }
    };
    let b: Checked = match serde_json::from_slice(&json) {
        Ok(b) => b,
        Err(e) => {
            r.fail(format!("the bundle is not a Doorstep evidence bundle: {e}"));
            return r;
        }
    };
    if b.format != rules::FORMAT {
        r.fail(format!("unknown bundle format {:?}", b.format));
        return r;
    }
    let pre = b.events.iter().filter(|e| e.seq.is_none()).count();
    let hashes = match rules::check_chain(
        &b.shipment_id,
        &b.events,
        Some((b.chain.length, b.chain.head.as_deref())),
    ) {
        Ok(h) => {
            r.pass(format!(
                "chain of shipment {}: {} events recomputed from genesis, head {}{}",
                b.shipment_id,
                h.len(),
                b.chain.head.as_deref().unwrap_or("(none)"),
                if pre > 0 {
                    format!(" ({pre} earlier events predate the chain and are not covered)")
                } else {
                    String::new()
                }
            ));
            h
        }
        Err(broken) => {
            r.fail(format!(
                "chain of shipment {}: event {} ({}): {}",
                b.shipment_id,
                broken.seq,
                broken.event_id.as_deref().unwrap_or("none"),
                broken.reason
            ));
            Vec::new()
        }
    };
    check_photos(&mut r, &b, &files);
    check_records(&mut r, &b);
    match &b.root {
        None if allow_unsigned => r.pass(
            "no signed root covers this bundle yet (accepted: --allow-unsigned); the chain \
             alone proves nothing against its keeper"
                .to_owned(),
        ),
        None => r.fail(
            "no signed root covers this bundle: export it again after the next root, or pass \
             --allow-unsigned"
                .to_owned(),
        ),
        Some(p) => check_root(&mut r, &b.shipment_id, &hashes, p, keys),
    }
    r
}

/// A zip's files by name.
type Files = HashMap<String, Vec<u8>>;

/// The bundle's JSON, and the files beside it when `file` is the zip export.
fn read_input(file: &[u8]) -> anyhow::Result<(Vec<u8>, Files)> {
    if !file.starts_with(b"PK") {
        return Ok((file.to_vec(), HashMap::new()));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file))?;
    let mut json = None;
    let mut files = HashMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i)?;
        let name = f.name()?.into_owned();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)?;
        if name == "bundle.json" {
            json = Some(bytes);
        } else {
            files.insert(name, bytes);
        }
    }
    let json = json.ok_or_else(|| anyhow::anyhow!("the zip has no bundle.json"))?;
    Ok((json, files))
}

fn check_photos(r: &mut Report, b: &Checked, files: &Files) {
    for p in &b.photos {
        let event = b.events.iter().find(|e| {
            e.seq.is_some()
                && p.event_id.as_deref() == Some(e.id.as_str())
                && e.data.get("photo_id").and_then(|v| v.as_str()) == Some(p.id.as_str())
        });
        let Some(e) = event else {
            // Whether that is allowed (a photo from before the chain) is `check_records`'.
            continue;
        };
        if e.data.get("sha256").and_then(|v| v.as_str()) != Some(p.sha256.as_str()) {
            r.fail(format!(
                "photo {}: its SHA-256 is not the one chained by event {}",
                p.id, e.id
            ));
            continue;
        }
        if !p.stored_bytes_match {
            r.fail(format!(
                "photo {}: the server found its kept bytes changed or missing",
                p.id
            ));
        }
        match p.file.as_ref().and_then(|f| files.get(f)) {
            Some(bytes) if super::facts::sha256_hex(bytes) == p.sha256 => r.pass(format!(
                "photo {}: file {} hashes to the chained SHA-256",
                p.id,
                p.file.as_deref().unwrap_or_default()
            )),
            Some(_) => r.fail(format!(
                "photo {}: file {} does not hash to the chained SHA-256",
                p.id,
                p.file.as_deref().unwrap_or_default()
            )),
            None => r.pass(format!(
                "photo {}: SHA-256 {} chained by event {} (no file to hash)",
                p.id, p.sha256, e.id
            )),
        }
    }
}

/// Each attempt, photo and dispute of the bundle against its latest chained judgement, and
/// every attempt, photo and dispute the chain names against the bundle (`evidence::records`).
fn check_records(r: &mut Report, b: &Checked) {
    let mut attempts = Vec::with_capacity(b.attempts.len());
    for a in &b.attempts {
        match attempt_record(a, &b.attempt_salts) {
            Some(rec) => attempts.push(rec),
            None => r.fail(format!(
                "attempt {}: not an attempt entry",
                a.get("id").and_then(|v| v.as_str()).unwrap_or("(no id)")
            )),
        }
    }
    let photos: Vec<PhotoRecord> = b
        .photos
        .iter()
        .map(|p| PhotoRecord {
            id: p.id.clone(),
            attempt_id: p.attempt_id.clone(),
        })
        .collect();
    let disputes = records::check_disputes(&b.events, &b.disputes);
    for f in records::check(&b.events, &attempts, &photos)
        .into_iter()
        .chain(disputes)
    {
        if f.bad {
            r.fail(f.text);
        } else {
            r.pass(f.text);
        }
    }
}

/// An attempt entry of a bundle as the chain judged it, recomputed from what it shows (its
/// private digest too when the bundle gives its salt).
fn attempt_record(a: &serde_json::Value, salts: &HashMap<String, String>) -> Option<AttemptRecord> {
    let text = |k: &str| a.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let time = |v: Option<&serde_json::Value>| -> Option<String> {
        let t = chrono::DateTime::parse_from_rfc3339(v?.as_str()?).ok()?;
        Some(rules::canonical_time(t.naive_utc()))
    };
    let id = text("id")?;
    let flags: Vec<String> = a
        .get("flags")?
        .as_array()?
        .iter()
        .map(|f| f.get("flag").and_then(|v| v.as_str()).map(str::to_owned))
        .collect::<Option<_>>()?;
    let salt = salts.get(&id);
    let private_digest = salt.map(|salt| {
        let gps = a.get("gps").filter(|g| !g.is_null()).and_then(|g| {
            let n = |k: &str| g.get(k).and_then(|v| v.as_f64());
            Some((
                n("lat")?,
                n("lon")?,
                n("accuracy_m")?,
                time(g.get("captured_at")),
            ))
        });
        records::private_digest(
            salt,
            &records::Private {
                recipient_name: text("recipient_name"),
                intercom_note: text("intercom_note"),
                gps,
            },
        )
    });
    Some(AttemptRecord {
        judged: Judged {
            outcome: text("outcome")?,
            failure_reason: text("failure_reason"),
            placement: text("placement"),
            occurred_at: time(a.get("occurred_at"))?,
            received_at: time(a.get("received_at"))?,
            distance_m: a.get("distance_m").and_then(|v| v.as_f64()),
            verified: a.get("verified")?.as_bool()?,
            flags,
            pin_verified: a.get("pin_verified")?.as_bool()?,
            private_digest,
        },
        digest_known: salt.is_some(),
        id,
    })
}

fn check_root(
    r: &mut Report,
    shipment_id: &str,
    hashes: &[rules::Hash],
    p: &RootProof,
    keys: &[String],
) {
    let root = &p.root;
    let Some(root_hash) = rules::parse_hash(&root.root) else {
        r.fail(format!("root {}: not a SHA-256", root.id));
        return;
    };
    // Only a key the verifier trusts counts, never the one the bundle names.
    let trusted = keys
        .iter()
        .find(|k| base64_decoded(k).is_some_and(|b| rules::key_id(&b) == root.key_id));
    match trusted {
        None => r.fail(format!(
            "root {}: signed by key {}, which is not among the keys given",
            root.id, root.key_id
        )),
        Some(key) => {
            let msg = rules::root_message(&root.id, &root_hash, root.leaf_count, &root.signed_at);
            if super::keys::verify(key, &msg, &root.signature) {
                r.pass(format!(
                    "root {}: Ed25519 signature by key {} over {} leaves, signed {}",
                    root.id, root.key_id, root.leaf_count, root.signed_at
                ));
            } else {
                r.fail(format!("root {}: the signature does not verify", root.id));
            }
        }
    }
    let head = usize::try_from(p.chain_len - 1)
        .ok()
        .and_then(|i| hashes.get(i));
    match head {
        Some(h) if rules::to_hex(h) == p.head => {}
        _ => {
            r.fail(format!(
                "root {}: the signed head (event {}) is not the chain's recomputed hash there",
                root.id, p.chain_len
            ));
            return;
        }
    }
    let proof: Option<Vec<rules::Hash>> = p.proof.iter().map(|h| rules::parse_hash(h)).collect();
    let leaf = head.map(|h| rules::leaf_hash(&rules::leaf_bytes(shipment_id, h, p.chain_len)));
    let included = match (proof, leaf, u64::try_from(root.leaf_count)) {
        (Some(proof), Some(leaf), Ok(size)) => {
            rules::verify_inclusion(&leaf, p.leaf_index, size, &proof, &root_hash)
        }
        _ => false,
    };
    if included {
        r.pass(format!(
            "inclusion: events 1..={} of the chain are in root {} (leaf {} of {}){}",
            p.chain_len,
            root.id,
            p.leaf_index,
            root.leaf_count,
            if p.unsigned_events > 0 {
                format!(
                    "; {} later events are chained, not yet signed",
                    p.unsigned_events
                )
            } else {
                String::new()
            }
        ));
    } else {
        r.fail(format!(
            "inclusion: the proof does not lead from the chain's head to root {}",
            root.id
        ));
    }
}

fn base64_decoded(key: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(key.trim())
        .ok()
}
