from enum import StrEnum


class TrackingRotatedEventType(StrEnum):
    TRACKING_ROTATED = "tracking.rotated"

    def __str__(self) -> str:
        return str(self.value)
