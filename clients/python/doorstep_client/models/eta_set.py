from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EtaSet")


@_attrs_define
class EtaSet:
    """`shipment.eta`: the driver's estimated arrival.

    Attributes:
        eta (datetime.datetime):
        previous (datetime.datetime | None): The estimate before this one.
        beyond_tolerance (bool | None | Unset): Whether the estimate moved beyond the contract's tolerance (the customer
            is told);
            present only when the customer hears on some channel.
    """

    eta: datetime.datetime
    previous: datetime.datetime | None
    beyond_tolerance: bool | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        eta = self.eta.isoformat()

        previous: None | str
        if isinstance(self.previous, datetime.datetime):
            previous = self.previous.isoformat()
        else:
            previous = self.previous

        beyond_tolerance: bool | None | Unset
        if isinstance(self.beyond_tolerance, Unset):
            beyond_tolerance = UNSET
        else:
            beyond_tolerance = self.beyond_tolerance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eta": eta,
                "previous": previous,
            }
        )
        if beyond_tolerance is not UNSET:
            field_dict["beyond_tolerance"] = beyond_tolerance

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        eta = datetime.datetime.fromisoformat(d.pop("eta"))

        def _parse_previous(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                previous_type_0 = datetime.datetime.fromisoformat(data)

                return previous_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        previous = _parse_previous(d.pop("previous"))

        def _parse_beyond_tolerance(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        beyond_tolerance = _parse_beyond_tolerance(d.pop("beyond_tolerance", UNSET))

        eta_set = cls(
            eta=eta,
            previous=previous,
            beyond_tolerance=beyond_tolerance,
        )

        eta_set.additional_properties = d
        return eta_set

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
