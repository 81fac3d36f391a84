from enum import StrEnum


class Placement(StrEnum):
    FRONT_DOOR = "front_door"
    HANDED_TO_RECIPIENT = "handed_to_recipient"
    MAILBOX = "mailbox"
    NEIGHBOUR = "neighbour"
    RECEPTION = "reception"
    SAFE_PLACE = "safe_place"

    def __str__(self) -> str:
        return str(self.value)
