from enum import StrEnum


class HandoffTarget(StrEnum):
    COURIER = "courier"
    DRIVER = "driver"
    SUPPLIER = "supplier"

    def __str__(self) -> str:
        return str(self.value)
