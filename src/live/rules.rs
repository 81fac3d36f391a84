//! The live arrival estimate, pure: from a driver's latest position and their remaining stops
//! in route order, how many stops come before each one and about how many minutes until the
//! driver is there; and what of it may be shown.

use chrono::{DateTime, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::model::{LiveEstimate, StopEstimate};
use crate::geo::haversine_m;

/// A courier's average speed on its rounds when it set none, km/h (a city van with traffic).
pub const DEFAULT_SPEED_KMH: f64 = 20.0;
/// Roads are longer than the straight line between two addresses.
pub const ROAD_FACTOR: f64 = 1.3;
/// Minutes a stop takes: parking, stairs, the hand-over.
pub const MINUTES_PER_STOP: f64 = 4.0;
/// The approach is shown only when at most this many stops come before the parcel's.
pub const SHOWN_WITHIN_STOPS: u32 = 3;
/// An estimate from a position older than this is stale: not shown (the app stopped
/// reporting), and the position is purged.
pub const FRESH_FOR_SECS: i64 = 300;
/// `eta.updated` goes out at most this often per shipment.
pub const NOTIFY_EVERY_SECS: i64 = 300;

/// A remaining stop: its shipment and its address's coordinates, when the marketplace gave
/// them (a stop without counts as a stop, with no distance).
#[derive(Debug, Clone)]
pub struct Stop {
    pub shipment_id: String,
    pub at: Option<(f64, f64)>,
}

/// The estimate of every stop, in route order: the road distance (straight lines times
/// [`ROAD_FACTOR`]) from the driver through the stops before it at `speed_kmh`, plus
/// [`MINUTES_PER_STOP`] for each stop before it; at least one minute.
pub fn estimates(from: (f64, f64), stops: &[Stop], speed_kmh: Option<i32>) -> Vec<StopEstimate> {
    let speed = speed_kmh
        .filter(|s| *s > 0)
        .map_or(DEFAULT_SPEED_KMH, f64::from);
    let mut here = from;
    let mut km = 0.0;
    stops
        .iter()
        .enumerate()
        .map(|(i, stop)| {
            if let Some(p) = stop.at {
                km += haversine_m(here, p) / 1000.0 * ROAD_FACTOR;
                here = p;
            }
            let minutes = km / speed * 60.0 + i as f64 * MINUTES_PER_STOP;
            StopEstimate {
                shipment_id: stop.shipment_id.clone(),
                stops_before: i as u32,
                minutes: minutes.ceil().clamp(1.0, f64::from(u32::MAX)) as u32,
            }
        })
        .collect()
}

/// The estimates as kept with the position (one text column).
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    /// When the position was received (unix seconds).
    at: i64,
    /// (shipment id, stops before, minutes), in route order.
    stops: Vec<(String, u32, u32)>,
}

