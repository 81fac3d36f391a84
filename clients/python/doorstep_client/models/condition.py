from enum import StrEnum


class Condition(StrEnum):
    DAMAGED = "damaged"
    INTACT = "intact"

    def __str__(self) -> str:
        return str(self.value)
