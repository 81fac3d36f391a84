-- One rating per shipment, from the customer's link. Who it counts for is decided when it is
-- given (fair attribution, harsh raters) and kept, so every exclusion shows its reason.
CREATE TABLE ratings (
    id TEXT PRIMARY KEY,
    shipment_id TEXT NOT NULL UNIQUE REFERENCES shipments (id),
    marketplace_id TEXT NOT NULL,
    courier_id TEXT NOT NULL,
    driver_id TEXT NOT NULL,
    attempt_id TEXT NOT NULL,
    stars INTEGER NOT NULL,
    -- Comma-separated tags from the fixed vocabulary.
    tags TEXT NOT NULL,
    comment TEXT,
    -- SHA-256 of the customer's phone (or e-mail): recognises harsh raters, names nobody.
    customer_key TEXT,
    -- driver | upstream | excluded
    counted_for TEXT NOT NULL,
    attributed_org_id TEXT,
    reason TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX ratings_driver ON ratings (driver_id, counted_for, created_at);
CREATE INDEX ratings_courier ON ratings (courier_id, created_at);
CREATE INDEX ratings_marketplace ON ratings (marketplace_id, created_at);
CREATE INDEX ratings_customer ON ratings (customer_key);

-- KPI counters per UTC day per (marketplace, org, driver), moved in the same transaction as the
-- fact. org is the courier (or the upstream party a fact is attributed to); driver '' = none,
-- '*' = the rollup of all the org's drivers.
CREATE TABLE kpi_daily (
    org_id TEXT NOT NULL,
    day TEXT NOT NULL,
    marketplace_id TEXT NOT NULL,
    driver_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    verified_attempts INTEGER NOT NULL DEFAULT 0,
    contacted_attempts INTEGER NOT NULL DEFAULT 0,
    early_attempts INTEGER NOT NULL DEFAULT 0,
    upheld_disputes INTEGER NOT NULL DEFAULT 0,
    first_attempts INTEGER NOT NULL DEFAULT 0,
    first_attempt_successes INTEGER NOT NULL DEFAULT 0,
    on_time INTEGER NOT NULL DEFAULT 0,
    on_time_due INTEGER NOT NULL DEFAULT 0,
    late_excused INTEGER NOT NULL DEFAULT 0,
    handover_on_time INTEGER NOT NULL DEFAULT 0,
    handover_due INTEGER NOT NULL DEFAULT 0,
    ended INTEGER NOT NULL DEFAULT 0,
    lost INTEGER NOT NULL DEFAULT 0,
    handoffs INTEGER NOT NULL DEFAULT 0,
    custody_gaps INTEGER NOT NULL DEFAULT 0,
    ratings INTEGER NOT NULL DEFAULT 0,
    stars_sum INTEGER NOT NULL DEFAULT 0,
    stars_1 INTEGER NOT NULL DEFAULT 0,
    stars_2 INTEGER NOT NULL DEFAULT 0,
    stars_3 INTEGER NOT NULL DEFAULT 0,
    stars_4 INTEGER NOT NULL DEFAULT 0,
    stars_5 INTEGER NOT NULL DEFAULT 0,
    ratings_excluded INTEGER NOT NULL DEFAULT 0,
    ratings_reattributed INTEGER NOT NULL DEFAULT 0,
    tag_on_time INTEGER NOT NULL DEFAULT 0,
    tag_friendly INTEGER NOT NULL DEFAULT 0,
    tag_careful INTEGER NOT NULL DEFAULT 0,
    tag_called_ahead INTEGER NOT NULL DEFAULT 0,
    tag_good_placement INTEGER NOT NULL DEFAULT 0,
    tag_late INTEGER NOT NULL DEFAULT 0,
    tag_early_without_notice INTEGER NOT NULL DEFAULT 0,
    tag_false_not_home INTEGER NOT NULL DEFAULT 0,
    tag_rude INTEGER NOT NULL DEFAULT 0,
    tag_damaged INTEGER NOT NULL DEFAULT 0,
    tag_thrown INTEGER NOT NULL DEFAULT 0,
    tag_wrong_place INTEGER NOT NULL DEFAULT 0,
    tag_no_call INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, day, marketplace_id, driver_id)
);
-- driver '*' rows sum every driver of the org (the rollup courier queries read).
CREATE INDEX kpi_daily_driver ON kpi_daily (org_id, driver_id, day);
CREATE INDEX kpi_daily_marketplace ON kpi_daily (marketplace_id, driver_id, day);

-- What the shipment's facts currently add to kpi_daily (JSON), so a change subtracts exactly
-- what was added before.
ALTER TABLE shipments ADD COLUMN kpi_contrib TEXT;

-- A marketplace's targets for a courier contract: one per KPI, value >= or <= target.
CREATE TABLE kpi_targets (
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    kpi TEXT NOT NULL,
    op TEXT NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (contract_id, kpi)
);

-- A KPI of a closed period that missed its contract's target (also the outbox of
-- kpi.target_missed webhooks).
CREATE TABLE kpi_target_misses (
    id TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contracts (id),
    marketplace_id TEXT NOT NULL,
    courier_id TEXT NOT NULL,
    kpi TEXT NOT NULL,
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    numerator BIGINT NOT NULL,
    denominator BIGINT NOT NULL,
    op TEXT NOT NULL,
    target DOUBLE PRECISION NOT NULL,
    created_at TIMESTAMP NOT NULL,
    dispatched BOOLEAN NOT NULL,
    UNIQUE (contract_id, kpi, period)
);
CREATE INDEX kpi_target_misses_undispatched ON kpi_target_misses (created_at) WHERE dispatched = FALSE;
CREATE INDEX kpi_target_misses_marketplace ON kpi_target_misses (marketplace_id, id);
CREATE INDEX kpi_target_misses_courier ON kpi_target_misses (courier_id, id);
