from enum import StrEnum


class Holder(StrEnum):
    COURIER = "courier"
    DRIVER = "driver"
    MARKETPLACE = "marketplace"
    SUPPLIER = "supplier"

    def __str__(self) -> str:
        return str(self.value)
