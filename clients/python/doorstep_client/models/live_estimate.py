from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LiveEstimate")


@_attrs_define
class LiveEstimate:
    """The driver's approach as the customer and the marketplace see it: shown only while the
    parcel is out for delivery, among the next few stops, and the driver's app reported within
    the last minutes. Never the position.

        Attributes:
            minutes (int): About how many minutes until the driver is at the door.
            stops_before (int): Stops the driver makes before this parcel's (0: it is the next stop).
            updated_at (datetime.datetime): When the driver's position behind the estimate was received.
    """

    minutes: int
    stops_before: int
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        minutes = self.minutes

        stops_before = self.stops_before

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "minutes": minutes,
                "stops_before": stops_before,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        minutes = d.pop("minutes")

        stops_before = d.pop("stops_before")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        live_estimate = cls(
            minutes=minutes,
            stops_before=stops_before,
            updated_at=updated_at,
        )

        live_estimate.additional_properties = d
        return live_estimate

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
