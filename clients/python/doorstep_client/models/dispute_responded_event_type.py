from enum import StrEnum


class DisputeRespondedEventType(StrEnum):
    DISPUTE_RESPONDED = "dispute.responded"

    def __str__(self) -> str:
        return str(self.value)
