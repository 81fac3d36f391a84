from enum import StrEnum


class Reason(StrEnum):
    DAMAGED = "damaged"
    NOT_CALLED = "not_called"
    NOT_RECEIVED = "not_received"
    OTHER = "other"
    THROWN = "thrown"
    WAS_HOME = "was_home"
    WRONG_PLACE = "wrong_place"

    def __str__(self) -> str:
        return str(self.value)
