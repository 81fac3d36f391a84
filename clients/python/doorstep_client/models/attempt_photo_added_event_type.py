from enum import StrEnum


class AttemptPhotoAddedEventType(StrEnum):
    ATTEMPT_PHOTO_ADDED = "attempt.photo_added"

    def __str__(self) -> str:
        return str(self.value)