pub fn encode(at: NaiveDateTime, stops: &[StopEstimate]) -> String {
    let stored = Stored {
        at: at.and_utc().timestamp(),
        stops: stops
            .iter()
            .map(|s| (s.shipment_id.clone(), s.stops_before, s.minutes))
            .collect(),
    };
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Every stop's estimate as kept, with when its position was received.
pub fn decode(stored: &str) -> Option<(NaiveDateTime, Vec<StopEstimate>)> {
    let s: Stored = serde_json::from_str(stored).ok()?;
    let at = DateTime::from_timestamp(s.at, 0)?.naive_utc();
    let stops = s
        .stops
        .into_iter()
        .map(|(shipment_id, stops_before, minutes)| StopEstimate {
            shipment_id,
            stops_before,
            minutes,
        })
        .collect();
    Some((at, stops))
}

/// What may be shown of `shipment_id`'s approach at `now`, from its driver's kept estimates
/// (`None` when its parcel is not out for delivery: the caller passes none then): only among
/// the next [`SHOWN_WITHIN_STOPS`] stops and from a fresh position.
pub fn shown(stored: Option<&str>, shipment_id: &str, now: NaiveDateTime) -> Option<LiveEstimate> {
    shown_all(stored?, now)
        .into_iter()
        .find(|(id, _)| id == shipment_id)
        .map(|(_, e)| e)
}

/// Every stop whose approach may be shown at `now`, by shipment id, in route order.
pub fn shown_all(stored: &str, now: NaiveDateTime) -> Vec<(String, LiveEstimate)> {
    let Some((at, stops)) = decode(stored) else {
        return Vec::new();
    };
    if (now - at).num_seconds() > FRESH_FOR_SECS {
        return Vec::new();
    }
    stops
        .into_iter()
        .filter(|s| s.stops_before <= SHOWN_WITHIN_STOPS)
        .map(|s| {
            let e = LiveEstimate {
                stops_before: s.stops_before,
                minutes: s.minutes,
                updated_at: at.and_utc(),
            };
            (s.shipment_id, e)
        })
        .collect()
}

/// Whether `eta.updated` is due for a driver's stops last told at `notified_at`.
pub fn notice_due(notified_at: Option<NaiveDateTime>, now: NaiveDateTime) -> bool {
    notified_at.is_none_or(|t| (now - t).num_seconds() >= NOTIFY_EVERY_SECS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(secs: i64) -> NaiveDateTime {
        DateTime::from_timestamp(1_800_000_000 + secs, 0)
            .unwrap()
            .naive_utc()
    }

    fn stop(id: &str, at: Option<(f64, f64)>) -> Stop {
        Stop {
            shipment_id: id.to_owned(),
            at,
        }
    }

    #[test]
    fn minutes_grow_with_road_distance_and_stops_before() {
        // 0.01° of latitude is 1.11 km; 1.45 km of road at 20 km/h is 4.3 minutes.
        let from = (48.85, 2.35);
        let stops = [
            stop("a", Some((48.86, 2.35))),
            stop("b", Some((48.87, 2.35))),
            stop("c", None),
        ];
        let e = estimates(from, &stops, None);
        assert_eq!(e.len(), 3);
        assert_eq!((e[0].stops_before, e[0].minutes), (0, 5));
        // Twice the road and one stop of 4 minutes: 8.7 + 4.
        assert_eq!((e[1].stops_before, e[1].minutes), (1, 13));
        // No coordinates: no distance, but the stops before it still take their time.
        assert_eq!((e[2].stops_before, e[2].minutes), (2, 17));
        // At 40 km/h the driving halves.
        let fast = estimates(from, &stops, Some(40));
        assert_eq!(fast[0].minutes, 3);
        // A driver at the door is still at least a minute away; a zero speed is the default.
        let here = estimates((48.86, 2.35), &stops[..1], Some(0));
        assert_eq!(here[0].minutes, 1);
    }

    #[test]
    fn only_the_next_few_stops_and_fresh_positions_are_shown() {
        let stops: Vec<Stop> = (0..6).map(|i| stop(&format!("s{i}"), None)).collect();
        let kept = encode(t(0), &estimates((0.0, 0.0), &stops, None));
        let shown_at = |id: &str, secs| shown(Some(&kept), id, t(secs));
        let next = shown_at("s0", 10).unwrap();
        assert_eq!((next.stops_before, next.minutes), (0, 1));
        assert_eq!(next.updated_at, t(0).and_utc());
        assert_eq!(shown_at("s3", 10).unwrap().stops_before, 3);
        assert!(shown_at("s4", 10).is_none(), "too far down the round");
        assert!(shown_at("other", 10).is_none());
        assert!(shown_at("s0", FRESH_FOR_SECS).is_some());
        assert!(shown_at("s0", FRESH_FOR_SECS + 1).is_none(), "stale");
        assert!(shown(None, "s0", t(0)).is_none());
        assert!(shown(Some("not json"), "s0", t(0)).is_none());
    }

    #[test]
    fn eta_updated_goes_out_once_per_interval() {
        assert!(notice_due(None, t(0)));
        assert!(!notice_due(Some(t(0)), t(NOTIFY_EVERY_SECS - 1)));
        assert!(notice_due(Some(t(0)), t(NOTIFY_EVERY_SECS)));
    }
}
