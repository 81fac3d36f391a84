from enum import StrEnum


class RedeliveryProposedTimelineEventKind(StrEnum):
    REDELIVERY_PROPOSED = "redelivery.proposed"

    def __str__(self) -> str:
        return str(self.value)
