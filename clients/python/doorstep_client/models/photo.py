from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.photo_kind import PhotoKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="Photo")


@_attrs_define
class Photo:
    """
    Attributes:
        attempt_id (str):
        bytes_ (int):
        content_type (str):
        id (str):
        kind (PhotoKind): What a photo shows.
        sha256 (str):
        uploaded_at (datetime.datetime):
        height (int | None | Unset):
        taken_at (datetime.datetime | None | Unset): From EXIF, when the photo carries it.
        width (int | None | Unset):
    """

    attempt_id: str
    bytes_: int
    content_type: str
    id: str
    kind: PhotoKind
    sha256: str
    uploaded_at: datetime.datetime
    height: int | None | Unset = UNSET
    taken_at: datetime.datetime | None | Unset = UNSET
    width: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id = self.attempt_id

        bytes_ = self.bytes_

        content_type = self.content_type

        id = self.id

        kind = self.kind.value

        sha256 = self.sha256

        uploaded_at = self.uploaded_at.isoformat()

        height: int | None | Unset
        if isinstance(self.height, Unset):
            height = UNSET
        else:
            height = self.height

        taken_at: None | str | Unset
        if isinstance(self.taken_at, Unset):
            taken_at = UNSET
        elif isinstance(self.taken_at, datetime.datetime):
            taken_at = self.taken_at.isoformat()
        else:
            taken_at = self.taken_at

        width: int | None | Unset
        if isinstance(self.width, Unset):
            width = UNSET
        else:
            width = self.width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_id": attempt_id,
                "bytes": bytes_,
                "content_type": content_type,
                "id": id,
                "kind": kind,
                "sha256": sha256,
                "uploaded_at": uploaded_at,
            }
        )
        if height is not UNSET:
            field_dict["height"] = height
        if taken_at is not UNSET:
            field_dict["taken_at"] = taken_at
        if width is not UNSET:
            field_dict["width"] = width

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempt_id = d.pop("attempt_id")

        bytes_ = d.pop("bytes")

        content_type = d.pop("content_type")

        id = d.pop("id")

        kind = PhotoKind(d.pop("kind"))

        sha256 = d.pop("sha256")

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploaded_at"))

        def _parse_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        height = _parse_height(d.pop("height", UNSET))

        def _parse_taken_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                taken_at_type_0 = datetime.datetime.fromisoformat(data)

                return taken_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        taken_at = _parse_taken_at(d.pop("taken_at", UNSET))

        def _parse_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        width = _parse_width(d.pop("width", UNSET))

        photo = cls(
            attempt_id=attempt_id,
            bytes_=bytes_,
            content_type=content_type,
            id=id,
            kind=kind,
            sha256=sha256,
            uploaded_at=uploaded_at,
            height=height,
            taken_at=taken_at,
            width=width,
        )

        photo.additional_properties = d
        return photo

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
