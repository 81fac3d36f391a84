from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StopEstimate")


@_attrs_define
class StopEstimate:
    """One remaining stop of the driver's round, as the estimate sees it.

    Attributes:
        minutes (int): About how many minutes until the driver is there.
        shipment_id (str):
        stops_before (int): Stops the driver makes before this one.
    """

    minutes: int
    shipment_id: str
    stops_before: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        minutes = self.minutes

        shipment_id = self.shipment_id

        stops_before = self.stops_before

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "minutes": minutes,
                "shipment_id": shipment_id,
                "stops_before": stops_before,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        minutes = d.pop("minutes")

        shipment_id = d.pop("shipment_id")

        stops_before = d.pop("stops_before")

        stop_estimate = cls(
            minutes=minutes,
            shipment_id=shipment_id,
            stops_before=stops_before,
        )

        stop_estimate.additional_properties = d
        return stop_estimate

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
