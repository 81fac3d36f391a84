from enum import StrEnum


class RatingSubmittedEventType(StrEnum):
    RATING_SUBMITTED = "rating.submitted"

    def __str__(self) -> str:
        return str(self.value)
