from enum import StrEnum


class HandoffRequestedTimelineEventKind(StrEnum):
    HANDOFF_REQUESTED = "handoff.requested"

    def __str__(self) -> str:
        return str(self.value)
