from enum import StrEnum


class Suggestion(StrEnum):
    REJECT = "reject"
    REVIEW = "review"
    UPHOLD = "uphold"

    def __str__(self) -> str:
        return str(self.value)
