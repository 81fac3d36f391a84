from enum import StrEnum


class ShipmentEarlyDeclinedTimelineEventKind(StrEnum):
    SHIPMENT_EARLY_DECLINED = "shipment.early_declined"

    def __str__(self) -> str:
        return str(self.value)
