//! Photos as evidence: type sniffed from the bytes, size and dimensions capped before any
//! decoding, then decoded to prove it is an image; SHA-256 and EXIF time/place kept, the
//! attempt's verdict recomputed. The original (with its EXIF position: the customer's
//! address) goes only to parties who may see the address; everyone else gets the copy.

use actix_web::web::{Bytes, Path, Payload, Query};
use actix_web::{HttpRequest, HttpResponse, get, post};
use futures_util::StreamExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

use super::model::{Photo, PhotoRow};
use super::picture::{self, exif_facts, sniff};
use super::{service, store};
use crate::access;
use crate::auth::Actor;
use crate::error::{ApiError, ApiResult};
use crate::shipments::service::load_visible;
use crate::web::state::State;

pub use crate::attempts::model::PhotoKind;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    #[param(inline)]
    pub kind: PhotoKind,
}

/// Read the body up to `limit` bytes (room made once for the declared length), hashing it as
/// it arrives; beyond the limit, 413 without reading the rest. A body later than the server's
/// body deadlines is 408, a broken one 400.
async fn read_limited(
    mut payload: Payload,
    declared: Option<usize>,
    limit: usize,
) -> ApiResult<(Bytes, [u8; 32])> {
    let mut buf = actix_web::web::BytesMut::with_capacity(declared.unwrap_or(0).min(limit));
    let mut hash = Sha256::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk?;
        if buf.len() + chunk.len() > limit {
            return Err(ApiError::PayloadTooLarge(format!(
                "photos are limited to {limit} bytes"
            )));
        }
        hash.update(&chunk);
        buf.extend_from_slice(&chunk);
    }
    Ok((buf.freeze(), hash.finalize().into()))
}

/// Upload a photo of an attempt (its driver), as the raw image bytes. The type is sniffed from
/// the bytes, not the header; the attempt's flags are recomputed with the photo's EXIF data.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Attempt id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "JPEG, PNG, WebP or HEIC bytes, up to 10 MiB"),
    responses(
        (status = 201, description = "Stored", body = Photo),
        (status = 400, response = crate::error::responses::BadRequest),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 403, response = crate::error::responses::Forbidden),
        (status = 404, response = crate::error::responses::NotFound),
        (status = 409, response = crate::error::responses::Conflict),
        (status = 413, response = crate::error::responses::PayloadTooLarge),
        (status = 415, response = crate::error::responses::UnsupportedMediaType),
        (status = 422, response = crate::error::responses::Unprocessable),
    )
)]
// With `Idempotency-Key`, a retry (same attempt, kind and bytes) gets the first answer.
#[post("/v1/attempts/{id}/photos")]
pub async fn upload_photo(
    state: State,
    actor: Actor,
    req: HttpRequest,
    id: Path<String>,
    q: Query<UploadQuery>,
    payload: Payload,
) -> ApiResult<HttpResponse> {
    let limit = state.settings.photo_max_bytes;
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(ApiError::PayloadTooLarge(format!(
            "photos are limited to {limit} bytes"
        )));
    }
    let id = id.into_inner();
    let kind = q.kind;
    // Check the attempt is the caller's before reading megabytes.
    let who = actor.clone();
    let lookup = id.clone();
    let now = state.clock.naive();
    let attempt = state
        .db
        .read(move |c| service::attempt_for_photo(c, &who, &lookup, now))
        .await?;
    let (bytes, digest) = read_limited(payload, declared, limit).await?;
    if bytes.is_empty() {
        return Err(ApiError::validation("body", "is empty"));
    }
    // A retried upload with its key gets the first answer, not a second photo: the key must
    // come back with the same attempt, kind and bytes.
    let mut canonical = format!("{}?{}", req.path(), req.query_string()).into_bytes();
    canonical.extend(digest);
    let idem = crate::idempotency::Idem::from_request(
        &req,
        format!("{} POST /v1/attempts/{{id}}/photos", actor.id),
        &canonical,
    )?;
    let max_pixels = state.settings.photo_max_pixels;
    let (mime, width, height) = sniff(&bytes, max_pixels)?;
    let (taken_at, location) = exif_facts(&bytes);
    // Decoding is the proof that the bytes are a photo (a header with nothing behind it is
    // not), and it makes the copy served to those who may not see the photo's metadata.
    let decoded = bytes.clone();
    let budget = state
        .decode_budget
        .take(width as u64 * height as u64)
        .await?;
    let copy = actix_web::web::block(move || picture::served_copy(&decoded, mime, max_pixels))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("decoding a photo: {e}")))?
        .map_err(|e| ApiError::validation("body", e.0))?;
    drop(budget);
    let photo_id = crate::ids::new_id("pho");
    let object_key = format!("photos/{}/{photo_id}", attempt.shipment_id);
    let row = PhotoRow {
        id: photo_id,
        attempt_id: attempt.id.clone(),
        shipment_id: attempt.shipment_id.clone(),
        kind: kind.as_str().to_owned(),
        object_key: object_key.clone(),
        sha256: hex::encode(digest),
        bytes: bytes.len() as i64,
        content_type: mime.to_owned(),
        width: i32::try_from(width).ok(),
        height: i32::try_from(height).ok(),
        exif_taken_at: taken_at,
        exif_lat: location.map(|l| l.0),
        exif_lon: location.map(|l| l.1),
        created_at: state.clock.naive(),
    };
    // The bytes are stored before the row that points at them: a crash in between leaves an
    // unreferenced object, never a row without its photo.
    state.blobs.put(&object_key, bytes).await?;
    state
        .blobs
        .put(&copy_key(&object_key), copy.bytes.into())
        .await?;
    let created = actix_web::http::StatusCode::CREATED;
    crate::idempotency::step(&state.db, &state.clock, idem, created, move |c, _| {
        service::add_photo(c, &actor, &attempt, &row)?;
        Ok(Photo::from(row))
    })
    .await
}

