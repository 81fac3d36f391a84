from enum import StrEnum


class ShipmentEtaEventType(StrEnum):
    SHIPMENT_ETA = "shipment.eta"

    def __str__(self) -> str:
        return str(self.value)
