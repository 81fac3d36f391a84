from enum import StrEnum


class ContactOutcome(StrEnum):
    BUSY = "busy"
    NO_ANSWER = "no_answer"
    REACHED = "reached"
    SENT = "sent"
    VOICEMAIL = "voicemail"

    def __str__(self) -> str:
        return str(self.value)
