from enum import StrEnum


class ShipmentRescheduledEventType(StrEnum):
    SHIPMENT_RESCHEDULED = "shipment.rescheduled"

    def __str__(self) -> str:
        return str(self.value)
