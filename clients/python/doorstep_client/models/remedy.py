from enum import StrEnum


class Remedy(StrEnum):
    COMPENSATION = "compensation"
    NONE = "none"
    REDELIVER = "redeliver"
    REFUND = "refund"
    RESHIP = "reship"

    def __str__(self) -> str:
        return str(self.value)
