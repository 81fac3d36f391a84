from enum import StrEnum


class Wait(StrEnum):
    CHOSEN = "chosen"
    PROPOSED = "proposed"
    WAITING = "waiting"

    def __str__(self) -> str:
        return str(self.value)
