from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateOrg")


@_attrs_define
class UpdateOrg:
    """Change an organisation (a platform admin or the org's admin); absent fields stay as they
    are.

        Attributes:
            average_speed_kmh (int | None | Unset): A courier's average speed on its rounds, 5–130 km/h, for the live
                arrival estimate its
                customers see; `null` clears it (20 km/h). Example: 18.
            time_zone (None | str | Unset): A marketplace's default IANA time zone for new shipments; `null` clears it
                (UTC). Shipments keep the zone they were created with. Example: Europe/Paris.
    """

    average_speed_kmh: int | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        average_speed_kmh: int | None | Unset
        if isinstance(self.average_speed_kmh, Unset):
            average_speed_kmh = UNSET
        else:
            average_speed_kmh = self.average_speed_kmh

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if average_speed_kmh is not UNSET:
            field_dict["average_speed_kmh"] = average_speed_kmh
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_average_speed_kmh(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        average_speed_kmh = _parse_average_speed_kmh(d.pop("average_speed_kmh", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        update_org = cls(
            average_speed_kmh=average_speed_kmh,
            time_zone=time_zone,
        )

        return update_org
