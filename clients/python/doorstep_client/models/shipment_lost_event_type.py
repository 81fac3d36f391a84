from enum import StrEnum


class ShipmentLostEventType(StrEnum):
    SHIPMENT_LOST = "shipment.lost"

    def __str__(self) -> str:
        return str(self.value)
