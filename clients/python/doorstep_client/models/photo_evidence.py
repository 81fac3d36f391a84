from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PhotoEvidence")


@_attrs_define
class PhotoEvidence:
    """A photo's evidence: its SHA-256 (chained by the event of its upload) and whether the bytes
    kept in the blob store still match it.

        Attributes:
            attempt_id (str):
            bytes_ (int):
            content_type (str):
            id (str):
            kind (str):
            sha256 (str):
            stored_bytes_match (bool): The kept bytes hash to `sha256` (false: changed or missing).
            event_id (None | str | Unset): The chained event that recorded its upload.
            file (None | str | Unset): Its file in the zip export (`photos/<id>`), when included.
    """

    attempt_id: str
    bytes_: int
    content_type: str
    id: str
    kind: str
    sha256: str
    stored_bytes_match: bool
    event_id: None | str | Unset = UNSET
    file: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id = self.attempt_id

        bytes_ = self.bytes_

        content_type = self.content_type

        id = self.id

        kind = self.kind

        sha256 = self.sha256

        stored_bytes_match = self.stored_bytes_match

        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        file: None | str | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        else:
            file = self.file

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
                "stored_bytes_match": stored_bytes_match,
            }
        )
        if event_id is not UNSET:
            field_dict["event_id"] = event_id
        if file is not UNSET:
            field_dict["file"] = file

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempt_id = d.pop("attempt_id")

        bytes_ = d.pop("bytes")

        content_type = d.pop("content_type")

        id = d.pop("id")

        kind = d.pop("kind")

        sha256 = d.pop("sha256")

        stored_bytes_match = d.pop("stored_bytes_match")

        def _parse_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        event_id = _parse_event_id(d.pop("event_id", UNSET))

        def _parse_file(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        photo_evidence = cls(
            attempt_id=attempt_id,
            bytes_=bytes_,
            content_type=content_type,
            id=id,
            kind=kind,
            sha256=sha256,
            stored_bytes_match=stored_bytes_match,
            event_id=event_id,
            file=file,
        )

        photo_evidence.additional_properties = d
        return photo_evidence

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
