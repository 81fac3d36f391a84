//! The evidence chain, pure: the canonical encoding of an event, the hash chain over a
//! shipment's timeline, salted contact digests, the Merkle tree over chain heads (RFC 6962
//! hashing, RFC 9162 proof checking) and the bytes a root's signature covers. The API that
//! writes and exports the chain and `doorstep verify` that checks a bundle offline share it.
//!
//! - `field(x)` = `u32be(len(x)) ‖ x` (UTF-8); an absent value is `0xFFFFFFFF` and no bytes.
//! - event encoding = `"doorstep.event.v1" ‖ u64be(seq) ‖ field(id) ‖ field(shipment_id) ‖
//!   field(kind) ‖ field(actor_kind) ‖ field(actor_id) ‖ field(actor_org_id) ‖
//!   field(canonical_json(data)) ‖ field(time)`, with `time` as `YYYY-MM-DDTHH:MM:SS.ffffffZ`
//!   (UTC, microseconds truncated) and canonical JSON as object keys sorted by their bytes, no
//!   white space, strings and numbers as serde_json writes them.
//! - `hash(seq) = SHA-256(hash(seq - 1) ‖ encoding)`; `hash(0)`, the genesis, is
//!   `SHA-256("doorstep.genesis.v1" ‖ field(shipment_id))`.
//! - leaf = `"doorstep.leaf.v1" ‖ field(shipment_id) ‖ head (32 bytes) ‖ u64be(chain_len)`;
//!   leaf hash `SHA-256(0x00 ‖ leaf)`, node `SHA-256(0x01 ‖ left ‖ right)`, the tree split at
//!   the largest power of two below the size (RFC 6962 §2.1); empty tree: `SHA-256("")`.
//! - signed message = `"doorstep.root.v1" ‖ field(root_id) ‖ root (32 bytes) ‖
//!   u64be(leaf_count) ‖ field(signed_at as above)`, signed with Ed25519.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

pub const ALGORITHM: &str = "Ed25519";
pub const FORMAT: &str = "doorstep.evidence.v1";

fn field(out: &mut Vec<u8>, value: Option<&[u8]>) {
    match value {
        Some(v) => {
            // Fields are far below 4 GiB (a JSON body is capped at the request limit).
            out.extend_from_slice(&(v.len() as u32).to_be_bytes());
            out.extend_from_slice(v);
        }
        None => out.extend_from_slice(&u32::MAX.to_be_bytes()),
    }
}

fn sha256(parts: &[&[u8]]) -> Hash {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

pub fn to_hex(h: &Hash) -> String {
    hex::encode(h)
}

pub fn parse_hash(s: &str) -> Option<Hash> {
    hex::decode(s).ok()?.try_into().ok()
}

/// A time as the chain encodes it (and as bundles carry it): UTC, microseconds (what both
/// databases keep), truncated.
pub fn canonical_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// JSON with object keys sorted by their bytes and no white space.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v);
    out
}

fn write_json(out: &mut String, v: &Value) {
    match v {
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(item) = map.get(k) {
                    write_json(out, item);
                }
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// An event as the chain covers it (and as an evidence bundle carries it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChainEvent {
    /// Its place in the chain from 1; absent for an event written before the chain existed.
    pub seq: Option<i64>,
    pub id: String,
    pub kind: String,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub actor_org_id: Option<String>,
    #[schema(value_type = Object)]
    pub data: Value,
    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, exactly as hashed.
    pub at: String,
    /// Hex SHA-256 stored with the event (absent before the chain).
    pub hash: Option<String>,
}

/// The genesis "previous hash" of a shipment's chain.
pub fn genesis(shipment_id: &str) -> Hash {
    let mut b = b"doorstep.genesis.v1".to_vec();
    field(&mut b, Some(shipment_id.as_bytes()));
    sha256(&[&b])
}

/// The canonical encoding of event `e` at place `seq` of `shipment_id`'s chain.
pub fn encode_event(shipment_id: &str, seq: i64, e: &ChainEvent) -> Vec<u8> {
    let mut b = b"doorstep.event.v1".to_vec();
    b.extend_from_slice(&(seq as u64).to_be_bytes());
    for v in [
        Some(e.id.as_str()),
        Some(shipment_id),
        Some(e.kind.as_str()),
        Some(e.actor_kind.as_str()),
        e.actor_id.as_deref(),
        e.actor_org_id.as_deref(),
    ] {
        field(&mut b, v.map(str::as_bytes));
    }
    field(&mut b, Some(canonical_json(&e.data).as_bytes()));
    field(&mut b, Some(e.at.as_bytes()));
    b
}

/// The hash of `e` at `seq`, chained to `prev`.
pub fn chain_hash(prev: &Hash, shipment_id: &str, seq: i64, e: &ChainEvent) -> Hash {
    sha256(&[prev, &encode_event(shipment_id, seq, e)])
}

/// A salted digest of contact values, chained in events instead of the values: after the
/// retention period the values and the salt are erased, the digest (in the event) stays, and
/// it can no longer be linked to a phone number by guessing. Hex SHA-256 of
/// `"doorstep.contact.v1" ‖ field(salt) ‖ (field(name) ‖ field(value))*`.
pub fn contact_digest(salt: &str, fields: &[(&str, Option<&str>)]) -> String {
    let mut b = b"doorstep.contact.v1".to_vec();
    field(&mut b, Some(salt.as_bytes()));
    for (name, value) in fields {
        field(&mut b, Some(name.as_bytes()));
        field(&mut b, value.map(str::as_bytes));
    }
    to_hex(&sha256(&[&b]))
}

/// Where a chain first fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Broken {
    /// The place in the chain that fails (one past the end when events are missing there).
    pub seq: i64,
    /// The event found at that place, if any.
    pub event_id: Option<String>,
    pub reason: String,
}

