//! The customer's view of a parcel, cached per shipment and version: a tracking link is read far
//! more often than its parcel changes. The one door bumps the shipment's `version` on every
//! change, so a cached view is served only while the row still has the version it was built
//! from (checked on every read, so several servers each keep their own cache correctly); what
//! changes without the shipment — the driver's average over other parcels, names, the rating
//! window — is at most `TTL` old.
//!
//! Bounded in bytes (each view weighs its JSON size), and a view that can no longer be served
//! (older than `TTL`, or of an older version) is dropped when read and swept out every `TTL`,
//! so the budget holds views that may still be served.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use quick_cache::Weighter;
use quick_cache::sync::Cache;

use serde::Serialize;

use super::model::TrackingView;

/// How long a view may serve what changes outside its shipment.
pub const TTL: Duration = Duration::from_secs(30);

/// What a view costs beyond its JSON (the key, the entry, the allocation).
const OVERHEAD: u64 = 256;

/// The customers' views.
pub type ViewCache = Views<TrackingView>;

#[derive(Clone)]
pub struct Views<V> {
    views: Arc<Cache<String, Arc<Cached<V>>, ByBytes>>,
    swept: Arc<Mutex<Instant>>,
}

struct Cached<V> {
    version: i64,
    built: Instant,
    bytes: u64,
    view: V,
}

impl<V> Cached<V> {
    fn servable(&self, version: i64) -> bool {
        self.version == version && self.built.elapsed() < TTL
    }
}

#[derive(Clone)]
struct ByBytes;

impl<V> Weighter<String, Arc<Cached<V>>> for ByBytes {
    fn weight(&self, key: &String, val: &Arc<Cached<V>>) -> u64 {
        key.len() as u64 + val.bytes
    }
}

impl<V: Clone + Serialize> Views<V> {
    /// A cache holding at most `budget_bytes` of views.
    pub fn new(budget_bytes: u64) -> Views<V> {
        let budget = budget_bytes.max(64 * 1024);
        // quick_cache sizes its tables from an item estimate: views of about 8 KiB.
        let items = (budget / 8192).max(16) as usize;
        Views {
            views: Arc::new(Cache::with_weighter(items, budget, ByBytes)),
            swept: Arc::new(Mutex::new(Instant::now())),
        }
    }

    /// The view of `shipment_id` built from `version`, if still fresh.
    pub fn get(&self, shipment_id: &str, version: i64) -> Option<V> {
        let cached = self.views.get(shipment_id)?;
        if cached.servable(version) {
            return Some(cached.view.clone());
        }
        // Never served again: its bytes go back to the budget now.
        self.views.remove_if(shipment_id, |c| {
            !c.servable(version) && c.version <= version
        });
        None
    }

    pub fn put(&self, shipment_id: &str, version: i64, view: &V) {
        let bytes = serde_json::to_vec(view).map_or(0, |v| v.len() as u64) + OVERHEAD;
        let cached = Cached {
            version,
            built: Instant::now(),
            bytes,
            view: view.clone(),
        };
        self.views.insert(shipment_id.to_owned(), Arc::new(cached));
        self.sweep();
    }

    /// Views kept, and the bytes they weigh.
    pub fn usage(&self) -> (usize, u64) {
        (self.views.len(), self.views.weight())
    }

    /// Drop every view older than `TTL`, at most once a `TTL` (from `put`).
    fn sweep(&self) {
        let Ok(mut swept) = self.swept.try_lock() else {
            return; // another request is sweeping
        };
        if swept.elapsed() < TTL {
            return;
        }
        *swept = Instant::now();
        drop(swept);
        self.drop_older_than(TTL);
    }

    fn drop_older_than(&self, age: Duration) {
        self.views.retain(|_, c| c.built.elapsed() < age);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_holds_whatever_is_put() {
        let views = Views::<String>::new(64 * 1024);
        for i in 0..2_000 {
            views.put(&format!("shp_{i}"), 1, &"x".repeat(1_000));
        }
        let (count, bytes) = views.usage();
        assert!(bytes <= 64 * 1024, "{bytes} bytes in {count} views");
        assert!(count > 10, "the budget is used: {count}");
    }

    #[test]
    fn a_view_that_cannot_be_served_again_is_dropped() {
        let views = Views::<String>::new(1 << 20);
        views.put("shp_1", 1, &"v1".to_owned());
        assert_eq!(views.get("shp_1", 1).as_deref(), Some("v1"));
        // The shipment moved on: the old view is gone, not kept until it is pushed out.
        assert_eq!(views.get("shp_1", 2), None);
        assert_eq!(views.usage().0, 0);
        // A reader still on the older version does not drop a newer view.
        views.put("shp_2", 5, &"v5".to_owned());
        assert_eq!(views.get("shp_2", 4), None);
        assert_eq!(views.usage().0, 1);
        // The sweep drops what has aged out.
        views.drop_older_than(Duration::ZERO);
        assert_eq!(views.usage(), (0, 0));
    }
}
