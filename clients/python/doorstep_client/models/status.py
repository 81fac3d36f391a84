from enum import StrEnum


class Status(StrEnum):
    ATTEMPT_FAILED = "attempt_failed"
    AT_SUPPLIER = "at_supplier"
    CANCELLED = "cancelled"
    CREATED = "created"
    DELIVERED = "delivered"
    LOST = "lost"
    OUT_FOR_DELIVERY = "out_for_delivery"
    RETURNED = "returned"
    WITH_COURIER = "with_courier"

    def __str__(self) -> str:
        return str(self.value)
