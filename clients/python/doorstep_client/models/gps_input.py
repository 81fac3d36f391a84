from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GpsInput")


@_attrs_define
class GpsInput:
    """
    Attributes:
        accuracy_m (float): Horizontal accuracy, metres.
        captured_at (datetime.datetime):
        lat (float):
        lon (float):
    """

    accuracy_m: float
    captured_at: datetime.datetime
    lat: float
    lon: float

    def to_dict(self) -> dict[str, Any]:
        accuracy_m = self.accuracy_m

        captured_at = self.captured_at.isoformat()

        lat = self.lat

        lon = self.lon

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "accuracy_m": accuracy_m,
                "captured_at": captured_at,
                "lat": lat,
                "lon": lon,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        accuracy_m = d.pop("accuracy_m")

        captured_at = datetime.datetime.fromisoformat(d.pop("captured_at"))

        lat = d.pop("lat")

        lon = d.pop("lon")

        gps_input = cls(
            accuracy_m=accuracy_m,
            captured_at=captured_at,
            lat=lat,
            lon=lon,
        )

        return gps_input
