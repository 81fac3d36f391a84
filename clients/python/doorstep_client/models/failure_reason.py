from enum import StrEnum


class FailureReason(StrEnum):
    ADDRESS_NOT_FOUND = "address_not_found"
    DAMAGED = "damaged"
    NO_ACCESS = "no_access"
    OTHER = "other"
    RECIPIENT_ABSENT = "recipient_absent"
    REFUSED = "refused"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return str(self.value)
