from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="GpsView")


@_attrs_define
class GpsView:
    """
    Attributes:
        accuracy_m (float):
        lat (float):
        lon (float):
        captured_at (datetime.datetime | None | Unset):
    """

    accuracy_m: float
    lat: float
    lon: float
    captured_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accuracy_m = self.accuracy_m

        lat = self.lat

        lon = self.lon

        captured_at: None | str | Unset
        if isinstance(self.captured_at, Unset):
            captured_at = UNSET
        elif isinstance(self.captured_at, datetime.datetime):
            captured_at = self.captured_at.isoformat()
        else:
            captured_at = self.captured_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accuracy_m": accuracy_m,
                "lat": lat,
                "lon": lon,
            }
        )
        if captured_at is not UNSET:
            field_dict["captured_at"] = captured_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        accuracy_m = d.pop("accuracy_m")

        lat = d.pop("lat")

        lon = d.pop("lon")

        def _parse_captured_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                captured_at_type_0 = datetime.datetime.fromisoformat(data)

                return captured_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        captured_at = _parse_captured_at(d.pop("captured_at", UNSET))

        gps_view = cls(
            accuracy_m=accuracy_m,
            lat=lat,
            lon=lon,
            captured_at=captured_at,
        )

        gps_view.additional_properties = d
        return gps_view

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
