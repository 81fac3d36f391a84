from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.window_choice import WindowChoice


T = TypeVar("T", bound="RedeliveryProposed")


@_attrs_define
class RedeliveryProposed:
    """`redelivery.proposed`: the courier proposes a re-delivery window.

    Attributes:
        window (WindowChoice): A window someone chooses or proposes after creation (a reschedule, a re-delivery): it is
            always a firm promise once chosen.
    """

    window: WindowChoice
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        window = self.window.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "window": window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.window_choice import WindowChoice

        d = dict(src_dict)
        window = WindowChoice.from_dict(d.pop("window"))

        redelivery_proposed = cls(
            window=window,
        )

        redelivery_proposed.additional_properties = d
        return redelivery_proposed

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
