//! The records the chain vouches for, pure: each attempt as judged (every fact a verdict or a
//! KPI rests on) is chained in its `attempt.recorded` event and again, re-judged, in each
//! `attempt.photo_added`; each photo in its `attempt.photo_added`. The server (comparing its
//! rows) and `doorstep verify` (comparing a bundle's entries) recompute every record and
//! compare it with the latest chained judgement through [`check`]: an edited field, a removed
//! record or one the chain never saw is found either way.
//!
//! What the driver typed (recipient name, intercom note) and where they were (the GPS fix) are
//! personal data erased after retention: they are chained as a salted digest
//! ([`private_digest`]) under a per-attempt salt ([`attempt_salt`]) that a bundle gives only to
//! the parties who see those fields, so they can check it and no one else can guess at it.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::rules::{ChainEvent, contact_digest};

/// The events whose `judged` object is an attempt's latest judgement.
pub const JUDGING_KINDS: [&str; 2] = ["attempt.recorded", "attempt.photo_added"];

/// An attempt as the server judged it: what its chained events carry under `judged`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Judged {
    pub outcome: String,
    pub failure_reason: Option<String>,
    pub placement: Option<String>,
    /// Device time and server time, canonical (`rules::canonical_time`).
    pub occurred_at: String,
    pub received_at: String,
    /// Metres from the address, rounded to the metre as every party is shown it.
    pub distance_m: Option<f64>,
    pub flags: Vec<String>,
    pub verified: bool,
    pub pin_verified: bool,
    /// [`private_digest`]; `None` once erased.
    pub private_digest: Option<String>,
}

/// What the driver typed and where they were on an attempt, as the digest covers it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Private {
    pub recipient_name: Option<String>,
    pub intercom_note: Option<String>,
    /// (lat, lon, accuracy in metres, canonical capture time)
    pub gps: Option<(f64, f64, f64, Option<String>)>,
}

/// The salt of one attempt's digest, derived from the shipment's evidence salt: giving it out
/// opens this attempt's digest and nothing else. Hex SHA-256 of
/// `"doorstep.attempt-salt.v1" ‖ field(shipment salt) ‖ field(attempt id)`.
pub fn attempt_salt(shipment_salt: &str, attempt_id: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"doorstep.attempt-salt.v1");
    for part in [shipment_salt, attempt_id] {
        h.update((part.len() as u32).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// The salted digest of an attempt's private facts (`rules::contact_digest` over them).
pub fn private_digest(salt: &str, p: &Private) -> String {
    let num = |v: Option<f64>| v.map(|v| v.to_string());
    let gps = p.gps.as_ref();
    let (lat, lon, acc) = (
        num(gps.map(|g| g.0)),
        num(gps.map(|g| g.1)),
        num(gps.map(|g| g.2)),
    );
    let at = gps.and_then(|g| g.3.clone());
    contact_digest(
        salt,
        &[
            ("recipient_name", p.recipient_name.as_deref()),
            ("intercom_note", p.intercom_note.as_deref()),
            ("lat", lat.as_deref()),
            ("lon", lon.as_deref()),
            ("accuracy_m", acc.as_deref()),
            ("gps_captured_at", at.as_deref()),
        ],
    )
}

/// An attempt as the checker holds it: recomputed from a row or a bundle entry.
#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub id: String,
    pub judged: Judged,
    /// The digest was recomputed (the checker has the salt and the values); else it is not
    /// compared.
    pub digest_known: bool,
}

/// A photo as the checker holds it.
#[derive(Debug, Clone)]
pub struct PhotoRecord {
    pub id: String,
    pub attempt_id: String,
}

/// One record checked: `bad` when it contradicts the chain (or the chain names a record that
/// is missing), with the event it was checked against.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub bad: bool,
    pub seq: Option<i64>,
    pub event_id: Option<String>,
    pub text: String,
}

fn data_str<'a>(e: &'a ChainEvent, key: &str) -> Option<&'a str> {
    e.data.get(key).and_then(Value::as_str)
}

/// The first field of `judged` that differs from the chained `judged` object (the digest only
/// when `with_digest`).
pub fn first_difference(chained: &Value, judged: &Judged, with_digest: bool) -> Option<String> {
    let mine = serde_json::to_value(judged).unwrap_or(Value::Null);
    let Some(fields) = mine.as_object() else {
        return Some("judged".to_owned());
    };
    fields
        .iter()
        .filter(|(k, _)| with_digest || k.as_str() != "private_digest")
        .find(|(k, v)| chained.get(k.as_str()) != Some(*v))
        .map(|(k, _)| k.clone())
}

