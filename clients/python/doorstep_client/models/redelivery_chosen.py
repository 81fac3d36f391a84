from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.window_choice import WindowChoice


T = TypeVar("T", bound="RedeliveryChosen")


@_attrs_define
class RedeliveryChosen:
    """`redelivery.chosen`: the customer chose the re-delivery window (or accepted the proposal);
    it becomes the firm promise.

        Attributes:
            accepted_proposal (bool): Whether the customer accepted the courier's proposal rather than choosing.
            old_window (WindowChoice): A window someone chooses or proposes after creation (a reschedule, a re-delivery): it
                is
                always a firm promise once chosen.
            window (WindowChoice): A window someone chooses or proposes after creation (a reschedule, a re-delivery): it is
                always a firm promise once chosen.
    """

    accepted_proposal: bool
    old_window: WindowChoice
    window: WindowChoice
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted_proposal = self.accepted_proposal

        old_window = self.old_window.to_dict()

        window = self.window.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted_proposal": accepted_proposal,
                "old_window": old_window,
                "window": window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.window_choice import WindowChoice

        d = dict(src_dict)
        accepted_proposal = d.pop("accepted_proposal")

        old_window = WindowChoice.from_dict(d.pop("old_window"))

        window = WindowChoice.from_dict(d.pop("window"))

        redelivery_chosen = cls(
            accepted_proposal=accepted_proposal,
            old_window=old_window,
            window=window,
        )

        redelivery_chosen.additional_properties = d
        return redelivery_chosen

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
