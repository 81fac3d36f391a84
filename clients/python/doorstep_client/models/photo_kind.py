from enum import StrEnum


class PhotoKind(StrEnum):
    DAMAGE = "damage"
    DOOR = "door"
    LABEL = "label"
    PARCEL = "parcel"
    PLACEMENT = "placement"
    SIGNATURE = "signature"

    def __str__(self) -> str:
        return str(self.value)
