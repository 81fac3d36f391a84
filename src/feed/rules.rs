//! The feed's cursor and filters, pure.
//!
//! A position in the feed is `(txid, id)`: the events are ordered by the transaction that
//! wrote them (on PostgreSQL its id, on SQLite the insertion order — one writer, so commit
//! order), then by event id. The feed only ever serves events below a *horizon* — on
//! PostgreSQL the oldest transaction still running (`pg_snapshot_xmin`), on SQLite one past the
//! last event committed — so every event below the horizon has committed or never will, and
//! nothing can later appear behind a position already served. A page shorter than asked moves
//! the cursor up to the horizon: `(horizon, "")` stands before every event of transaction
//! `horizon` and after every event below it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 1000;

/// Event types the webhook catalog has that the feed does not carry: a missed KPI target is
/// not a shipment's event (it has no place in the timelines' commit order).
pub const NOT_IN_FEED: &[&str] = &["kpi.target_missed", "eta.updated"];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Cursor {
    pub txid: i64,
    /// The last event served in transaction `txid`; empty: none of it yet.
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("f1.{}.{}", self.txid, self.id))
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let bytes = URL_SAFE_NO_PAD.decode(s).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let rest = text.strip_prefix("f1.")?;
        let (txid, id) = rest.split_once('.')?;
        let txid: i64 = txid.parse().ok().filter(|t| *t >= 0)?;
        let ok = id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        ok.then(|| Cursor {
            txid,
            id: id.to_owned(),
        })
    }

    /// Where the next page starts: after the last event served when the page was full (more
    /// may be waiting below the horizon), else at the horizon (everything below it was read),
    /// never behind where this page started.
    pub fn next(self, last: Option<Cursor>, full: bool, horizon: i64) -> Cursor {
        let reached = match (full, last) {
            (true, Some(last)) => last,
            (_, last) => {
                let at_horizon = Cursor {
                    txid: horizon,
                    id: String::new(),
                };
                last.map_or(at_horizon.clone(), |l| l.max(at_horizon))
            }
        };
        reached.max(self)
    }
}

/// `types=a,b`: each a known event type the feed carries. `None`: all types.
pub fn parse_types(raw: Option<&str>, catalog: &[&str]) -> Result<Option<Vec<String>>, String> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let mut types = Vec::new();
    for t in raw.split(',').map(str::trim) {
        if NOT_IN_FEED.contains(&t) {
            return Err(format!("{t} is not carried by the feed (webhooks only)"));
        }
        if !catalog.contains(&t) {
            return Err(format!("unknown event type {t:?}"));
        }
        if !types.iter().any(|k| k == t) {
            types.push(t.to_owned());
        }
    }
    Ok(Some(types))
}

pub fn check_limit(limit: Option<i64>) -> Result<i64, String> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if (1..=MAX_LIMIT).contains(&limit) {
        Ok(limit)
    } else {
        Err(format!("must be between 1 and {MAX_LIMIT}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(txid: i64, id: &str) -> Cursor {
        Cursor {
            txid,
            id: id.to_owned(),
        }
    }

    #[test]
    fn cursors_round_trip_and_refuse_forgeries() {
        for c in [at(0, ""), at(42, "evt_01jd"), at(i64::MAX, "evt_x")] {
            assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
        assert_eq!(Cursor::decode("not a cursor"), None);
        let forged = |s: &str| URL_SAFE_NO_PAD.encode(s);
        assert_eq!(Cursor::decode(&forged("f1.-1.evt")), None);
        assert_eq!(Cursor::decode(&forged("f1.1.evt'--")), None);
        assert_eq!(Cursor::decode(&forged("f2.1.evt")), None);
        // An ordinary list cursor (an id) is not a feed position.
        assert_eq!(Cursor::decode(&forged("evt_01jd")), None);
    }

    #[test]
    fn the_next_cursor_never_skips_nor_goes_back() {
        let start = at(10, "evt_b");
        // A full page: more may wait below the horizon, resume after the last one served.
        assert_eq!(
            start.clone().next(Some(at(12, "evt_a")), true, 50),
            at(12, "evt_a")
        );
        // A short page read everything below the horizon.
        assert_eq!(
            start.clone().next(Some(at(12, "evt_a")), false, 50),
            at(50, "")
        );
        // An empty page still moves to the horizon, the position to resume from.
        assert_eq!(start.clone().next(None, false, 50), at(50, ""));
        // A horizon behind the start (cannot happen, but never go back).
        assert_eq!(start.clone().next(None, false, 3), start);
        // Ordering: the empty id of a transaction comes before any of its events.
        assert!(at(50, "") < at(50, "evt_a") && at(49, "evt_z") < at(50, ""));
    }

    #[test]
    fn types_are_checked_against_the_catalog() {
        let catalog = ["shipment.created", "handoff.accepted", "kpi.target_missed"];
        assert_eq!(parse_types(None, &catalog), Ok(None));
        assert_eq!(parse_types(Some(""), &catalog), Ok(None));
        assert_eq!(
            parse_types(
                Some("handoff.accepted, shipment.created,handoff.accepted"),
                &catalog
            ),
            Ok(Some(vec![
                "handoff.accepted".to_owned(),
                "shipment.created".to_owned()
            ]))
        );
        assert!(parse_types(Some("shipment.created,nope"), &catalog).is_err());
        assert!(parse_types(Some("kpi.target_missed"), &catalog).is_err());
        assert_eq!(check_limit(None), Ok(100));
        assert_eq!(check_limit(Some(1000)), Ok(1000));
        assert!(check_limit(Some(0)).is_err() && check_limit(Some(1001)).is_err());
    }
}