/// For events chained before attempts were chained whole: the outcome, flags and verdict
/// they did carry.
fn legacy_difference(e: &ChainEvent, judged: &Judged) -> Option<String> {
    if e.kind == "attempt.recorded" && data_str(e, "outcome") != Some(judged.outcome.as_str()) {
        return Some("outcome".to_owned());
    }
    let flags: Option<Vec<&str>> = e
        .data
        .get("flags")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect());
    let mine: Vec<&str> = judged.flags.iter().map(String::as_str).collect();
    if flags.is_some_and(|f| f != mine) {
        return Some("flags".to_owned());
    }
    match e.data.get("verified").and_then(Value::as_bool) {
        Some(v) if v != judged.verified => Some("verified".to_owned()),
        _ => None,
    }
}

/// Check every attempt and photo against the chain, and the chain's attempts and photos
/// against the records: one finding per record, in chain order of the records' events.
pub fn check(
    events: &[ChainEvent],
    attempts: &[AttemptRecord],
    photos: &[PhotoRecord],
) -> Vec<Finding> {
    let chained = |kind: &str| -> Vec<&ChainEvent> {
        events
            .iter()
            .filter(|e| e.seq.is_some() && e.kind == kind)
            .collect()
    };
    let pre_chain = |kind: &str, key: &str, id: &str| {
        events
            .iter()
            .any(|e| e.seq.is_none() && e.kind == kind && data_str(e, key) == Some(id))
    };
    let mut out = Vec::new();
    let bad = |e: Option<&ChainEvent>, text: String| Finding {
        bad: true,
        seq: e.and_then(|e| e.seq),
        event_id: e.map(|e| e.id.clone()),
        text,
    };
    // Records the chain names must be there.
    for e in chained("attempt.recorded") {
        let id = data_str(e, "attempt_id").unwrap_or_default();
        if !attempts.iter().any(|a| a.id == id) {
            out.push(bad(
                Some(e),
                format!(
                    "attempt {id}, recorded by event {}, is missing",
                    e.seq.unwrap_or(0)
                ),
            ));
        }
    }
    for e in chained("attempt.photo_added") {
        let id = data_str(e, "photo_id").unwrap_or_default();
        if !photos.iter().any(|p| p.id == id) {
            out.push(bad(
                Some(e),
                format!(
                    "photo {id}, added by event {}, is missing",
                    e.seq.unwrap_or(0)
                ),
            ));
        }
    }
    for a in attempts {
        let latest = events
            .iter()
            .filter(|e| e.seq.is_some() && JUDGING_KINDS.contains(&e.kind.as_str()))
            .filter(|e| data_str(e, "attempt_id") == Some(a.id.as_str()))
            .max_by_key(|e| e.seq);
        let Some(e) = latest else {
            out.push(if pre_chain("attempt.recorded", "attempt_id", &a.id) {
                Finding {
                    bad: false,
                    seq: None,
                    event_id: None,
                    text: format!("attempt {}: recorded before the chain, not covered", a.id),
                }
            } else {
                bad(
                    None,
                    format!("attempt {}: no chained event records it", a.id),
                )
            });
            continue;
        };
        let seq = e.seq.unwrap_or(0);
        let difference = match e.data.get("judged") {
            Some(chained) => first_difference(chained, &a.judged, a.digest_known),
            None => legacy_difference(e, &a.judged),
        };
        out.push(match difference {
            Some(field) => bad(
                Some(e),
                format!(
                    "attempt {}: its {field} is not what event {seq} chained",
                    a.id
                ),
            ),
            None => Finding {
                bad: false,
                seq: e.seq,
                event_id: Some(e.id.clone()),
                text: format!(
                    "attempt {}: {} as judged in event {seq}{}",
                    a.id,
                    a.judged.outcome,
                    match (e.data.get("judged").is_some(), a.digest_known) {
                        (false, _) =>
                            " (chained before whole attempts were: outcome, flags \
                                       and verdict compared)",
                        (true, true) => ", the driver's text and GPS fix included",
                        (true, false) =>
                            "; the driver's text and GPS fix are chained as a \
                                          digest this copy cannot open",
                    }
                ),
            },
        });
    }
    for p in photos {
        let event = events.iter().find(|e| {
            e.seq.is_some()
                && e.kind == "attempt.photo_added"
                && data_str(e, "photo_id") == Some(p.id.as_str())
        });
        match event {
            Some(e) if data_str(e, "attempt_id") != Some(p.attempt_id.as_str()) => out.push(bad(
                Some(e),
                format!("photo {}: chained for another attempt", p.id),
            )),
            Some(_) => {}
            None if pre_chain("attempt.recorded", "attempt_id", &p.attempt_id) => {}
            None => out.push(bad(
                None,
                format!("photo {}: no chained event added it", p.id),
            )),
        }
    }
    out.sort_by_key(|f| f.seq.unwrap_or(i64::MAX));
    out
}

