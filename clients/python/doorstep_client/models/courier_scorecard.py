from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.courier_score import CourierScore


T = TypeVar("T", bound="CourierScorecard")


@_attrs_define
class CourierScorecard:
    """A marketplace's couriers side by side, each against its contract's targets.

    Attributes:
        couriers (list[CourierScore]):
        from_ (datetime.date):
        marketplace_id (str):
        to (datetime.date):
    """

    couriers: list[CourierScore]
    from_: datetime.date
    marketplace_id: str
    to: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        couriers = []
        for couriers_item_data in self.couriers:
            couriers_item = couriers_item_data.to_dict()
            couriers.append(couriers_item)

        from_ = self.from_.isoformat()

        marketplace_id = self.marketplace_id

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "couriers": couriers,
                "from": from_,
                "marketplace_id": marketplace_id,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.courier_score import CourierScore

        d = dict(src_dict)
        couriers = []
        _couriers = d.pop("couriers")
        for couriers_item_data in _couriers:
            couriers_item = CourierScore.from_dict(couriers_item_data)

            couriers.append(couriers_item)

        from_ = datetime.date.fromisoformat(d.pop("from"))

        marketplace_id = d.pop("marketplace_id")

        to = datetime.date.fromisoformat(d.pop("to"))

        courier_scorecard = cls(
            couriers=couriers,
            from_=from_,
            marketplace_id=marketplace_id,
            to=to,
        )

        courier_scorecard.additional_properties = d
        return courier_scorecard

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
