from enum import StrEnum


class Kpi(StrEnum):
    AVERAGE_STARS = "average_stars"
    CUSTODY_GAP_RATE = "custody_gap_rate"
    EARLY_WITHOUT_CONSENT_RATE = "early_without_consent_rate"
    FIRST_ATTEMPT_SUCCESS_RATE = "first_attempt_success_rate"
    HANDOVER_ON_TIME_RATE = "handover_on_time_rate"
    LOST_RATE = "lost_rate"
    ON_TIME_RATE = "on_time_rate"
    PRE_ARRIVAL_CONTACT_RATE = "pre_arrival_contact_rate"
    PROOF_COMPLIANCE = "proof_compliance"
    RATINGS_COUNT = "ratings_count"
    REDELIVERY_IN_WINDOW_RATE = "redelivery_in_window_rate"
    UPHELD_DISPUTE_RATE = "upheld_dispute_rate"

    def __str__(self) -> str:
        return str(self.value)
