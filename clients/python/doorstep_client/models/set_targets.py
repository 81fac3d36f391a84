from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.target_input import TargetInput


T = TypeVar("T", bound="SetTargets")


@_attrs_define
class SetTargets:
    """The complete set of targets (replaces the previous set; an empty list removes them all).

    Attributes:
        targets (list[TargetInput]):
    """

    targets: list[TargetInput]

    def to_dict(self) -> dict[str, Any]:
        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "targets": targets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.target_input import TargetInput

        d = dict(src_dict)
        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TargetInput.from_dict(targets_item_data)

            targets.append(targets_item)

        set_targets = cls(
            targets=targets,
        )

        return set_targets
