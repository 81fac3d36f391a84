from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.stop_estimate import StopEstimate


T = TypeVar("T", bound="PositionAnswer")


@_attrs_define
class PositionAnswer:
    """The answer to a position report: the estimate of every stop out for delivery, in route
    order. `kept` is false when nothing is out for delivery (the position is not kept).

        Attributes:
            kept (bool):
            stops (list[StopEstimate]):
    """

    kept: bool
    stops: list[StopEstimate]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kept = self.kept

        stops = []
        for stops_item_data in self.stops:
            stops_item = stops_item_data.to_dict()
            stops.append(stops_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kept": kept,
                "stops": stops,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stop_estimate import StopEstimate

        d = dict(src_dict)
        kept = d.pop("kept")

        stops = []
        _stops = d.pop("stops")
        for stops_item_data in _stops:
            stops_item = StopEstimate.from_dict(stops_item_data)

            stops.append(stops_item)

        position_answer = cls(
            kept=kept,
            stops=stops,
        )

        position_answer.additional_properties = d
        return position_answer

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
