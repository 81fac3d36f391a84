from enum import StrEnum


class KpiPart(StrEnum):
    AGAINST = "against"
    DENOMINATOR = "denominator"
    NUMERATOR = "numerator"

    def __str__(self) -> str:
        return str(self.value)
