from enum import StrEnum


class RatingChangedEventType(StrEnum):
    RATING_CHANGED = "rating.changed"

    def __str__(self) -> str:
        return str(self.value)
