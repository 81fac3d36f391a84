from enum import StrEnum


class ShipmentEtaTimelineEventKind(StrEnum):
    SHIPMENT_ETA = "shipment.eta"

    def __str__(self) -> str:
        return str(self.value)
