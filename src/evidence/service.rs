//! Signing roots and building evidence bundles.

use std::collections::HashMap;

use chrono::{Duration, NaiveDateTime};
use serde_json::Value;

use super::facts::{attempt_salt, judged};
use super::keys::Keys;
use super::model::{Bundle, ChainSummary, LeafRow, PhotoEvidence, Root, RootProof, RootRow};
use super::records::{self, AttemptRecord, DisputeRecord, PhotoRecord};
use super::rules::{self, Broken, ChainEvent};
use super::store;
use crate::access::{self, Party};
use crate::attempts::model::{Attempt, AttemptRow, PhotoRow};
use crate::auth::Actor;
use crate::db::{Conn, Db};
use crate::error::ApiResult;
use crate::shipments::model::{EventRow, ShipmentRow};
use crate::shipments::service as door;

/// A root covers shipments changed since the previous root's end less this much: a change
/// stamped before that end but committed after it is still covered (a leaf twice is harmless).
pub const OVERLAP_MINUTES: i64 = 10;

/// Sign a root over the chain heads of every shipment changed since the previous root (with the
/// overlap); `None` when none changed. Run inside a transaction.
pub fn sign_root(c: &mut Conn, keys: &Keys, now: NaiveDateTime) -> ApiResult<Option<RootRow>> {
    // Microseconds: what both databases keep, and what the signature covers.
    let now = rules::canonical_time(now);
    let now = NaiveDateTime::parse_from_str(&now, "%Y-%m-%dT%H:%M:%S%.6fZ")
        .map_err(anyhow::Error::from)?;
    let from = match store::last_root(c)? {
        Some(prev) => prev.covers_until - Duration::minutes(OVERLAP_MINUTES),
        None => chrono::DateTime::UNIX_EPOCH.naive_utc(),
    };
    let heads = store::changed_heads(c, from)?;
    if heads.is_empty() {
        return Ok(None);
    }
    let id = crate::ids::new_id("rot");
    let mut leaves = Vec::with_capacity(heads.len());
    let mut hashes = Vec::with_capacity(heads.len());
    for (position, (shipment_id, head, chain_len)) in heads.into_iter().enumerate() {
        let Some(h) = head.as_deref().and_then(rules::parse_hash) else {
            continue;
        };
        hashes.push(rules::leaf_hash(&rules::leaf_bytes(
            &shipment_id,
            &h,
            chain_len,
        )));
        leaves.push(LeafRow {
            root_id: id.clone(),
            position: position as i64,
            shipment_id,
            head: rules::to_hex(&h),
            chain_len,
        });
    }
    // Positions stay dense even if a head could not be read.
    for (i, l) in leaves.iter_mut().enumerate() {
        l.position = i as i64;
    }
    let root = rules::merkle_root(&hashes);
    let count = leaves.len() as i64;
    let signed_at = rules::canonical_time(now);
    let row = RootRow {
        signature: keys.sign(&rules::root_message(&id, &root, count, &signed_at)),
        id,
        key_id: keys.key_id.clone(),
        public_key: keys.public_key.clone(),
        root: rules::to_hex(&root),
        leaf_count: count,
        covers_from: from,
        covers_until: now,
        signed_at: now,
    };
    store::insert_root(c, &row, &leaves)?;
    Ok(Some(row))
}

/// The periodic job: sign a root now; returns the leaves signed.
pub fn sign_due(db: &Db, keys: &Keys, now: NaiveDateTime) -> anyhow::Result<usize> {
    let mut conn = db.get_write()?;
    let row = crate::db::backend::write_transaction(&mut conn, |c| sign_root(c, keys, now))?;
    Ok(row.map_or(0, |r| r.leaf_count as usize))
}

/// What the database holds for a bundle, read in one go.
pub struct Material {
    pub ship: ShipmentRow,
    pub party: Party,
    pub events: Vec<EventRow>,
    pub attempts: Vec<Attempt>,
    /// The attempts' rows, compared with the chain whoever asks.
    pub rows: Vec<AttemptRow>,
    pub photos: Vec<PhotoRow>,
    pub disputes: Vec<crate::disputes::model::DisputeRow>,
    pub signed: Option<(LeafRow, RootRow, Vec<LeafRow>)>,
}

