//! Webhook rules, pure: the event catalog, signatures, the retry schedule, which addresses a
//! webhook may reach.

pub use crate::outbound::{backoff, is_forbidden};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Every event type a subscription may ask for.
pub const CATALOG: &[&str] = &[
    "shipment.created",
    "handoff.requested",
    "handoff.accepted",
    "handoff.rejected",
    "custody.gap",
    "shipment.out_for_delivery",
    "shipment.eta",
    "eta.updated",
    "shipment.contact_updated",
    "shipment.rescheduled",
    "shipment.early_consent",
    "shipment.early_declined",
    "redelivery.proposed",
    "redelivery.chosen",
    "contact_attempt.recorded",
    "attempt.recorded",
    "attempt.photo_added",
    "shipment.delivered",
    "shipment.attempt_failed",
    "shipment.lost",
    "shipment.cancelled",
    "dispute.opened",
    "dispute.responded",
    "dispute.resolved",
    "contact.erased",
    "rating.submitted",
    "rating.changed",
    "kpi.target_missed",
];

/// Whether a subscription's types (`*` or a list) include `event_type`. `ping` always does.
pub fn wants(types: &str, event_type: &str) -> bool {
    event_type == "ping" || types == "*" || types.split(',').any(|t| t == event_type)
}

/// `Doorstep-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` — one `v1` per
/// valid secret (two while a rotated secret is still honoured).
pub fn signature_header(secrets: &[&str], t: i64, body: &str) -> String {
    let mut header = format!("t={t}");
    for secret in secrets {
        header.push_str(",v1=");
        header.push_str(&sign(secret, t, body));
    }
    header
}

