//! `/driver`: the drivers' installable web app (plain HTML, CSS and a small hand-written script,
//! embedded in the binary; no build step). It is a client of the JSON API like any other: the
//! same logins, routes, hand-offs, attempts and photos. A service worker keeps the shell for
//! offline use; the script queues every action in IndexedDB with its `Idempotency-Key`.
//! Assets are versioned by a hash of their content (`?v=`), cached for a year; the page and
//! the worker are revalidated on every load so that a new version shows at once.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{HttpResponse, get};
use sha2::{Digest, Sha256};

const INDEX: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLES: &str = include_str!("assets/app.css");
const WORKER: &str = include_str!("assets/sw.js");
const MANIFEST: &str = include_str!("assets/manifest.webmanifest");
const ICON: &str = include_str!("assets/icon.svg");

/// Scripts and styles from this origin only; photos previewed from `blob:`; no frames.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; \
                   connect-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

/// The first 12 hex digits of the SHA-256 of every asset: changes whenever one does.
pub fn version() -> &'static str {
    static V: OnceLock<String> = OnceLock::new();
    V.get_or_init(|| {
        let mut h = Sha256::new();
        for part in [INDEX, SCRIPT, STYLES, WORKER, MANIFEST, ICON] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())[..12].to_owned()
    })
}

fn asset(content_type: &str, body: String, immutable: bool) -> HttpResponse {
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, cache))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .body(body)
}

#[utoipa::path(
    tag = "driver app",
    responses((status = 200, description = "The driver app's page", content_type = "text/html", body = String))
)]
#[get("/driver")]
pub async fn driver_page() -> HttpResponse {
    let mut r = asset(
        "text/html; charset=utf-8",
        INDEX.replace("__VERSION__", version()),
        false,
    );
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        header::HeaderValue::from_static(CSP),
    );
    r
}

#[utoipa::path(
    tag = "driver app",
    responses((status = 200, description = "The driver app's script", content_type = "text/javascript", body = String))
)]
#[get("/driver/app.js")]
pub async fn driver_script() -> HttpResponse {
    asset("text/javascript; charset=utf-8", SCRIPT.to_owned(), true)
}

#[utoipa::path(
    tag = "driver app",
    responses((status = 200, description = "The driver app's styles", content_type = "text/css", body = String))
)]
#[get("/driver/app.css")]
pub async fn driver_styles() -> HttpResponse {
    asset("text/css; charset=utf-8", STYLES.to_owned(), true)
}

/// The service worker, allowed to control `/driver` itself (its default scope is `/driver/`).
#[utoipa::path(
    tag = "driver app",
    responses((status = 200, description = "The driver app's service worker", content_type = "text/javascript", body = String))
)]
#[get("/driver/sw.js")]
pub async fn driver_worker() -> HttpResponse {
    let mut r = asset(
        "text/javascript; charset=utf-8",
        WORKER.replace("__VERSION__", version()),
        false,
    );
    r.headers_mut().insert(
        header::HeaderName::from_static("service-worker-allowed"),
        header::HeaderValue::from_static("/driver"),
    );
    r
}

#[utoipa::path(
    tag = "driver app",
    responses((status = 200, description = "The web app manifest (JSON)", content_type = "application/manifest+json", body = serde_json::Value))
)]
#[get("/driver/manifest.webmanifest")]
pub async fn driver_manifest() -> HttpResponse {
    asset("application/manifest+json", MANIFEST.to_owned(), false)
}

#[utoipa::path(
    tag = "driver app",
    responses((status = 200, description = "The app's icon", content_type = "image/svg+xml", body = String))
)]
#[get("/driver/icon.svg")]
pub async fn driver_icon() -> HttpResponse {
    asset("image/svg+xml", ICON.to_owned(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_versioned_assets_and_the_worker_caches_them() {
        let v = version();
        assert_eq!(v.len(), 12);
        let page = INDEX.replace("__VERSION__", v);
        assert!(page.contains(&format!("/driver/app.js?v={v}")));
        assert!(page.contains(&format!("/driver/app.css?v={v}")));
        let worker = WORKER.replace("__VERSION__", v);
        assert!(worker.contains(&format!("const VERSION = \"{v}\"")));
        assert!(!page.contains("__VERSION__") && !worker.contains("__VERSION__"));
    }
}
