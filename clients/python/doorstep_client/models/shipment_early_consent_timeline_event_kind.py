from enum import StrEnum


class ShipmentEarlyConsentTimelineEventKind(StrEnum):
    SHIPMENT_EARLY_CONSENT = "shipment.early_consent"

    def __str__(self) -> str:
        return str(self.value)
