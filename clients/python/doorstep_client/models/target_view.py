from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kpi import Kpi
from ..models.op import Op

T = TypeVar("T", bound="TargetView")


@_attrs_define
class TargetView:
    """
    Attributes:
        kpi (Kpi):
        op (Op):
        value (float):
    """

    kpi: Kpi
    op: Op
    value: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kpi = self.kpi.value

        op = self.op.value

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kpi": kpi,
                "op": op,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kpi = Kpi(d.pop("kpi"))

        op = Op(d.pop("op"))

        value = d.pop("value")

        target_view = cls(
            kpi=kpi,
            op=op,
            value=value,
        )

        target_view.additional_properties = d
        return target_view

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
