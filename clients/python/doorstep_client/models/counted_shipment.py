from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CountedShipment")


@_attrs_define
class CountedShipment:
    """One shipment behind a KPI figure: what it adds to the figure's numerator and denominator
    over the range (summed over every page, these are the figure's own), exactly as the door
    recorded it when the facts were written.

        Attributes:
            against (int): Its counts against the KPI (see `part=against`).
            days (list[datetime.date]): The local days it counts on.
            numerator (int):
            reference (str): The marketplace's reference.
            shipment_id (str):
            denominator (int | None | Unset): Absent for a plain count.
    """

    against: int
    days: list[datetime.date]
    numerator: int
    reference: str
    shipment_id: str
    denominator: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        against = self.against

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.isoformat()
            days.append(days_item)

        numerator = self.numerator

        reference = self.reference

        shipment_id = self.shipment_id

        denominator: int | None | Unset
        if isinstance(self.denominator, Unset):
            denominator = UNSET
        else:
            denominator = self.denominator

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "against": against,
                "days": days,
                "numerator": numerator,
                "reference": reference,
                "shipment_id": shipment_id,
            }
        )
        if denominator is not UNSET:
            field_dict["denominator"] = denominator

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        against = d.pop("against")

        days = []
        _days = d.pop("days")
        for days_item_data in _days:
            days_item = datetime.date.fromisoformat(days_item_data)

            days.append(days_item)

        numerator = d.pop("numerator")

        reference = d.pop("reference")

        shipment_id = d.pop("shipment_id")

        def _parse_denominator(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        denominator = _parse_denominator(d.pop("denominator", UNSET))

        counted_shipment = cls(
            against=against,
            days=days,
            numerator=numerator,
            reference=reference,
            shipment_id=shipment_id,
            denominator=denominator,
        )

        counted_shipment.additional_properties = d
        return counted_shipment

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
