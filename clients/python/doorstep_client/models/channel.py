from enum import StrEnum


class Channel(StrEnum):
    CALL = "call"
    DOORBELL = "doorbell"
    INTERCOM = "intercom"
    IN_APP = "in_app"
    SMS = "sms"

    def __str__(self) -> str:
        return str(self.value)
