from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.create_shipment import CreateShipment


T = TypeVar("T", bound="CreateBatch")


@_attrs_define
class CreateBatch:
    """
    Attributes:
        shipments (list[CreateShipment]): 1–500 shipments, each the body of `POST /v1/shipments`.
    """

    shipments: list[CreateShipment]

    def to_dict(self) -> dict[str, Any]:
        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "shipments": shipments,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.create_shipment import CreateShipment

        d = dict(src_dict)
        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in _shipments:
            shipments_item = CreateShipment.from_dict(shipments_item_data)

            shipments.append(shipments_item)

        create_batch = cls(
            shipments=shipments,
        )

        return create_batch
