from enum import StrEnum


class ShipmentContactUpdatedTimelineEventKind(StrEnum):
    SHIPMENT_CONTACT_UPDATED = "shipment.contact_updated"

    def __str__(self) -> str:
        return str(self.value)
