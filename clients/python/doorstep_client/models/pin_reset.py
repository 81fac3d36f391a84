from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PinReset")


@_attrs_define
class PinReset:
    """`handover_pin.reset`: the handover PIN was reset after wrong tries locked it.

    Attributes:
        of (int): The most resets a shipment allows.
        reset (int): This reset's number (1 for the first).
    """

    of: int
    reset: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        of = self.of

        reset = self.reset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "of": of,
                "reset": reset,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        of = d.pop("of")

        reset = d.pop("reset")

        pin_reset = cls(
            of=of,
            reset=reset,
        )

        pin_reset.additional_properties = d
        return pin_reset

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