/// Read a shipment's evidence for a party of it (else 404).
pub fn load(c: &mut Conn, actor: &Actor, id: &str) -> ApiResult<Material> {
    let (read, party) = door::read_visible(c, actor, id)?;
    let events = store::events(c, id)?;
    let attempts = crate::attempts::service::attempts_of(
        c,
        &read.ship,
        read.terms.radius_m,
        access::attempt_fields(party, read.ship.status()),
    )?;
    let ids: Vec<String> = attempts.iter().map(|a| a.id.clone()).collect();
    let photos = crate::attempts::store::photos_for(c, &ids)?;
    let rows = crate::attempts::store::for_shipment(c, id)?;
    let disputes = crate::disputes::store::for_shipment(c, id)?;
    let signed = match store::latest_leaf(c, id)? {
        Some((leaf, root)) => {
            let all = store::leaves(c, &root.id)?;
            Some((leaf, root, all))
        }
        None => None,
    };
    Ok(Material {
        ship: read.ship,
        party,
        events,
        attempts,
        rows,
        photos,
        disputes,
        signed,
    })
}

/// May this party take the original photos (their EXIF position is the customer's address)?
pub fn gets_originals(ship: &ShipmentRow, party: Party) -> bool {
    ship.contact_erased_at.is_none() && access::contact_fields(party, ship.status()).address
}

pub fn chain_event(r: EventRow) -> ChainEvent {
    ChainEvent {
        seq: r.chain_seq,
        data: serde_json::from_str(&r.data).unwrap_or(Value::String(r.data)),
        at: rules::canonical_time(r.created_at),
        id: r.id,
        kind: r.kind,
        actor_kind: r.actor_kind,
        actor_id: r.actor_id,
        actor_org_id: r.actor_org_id,
        hash: r.hash,
    }
}

fn earliest(a: Option<Broken>, b: Broken) -> Option<Broken> {
    match a {
        Some(a) if a.seq <= b.seq => Some(a),
        _ => Some(b),
    }
}

