from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.shipment_cancelled_event_type import ShipmentCancelledEventType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.shipment import Shipment
    from ..models.status_declared import StatusDeclared


T = TypeVar("T", bound="ShipmentCancelledEvent")


@_attrs_define
class ShipmentCancelledEvent:
    """The `shipment.cancelled` event.

    Attributes:
        created_at (datetime.datetime):
        data (StatusDeclared): `shipment.cancelled` (and `shipment.returned`): a party ended the shipment, with its
            reason.
        id (str): The event's id: a receiver dedupes by it (a delivery may be retried). Example:
            evt_01jd2v3k4m5n6p7q8r9s0t1u2v.
        type_ (ShipmentCancelledEventType):
        shipment (None | Shipment | Unset):
    """

    created_at: datetime.datetime
    data: StatusDeclared
    id: str
    type_: ShipmentCancelledEventType
    shipment: None | Shipment | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.shipment import Shipment

        created_at = self.created_at.isoformat()

        data = self.data.to_dict()

        id = self.id

        type_ = self.type_.value

        shipment: dict[str, Any] | None | Unset
        if isinstance(self.shipment, Unset):
            shipment = UNSET
        elif isinstance(self.shipment, Shipment):
            shipment = self.shipment.to_dict()
        else:
            shipment = self.shipment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "data": data,
                "id": id,
                "type": type_,
            }
        )
        if shipment is not UNSET:
            field_dict["shipment"] = shipment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.shipment import Shipment
        from ..models.status_declared import StatusDeclared

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        data = StatusDeclared.from_dict(d.pop("data"))

        id = d.pop("id")

        type_ = ShipmentCancelledEventType(d.pop("type"))

        def _parse_shipment(data: object) -> None | Shipment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shipment_type_0 = Shipment.from_dict(data)

                return shipment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Shipment | Unset, data)

        shipment = _parse_shipment(d.pop("shipment", UNSET))

        shipment_cancelled_event = cls(
            created_at=created_at,
            data=data,
            id=id,
            type_=type_,
            shipment=shipment,
        )

        shipment_cancelled_event.additional_properties = d
        return shipment_cancelled_event

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
