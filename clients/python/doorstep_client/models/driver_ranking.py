from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kpi import Kpi

if TYPE_CHECKING:
    from ..models.driver_score import DriverScore


T = TypeVar("T", bound="DriverRanking")


@_attrs_define
class DriverRanking:
    """A courier's drivers ranked by one KPI.

    Attributes:
        courier_id (str):
        drivers (list[DriverScore]):
        from_ (datetime.date):
        order (str):
        sort (Kpi):
        to (datetime.date):
    """

    courier_id: str
    drivers: list[DriverScore]
    from_: datetime.date
    order: str
    sort: Kpi
    to: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        courier_id = self.courier_id

        drivers = []
        for drivers_item_data in self.drivers:
            drivers_item = drivers_item_data.to_dict()
            drivers.append(drivers_item)

        from_ = self.from_.isoformat()

        order = self.order

        sort = self.sort.value

        to = self.to.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courier_id": courier_id,
                "drivers": drivers,
                "from": from_,
                "order": order,
                "sort": sort,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.driver_score import DriverScore

        d = dict(src_dict)
        courier_id = d.pop("courier_id")

        drivers = []
        _drivers = d.pop("drivers")
        for drivers_item_data in _drivers:
            drivers_item = DriverScore.from_dict(drivers_item_data)

            drivers.append(drivers_item)

        from_ = datetime.date.fromisoformat(d.pop("from"))

        order = d.pop("order")

        sort = Kpi(d.pop("sort"))

        to = datetime.date.fromisoformat(d.pop("to"))

        driver_ranking = cls(
            courier_id=courier_id,
            drivers=drivers,
            from_=from_,
            order=order,
            sort=sort,
            to=to,
        )

        driver_ranking.additional_properties = d
        return driver_ranking

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