/// Recompute `shipment_id`'s chain over its chained events (in any order; pre-chain events are
/// skipped) and compare with the stored hashes and, when given, the expected length and head.
/// Returns the recomputed hash at every place (index `seq - 1`).
pub fn check_chain(
    shipment_id: &str,
    events: &[ChainEvent],
    expect: Option<(i64, Option<&str>)>,
) -> Result<Vec<Hash>, Broken> {
    let mut chained: Vec<&ChainEvent> = events.iter().filter(|e| e.seq.is_some()).collect();
    chained.sort_by_key(|e| e.seq);
    let mut prev = genesis(shipment_id);
    let mut hashes = Vec::with_capacity(chained.len());
    for (i, e) in chained.iter().enumerate() {
        let want = i as i64 + 1;
        let seq = e.seq.unwrap_or_default();
        if seq != want {
            let reason = if seq > want {
                format!("event {want} of the chain is missing")
            } else {
                format!("two events claim place {seq}")
            };
            return Err(Broken {
                seq: want,
                event_id: Some(e.id.clone()),
                reason,
            });
        }
        let h = chain_hash(&prev, shipment_id, seq, e);
        if e.hash.as_deref().and_then(parse_hash) != Some(h) {
            return Err(Broken {
                seq,
                event_id: Some(e.id.clone()),
                reason: "its content does not match its hash (edited, or an earlier event was)"
                    .to_owned(),
            });
        }
        hashes.push(h);
        prev = h;
    }
    if let Some((len, head)) = expect {
        let have = hashes.len() as i64;
        if have < len {
            return Err(Broken {
                seq: have + 1,
                event_id: None,
                reason: format!("the chain has {len} events; {} are missing", len - have),
            });
        }
        let head_ok = match head {
            None => hashes.is_empty(),
            Some(h) => hashes.last().map(to_hex).as_deref() == Some(h),
        };
        if have > len || !head_ok {
            return Err(Broken {
                seq: have,
                event_id: chained.last().map(|e| e.id.clone()),
                reason: "the chain does not end at the head kept for the shipment".to_owned(),
            });
        }
    }
    Ok(hashes)
}

/// The bytes of a Merkle leaf: a shipment's chain head.
pub fn leaf_bytes(shipment_id: &str, head: &Hash, chain_len: i64) -> Vec<u8> {
    let mut b = b"doorstep.leaf.v1".to_vec();
    field(&mut b, Some(shipment_id.as_bytes()));
    b.extend_from_slice(head);
    b.extend_from_slice(&(chain_len as u64).to_be_bytes());
    b
}

pub fn leaf_hash(leaf: &[u8]) -> Hash {
    sha256(&[&[0u8], leaf])
}

fn node_hash(left: &Hash, right: &Hash) -> Hash {
    sha256(&[&[1u8], left, right])
}

/// The largest power of two smaller than `n` (n ≥ 2).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// RFC 6962 Merkle tree hash over leaf hashes.
pub fn merkle_root(leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => sha256(&[]),
        1 => leaves[0],
        n => {
            let k = split(n);
            node_hash(&merkle_root(&leaves[..k]), &merkle_root(&leaves[k..]))
        }
    }
}

