from enum import StrEnum


class Tag(StrEnum):
    CALLED_AHEAD = "called_ahead"
    CAREFUL = "careful"
    DAMAGED = "damaged"
    EARLY_WITHOUT_NOTICE = "early_without_notice"
    FALSE_NOT_HOME = "false_not_home"
    FRIENDLY = "friendly"
    GOOD_PLACEMENT = "good_placement"
    LATE = "late"
    NO_CALL = "no_call"
    ON_TIME = "on_time"
    RUDE = "rude"
    THROWN = "thrown"
    WRONG_PLACE = "wrong_place"

    def __str__(self) -> str:
        return str(self.value)
