from enum import StrEnum


class ShipmentContactUpdatedEventType(StrEnum):
    SHIPMENT_CONTACT_UPDATED = "shipment.contact_updated"

    def __str__(self) -> str:
        return str(self.value)
