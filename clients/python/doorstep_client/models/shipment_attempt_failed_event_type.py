from enum import StrEnum


class ShipmentAttemptFailedEventType(StrEnum):
    SHIPMENT_ATTEMPT_FAILED = "shipment.attempt_failed"

    def __str__(self) -> str:
        return str(self.value)
