from enum import StrEnum


class OrgRole(StrEnum):
    ADMIN = "admin"
    DRIVER = "driver"
    STAFF = "staff"

    def __str__(self) -> str:
        return str(self.value)
