from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Preferences")


@_attrs_define
class Preferences:
    """
    Attributes:
        call_before_arrival (bool | Unset): The customer wants a call before the driver arrives.
        safe_place (None | str | Unset):
        safe_place_allowed (bool | Unset): The parcel may be left unattended at `safe_place`.
    """

    call_before_arrival: bool | Unset = UNSET
    safe_place: None | str | Unset = UNSET
    safe_place_allowed: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        call_before_arrival = self.call_before_arrival

        safe_place: None | str | Unset
        if isinstance(self.safe_place, Unset):
            safe_place = UNSET
        else:
            safe_place = self.safe_place

        safe_place_allowed = self.safe_place_allowed

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if call_before_arrival is not UNSET:
            field_dict["call_before_arrival"] = call_before_arrival
        if safe_place is not UNSET:
            field_dict["safe_place"] = safe_place
        if safe_place_allowed is not UNSET:
            field_dict["safe_place_allowed"] = safe_place_allowed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        call_before_arrival = d.pop("call_before_arrival", UNSET)

        def _parse_safe_place(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        safe_place = _parse_safe_place(d.pop("safe_place", UNSET))

        safe_place_allowed = d.pop("safe_place_allowed", UNSET)

        preferences = cls(
            call_before_arrival=call_before_arrival,
            safe_place=safe_place,
            safe_place_allowed=safe_place_allowed,
        )

        return preferences
