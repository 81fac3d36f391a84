from enum import StrEnum


class HandoffAcceptedEventType(StrEnum):
    HANDOFF_ACCEPTED = "handoff.accepted"

    def __str__(self) -> str:
        return str(self.value)
