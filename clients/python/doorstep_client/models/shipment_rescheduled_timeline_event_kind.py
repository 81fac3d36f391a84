from enum import StrEnum


class ShipmentRescheduledTimelineEventKind(StrEnum):
    SHIPMENT_RESCHEDULED = "shipment.rescheduled"

    def __str__(self) -> str:
        return str(self.value)
