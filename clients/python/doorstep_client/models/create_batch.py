from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

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
        from ..models.create_shipment import CreateShipment # noqa: PLC0415
        shipments = []
        for shipments_item_data in self.shipments:
            shipments_item = shipments_item_data.to_dict()
            shipments.append(shipments_item)




        field_dict: dict[str, Any] = {}

        field_dict.update({
            "shipments": shipments,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_shipment import CreateShipment # noqa: PLC0415
        d = dict(src_dict)
        shipments = []
        _shipments = d.pop("shipments")
        for shipments_item_data in (_shipments):
            shipments_item = CreateShipment.from_dict(shipments_item_data)



            shipments.append(shipments_item)


        create_batch = cls(
            shipments=shipments,
        )

        return create_batch

