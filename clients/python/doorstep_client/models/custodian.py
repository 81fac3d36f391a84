from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.holder import Holder
from ..types import UNSET, Unset

T = TypeVar("T", bound="Custodian")


@_attrs_define
class Custodian:
    """Who last confirmed holding the parcel, and since when.

    Attributes:
        holder (Holder): Who holds custody of a parcel in this state.
        org_id (str):
        since (datetime.datetime): When custody was confirmed (the hand-off accepted; for the marketplace, the shipment
            created).
        driver_id (None | str | Unset): When the holder is a driver.
    """

    holder: Holder
    org_id: str
    since: datetime.datetime
    driver_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        holder = self.holder.value

        org_id = self.org_id

        since = self.since.isoformat()

        driver_id: None | str | Unset
        if isinstance(self.driver_id, Unset):
            driver_id = UNSET
        else:
            driver_id = self.driver_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "holder": holder,
                "org_id": org_id,
                "since": since,
            }
        )
        if driver_id is not UNSET:
            field_dict["driver_id"] = driver_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        holder = Holder(d.pop("holder"))

        org_id = d.pop("org_id")

        since = datetime.datetime.fromisoformat(d.pop("since"))

        def _parse_driver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        driver_id = _parse_driver_id(d.pop("driver_id", UNSET))

        custodian = cls(
            holder=holder,
            org_id=org_id,
            since=since,
            driver_id=driver_id,
        )

        custodian.additional_properties = d
        return custodian

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