/// RFC 6962 audit path of leaf `index` (empty when out of range or a single leaf).
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
    let n = leaves.len();
    if n <= 1 || index >= n {
        return Vec::new();
    }
    let k = split(n);
    if index < k {
        let mut p = inclusion_proof(&leaves[..k], index);
        p.push(merkle_root(&leaves[k..]));
        p
    } else {
        let mut p = inclusion_proof(&leaves[k..], index - k);
        p.push(merkle_root(&leaves[..k]));
        p
    }
}

/// RFC 9162 §2.1.3.2: does `proof` lead from `leaf` at `index` of a tree of `size` to `root`?
pub fn verify_inclusion(leaf: &Hash, index: u64, size: u64, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            if fnode & 1 == 0 {
                while fnode & 1 == 0 && fnode != 0 {
                    fnode >>= 1;
                    snode >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    snode == 0 && r == *root
}

/// The bytes a root's signature covers.
pub fn root_message(root_id: &str, root: &Hash, leaf_count: i64, signed_at: &str) -> Vec<u8> {
    let mut b = b"doorstep.root.v1".to_vec();
    field(&mut b, Some(root_id.as_bytes()));
    b.extend_from_slice(root);
    b.extend_from_slice(&(leaf_count as u64).to_be_bytes());
    field(&mut b, Some(signed_at.as_bytes()));
    b
}

/// A public key's id: the first 16 hex digits of its SHA-256.
pub fn key_id(public_key: &[u8]) -> String {
    hex::encode(Sha256::digest(public_key))[..16].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(id: &str, data: Value) -> ChainEvent {
        ChainEvent {
            seq: None,
            id: id.to_owned(),
            kind: "shipment.created".to_owned(),
            actor_kind: "user".to_owned(),
            actor_id: Some("usr_1".to_owned()),
            actor_org_id: None,
            data,
            at: "2026-12-03T10:00:00.123456Z".to_owned(),
            hash: None,
        }
    }

    fn chain(n: usize) -> Vec<ChainEvent> {
        let mut prev = genesis("shp_1");
        (0..n)
            .map(|i| {
                let mut e = event(&format!("evt_{i}"), json!({"i": i}));
                e.seq = Some(i as i64 + 1);
                let h = chain_hash(&prev, "shp_1", i as i64 + 1, &e);
                e.hash = Some(to_hex(&h));
                prev = h;
                e
            })
            .collect()
    }

    #[test]
    fn canonical_json_sorts_keys_and_drops_white_space() {
        let v: Value =
            serde_json::from_str(r#"{ "b": [1, 2.5, "é\"x"], "a": {"z": null, "y": true} }"#)
                .unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"y":true,"z":null},"b":[1,2.5,"é\"x"]}"#
        );
        // A stored JSON text, parsed again, encodes the same.
        let again: Value = serde_json::from_str(&v.to_string()).unwrap();
        assert_eq!(canonical_json(&again), canonical_json(&v));
    }

    #[test]
    fn the_encoding_is_length_prefixed_and_marks_absent_values() {
        let e = event("evt_1", json!({}));
        let b = encode_event("shp_1", 1, &e);
        let mut want = b"doorstep.event.v1".to_vec();
        want.extend_from_slice(&1u64.to_be_bytes());
        for s in ["evt_1", "shp_1", "shipment.created", "user", "usr_1"] {
            want.extend_from_slice(&(s.len() as u32).to_be_bytes());
            want.extend_from_slice(s.as_bytes());
        }
        want.extend_from_slice(&[0xff; 4]);
        for s in ["{}", "2026-12-03T10:00:00.123456Z"] {
            want.extend_from_slice(&(s.len() as u32).to_be_bytes());
            want.extend_from_slice(s.as_bytes());
        }
        assert_eq!(b, want);
        // An absent actor differs from an empty one; moving bytes between fields shows.
        let mut empty = e.clone();
        empty.actor_org_id = Some(String::new());
        assert_ne!(encode_event("shp_1", 1, &empty), b);
        let mut shifted = e.clone();
        shifted.id = "evt_1s".to_owned();
        shifted.kind = "hipment.created".to_owned();
        assert_ne!(encode_event("shp_1", 1, &shifted), b);
    }

    #[test]
    fn times_keep_microseconds_truncated() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_nano_opt(10, 0, 0, 123_456_789)
            .unwrap();
        assert_eq!(canonical_time(t), "2026-12-03T10:00:00.123456Z");
    }

    #[test]
    fn a_chain_checks_and_every_break_is_found_first() {
        let events = chain(4);
        let head = events[3].hash.clone();
        let hashes = check_chain("shp_1", &events, Some((4, head.as_deref()))).unwrap();
        assert_eq!(hashes.len(), 4);
        // Pre-chain events are skipped, order given does not matter.
        let mut mixed = events.clone();
        mixed.reverse();
        mixed.push(event("evt_old", json!({})));
        assert!(check_chain("shp_1", &mixed, Some((4, head.as_deref()))).is_ok());

        let mut edited = events.clone();
        edited[1].data = json!({"i": 99});
        let b = check_chain("shp_1", &edited, None).unwrap_err();
        assert_eq!((b.seq, b.event_id.as_deref()), (2, Some("evt_1")));

        let mut deleted = events.clone();
        deleted.remove(2);
        let b = check_chain("shp_1", &deleted, None).unwrap_err();
        assert_eq!((b.seq, b.event_id.as_deref()), (3, Some("evt_3")));

        let mut last_gone = events.clone();
        last_gone.pop();
        let b = check_chain("shp_1", &last_gone, Some((4, head.as_deref()))).unwrap_err();
        assert_eq!((b.seq, b.event_id), (4, None));
        // Another shipment's genesis: the first event already fails.
        let b = check_chain("shp_2", &events, None).unwrap_err();
        assert_eq!(b.seq, 1);
        // An empty chain matches an empty head only.
        assert!(check_chain("shp_1", &[], Some((0, None))).is_ok());
        assert!(check_chain("shp_1", &[], Some((1, head.as_deref()))).is_err());
    }

    #[test]
    fn contact_digests_depend_on_salt_and_values() {
        let a = contact_digest("s1", &[("phone", Some("+33612345678"))]);
        assert_eq!(a.len(), 64);
        assert_ne!(a, contact_digest("s2", &[("phone", Some("+33612345678"))]));
        assert_ne!(a, contact_digest("s1", &[("phone", Some("+33612345679"))]));
        assert_ne!(a, contact_digest("s1", &[("phone", None)]));
    }

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(&leaf_bytes(&format!("shp_{i}"), &[i as u8; 32], i as i64)))
            .collect()
    }

    #[test]
    fn merkle_proofs_verify_for_every_leaf_of_every_size() {
        for n in 1..=17 {
            let l = leaves(n);
            let root = merkle_root(&l);
            for i in 0..n {
                let p = inclusion_proof(&l, i);
                assert!(
                    verify_inclusion(&l[i], i as u64, n as u64, &p, &root),
                    "leaf {i} of {n}"
                );
                // The wrong place, the wrong size, the wrong leaf: refused.
                if n > 1 {
                    let other = (i + 1) % n;
                    assert!(!verify_inclusion(&l[other], i as u64, n as u64, &p, &root));
                    assert!(!verify_inclusion(&l[i], other as u64, n as u64, &p, &root));
                }
                // A size too small for the index, or one with another shape of path: refused
                // (the size itself is bound by the root's signature).
                assert!(!verify_inclusion(&l[i], i as u64, i as u64, &p, &root));
                if n.is_power_of_two() {
                    assert!(!verify_inclusion(&l[i], i as u64, 2 * n as u64, &p, &root));
                }
            }
        }
    }

    #[test]
    fn merkle_edge_cases_one_leaf_and_odd_counts() {
        let one = leaves(1);
        assert_eq!(merkle_root(&one), one[0]);
        assert!(inclusion_proof(&one, 0).is_empty());
        assert!(verify_inclusion(&one[0], 0, 1, &[], &one[0]));
        assert!(!verify_inclusion(&one[0], 1, 1, &[], &one[0]));
        // Three leaves: RFC 6962 splits 2 + 1 (the odd leaf is not duplicated).
        let three = leaves(3);
        let root = merkle_root(&three);
        assert_eq!(root, node_hash(&node_hash(&three[0], &three[1]), &three[2]));
        assert_eq!(
            inclusion_proof(&three, 2),
            vec![node_hash(&three[0], &three[1])]
        );
        // Domain separation: a leaf is never an inner node.
        assert_ne!(leaf_hash(&[]), node_hash(&[0; 32], &[0; 32]));
    }
}
