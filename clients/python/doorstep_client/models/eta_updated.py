from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.live_estimate import LiveEstimate


T = TypeVar("T", bound="EtaUpdated")


@_attrs_define
class EtaUpdated:
    """`eta.updated`: the driver's approach to a stop (webhooks only, not stored nor in the feed).

    Attributes:
        live (LiveEstimate): The driver's approach as the customer and the marketplace see it: shown only while the
            parcel is out for delivery, among the next few stops, and the driver's app reported within
            the last minutes. Never the position.
        shipment_id (str):
    """

    live: LiveEstimate
    shipment_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        live = self.live.to_dict()

        shipment_id = self.shipment_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "live": live,
                "shipment_id": shipment_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.live_estimate import LiveEstimate

        d = dict(src_dict)
        live = LiveEstimate.from_dict(d.pop("live"))

        shipment_id = d.pop("shipment_id")

        eta_updated = cls(
            live=live,
            shipment_id=shipment_id,
        )

        eta_updated.additional_properties = d
        return eta_updated

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
