from enum import StrEnum


class HandoffRejectedTimelineEventKind(StrEnum):
    HANDOFF_REJECTED = "handoff.rejected"

    def __str__(self) -> str:
        return str(self.value)
