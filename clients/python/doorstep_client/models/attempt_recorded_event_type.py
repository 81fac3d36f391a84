from enum import StrEnum


class AttemptRecordedEventType(StrEnum):
    ATTEMPT_RECORDED = "attempt.recorded"

    def __str__(self) -> str:
        return str(self.value)
