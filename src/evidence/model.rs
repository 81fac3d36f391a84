//! Signed roots and their leaves (diesel rows), and what the evidence routes return.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::rules::{self, Broken, ChainEvent};
use crate::attempts::model::Attempt;
use crate::db::schema::{evidence_leaves, evidence_roots};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = evidence_roots)]
pub struct RootRow {
    pub id: String,
    pub key_id: String,
    /// Base64 of the Ed25519 public key that signed it.
    pub public_key: String,
    /// Hex Merkle root.
    pub root: String,
    pub leaf_count: i64,
    /// Base64 Ed25519 signature of [`rules::root_message`].
    pub signature: String,
    pub covers_from: NaiveDateTime,
    pub covers_until: NaiveDateTime,
    pub signed_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = evidence_leaves)]
pub struct LeafRow {
    pub root_id: String,
    pub position: i64,
    pub shipment_id: String,
    pub head: String,
    pub chain_len: i64,
}

/// A signed Merkle root over the chain heads of the shipments changed in its period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Root {
    #[schema(example = "rot_01jd2v3k4m5n6p7q8r9s0t1u2v")]
    pub id: String,
    /// Hex SHA-256 Merkle root (RFC 6962 hashing).
    pub root: String,
    pub leaf_count: i64,
    /// `Ed25519`.
    pub algorithm: String,
    pub key_id: String,
    /// Base64 of the signing public key (also listed at `/.well-known/doorstep-keys.json`).
    pub public_key: String,
    /// Base64 signature of the root message (see the book: operators/evidence.md).
    pub signature: String,
    /// Exactly as signed: `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    pub signed_at: String,
    /// Shipments whose timeline changed from here (with an overlap) …
    pub covers_from: DateTime<Utc>,
    /// … to here.
    pub covers_until: DateTime<Utc>,
}

impl From<RootRow> for Root {
    fn from(r: RootRow) -> Root {
        Root {
            id: r.id,
            root: r.root,
            leaf_count: r.leaf_count,
            algorithm: rules::ALGORITHM.to_owned(),
            key_id: r.key_id,
            public_key: r.public_key,
            signature: r.signature,
            signed_at: rules::canonical_time(r.signed_at),
            covers_from: r.covers_from.and_utc(),
            covers_until: r.covers_until.and_utc(),
        }
    }
}

/// A public key that signs (or signed) evidence roots.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PublicKey {
    pub key_id: String,
    /// `Ed25519`.
    pub algorithm: String,
    /// Base64 of the 32-byte public key.
    pub public_key: String,
    /// The key new roots are signed with; others signed older roots.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct KeySet {
    pub keys: Vec<PublicKey>,
}

/// The chain of a shipment as stored.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChainSummary {
    /// Hex genesis "previous hash" of the first event.
    pub genesis: String,
    /// Chained events the shipment row counts.
    pub length: i64,
    /// Hex hash of the last chained event, as kept on the shipment row.
    pub head: Option<String>,
    /// Events written before the chain existed (listed, not chained).
    pub pre_chain_events: usize,
}

/// A photo's evidence: its SHA-256 (chained by the event of its upload) and whether the bytes
/// kept in the blob store still match it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PhotoEvidence {
    pub id: String,
    pub attempt_id: String,
    pub kind: String,
    pub sha256: String,
    pub bytes: i64,
    pub content_type: String,
    /// The chained event that recorded its upload.
    pub event_id: Option<String>,
    /// The kept bytes hash to `sha256` (false: changed or missing).
    pub stored_bytes_match: bool,
    /// Its file in the zip export (`photos/<id>`), when included.
    pub file: Option<String>,
}

/// Where a signed root covers the chain: the leaf, its inclusion proof and the root.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RootProof {
    pub root: Root,
    /// The leaf's place among the root's leaves (from 0).
    pub leaf_index: u64,
    /// The chain's length when signed: events 1..=chain_len are covered.
    pub chain_len: i64,
    /// Hex chain head at that length.
    pub head: String,
    /// Hex sibling hashes, leaf to root (RFC 6962 audit path).
    pub proof: Vec<String>,
    /// Events chained after the signed head (covered by the next root).
    pub unsigned_events: i64,
}

/// A self-contained evidence bundle: verify it offline with `doorstep verify`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bundle {
    /// `doorstep.evidence.v1`.
    pub format: String,
    pub shipment_id: String,
    pub exported_at: DateTime<Utc>,
    /// The server recomputed the chain from the stored events, compared it with their hashes,
    /// the head on the shipment and the signed root, and hashed the kept photo bytes.
    pub chain_valid: bool,
    /// The first event that fails, when the chain is broken.
    pub first_bad_event: Option<Broken>,
    pub chain: ChainSummary,
    /// Every event, chain order (pre-chain events first, without `seq`).
    pub events: Vec<ChainEvent>,
    pub photos: Vec<PhotoEvidence>,
    /// The attempts with their verdicts and flags, as the caller sees them.
    pub attempts: Vec<Attempt>,
    /// Per attempt, the salt of the digest its chained events keep of the driver's typed text
    /// and GPS fix: given to the parties who see those fields (not suppliers), until erased.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub attempt_salts: std::collections::BTreeMap<String, String>,
    /// The shipment's disputes as their chained events decide them (no free text).
    pub disputes: Vec<super::records::DisputeRecord>,
    /// The latest signed root covering this chain; `null` when none covers it yet.
    pub root: Option<RootProof>,
    /// Why `root` is null, or what it leaves uncovered.
    pub root_note: Option<String>,
}
