from enum import StrEnum


class EventType(StrEnum):
    ATTEMPT_PHOTO_ADDED = "attempt.photo_added"
    ATTEMPT_RECORDED = "attempt.recorded"
    CONTACT_ATTEMPT_RECORDED = "contact_attempt.recorded"
    CONTACT_ERASED = "contact.erased"
    CUSTODY_GAP = "custody.gap"
    DISPUTE_OPENED = "dispute.opened"
    DISPUTE_RESOLVED = "dispute.resolved"
    DISPUTE_RESPONDED = "dispute.responded"
    ETA_UPDATED = "eta.updated"
    HANDOFF_ACCEPTED = "handoff.accepted"
    HANDOFF_REJECTED = "handoff.rejected"
    HANDOFF_REQUESTED = "handoff.requested"
    KPI_TARGET_MISSED = "kpi.target_missed"
    PING = "ping"
    RATING_CHANGED = "rating.changed"
    RATING_SUBMITTED = "rating.submitted"
    REDELIVERY_CHOSEN = "redelivery.chosen"
    REDELIVERY_PROPOSED = "redelivery.proposed"
    SHIPMENT_ATTEMPT_FAILED = "shipment.attempt_failed"
    SHIPMENT_CANCELLED = "shipment.cancelled"
    SHIPMENT_CONTACT_UPDATED = "shipment.contact_updated"
    SHIPMENT_CREATED = "shipment.created"
    SHIPMENT_DELIVERED = "shipment.delivered"
    SHIPMENT_EARLY_CONSENT = "shipment.early_consent"
    SHIPMENT_EARLY_DECLINED = "shipment.early_declined"
    SHIPMENT_ETA = "shipment.eta"
    SHIPMENT_LOST = "shipment.lost"
    SHIPMENT_OUT_FOR_DELIVERY = "shipment.out_for_delivery"
    SHIPMENT_RESCHEDULED = "shipment.rescheduled"
    VALUE_0 = "*"

    def __str__(self) -> str:
        return str(self.value)
