from enum import StrEnum


class OrgKind(StrEnum):
    COURIER = "courier"
    MARKETPLACE = "marketplace"
    SUPPLIER = "supplier"

    def __str__(self) -> str:
        return str(self.value)
