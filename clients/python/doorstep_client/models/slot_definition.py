from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SlotDefinition")


@_attrs_define
class SlotDefinition:
    """One slot of a courier's week: the same hours on each of `days`, in the shipment's zone.

    Attributes:
        capacity (int): Places a day (re-deliveries the courier takes in this slot). Example: 20.
        days (list[str]): Local weekdays, lowercase three letters. Example: ['mon', 'tue', 'wed', 'thu', 'fri'].
        end (str): Local end, `HH:MM`, after the start the same day. Example: 12:00.
        start (str): Local start, `HH:MM`. Example: 08:00.
    """

    capacity: int
    days: list[str]
    end: str
    start: str

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        days = self.days

        end = self.end

        start = self.start

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "capacity": capacity,
                "days": days,
                "end": end,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        capacity = d.pop("capacity")

        days = cast(list[str], d.pop("days"))

        end = d.pop("end")

        start = d.pop("start")

        slot_definition = cls(
            capacity=capacity,
            days=days,
            end=end,
            start=start,
        )

        return slot_definition
