from enum import StrEnum


class HandoverPinResetEventType(StrEnum):
    HANDOVER_PIN_RESET = "handover_pin.reset"

    def __str__(self) -> str:
        return str(self.value)
