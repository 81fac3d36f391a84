from enum import StrEnum


class HandoffRejectedEventType(StrEnum):
    HANDOFF_REJECTED = "handoff.rejected"

    def __str__(self) -> str:
        return str(self.value)
