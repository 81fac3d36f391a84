//! A shipment's evidence, exported: the bundle (JSON), or a zip of it with the original photos
//! for whom may see them — one use case the API (`GET /v1/shipments/{id}/evidence`) and the
//! console (`/console/shipments/{id}/evidence`) share, with the same reads and the same log.

use std::collections::HashMap;
use std::io::Write;

use actix_web::HttpResponse;

use super::model::Bundle;
use super::service;
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};

/// What an export reads: the database, the photos, the keys that prove the root, the clock.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub db: &'a crate::db::Db,
    pub blobs: &'a crate::blobs::Blobs,
    pub keys: &'a super::keys::Keys,
    pub clock: &'a crate::clock::Clock,
}

/// The bundle, or the zip (its file name and bytes).
pub enum Export {
    Bundle(Box<Bundle>),
    Zip(String, Vec<u8>),
}

/// `actor`'s export of shipment `id` (404 for whom is not a party); `photos`: the zip with the
/// original photos where the party may see them (that read of the address is logged under
/// `route`).
pub async fn export(
    src: Sources<'_>,
    actor: &Actor,
    id: &str,
    with_photos: bool,
    route: &'static str,
) -> ApiResult<Export> {
    let (id, who) = (id.to_owned(), actor.clone());
    let m = src.db.read(move |c| service::load(c, &who, &id)).await?;
    let originals = with_photos && service::gets_originals(&m.ship, m.party);
    let mut stored = HashMap::new();
    let mut files = HashMap::new();
    let mut contents = Vec::new();
    for p in &m.photos {
        let bytes = src.blobs.get_if_exists(&p.object_key).await?;
        stored.insert(p.id.clone(), bytes.as_deref().map(super::facts::sha256_hex));
        if let (true, Some(b)) = (originals, bytes) {
            let name = format!("photos/{}", p.id);
            files.insert(p.id.clone(), name.clone());
            contents.push((name, b));
        }
    }
    if originals && !contents.is_empty() && access::contact_read_is_logged(m.party) {
        let (ship_id, who) = (m.ship.id.clone(), actor.clone());
        let now = src.clock.naive();
        src.db
            .write(move |c| {
                Ok(crate::access_log::log_contact_read(
                    c,
                    &ship_id,
                    &who,
                    &["address"],
                    route,
                    now,
                )?)
            })
            .await?;
    }
    let bundle = service::assemble(m, &stored, &files, src.keys, src.clock.naive());
    if !with_photos {
        return Ok(Export::Bundle(Box::new(bundle)));
    }
    let name = format!("evidence-{}.zip", bundle.shipment_id);
    let json = serde_json::to_vec_pretty(&bundle).map_err(anyhow::Error::from)?;
    let zip = actix_web::web::block(move || zip_bundle(&json, &contents))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("zipping a bundle: {e}")))??;
    Ok(Export::Zip(name, zip))
}

/// The HTTP answer of an export: never cached.
pub fn response(export: Export) -> HttpResponse {
    match export {
        Export::Bundle(bundle) => HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .json(bundle),
        Export::Zip(name, zip) => HttpResponse::Ok()
            .content_type("application/zip")
            .insert_header(("Cache-Control", "no-store"))
            .insert_header((
                "Content-Disposition",
                format!("attachment; filename=\"{name}\""),
            ))
            .body(zip),
    }
}

fn zip_bundle(json: &[u8], files: &[(String, bytes::Bytes)]) -> ApiResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    let mut add = |name: &str, bytes: &[u8]| -> anyhow::Result<()> {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok(())
    };
    add("bundle.json", json)?;
    for (name, bytes) in files {
        add(name, bytes)?;
    }
    Ok(zip.finish().map_err(anyhow::Error::from)?.into_inner())
}
