from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.remedy import Remedy
from ..models.resolution import Resolution
from ..types import UNSET, Unset

T = TypeVar("T", bound="ResolveDispute")


@_attrs_define
class ResolveDispute:
    """
    Attributes:
        remedy (Remedy):
        resolution (Resolution):
        note (None | str | Unset):
    """

    remedy: Remedy
    resolution: Resolution
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        remedy = self.remedy.value

        resolution = self.resolution.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "remedy": remedy,
                "resolution": resolution,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        remedy = Remedy(d.pop("remedy"))

        resolution = Resolution(d.pop("resolution"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        resolve_dispute = cls(
            remedy=remedy,
            resolution=resolution,
            note=note,
        )

        return resolve_dispute
