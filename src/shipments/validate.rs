//! Pure validation and normalisation of a new shipment.

use super::model::CreateShipment;
use crate::error::FieldError;

/// Normalise a phone number to E.164, reading national notation in `country` (ISO alpha-2).
pub fn normalize_phone(phone: &str, country: &str) -> Option<String> {
    let region = country.parse::<phonenumber::country::Id>().ok();
    let number = phonenumber::parse(region, phone).ok()?;
    number
        .is_valid()
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

pub fn valid_country(country: &str) -> bool {
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_uppercase())
        && country.parse::<phonenumber::country::Id>().is_ok()
}

fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize) {
    let n = value.trim().chars().count();
    if n == 0 || n > max {
        errors.push(FieldError::new(
            field,
            format!("must have 1 to {max} characters"),
        ));
    }
}

fn optional_text(errors: &mut Vec<FieldError>, field: &str, value: &Option<String>, max: usize) {
    if let Some(v) = value {
        text(errors, field, v, max);
    }
}

/// Every problem with the input, and the normalised phone when it is valid.
pub fn check(input: &CreateShipment) -> (Vec<FieldError>, Option<String>) {
    let mut errors = Vec::new();
    let r = &input.recipient;
    text(&mut errors, "reference", &input.reference, 100);
    text(&mut errors, "recipient.name", &r.name, 200);
    text(
        &mut errors,
        "recipient.address.line1",
        &r.address.line1,
        200,
    );
    optional_text(
        &mut errors,
        "recipient.address.line2",
        &r.address.line2,
        200,
    );
    text(
        &mut errors,
        "recipient.address.postal_code",
        &r.address.postal_code,
        20,
    );
    text(&mut errors, "recipient.address.city", &r.address.city, 100);
    optional_text(&mut errors, "recipient.access_notes", &r.access_notes, 1000);
    optional_text(
        &mut errors,
        "preferences.safe_place",
        &input.preferences.safe_place,
        200,
    );
    optional_text(
        &mut errors,
        "parcel.description",
        &input.parcel.description,
        500,
    );
    if !valid_country(&r.address.country) {
        errors.push(FieldError::new(
            "recipient.address.country",
            "must be an ISO 3166-1 alpha-2 code such as FR",
        ));
    }
    let phone = normalize_phone(&r.phone, &r.address.country);
    if phone.is_none() {
        errors.push(FieldError::new(
            "recipient.phone",
            "is not a valid phone number",
        ));
    }
    if let Some(email) = &r.email {
        crate::users::rules::check_email("recipient.email", email, &mut errors);
    }
    match (r.lat, r.lon) {
        (None, None) => {}
        (Some(lat), Some(lon)) => {
            if !(-90.0..=90.0).contains(&lat) {
                errors.push(FieldError::new(
                    "recipient.lat",
                    "must be between -90 and 90",
                ));
            }
            if !(-180.0..=180.0).contains(&lon) {
                errors.push(FieldError::new(
                    "recipient.lon",
                    "must be between -180 and 180",
                ));
            }
        }
        _ => errors.push(FieldError::new("recipient.lat", "lat and lon go together")),
    }
    if let Some(tz) = &input.time_zone {
        crate::timezone::check("time_zone", tz, &mut errors);
    }
    if let Some(lang) = &input.language {
        crate::i18n::check("language", lang, &mut errors);
    }
    if input.window.end <= input.window.start {
        errors.push(FieldError::new("window.end", "must be after window.start"));
    }
    if input.preferences.safe_place_allowed && input.preferences.safe_place.is_none() {
        errors.push(FieldError::new(
            "preferences.safe_place",
            "is required when safe_place_allowed is true",
        ));
    }
    if input.parcel.weight_grams.is_some_and(|w| w <= 0) {
        errors.push(FieldError::new("parcel.weight_grams", "must be positive"));
    }
    if input.parcel.declared_value_cents.is_some_and(|v| v < 0) {
        errors.push(FieldError::new(
            "parcel.declared_value_cents",
            "must not be negative",
        ));
    }
    (errors, phone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shipments::model::*;

    fn input() -> CreateShipment {
        serde_json::from_value(serde_json::json!({
            "reference": "TV-1",
            "recipient": {"name": "Camille", "phone": "06 12 34 56 78",
                "address": {"line1": "1 rue de Rivoli", "postal_code": "75001", "city": "Paris", "country": "FR"}},
            "window": {"start": "2026-05-02T06:00:00Z", "end": "2026-05-02T12:00:00Z", "firm": true}
        }))
        .unwrap()
    }

    #[test]
    fn phones_are_normalised_to_e164() {
        assert_eq!(
            normalize_phone("06 12 34 56 78", "FR").as_deref(),
            Some("+33612345678")
        );
        assert_eq!(
            normalize_phone("+33 6 12 34 56 78", "DE").as_deref(),
            Some("+33612345678")
        );
        assert_eq!(
            normalize_phone("(415) 555-2671", "US").as_deref(),
            Some("+14155552671")
        );
        assert_eq!(normalize_phone("12", "FR"), None);
        assert_eq!(normalize_phone("not a phone", "FR"), None);
    }

    #[test]
    fn a_good_shipment_passes() {
        let (errors, phone) = check(&input());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(phone.as_deref(), Some("+33612345678"));
        let mut paris = input();
        paris.time_zone = Some("Europe/Paris".into());
        assert!(check(&paris).0.is_empty());
    }

    #[test]
    fn no_zone_keeps_the_request_hash_of_before() {
        // Replays of requests sent before zones existed still match their shipment.
        let body = serde_json::to_value(input()).unwrap();
        assert!(body.get("time_zone").is_none(), "{body}");
        assert!(body.get("language").is_none(), "{body}");
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut s = input();
        s.reference = " ".into();
        s.recipient.phone = "123".into();
        s.recipient.address.country = "fr".into();
        s.recipient.lat = Some(91.0);
        s.window.end = s.window.start;
        s.preferences.safe_place_allowed = true;
        s.parcel.weight_grams = Some(0);
        s.time_zone = Some("Europe/Atlantis".into());
        s.language = Some("de".into());
        let fields: Vec<_> = check(&s).0.into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "reference",
                "recipient.address.country",
                "recipient.phone",
                "recipient.lat",
                "time_zone",
                "language",
                "window.end",
                "preferences.safe_place",
                "parcel.weight_grams"
            ]
        );
    }
}
