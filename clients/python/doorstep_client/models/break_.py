from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.handoff_target import HandoffTarget
from ..types import UNSET, Unset

T = TypeVar("T", bound="Break")


@_attrs_define
class Break:
    """The hand-off that was waiting when the parcel was declared lost: never accepted.

    Attributes:
        custody_gap (bool): It was past `due_at` when the loss was declared: a custody gap turned into a loss.
        due_at (datetime.datetime):
        from_org_id (str): The giver, who still had custody.
        handoff_id (str):
        requested_at (datetime.datetime):
        to (HandoffTarget): The receiving side of a hand-off.
        to_org_id (str):
        to_driver_id (None | str | Unset):
    """

    custody_gap: bool
    due_at: datetime.datetime
    from_org_id: str
    handoff_id: str
    requested_at: datetime.datetime
    to: HandoffTarget
    to_org_id: str
    to_driver_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        custody_gap = self.custody_gap

        due_at = self.due_at.isoformat()

        from_org_id = self.from_org_id

        handoff_id = self.handoff_id

        requested_at = self.requested_at.isoformat()

        to = self.to.value

        to_org_id = self.to_org_id

        to_driver_id: None | str | Unset
        if isinstance(self.to_driver_id, Unset):
            to_driver_id = UNSET
        else:
            to_driver_id = self.to_driver_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "custody_gap": custody_gap,
                "due_at": due_at,
                "from_org_id": from_org_id,
                "handoff_id": handoff_id,
                "requested_at": requested_at,
                "to": to,
                "to_org_id": to_org_id,
            }
        )
        if to_driver_id is not UNSET:
            field_dict["to_driver_id"] = to_driver_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        custody_gap = d.pop("custody_gap")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        from_org_id = d.pop("from_org_id")

        handoff_id = d.pop("handoff_id")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        to = HandoffTarget(d.pop("to"))

        to_org_id = d.pop("to_org_id")

        def _parse_to_driver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_driver_id = _parse_to_driver_id(d.pop("to_driver_id", UNSET))

        break_ = cls(
            custody_gap=custody_gap,
            due_at=due_at,
            from_org_id=from_org_id,
            handoff_id=handoff_id,
            requested_at=requested_at,
            to=to,
            to_org_id=to_org_id,
            to_driver_id=to_driver_id,
        )

        break_.additional_properties = d
        return break_

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
