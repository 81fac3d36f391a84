from enum import StrEnum


class CustodyGapTimelineEventKind(StrEnum):
    CUSTODY_GAP = "custody.gap"

    def __str__(self) -> str:
        return str(self.value)
