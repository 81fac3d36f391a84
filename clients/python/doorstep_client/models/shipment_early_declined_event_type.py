from enum import StrEnum


class ShipmentEarlyDeclinedEventType(StrEnum):
    SHIPMENT_EARLY_DECLINED = "shipment.early_declined"

    def __str__(self) -> str:
        return str(self.value)