pub fn sign(secret: &str, t: i64, body: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        Err(_) => return String::new(), // HMAC accepts keys of any length
    };
    mac.update(format!("{t}.{body}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Which orgs' due deliveries to claim this round, and how many each: one at a time per org in
/// turn (round robin), starting after the org served last (`after`), until `free` slots are
/// taken. `wants` holds each org's claimable count (its due deliveries, at most its free
/// slots). Returns the share of each org that gets one, and the org to start after next round.
pub fn share(
    mut wants: Vec<(String, usize)>,
    after: Option<&str>,
    mut free: usize,
) -> (Vec<(String, usize)>, Option<String>) {
    wants.sort();
    let start = wants.partition_point(|(org, _)| after.is_some_and(|a| org.as_str() <= a));
    wants.rotate_left(start);
    let mut given = vec![0; wants.len()];
    let mut last = None;
    let mut progress = true;
    while free > 0 && progress {
        progress = false;
        for (i, (_, want)) in wants.iter().enumerate() {
            if free > 0 && given[i] < *want {
                given[i] += 1;
                free -= 1;
                last = Some(i);
                progress = true;
            }
        }
    }
    let next = last.map(|i| wants[i].0.clone());
    let shares = wants
        .into_iter()
        .zip(given)
        .filter(|(_, n)| *n > 0)
        .map(|((org, _), n)| (org, n))
        .collect();
    (shares, next)
}

/// One org's claim request: its due deliveries and its room within its own share (the per-org
/// cap less what it has in flight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand {
    pub org: String,
    pub due: usize,
    pub room: usize,
}

/// Which orgs' due deliveries to claim, work-conserving: first every org's fair share (at most
/// its room), round robin; then the slots still idle are lent to orgs with more due, round robin
/// again, but `reserve` of them stay free, so an org with nothing in flight finds its share at
/// once however large another's backlog (the per-org cap bites only under contention). Returns
/// each org's count and the org to start after next round.
pub fn plan(
    demands: Vec<Demand>,
    after: Option<&str>,
    free: usize,
    reserve: usize,
) -> (Vec<(String, usize)>, Option<String>) {
    let fair = demands
        .iter()
        .map(|d| (d.org.clone(), d.due.min(d.room)))
        .collect();
    let (mut shares, next) = share(fair, after, free);
    let taken: usize = shares.iter().map(|(_, n)| n).sum();
    let lendable = free.saturating_sub(taken).saturating_sub(reserve);
    if lendable == 0 {
        return (shares, next);
    }
    let given = |org: &str, shares: &[(String, usize)]| {
        shares.iter().find(|(o, _)| o == org).map_or(0, |(_, n)| *n)
    };
    let rest = demands
        .iter()
        .map(|d| (d.org.clone(), d.due.saturating_sub(given(&d.org, &shares))))
        .collect();
    let (more, next_lent) = share(rest, next.as_deref().or(after), lendable);
    for (org, n) in more {
        match shares.iter_mut().find(|(o, _)| *o == org) {
            Some(s) => s.1 += n,
            None => shares.push((org, n)),
        }
    }
    shares.sort();
    (shares, next_lent.or(next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn signatures_match_the_documented_recipe() {
        // echo -n "1700000000.{}" | openssl dgst -sha256 -hmac whsec_test
        let s = sign("whsec_test", 1_700_000_000, "{}");
        assert_eq!(s.len(), 64);
        assert_eq!(s, sign("whsec_test", 1_700_000_000, "{}"));
        assert_ne!(s, sign("whsec_other", 1_700_000_000, "{}"));
        assert_ne!(s, sign("whsec_test", 1_700_000_001, "{}"));
        let h = signature_header(&["a", "b"], 5, "x");
        assert_eq!(
            h,
            format!("t=5,v1={},v1={}", sign("a", 5, "x"), sign("b", 5, "x"))
        );
    }

    #[test]
    fn backoff_grows_and_caps() {
        let base = Duration::from_secs(10);
        assert_eq!(backoff(1, base, 0.5), Duration::from_secs(10));
        assert_eq!(backoff(2, base, 0.5), Duration::from_secs(20));
        assert_eq!(backoff(5, base, 0.5), Duration::from_secs(160));
        assert_eq!(backoff(30, base, 0.5), Duration::from_secs(6 * 3600));
        assert_eq!(backoff(1, base, 0.0), Duration::from_secs(8));
        assert_eq!(backoff(1, base, 1.0), Duration::from_secs(12));
        // About 3 days of tries: the schedule reaches 72 h after ~22 tries.
        let total: Duration = (1..=22).map(|n| backoff(n, base, 0.5)).sum();
        assert!(
            total > Duration::from_secs(60 * 3600) && total < Duration::from_secs(100 * 3600),
            "{total:?}"
        );
    }

    #[test]
    fn forbidden_addresses() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:0:127.0.0.1",
            "::ffff:0:10.0.0.1",
            "::ffff:0:169.254.169.254",
            "224.0.0.1",
            "64:ff9b:1::808:808",
            "64:ff9b:1:ffff::1",
        ] {
            assert!(is_forbidden(ip.parse().unwrap()), "{ip}");
        }
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "2606:4700::1111",
            "172.32.0.1",
            "64:ff9b::808:808",
            "2002:808:808::1",
            "::ffff:0:8.8.8.8",
        ] {
            assert!(!is_forbidden(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn claims_go_round_robin_across_orgs() {
        let wants = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
            v.iter().map(|(o, n)| ((*o).to_owned(), *n)).collect()
        };
        // Room for everyone: each org gets what it can take.
        let (s, next) = share(wants(&[("b", 1), ("a", 4)]), None, 32);
        assert_eq!(s, wants(&[("a", 4), ("b", 1)]));
        assert_eq!(next.as_deref(), Some("a"));
        // Scarce slots are spread one per org, not given to the first org in line.
        let (s, next) = share(wants(&[("a", 4), ("b", 4), ("c", 4)]), None, 4);
        assert_eq!(s, wants(&[("a", 2), ("b", 1), ("c", 1)]));
        assert_eq!(next.as_deref(), Some("a"));
        // The next round starts after the org served last, wrapping around.
        let (s, next) = share(wants(&[("a", 4), ("b", 4), ("c", 4)]), Some("a"), 2);
        assert_eq!(s, wants(&[("b", 1), ("c", 1)]));
        assert_eq!(next.as_deref(), Some("c"));
        let (s, _) = share(wants(&[("a", 4), ("b", 4), ("c", 4)]), Some("c"), 1);
        assert_eq!(s, wants(&[("a", 1)]));
        // An org without room (or nothing due) gets nothing; no slots, no claims.
        let (s, _) = share(wants(&[("a", 0), ("b", 2)]), None, 8);
        assert_eq!(s, wants(&[("b", 2)]));
        let (s, next) = share(wants(&[("a", 3)]), Some("z"), 0);
        assert!(s.is_empty() && next.is_none());
    }

    #[test]
    fn idle_slots_are_lent_but_a_share_stays_free_for_a_newcomer() {
        let d = |org: &str, due: usize, room: usize| Demand {
            org: org.to_owned(),
            due,
            room,
        };
        // Alone with a backlog: its share, then every idle slot but the reserve.
        let (s, _) = plan(vec![d("a", 2000, 4)], None, 32, 4);
        assert_eq!(s, vec![("a".to_owned(), 28)]);
        // Already past its share (28 in flight, 4 free): the free slots are the reserve.
        let (s, _) = plan(vec![d("a", 2000, 0)], None, 4, 4);
        assert!(s.is_empty(), "{s:?}");
        // A newcomer arriving then gets its whole share at once, from the reserve.
        let (s, _) = plan(vec![d("a", 2000, 0), d("b", 100, 4)], None, 4, 4);
        assert_eq!(s, vec![("b".to_owned(), 4)]);
        // Two orgs contending for what frees up: lent one each in turn.
        let (s, next) = plan(vec![d("a", 2000, 0), d("b", 2000, 0)], None, 14, 4);
        assert_eq!(s, vec![("a".to_owned(), 5), ("b".to_owned(), 5)]);
        let (s, _) = plan(
            vec![d("a", 2000, 0), d("b", 2000, 0)],
            next.as_deref(),
            13,
            4,
        );
        assert_eq!(s.iter().map(|(_, n)| n).sum::<usize>(), 9);
        assert!(s.iter().all(|(_, n)| (4..=5).contains(n)), "{s:?}");
        // Nothing more due than the share: nothing lent.
        let (s, _) = plan(vec![d("a", 3, 4), d("b", 1, 4)], None, 32, 4);
        assert_eq!(s, vec![("a".to_owned(), 3), ("b".to_owned(), 1)]);
        // No reserve possible (cap as large as the whole): plain fair shares.
        let (s, _) = plan(vec![d("a", 50, 8)], None, 8, 8);
        assert_eq!(s, vec![("a".to_owned(), 8)]);
    }

    #[test]
    fn type_matching() {
        assert!(wants("*", "shipment.created"));
        assert!(wants("shipment.created,dispute.opened", "dispute.opened"));
        assert!(!wants("shipment.created", "shipment.createdX"));
        assert!(wants("shipment.created", "ping"));
    }
}
