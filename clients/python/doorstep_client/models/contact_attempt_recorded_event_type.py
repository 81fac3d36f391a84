from enum import StrEnum


class ContactAttemptRecordedEventType(StrEnum):
    CONTACT_ATTEMPT_RECORDED = "contact_attempt.recorded"

    def __str__(self) -> str:
        return str(self.value)
