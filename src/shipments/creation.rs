//! A new shipment's row, built once from a checked body and completed under its contracts:
//! shared by single and bulk creation.

use super::model::{CreateShipment, ShipmentRow, Tracking};
use super::service;
use crate::error::{ApiError, ApiResult, FieldError};
use crate::kpis::rules::RecordedFacts;
use crate::secrets::Keyring;
use crate::status::Status;

/// A new tracking token under `public_url` (`{url}/t/{token}`) and the hash that is stored.
pub fn new_tracking(public_url: &str) -> (Tracking, String) {
    let token = format!("trk_{}", crate::ids::random_token(32));
    let hash = crate::ids::secret_hash(&token);
    let url = format!("{public_url}/t/{token}");
    (Tracking { token, url }, hash)
}

/// A new shipment's row from a checked body (the time zone is resolved once the courier's
/// contract is read), with its tracking link (shown once).
pub fn new_row(
    public_url: &str,
    secrets: &Keyring,
    marketplace_id: &str,
    input: &CreateShipment,
    phone: Option<String>,
    request_hash: String,
    now: chrono::NaiveDateTime,
) -> (ShipmentRow, Tracking) {
    let (tracking, tracking_hash) = new_tracking(public_url);
    let r = &input.recipient;
    let row = ShipmentRow {
        id: crate::ids::new_id("shp"),
        marketplace_id: marketplace_id.to_owned(),
        reference: input.reference.trim().to_owned(),
        request_hash,
        supplier_id: input.supplier_id.clone(),
        courier_id: input.courier_id.clone(),
        driver_id: None,
        status: Status::Created.as_str().to_owned(),
        window_start: input.window.start.naive_utc(),
        window_end: input.window.end.naive_utc(),
        window_firm: input.window.firm,
        recipient_name: Some(r.name.trim().to_owned()),
        recipient_phone: phone,
        recipient_email: r.email.as_deref().map(crate::users::rules::normalize_email),
        address_line1: Some(r.address.line1.trim().to_owned()),
        address_line2: r.address.line2.clone(),
        postal_code: Some(r.address.postal_code.trim().to_owned()),
        city: Some(r.address.city.trim().to_owned()),
        country: r.address.country.clone(),
        lat: r.lat,
        lon: r.lon,
        access_notes: r.access_notes.clone(),
        call_before_arrival: input.preferences.call_before_arrival,
        safe_place_allowed: input.preferences.safe_place_allowed,
        safe_place: input.preferences.safe_place.clone(),
        parcel_description: input.parcel.description.clone(),
        weight_grams: input.parcel.weight_grams,
        declared_value_cents: input.parcel.declared_value_cents,
        tracking_token_hash: tracking_hash,
        contact_erased_at: None,
        early_consent_at: None,
        finalized_at: None,
        contact_erase_after: None,
        eta_at: None,
        // Sealed at rest: only the customer's link shows it.
        handover_pin: service::new_sealed_pin(secrets),
        pin_failures: 0,
        pin_locked_at: None,
        created_at: now,
        updated_at: now,
        kpi_facts: Some(RecordedFacts::default().encode()),
        version: 0,
        // Set below, once the courier's contract is read.
        time_zone: String::new(),
        loss: None,
        redelivery_proposed_start: None,
        redelivery_proposed_end: None,
        redelivery_chosen_at: None,
        // Set by `under_contract`, once the courier's contract is read.
        notify_channels: None,
        notify_link: None,
        language: String::new(),
        chain_head: None,
        chain_len: 0,
        evidence_salt: Some(crate::ids::random_token(24)),
    };
    (row, tracking)
}

/// What the caller asked for beside the contracts: applied by [`under_contract`].
pub struct Asked<'a> {
    pub zone: Option<&'a str>,
    pub marketplace_zone: Option<&'a str>,
    pub language: Option<&'a str>,
    /// The channels this server sends on.
    pub configured: crate::channels::Channels,
    /// The customer's link, which the messages carry.
    pub tracking_url: &'a str,
}

/// The row, once its partners are checked against the marketplace's active `contracts` (422
/// naming each partner without one), in its time zone (given, else the courier's contract's,
/// else the marketplace's) and language (given, else the courier's contract's), heard on the
/// channels the courier's contract offers of those the server has, for which it has contact.
pub fn under_contract(
    row: ShipmentRow,
    contracts: &[crate::contracts::model::ContractRow],
    asked: &Asked<'_>,
) -> ApiResult<ShipmentRow> {
    let mut errors = Vec::new();
    for (field, partner, kind) in [
        ("supplier_id", &row.supplier_id, "supplier"),
        ("courier_id", &row.courier_id, "courier"),
    ] {
        if let Some(p) = partner {
            let ok = contracts.iter().any(|ct| {
                &ct.partner_id == p
                    && ct.partner_kind == kind
                    && ct.marketplace_id == row.marketplace_id
            });
            if !ok {
                errors.push(FieldError::new(
                    field,
                    format!("no active contract with this {kind}"),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let courier = contracts
        .iter()
        .find(|ct| Some(&ct.partner_id) == row.courier_id.as_ref());
    let courier_zone = courier.and_then(|ct| ct.time_zone.as_deref());
    let offered = courier.map_or(asked.configured, |ct| {
        asked
            .configured
            .and(crate::contracts::model::channels_of(ct))
    });
    let notify_channels = crate::channels::Channels::at_creation(
        offered,
        row.recipient_email.is_some(),
        row.recipient_phone.is_some(),
    )
    .encode();
    let language = crate::i18n::Lang::resolve(
        asked.language,
        courier.and_then(|ct| ct.language.as_deref()),
    );
    Ok(ShipmentRow {
        time_zone: crate::timezone::resolve(asked.zone, courier_zone, asked.marketplace_zone),
        notify_link: notify_channels
            .is_some()
            .then(|| asked.tracking_url.to_owned()),
        notify_channels,
        language: language.code().to_owned(),
        ..row
    })
}

/// The marketplace's reference names a shipment created with another body.
pub fn reference_taken() -> ApiError {
    ApiError::Conflict(
        "this reference is already used by a shipment with different details".to_owned(),
    )
}
