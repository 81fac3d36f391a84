from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.timeline_entry_detail_type_0 import TimelineEntryDetailType0


T = TypeVar("T", bound="TimelineEntry")


@_attrs_define
class TimelineEntry:
    """One step of the customer's timeline: what happened and when, without internal notes or
    staff identities.

        Attributes:
            at (datetime.datetime):
            kind (str):  Example: handoff.accepted.
            detail (None | TimelineEntryDetailType0 | Unset): Safe details for the customer: a contact attempt's channel and
                outcome, an attempt's
                outcome, flags and distance, the announced arrival (`eta`), a photo's `kind`, a
                dispute's reason, resolution and remedy, a proposed or chosen window.
            status (None | Status | Unset):
    """

    at: datetime.datetime
    kind: str
    detail: None | TimelineEntryDetailType0 | Unset = UNSET
    status: None | Status | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.timeline_entry_detail_type_0 import TimelineEntryDetailType0

        at = self.at.isoformat()

        kind = self.kind

        detail: dict[str, Any] | None | Unset
        if isinstance(self.detail, Unset):
            detail = UNSET
        elif isinstance(self.detail, TimelineEntryDetailType0):
            detail = self.detail.to_dict()
        else:
            detail = self.detail

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, Status):
            status = self.status.value
        else:
            status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "kind": kind,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.timeline_entry_detail_type_0 import TimelineEntryDetailType0

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        kind = d.pop("kind")

        def _parse_detail(data: object) -> None | TimelineEntryDetailType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                detail_type_0 = TimelineEntryDetailType0.from_dict(data)

                return detail_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TimelineEntryDetailType0 | Unset, data)

        detail = _parse_detail(d.pop("detail", UNSET))

        def _parse_status(data: object) -> None | Status | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = Status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Status | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        timeline_entry = cls(
            at=at,
            kind=kind,
            detail=detail,
            status=status,
        )

        timeline_entry.additional_properties = d
        return timeline_entry

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
