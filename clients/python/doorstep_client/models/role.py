from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    DRIVER = "driver"
    PLATFORM_ADMIN = "platform_admin"
    STAFF = "staff"

    def __str__(self) -> str:
        return str(self.value)
