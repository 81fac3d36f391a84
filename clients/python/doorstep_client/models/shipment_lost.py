from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

if TYPE_CHECKING:
    from ..models.loss import Loss


T = TypeVar("T", bound="ShipmentLost")


@_attrs_define
class ShipmentLost:
    """`shipment.lost`: the parcel is declared lost, with where the chain of custody broke.

    Attributes:
        from_status (Status):
        loss (Loss): Where the chain broke, recorded on the shipment when it is declared lost (`loss`).
        note (str): The reason given (1–1000 characters).
        to_status (Status):
    """

    from_status: Status
    loss: Loss
    note: str
    to_status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_status = self.from_status.value

        loss = self.loss.to_dict()

        note = self.note

        to_status = self.to_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_status": from_status,
                "loss": loss,
                "note": note,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.loss import Loss

        d = dict(src_dict)
        from_status = Status(d.pop("from_status"))

        loss = Loss.from_dict(d.pop("loss"))

        note = d.pop("note")

        to_status = Status(d.pop("to_status"))

        shipment_lost = cls(
            from_status=from_status,
            loss=loss,
            note=note,
            to_status=to_status,
        )

        shipment_lost.additional_properties = d
        return shipment_lost

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
