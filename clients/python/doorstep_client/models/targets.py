from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.target_view import TargetView


T = TypeVar("T", bound="Targets")


@_attrs_define
class Targets:
    """
    Attributes:
        contract_id (str):
        targets (list[TargetView]):
    """

    contract_id: str
    targets: list[TargetView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "targets": targets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.target_view import TargetView

        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TargetView.from_dict(targets_item_data)

            targets.append(targets_item)

        targets = cls(
            contract_id=contract_id,
            targets=targets,
        )

        targets.additional_properties = d
        return targets

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
