from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PositionReport")


@_attrs_define
class PositionReport:
    """The driver's position now (the phone's Geolocation API). Live only: a position is never
    queued offline and sent later.

        Attributes:
            lat (float):  Example: 48.8566.
            lon (float):  Example: 2.3522.
            accuracy_m (float | None | Unset): The fix's accuracy radius, metres. Example: 12.0.
    """

    lat: float
    lon: float
    accuracy_m: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        lat = self.lat

        lon = self.lon

        accuracy_m: float | None | Unset
        if isinstance(self.accuracy_m, Unset):
            accuracy_m = UNSET
        else:
            accuracy_m = self.accuracy_m

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "lat": lat,
                "lon": lon,
            }
        )
        if accuracy_m is not UNSET:
            field_dict["accuracy_m"] = accuracy_m

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        lat = d.pop("lat")

        lon = d.pop("lon")

        def _parse_accuracy_m(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        accuracy_m = _parse_accuracy_m(d.pop("accuracy_m", UNSET))

        position_report = cls(
            lat=lat,
            lon=lon,
            accuracy_m=accuracy_m,
        )

        return position_report