fn copy_key(object_key: &str) -> String {
    format!("{object_key}.copy")
}

/// The copy served to those who may not see the original: stored at upload; made (and stored)
/// now for photos kept before copies existed. A photo that no longer decodes is not served.
async fn served_copy(state: &State, row: &PhotoRow) -> ApiResult<picture::Copy> {
    let key = copy_key(&row.object_key);
    let content_type = if row.content_type == "image/heic" {
        "image/heic"
    } else {
        "image/jpeg"
    };
    if let Some(bytes) = state.blobs.get_if_exists(&key).await? {
        return Ok(picture::Copy {
            bytes: bytes.to_vec(),
            content_type,
        });
    }
    let original = state.blobs.get(&row.object_key).await?;
    let (mime, max_pixels) = (row.content_type.clone(), state.settings.photo_max_pixels);
    let pixels = row.width.unwrap_or(0).max(0) as u64 * row.height.unwrap_or(0).max(0) as u64;
    // A row without its size (older photos) counts as the largest photo allowed.
    let pixels = if pixels == 0 { max_pixels } else { pixels };
    let _budget = state.decode_budget.take(pixels).await?;
    let copy = actix_web::web::block(move || picture::served_copy(&original, &mime, max_pixels))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("decoding a photo: {e}")))?
        .map_err(|e| {
            tracing::warn!(photo = %row.id, error = %e.0, "a kept photo has no servable copy");
            ApiError::NotFound("photo".to_owned())
        })?;
    state.blobs.put(&key, copy.bytes.clone().into()).await?;
    Ok(copy)
}

/// Serve a photo: the original (the evidence, matching its SHA-256) or the copy without
/// metadata. Never cached: access ends with the delivery or the retention period.
pub async fn serve_photo(state: &State, row: PhotoRow, original: bool) -> ApiResult<HttpResponse> {
    let (bytes, content_type, etag) = if original {
        let bytes = state.blobs.get(&row.object_key).await?;
        (
            bytes,
            row.content_type.clone(),
            format!("\"{}\"", row.sha256),
        )
    } else {
        let copy = served_copy(state, &row).await?;
        let etag = format!("\"{}-copy\"", row.sha256);
        (Bytes::from(copy.bytes), copy.content_type.to_owned(), etag)
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("ETag", etag))
        .body(bytes))
}

/// A photo's bytes, to the parties of its shipment.
#[utoipa::path(
    tag = "attempts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Photo id")),
    responses(
        (status = 200, description = "The image", content_type = "image/*", body = Vec<u8>),
        (status = 401, response = crate::error::responses::Unauthorized),
        (status = 404, response = crate::error::responses::NotFound),
    )
)]
#[get("/v1/photos/{id}")]
pub async fn get_photo(state: State, actor: Actor, id: Path<String>) -> ApiResult<HttpResponse> {
    visible_photo(&state, actor, id.into_inner(), "GET /v1/photos/{id}").await
}

/// A photo to a party of its shipment (anyone else: not found): the original, whose EXIF
/// position is the customer's address, only to whom may see the address now, and a
/// non-owner's read of it logged as read through `route`; else the copy without metadata.
pub async fn visible_photo(
    state: &State,
    actor: Actor,
    id: String,
    route: &'static str,
) -> ApiResult<HttpResponse> {
    let reader = actor.clone();
    let (row, ship_id, original, logged) = state
        .db
        .read(move |c| {
            let row =
                store::find_photo(c, &id)?.ok_or_else(|| ApiError::NotFound("photo".to_owned()))?;
            let (ship, party) = load_visible(c, &reader, &row.shipment_id)
                .map_err(|_| ApiError::NotFound("photo".to_owned()))?;
            // The EXIF position is the customer's address: the original goes to whom may see
            // the address now (none after retention), and a non-owner's read is logged.
            let original = ship.contact_erased_at.is_none()
                && access::contact_fields(party, ship.status()).address;
            Ok((
                row,
                ship.id,
                original,
                access::contact_read_is_logged(party),
            ))
        })
        .await?;
    if original && logged {
        let now = state.clock.naive();
        state
            .db
            .write(move |c| {
                Ok(crate::access_log::log_contact_read(
                    c,
                    &ship_id,
                    &actor,
                    &["address"],
                    route,
                    now,
                )?)
            })
            .await?;
    }
    serve_photo(state, row, original).await
}
