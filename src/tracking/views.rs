//! The customer's view of a parcel, cached per shipment and version: a tracking link is read far
//! more often than its parcel changes. The one door bumps the shipment's `version` on every
//! change, so a cached view is served only while the row still has the version it was built
//! from (checked on every read, so several servers each keep their own cache correctly); what
//! changes without the shipment — the driver's average over other parcels, names, the rating
//! window — is at most `TTL` old.

use std::sync::Arc;
use std::time::{Duration, Instant};

use quick_cache::sync::Cache;

use super::model::TrackingView;

/// How long a view may serve what changes outside its shipment.
pub const TTL: Duration = Duration::from_secs(30);

/// Views kept at most (the most recently used stay).
const CAPACITY: usize = 50_000;

#[derive(Clone)]
pub struct ViewCache {
    views: Arc<Cache<String, Arc<Cached>>>,
}

struct Cached {
    version: i64,
    built: Instant,
    view: TrackingView,
}

impl Default for ViewCache {
    fn default() -> Self {
        ViewCache {
            views: Arc::new(Cache::new(CAPACITY)),
        }
    }
}

impl ViewCache {
    /// The view of `shipment_id` built from `version`, if still fresh.
    pub fn get(&self, shipment_id: &str, version: i64) -> Option<TrackingView> {
        self.views
            .get(shipment_id)
            .filter(|c| c.version == version && c.built.elapsed() < TTL)
            .map(|c| c.view.clone())
    }

    pub fn put(&self, shipment_id: &str, version: i64, view: &TrackingView) {
        let cached = Cached {
            version,
            built: Instant::now(),
            view: view.clone(),
        };
        self.views.insert(shipment_id.to_owned(), Arc::new(cached));
    }
}
