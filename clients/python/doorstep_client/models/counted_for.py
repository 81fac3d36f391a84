from enum import StrEnum


class CountedFor(StrEnum):
    DRIVER = "driver"
    EXCLUDED = "excluded"
    UPSTREAM = "upstream"

    def __str__(self) -> str:
        return str(self.value)
