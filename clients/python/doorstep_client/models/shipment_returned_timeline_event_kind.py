from enum import StrEnum


class ShipmentReturnedTimelineEventKind(StrEnum):
    SHIPMENT_RETURNED = "shipment.returned"

    def __str__(self) -> str:
        return str(self.value)
