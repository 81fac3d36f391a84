from enum import StrEnum


class DisputeStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    RESPONDED = "responded"

    def __str__(self) -> str:
        return str(self.value)
