// Portable column types only (Text, Timestamp, Bool, Integer, BigInt) so one query text serves
// both backends through the connection enum. Ids are prefixed ULID strings; times are naive UTC.

diesel::table! {
    orgs (id) {
        id -> Text,
        kind -> Text,
        name -> Text,
        created_at -> Timestamp,
        time_zone -> Nullable<Text>,
        average_speed_kmh -> Nullable<Integer>,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        org_id -> Nullable<Text>,
        email -> Text,
        name -> Text,
        role -> Text,
        password_hash -> Text,
        disabled_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_keys (id) {
        id -> Text,
        org_id -> Text,
        name -> Text,
        prefix -> Text,
        secret_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        user_id -> Text,
        family_id -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        rotated_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    console_sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::joinable!(users -> orgs (org_id));
diesel::joinable!(console_sessions -> users (user_id));
diesel::joinable!(api_keys -> orgs (org_id));
diesel::joinable!(refresh_tokens -> users (user_id));

diesel::table! {
    contracts (id) {
        id -> Text,
        marketplace_id -> Text,
        partner_id -> Text,
        partner_kind -> Text,
        geofence_radius_m -> Integer,
        retention_days -> Integer,
        custody_gap_hours -> Integer,
        photo_required_unattended -> Bool,
        pin_above_value_cents -> Nullable<BigInt>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        time_zone -> Nullable<Text>,
        redelivery_horizon_days -> Integer,
        language -> Nullable<Text>,
        notify_channels -> Text,
        eta_tolerance_minutes -> Integer,
        delivery_slots -> Nullable<Text>,
    }
}

diesel::table! {
    shipments (id) {
        id -> Text,
        marketplace_id -> Text,
        reference -> Text,
        request_hash -> Text,
        supplier_id -> Nullable<Text>,
        courier_id -> Nullable<Text>,
        driver_id -> Nullable<Text>,
        status -> Text,
        window_start -> Timestamp,
        window_end -> Timestamp,
        window_firm -> Bool,
        recipient_name -> Nullable<Text>,
        recipient_phone -> Nullable<Text>,
        recipient_email -> Nullable<Text>,
        address_line1 -> Nullable<Text>,
        address_line2 -> Nullable<Text>,
        postal_code -> Nullable<Text>,
        city -> Nullable<Text>,
        country -> Text,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        access_notes -> Nullable<Text>,
        call_before_arrival -> Bool,
        safe_place_allowed -> Bool,
        safe_place -> Nullable<Text>,
        parcel_description -> Nullable<Text>,
        weight_grams -> Nullable<Integer>,
        declared_value_cents -> Nullable<BigInt>,
        tracking_token_hash -> Text,
        contact_erased_at -> Nullable<Timestamp>,
        early_consent_at -> Nullable<Timestamp>,
        finalized_at -> Nullable<Timestamp>,
        contact_erase_after -> Nullable<Timestamp>,
        eta_at -> Nullable<Timestamp>,
        handover_pin -> Nullable<Text>,
        pin_failures -> Integer,
        pin_locked_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        kpi_contrib -> Nullable<Text>,
        kpi_facts -> Nullable<Text>,
        version -> BigInt,
        time_zone -> Text,
        loss -> Nullable<Text>,
        redelivery_proposed_start -> Nullable<Timestamp>,
        redelivery_proposed_end -> Nullable<Timestamp>,
        redelivery_chosen_at -> Nullable<Timestamp>,
        notify_channels -> Nullable<Text>,
        notify_link -> Nullable<Text>,
        language -> Text,
        chain_head -> Nullable<Text>,
        chain_len -> BigInt,
        evidence_salt -> Nullable<Text>,
    }
}

diesel::table! {
    shipment_events (id) {
        id -> Text,
        shipment_id -> Text,
        kind -> Text,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        actor_org_id -> Nullable<Text>,
        data -> Text,
        created_at -> Timestamp,
        dispatched -> Bool,
        chain_seq -> Nullable<BigInt>,
        hash -> Nullable<Text>,
        /// The feed's order: on PostgreSQL the writing transaction's id, on SQLite the insertion order.
        txid -> BigInt,
    }
}

diesel::table! {
    contact_access_log (id) {
        id -> Text,
        shipment_id -> Text,
        actor_kind -> Text,
        actor_id -> Text,
        actor_org_id -> Nullable<Text>,
        fields -> Text,
        route -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    handoffs (id) {
        id -> Text,
        shipment_id -> Text,
        from_org_id -> Text,
        from_actor_id -> Text,
        to_kind -> Text,
        to_org_id -> Text,
        to_driver_id -> Nullable<Text>,
        status -> Text,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        note -> Nullable<Text>,
        due_at -> Timestamp,
        responded_at -> Nullable<Timestamp>,
        responded_by -> Nullable<Text>,
        parcel_condition -> Nullable<Text>,
        response_note -> Nullable<Text>,
        created_at -> Timestamp,
        gap_reported_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (scope, idem_key) {
        scope -> Text,
        idem_key -> Text,
        request_hash -> Text,
        response_status -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contact_attempts (id) {
        id -> Text,
        shipment_id -> Text,
        driver_id -> Text,
        channel -> Text,
        outcome -> Text,
        occurred_at -> Timestamp,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    delivery_attempts (id) {
        id -> Text,
        shipment_id -> Text,
        driver_id -> Text,
        courier_id -> Text,
        outcome -> Text,
        failure_reason -> Nullable<Text>,
        placement -> Nullable<Text>,
        recipient_name -> Nullable<Text>,
        pin_verified -> Bool,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        accuracy_m -> Nullable<Double>,
        gps_captured_at -> Nullable<Timestamp>,
        distance_m -> Nullable<Double>,
        intercom_note -> Nullable<Text>,
        occurred_at -> Timestamp,
        received_at -> Timestamp,
        flags -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
    }
}

diesel::table! {
    photos (id) {
        id -> Text,
        attempt_id -> Text,
        shipment_id -> Text,
        kind -> Text,
        object_key -> Text,
        sha256 -> Text,
        bytes -> BigInt,
        content_type -> Text,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        exif_taken_at -> Nullable<Timestamp>,
        exif_lat -> Nullable<Double>,
        exif_lon -> Nullable<Double>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    disputes (id) {
        id -> Text,
        shipment_id -> Text,
        attempt_id -> Nullable<Text>,
        marketplace_id -> Text,
        courier_id -> Nullable<Text>,
        reason -> Text,
        comment -> Nullable<Text>,
        status -> Text,
        courier_response -> Nullable<Text>,
        responded_at -> Nullable<Timestamp>,
        responded_by -> Nullable<Text>,
        resolution -> Nullable<Text>,
        remedy -> Nullable<Text>,
        resolution_note -> Nullable<Text>,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_subscriptions (id) {
        id -> Text,
        org_id -> Text,
        url -> Text,
        description -> Nullable<Text>,
        event_types -> Text,
        secret -> Text,
        previous_secret -> Nullable<Text>,
        previous_secret_expires_at -> Nullable<Timestamp>,
        active -> Bool,
        disabled_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        secret_key_id -> Nullable<Text>,
        previous_secret_key_id -> Nullable<Text>,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        subscription_id -> Text,
        event_id -> Text,
        event_type -> Text,
        payload -> Text,
        status -> Text,
        tries -> Integer,
        next_try_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_status_code -> Nullable<Integer>,
        last_error -> Nullable<Text>,
        last_latency_ms -> Nullable<Integer>,
        delivered_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_tries (id) {
        id -> Text,
        delivery_id -> Text,
        at -> Timestamp,
        status_code -> Nullable<Integer>,
        error -> Nullable<Text>,
        latency_ms -> Integer,
    }
}

diesel::table! {
    ratings (id) {
        id -> Text,
        shipment_id -> Text,
        marketplace_id -> Text,
        courier_id -> Text,
        driver_id -> Text,
        attempt_id -> Text,
        stars -> Integer,
        tags -> Text,
        comment -> Nullable<Text>,
        customer_key -> Nullable<Text>,
        counted_for -> Text,
        attributed_org_id -> Nullable<Text>,
        reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    kpi_shipments (org_id, driver_id, day, marketplace_id, shipment_id) {
        org_id -> Text,
        driver_id -> Text,
        day -> Text,
        marketplace_id -> Text,
        shipment_id -> Text,
    }
}

diesel::table! {
    kpi_against (org_id, driver_id, kpi, day, marketplace_id, shipment_id) {
        org_id -> Text,
        driver_id -> Text,
        kpi -> Text,
        day -> Text,
        marketplace_id -> Text,
        shipment_id -> Text,
    }
}

diesel::table! {
    kpi_daily (org_id, day, marketplace_id, driver_id) {
        org_id -> Text,
        day -> Text,
        marketplace_id -> Text,
        driver_id -> Text,
        attempts -> Integer,
        verified_attempts -> Integer,
        contacted_attempts -> Integer,
        early_attempts -> Integer,
        upheld_disputes -> Integer,
        first_attempts -> Integer,
        first_attempt_successes -> Integer,
        on_time -> Integer,
        on_time_due -> Integer,
        late_excused -> Integer,
        handover_on_time -> Integer,
        handover_due -> Integer,
        ended -> Integer,
        lost -> Integer,
        handoffs -> Integer,
        custody_gaps -> Integer,
        ratings -> Integer,
        stars_sum -> Integer,
        stars_1 -> Integer,
        stars_2 -> Integer,
        stars_3 -> Integer,
        stars_4 -> Integer,
        stars_5 -> Integer,
        ratings_excluded -> Integer,
        ratings_reattributed -> Integer,
        tag_on_time -> Integer,
        tag_friendly -> Integer,
        tag_careful -> Integer,
        tag_called_ahead -> Integer,
        tag_good_placement -> Integer,
        tag_late -> Integer,
        tag_early_without_notice -> Integer,
        tag_false_not_home -> Integer,
        tag_rude -> Integer,
        tag_damaged -> Integer,
        tag_thrown -> Integer,
        tag_wrong_place -> Integer,
        tag_no_call -> Integer,
        redeliveries -> Integer,
        redeliveries_in_window -> Integer,
    }
}

diesel::table! {
    kpi_targets (contract_id, kpi) {
        contract_id -> Text,
        kpi -> Text,
        op -> Text,
        target -> Double,
    }
}

diesel::table! {
    kpi_target_misses (id) {
        id -> Text,
        contract_id -> Text,
        marketplace_id -> Text,
        courier_id -> Text,
        kpi -> Text,
        period -> Text,
        period_start -> Text,
        period_end -> Text,
        value -> Double,
        numerator -> BigInt,
        denominator -> BigInt,
        op -> Text,
        target -> Double,
        created_at -> Timestamp,
        dispatched -> Bool,
    }
}

diesel::table! {
    driver_sightings (driver_id, minute) {
        driver_id -> Text,
        minute -> BigInt,
        seen_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> Text,
        shipment_id -> Text,
        event_id -> Text,
        channel -> Text,
        recipient -> Nullable<Text>,
        subject -> Nullable<Text>,
        body -> Nullable<Text>,
        lang -> Text,
        status -> Text,
        tries -> Integer,
        next_try_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    push_subscriptions (id) {
        id -> Text,
        user_id -> Text,
        endpoint -> Text,
        p256dh -> Text,
        auth -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    evidence_roots (id) {
        id -> Text,
        key_id -> Text,
        public_key -> Text,
        root -> Text,
        leaf_count -> BigInt,
        signature -> Text,
        covers_from -> Timestamp,
        covers_until -> Timestamp,
        signed_at -> Timestamp,
    }
}

diesel::table! {
    push_outbox (id) {
        id -> Text,
        subscription_id -> Text,
        shipment_id -> Text,
        event_id -> Text,
        kind -> Text,
        payload -> Text,
        status -> Text,
        tries -> Integer,
        next_try_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    evidence_leaves (root_id, position) {
        root_id -> Text,
        position -> BigInt,
        shipment_id -> Text,
        head -> Text,
        chain_len -> BigInt,
    }
}

diesel::joinable!(evidence_leaves -> evidence_roots (root_id));
diesel::joinable!(notifications -> shipments (shipment_id));
diesel::joinable!(push_outbox -> push_subscriptions (subscription_id));
diesel::joinable!(push_subscriptions -> users (user_id));
diesel::joinable!(shipment_events -> shipments (shipment_id));
diesel::joinable!(webhook_deliveries -> webhook_subscriptions (subscription_id));
diesel::joinable!(webhook_tries -> webhook_deliveries (delivery_id));
diesel::joinable!(contact_attempts -> shipments (shipment_id));
diesel::joinable!(delivery_attempts -> shipments (shipment_id));
diesel::joinable!(photos -> delivery_attempts (attempt_id));
diesel::joinable!(disputes -> shipments (shipment_id));
diesel::joinable!(handoffs -> shipments (shipment_id));
diesel::joinable!(contact_access_log -> shipments (shipment_id));
diesel::joinable!(ratings -> shipments (shipment_id));
diesel::joinable!(kpi_targets -> contracts (contract_id));
diesel::table! {
    driver_positions (driver_id) {
        driver_id -> Text,
        lat -> Double,
        lon -> Double,
        accuracy_m -> Nullable<Double>,
        reported_at -> Timestamp,
        estimates -> Text,
        notified_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    slot_places (contract_id, slot_start) {
        contract_id -> Text,
        slot_start -> Timestamp,
        taken -> Integer,
    }
}

diesel::table! {
    slot_bookings (shipment_id) {
        shipment_id -> Text,
        contract_id -> Text,
        slot_start -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    slot_places,
    slot_bookings,
    driver_positions,
    orgs,
    notifications,
    push_subscriptions,
    push_outbox,
    users,
    api_keys,
    refresh_tokens,
    console_sessions,
    contracts,
    shipments,
    shipment_events,
    contact_access_log,
    handoffs,
    idempotency_keys,
    contact_attempts,
    delivery_attempts,
    photos,
    disputes,
    webhook_subscriptions,
    webhook_deliveries,
    webhook_tries,
    ratings,
    kpi_daily,
    kpi_targets,
    kpi_target_misses,
    evidence_roots,
    evidence_leaves
);
