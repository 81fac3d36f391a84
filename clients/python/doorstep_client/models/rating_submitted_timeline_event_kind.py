from enum import StrEnum


class RatingSubmittedTimelineEventKind(StrEnum):
    RATING_SUBMITTED = "rating.submitted"

    def __str__(self) -> str:
        return str(self.value)
