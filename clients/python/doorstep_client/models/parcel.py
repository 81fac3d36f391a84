from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Parcel")


@_attrs_define
class Parcel:
    """
    Attributes:
        declared_value_cents (int | None | Unset):
        description (None | str | Unset):
        weight_grams (int | None | Unset):
    """

    declared_value_cents: int | None | Unset = UNSET
    description: None | str | Unset = UNSET
    weight_grams: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        declared_value_cents: int | None | Unset
        if isinstance(self.declared_value_cents, Unset):
            declared_value_cents = UNSET
        else:
            declared_value_cents = self.declared_value_cents

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        weight_grams: int | None | Unset
        if isinstance(self.weight_grams, Unset):
            weight_grams = UNSET
        else:
            weight_grams = self.weight_grams

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if declared_value_cents is not UNSET:
            field_dict["declared_value_cents"] = declared_value_cents
        if description is not UNSET:
            field_dict["description"] = description
        if weight_grams is not UNSET:
            field_dict["weight_grams"] = weight_grams

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_declared_value_cents(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        declared_value_cents = _parse_declared_value_cents(
            d.pop("declared_value_cents", UNSET)
        )

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_weight_grams(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        weight_grams = _parse_weight_grams(d.pop("weight_grams", UNSET))

        parcel = cls(
            declared_value_cents=declared_value_cents,
            description=description,
            weight_grams=weight_grams,
        )

        return parcel
