from enum import StrEnum


class KpiTargetMissedEventType(StrEnum):
    KPI_TARGET_MISSED = "kpi.target_missed"

    def __str__(self) -> str:
        return str(self.value)
