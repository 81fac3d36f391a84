from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.handoff_target import HandoffTarget

T = TypeVar("T", bound="LinkHandover")


@_attrs_define
class LinkHandover:
    """A hand-off as the customer sees it: to whom (the receiving organisation's display name),
    since when.

        Attributes:
            custody_gap (bool): Not accepted in time: a custody gap.
            requested_at (datetime.datetime):
            to (HandoffTarget): The receiving side of a hand-off.
            to_name (str):  Example: Speedy.
    """

    custody_gap: bool
    requested_at: datetime.datetime
    to: HandoffTarget
    to_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        custody_gap = self.custody_gap

        requested_at = self.requested_at.isoformat()

        to = self.to.value

        to_name = self.to_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "custody_gap": custody_gap,
                "requested_at": requested_at,
                "to": to,
                "to_name": to_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        custody_gap = d.pop("custody_gap")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        to = HandoffTarget(d.pop("to"))

        to_name = d.pop("to_name")

        link_handover = cls(
            custody_gap=custody_gap,
            requested_at=requested_at,
            to=to,
            to_name=to_name,
        )

        link_handover.additional_properties = d
        return link_handover

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