/// A dispute as a bundle lists it and the checker holds it: what its chained events say of it
/// (no free text: the customer's comment and the answers stay out of the bundle).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DisputeRecord {
    pub id: String,
    pub attempt_id: Option<String>,
    /// As the dispute's `reason`.
    pub reason: String,
    /// `open`, `responded` or `resolved`.
    pub status: String,
    pub resolution: Option<String>,
    pub remedy: Option<String>,
}

/// What the chain says of one dispute: its `dispute.opened`, then what followed.
fn chained_dispute<'e>(
    events: &'e [ChainEvent],
    id: &str,
) -> Option<(&'e ChainEvent, DisputeRecord)> {
    let of = |kind: &'static str| {
        events.iter().filter(move |e| {
            e.seq.is_some() && e.kind == kind && data_str(e, "dispute_id") == Some(id)
        })
    };
    let opened = of("dispute.opened").next()?;
    let resolved = of("dispute.resolved").next_back();
    let status = match (resolved, of("dispute.responded").next()) {
        (Some(_), _) => "resolved",
        (None, Some(_)) => "responded",
        (None, None) => "open",
    };
    let text = |e: Option<&ChainEvent>, k: &str| e.and_then(|e| data_str(e, k)).map(str::to_owned);
    Some((
        resolved.unwrap_or(opened),
        DisputeRecord {
            id: id.to_owned(),
            attempt_id: text(Some(opened), "attempt_id"),
            reason: text(Some(opened), "reason").unwrap_or_default(),
            status: status.to_owned(),
            resolution: text(resolved, "resolution"),
            remedy: text(resolved, "remedy"),
        },
    ))
}

