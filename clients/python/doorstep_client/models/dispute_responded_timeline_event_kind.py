from enum import StrEnum


class DisputeRespondedTimelineEventKind(StrEnum):
    DISPUTE_RESPONDED = "dispute.responded"

    def __str__(self) -> str:
        return str(self.value)
