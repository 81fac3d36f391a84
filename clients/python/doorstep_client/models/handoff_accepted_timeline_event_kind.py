from enum import StrEnum


class HandoffAcceptedTimelineEventKind(StrEnum):
    HANDOFF_ACCEPTED = "handoff.accepted"

    def __str__(self) -> str:
        return str(self.value)