/// Check every dispute against its chained events (opened, responded, resolved: the outcome
/// a KPI rests on) and every dispute the chain opened against the records.
pub fn check_disputes(events: &[ChainEvent], disputes: &[DisputeRecord]) -> Vec<Finding> {
    let mut out = Vec::new();
    for e in events
        .iter()
        .filter(|e| e.seq.is_some() && e.kind == "dispute.opened")
    {
        let id = data_str(e, "dispute_id").unwrap_or_default();
        if !disputes.iter().any(|d| d.id == id) {
            out.push(Finding {
                bad: true,
                seq: e.seq,
                event_id: Some(e.id.clone()),
                text: format!(
                    "dispute {id}, opened by event {}, is missing",
                    e.seq.unwrap_or(0)
                ),
            });
        }
    }
    for d in disputes {
        let Some((e, chained)) = chained_dispute(events, &d.id) else {
            let before = events.iter().any(|e| {
                e.seq.is_none()
                    && e.kind == "dispute.opened"
                    && data_str(e, "dispute_id") == Some(d.id.as_str())
            });
            out.push(Finding {
                bad: !before,
                seq: None,
                event_id: None,
                text: if before {
                    format!("dispute {}: opened before the chain, not covered", d.id)
                } else {
                    format!("dispute {}: no chained event opened it", d.id)
                },
            });
            continue;
        };
        let seq = e.seq.unwrap_or(0);
        let differs = [
            ("attempt_id", d.attempt_id != chained.attempt_id),
            ("reason", d.reason != chained.reason),
            ("status", d.status != chained.status),
            ("resolution", d.resolution != chained.resolution),
            ("remedy", d.remedy != chained.remedy),
        ]
        .into_iter()
        .find(|(_, differs)| *differs);
        out.push(Finding {
            bad: differs.is_some(),
            seq: e.seq,
            event_id: Some(e.id.clone()),
            text: match differs {
                Some((field, _)) => {
                    format!(
                        "dispute {}: its {field} is not what the chain says (event {seq})",
                        d.id
                    )
                }
                None => format!("dispute {}: {} as chained in event {seq}", d.id, d.status),
            },
        });
    }
    out.sort_by_key(|f| f.seq.unwrap_or(i64::MAX));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn judged() -> Judged {
        Judged {
            outcome: "failed".to_owned(),
            failure_reason: Some("recipient_absent".to_owned()),
            placement: None,
            occurred_at: "2026-12-06T10:00:00.000000Z".to_owned(),
            received_at: "2026-12-06T10:00:01.000000Z".to_owned(),
            distance_m: Some(12.0),
            flags: vec!["absent_without_contact".to_owned()],
            verified: false,
            pin_verified: false,
            private_digest: Some("d".repeat(64)),
        }
    }

    fn event(seq: Option<i64>, kind: &str, data: Value) -> ChainEvent {
        ChainEvent {
            seq,
            id: format!("evt_{}", seq.unwrap_or(0)),
            kind: kind.to_owned(),
            actor_kind: "user".to_owned(),
            actor_id: None,
            actor_org_id: None,
            data,
            at: "2026-12-06T10:00:01.000000Z".to_owned(),
            hash: None,
        }
    }

    fn record(j: Judged, digest_known: bool) -> AttemptRecord {
        AttemptRecord {
            id: "att_1".to_owned(),
            judged: j,
            digest_known,
        }
    }

    #[test]
    fn every_judged_field_is_compared() {
        let events = vec![event(
            Some(3),
            "attempt.recorded",
            json!({"attempt_id": "att_1", "judged": judged()}),
        )];
        let ok = check(&events, &[record(judged(), true)], &[]);
        assert!(ok.iter().all(|f| !f.bad), "{ok:?}");
        type Edit = (&'static str, fn(&mut Judged));
        let edits: [Edit; 6] = [
            ("outcome", |j| j.outcome = "delivered".to_owned()),
            ("occurred_at", |j| {
                j.occurred_at = "2026-12-06T09:00:00.000000Z".to_owned()
            }),
            ("flags", |j| j.flags.clear()),
            ("verified", |j| j.verified = true),
            ("distance_m", |j| j.distance_m = Some(2000.0)),
            ("private_digest", |j| {
                j.private_digest = Some("e".repeat(64))
            }),
        ];
        for (field, edit) in edits {
            let mut j = judged();
            edit(&mut j);
            let found = check(&events, &[record(j, true)], &[]);
            assert!(found[0].bad, "{field}");
            assert!(found[0].text.contains(field), "{field}: {}", found[0].text);
            assert_eq!(found[0].seq, Some(3));
        }
        // Without the salt the digest is not compared.
        let mut j = judged();
        j.private_digest = None;
        assert!(!check(&events, &[record(j, false)], &[])[0].bad);
    }

    #[test]
    fn the_latest_judgement_counts() {
        let mut later = judged();
        later.flags.clear();
        later.verified = true;
        let events = vec![
            event(
                Some(3),
                "attempt.recorded",
                json!({"attempt_id": "att_1", "judged": judged()}),
            ),
            event(
                Some(4),
                "attempt.photo_added",
                json!({"attempt_id": "att_1", "photo_id": "pho_1", "judged": later}),
            ),
        ];
        let photo = PhotoRecord {
            id: "pho_1".to_owned(),
            attempt_id: "att_1".to_owned(),
        };
        let found = check(
            &events,
            &[record(later.clone(), true)],
            std::slice::from_ref(&photo),
        );
        assert!(found.iter().all(|f| !f.bad), "{found:?}");
        let found = check(&events, &[record(judged(), true)], &[photo]);
        assert!(found.iter().any(|f| f.bad && f.seq == Some(4)), "{found:?}");
    }

    #[test]
    fn missing_and_unchained_records_are_found() {
        let events = vec![
            event(
                Some(3),
                "attempt.recorded",
                json!({"attempt_id": "att_1", "judged": judged()}),
            ),
            event(
                Some(4),
                "attempt.photo_added",
                json!({"attempt_id": "att_1", "photo_id": "pho_1", "judged": judged()}),
            ),
        ];
        let removed = check(&events, &[], &[]);
        assert_eq!(removed.iter().filter(|f| f.bad).count(), 2, "{removed:?}");
        let fabricated = PhotoRecord {
            id: "pho_2".to_owned(),
            attempt_id: "att_1".to_owned(),
        };
        let real = PhotoRecord {
            id: "pho_1".to_owned(),
            attempt_id: "att_1".to_owned(),
        };
        let found = check(&events, &[record(judged(), true)], &[real, fabricated]);
        assert!(
            found.iter().any(|f| f.bad && f.text.contains("pho_2")),
            "{found:?}"
        );
        let mut other = record(judged(), true);
        other.id = "att_9".to_owned();
        let found = check(&events, &[record(judged(), true), other], &[]);
        assert!(found.iter().any(|f| f.bad && f.text.contains("att_9")));
    }

    #[test]
    fn records_from_before_the_chain_pass_and_legacy_events_compare_what_they_carry() {
        let events = vec![event(
            None,
            "attempt.recorded",
            json!({"attempt_id": "att_1"}),
        )];
        let found = check(&events, &[record(judged(), false)], &[]);
        assert!(!found[0].bad && found[0].text.contains("before the chain"));
        let legacy = vec![event(
            Some(2),
            "attempt.recorded",
            json!({"attempt_id": "att_1", "outcome": "failed",
                "flags": ["absent_without_contact"], "verified": false}),
        )];
        assert!(!check(&legacy, &[record(judged(), false)], &[])[0].bad);
        let mut j = judged();
        j.outcome = "delivered".to_owned();
        assert!(check(&legacy, &[record(j, false)], &[])[0].bad);
    }

    #[test]
    fn the_attempt_salt_is_per_attempt_and_the_digest_covers_each_value() {
        let a = attempt_salt("s", "att_1");
        assert_ne!(a, attempt_salt("s", "att_2"));
        assert_ne!(a, attempt_salt("t", "att_1"));
        let p = Private {
            recipient_name: Some("MARTIN".to_owned()),
            intercom_note: Some("rang twice".to_owned()),
            gps: Some((48.85, 2.35, 8.0, None)),
        };
        let d = private_digest(&a, &p);
        let mut moved = p.clone();
        moved.gps = Some((48.87, 2.35, 8.0, None));
        assert_ne!(d, private_digest(&a, &moved));
        let mut renamed = p.clone();
        renamed.recipient_name = Some("DUPONT".to_owned());
        assert_ne!(d, private_digest(&a, &renamed));
        assert_eq!(d, private_digest(&a, &p.clone()));
    }

    #[test]
    fn disputes_are_checked_against_their_chained_outcome() {
        let events = vec![
            event(
                Some(5),
                "dispute.opened",
                json!({"dispute_id": "dsp_1", "attempt_id": "att_1", "reason": "was_home"}),
            ),
            event(
                Some(6),
                "dispute.resolved",
                json!({"dispute_id": "dsp_1", "resolution": "rejected", "remedy": "none"}),
            ),
        ];
        let d = DisputeRecord {
            id: "dsp_1".to_owned(),
            attempt_id: Some("att_1".to_owned()),
            reason: "was_home".to_owned(),
            status: "resolved".to_owned(),
            resolution: Some("rejected".to_owned()),
            remedy: Some("none".to_owned()),
        };
        let ok = check_disputes(&events, std::slice::from_ref(&d));
        assert!(ok.iter().all(|f| !f.bad) && ok.len() == 1, "{ok:?}");
        type Edit = (&'static str, fn(&mut DisputeRecord));
        let edits: [Edit; 4] = [
            ("resolution", |d| d.resolution = Some("upheld".to_owned())),
            ("remedy", |d| d.remedy = Some("refund".to_owned())),
            ("status", |d| d.status = "open".to_owned()),
            ("attempt_id", |d| d.attempt_id = Some("att_2".to_owned())),
        ];
        for (field, edit) in edits {
            let mut e = d.clone();
            edit(&mut e);
            let found = check_disputes(&events, &[e]);
            assert!(
                found[0].bad && found[0].text.contains(field),
                "{field}: {found:?}"
            );
        }
        // Removed, or one the chain never opened.
        assert!(check_disputes(&events, &[])[0].bad);
        let mut other = d.clone();
        other.id = "dsp_2".to_owned();
        let found = check_disputes(&events, &[d.clone(), other]);
        assert!(
            found.iter().any(|f| f.bad && f.text.contains("dsp_2")),
            "{found:?}"
        );
        // Still open: the chain has no outcome, so an entry claiming one is refused.
        let open = &events[..1];
        let mut claimed = d.clone();
        claimed.status = "open".to_owned();
        assert!(check_disputes(open, &[claimed.clone()])[0].bad);
        claimed.resolution = None;
        claimed.remedy = None;
        assert!(!check_disputes(open, &[claimed])[0].bad);
    }
}
