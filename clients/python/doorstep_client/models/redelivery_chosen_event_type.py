from enum import StrEnum


class RedeliveryChosenEventType(StrEnum):
    REDELIVERY_CHOSEN = "redelivery.chosen"

    def __str__(self) -> str:
        return str(self.value)
