from enum import StrEnum


class NotificationStatus(StrEnum):
    DEAD = "dead"
    FAILED = "failed"
    PENDING = "pending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
