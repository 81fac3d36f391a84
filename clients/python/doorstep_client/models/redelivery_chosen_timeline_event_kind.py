from enum import StrEnum


class RedeliveryChosenTimelineEventKind(StrEnum):
    REDELIVERY_CHOSEN = "redelivery.chosen"

    def __str__(self) -> str:
        return str(self.value)