/// Build the bundle: recompute the chain and compare it with the stored hashes, the head on the
/// shipment, the signed root and the kept photo bytes (`stored`: photo id → SHA-256 of the
/// bytes found, `None` when missing).
pub fn assemble(
    m: Material,
    stored: &HashMap<String, Option<String>>,
    files: &HashMap<String, String>,
    keys: &Keys,
    now: NaiveDateTime,
) -> Bundle {
    let ship = &m.ship;
    let mut events: Vec<ChainEvent> = m.events.into_iter().map(chain_event).collect();
    events.sort_by(|a, b| (a.seq, &a.id).cmp(&(b.seq, &b.id)));
    let pre_chain = events.iter().filter(|e| e.seq.is_none()).count();
    let checked = rules::check_chain(
        &ship.id,
        &events,
        Some((ship.chain_len, ship.chain_head.as_deref())),
    );
    let mut first_bad = checked.as_ref().err().cloned();
    let hashes = checked.unwrap_or_default();

    let mut photos = Vec::with_capacity(m.photos.len());
    for p in m.photos {
        let event = events.iter().find(|e| {
            e.seq.is_some()
                && e.kind == "attempt.photo_added"
                && e.data.get("photo_id").and_then(Value::as_str) == Some(p.id.as_str())
        });
        let found = stored.get(&p.id).cloned().flatten();
        let stored_bytes_match = found.as_deref() == Some(p.sha256.as_str());
        if let Some(e) = event {
            let chained = e.data.get("sha256").and_then(Value::as_str);
            let reason = if chained != Some(p.sha256.as_str()) {
                Some(format!(
                    "photo {}: its SHA-256 is not the one chained",
                    p.id
                ))
            } else if !stored_bytes_match {
                Some(format!(
                    "photo {}: the kept bytes do not match the chained SHA-256",
                    p.id
                ))
            } else {
                None
            };
            if let Some(reason) = reason {
                first_bad = earliest(
                    first_bad,
                    Broken {
                        seq: e.seq.unwrap_or_default(),
                        event_id: Some(e.id.clone()),
                        reason,
                    },
                );
            }
        }
        photos.push(PhotoEvidence {
            event_id: event.map(|e| e.id.clone()),
            file: files.get(&p.id).cloned(),
            id: p.id,
            attempt_id: p.attempt_id,
            kind: p.kind,
            sha256: p.sha256,
            bytes: p.bytes,
            content_type: p.content_type,
            stored_bytes_match,
        });
    }

    // Every attempt and photo against its latest chained judgement, and the chain's records
    // against the rows.
    let attempt_records: Vec<AttemptRecord> = m
        .rows
        .iter()
        .map(|a| AttemptRecord {
            id: a.id.clone(),
            judged: judged(ship, a),
            digest_known: ship.evidence_salt.is_some(),
        })
        .collect();
    let photo_records: Vec<PhotoRecord> = photos
        .iter()
        .map(|p| PhotoRecord {
            id: p.id.clone(),
            attempt_id: p.attempt_id.clone(),
        })
        .collect();
    let disputes: Vec<DisputeRecord> = m
        .disputes
        .into_iter()
        .map(|d| DisputeRecord {
            id: d.id,
            attempt_id: d.attempt_id,
            reason: d.reason,
            status: d.status,
            resolution: d.resolution,
            remedy: d.remedy,
        })
        .collect();
    let found = records::check(&events, &attempt_records, &photo_records)
        .into_iter()
        .chain(records::check_disputes(&events, &disputes));
    if let Some(f) = found
        .filter(|f| f.bad)
        .min_by_key(|f| f.seq.unwrap_or(i64::MAX))
    {
        first_bad = earliest(
            first_bad,
            Broken {
                seq: f.seq.unwrap_or(ship.chain_len + 1),
                event_id: f.event_id,
                reason: f.text,
            },
        );
    }
    // The salts of the attempts' private digests, for the parties who see those fields now.
    let attempt_salts = if access::attempt_fields(m.party, ship.status()).all() {
        m.rows
            .iter()
            .filter_map(|a| Some((a.id.clone(), attempt_salt(ship, &a.id)?)))
            .collect()
    } else {
        Default::default()
    };

    let (root, root_note) = match m.signed {
        None => (
            None,
            Some(
                "no signed root covers this shipment yet: the next daily root will (or \
                 POST /v1/evidence/roots)"
                    .to_owned(),
            ),
        ),
        Some((leaf, row, all)) => {
            if first_bad.is_none() && !keys.trusts(&row.key_id) {
                first_bad = Some(Broken {
                    seq: leaf.chain_len,
                    event_id: None,
                    reason: format!(
                        "root {} is signed by key {}, which is not one this server is \
                         configured with (DOORSTEP_SIGNING_KEY or DOORSTEP_SIGNING_KEYS_OLD)",
                        row.id, row.key_id
                    ),
                });
            }
            let signed_head = usize::try_from(leaf.chain_len - 1)
                .ok()
                .and_then(|i| hashes.get(i))
                .map(rules::to_hex);
            if first_bad.is_none() && signed_head.as_deref() != Some(leaf.head.as_str()) {
                first_bad = Some(Broken {
                    seq: leaf.chain_len,
                    event_id: usize::try_from(leaf.chain_len - 1)
                        .ok()
                        .and_then(|i| events.iter().filter(|e| e.seq.is_some()).nth(i))
                        .map(|e| e.id.clone()),
                    reason: format!(
                        "the chain differs from the head signed in root {} (rewritten since)",
                        row.id
                    ),
                });
            }
            let leaf_hashes: Vec<rules::Hash> = all
                .iter()
                .map(|l| {
                    let head = rules::parse_hash(&l.head).unwrap_or([0; 32]);
                    rules::leaf_hash(&rules::leaf_bytes(&l.shipment_id, &head, l.chain_len))
                })
                .collect();
            let index = usize::try_from(leaf.position).unwrap_or(usize::MAX);
            let proof = rules::inclusion_proof(&leaf_hashes, index)
                .iter()
                .map(rules::to_hex)
                .collect();
            let unsigned = ship.chain_len - leaf.chain_len;
            let note = (unsigned > 0).then(|| {
                format!(
                    "events {}..={} are chained but not yet signed (the next root covers them)",
                    leaf.chain_len + 1,
                    ship.chain_len
                )
            });
            (
                Some(RootProof {
                    root: Root::from(row),
                    leaf_index: index as u64,
                    chain_len: leaf.chain_len,
                    head: leaf.head,
                    proof,
                    unsigned_events: unsigned,
                }),
                note,
            )
        }
    };

    Bundle {
        format: rules::FORMAT.to_owned(),
        shipment_id: ship.id.clone(),
        exported_at: now.and_utc(),
        chain_valid: first_bad.is_none(),
        first_bad_event: first_bad,
        chain: ChainSummary {
            genesis: rules::to_hex(&rules::genesis(&ship.id)),
            length: ship.chain_len,
            head: ship.chain_head.clone(),
            pre_chain_events: pre_chain,
        },
        events,
        photos,
        attempts: m.attempts,
        attempt_salts,
        disputes,
        root,
        root_note,
    }
}
