from enum import StrEnum


class EtaUpdatedEventType(StrEnum):
    ETA_UPDATED = "eta.updated"

    def __str__(self) -> str:
        return str(self.value)
