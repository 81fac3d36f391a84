from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.org_kind import OrgKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Org")


@_attrs_define
class Org:
    """An organisation as the API shows it.

    Attributes:
        created_at (datetime.datetime):
        id (str):  Example: org_01jd2v3k4m5n6p7q8r9s0t1u2v.
        kind (OrgKind):
        name (str):
        average_speed_kmh (int | None | Unset): A courier's average speed on its rounds (km/h), from which the live
            arrival estimate
            is computed; absent: 20. Example: 18.
        time_zone (None | str | Unset): A marketplace's default IANA time zone for its shipments (when neither the
            shipment
            nor the courier's contract names one); absent: UTC. Example: Europe/Paris.
    """

    created_at: datetime.datetime
    id: str
    kind: OrgKind
    name: str
    average_speed_kmh: int | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        kind = self.kind.value

        name = self.name

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
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "name": name,
            }
        )
        if average_speed_kmh is not UNSET:
            field_dict["average_speed_kmh"] = average_speed_kmh
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        kind = OrgKind(d.pop("kind"))

        name = d.pop("name")

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

        org = cls(
            created_at=created_at,
            id=id,
            kind=kind,
            name=name,
            average_speed_kmh=average_speed_kmh,
            time_zone=time_zone,
        )

        org.additional_properties = d
        return org

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
