from enum import StrEnum


class ContactAttemptRecordedTimelineEventKind(StrEnum):
    CONTACT_ATTEMPT_RECORDED = "contact_attempt.recorded"

    def __str__(self) -> str:
        return str(self.value)
