from enum import StrEnum


class ContactField(StrEnum):
    ACCESS_NOTES = "access_notes"
    EMAIL = "email"
    PHONE = "phone"
    PREFERENCES = "preferences"

    def __str__(self) -> str:
        return str(self.value)
