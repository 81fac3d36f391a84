from enum import StrEnum


class DisputeResolvedEventType(StrEnum):
    DISPUTE_RESOLVED = "dispute.resolved"

    def __str__(self) -> str:
        return str(self.value)
