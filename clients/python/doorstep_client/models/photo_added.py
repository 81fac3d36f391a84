from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag import Flag
from ..models.photo_kind import PhotoKind

if TYPE_CHECKING:
    from ..models.judged_attempt import JudgedAttempt


T = TypeVar("T", bound="PhotoAdded")


@_attrs_define
class PhotoAdded:
    """`attempt.photo_added`: a photo of an attempt, and the attempt judged again with it.

    Attributes:
        attempt_id (str):
        flags (list[Flag]): The attempt's flags after this photo.
        judged (JudgedAttempt): An attempt as the server judged it, as the evidence chain covers it (`judged` of
            `attempt.recorded` and `attempt.photo_added`: the latest judgement).
        kind (PhotoKind): What a photo shows.
        photo_id (str):
        sha256 (str): Hex SHA-256 of the stored photo.
    """

    attempt_id: str
    flags: list[Flag]
    judged: JudgedAttempt
    kind: PhotoKind
    photo_id: str
    sha256: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id = self.attempt_id

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.value
            flags.append(flags_item)

        judged = self.judged.to_dict()

        kind = self.kind.value

        photo_id = self.photo_id

        sha256 = self.sha256

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_id": attempt_id,
                "flags": flags,
                "judged": judged,
                "kind": kind,
                "photo_id": photo_id,
                "sha256": sha256,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.judged_attempt import JudgedAttempt

        d = dict(src_dict)
        attempt_id = d.pop("attempt_id")

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = Flag(flags_item_data)

            flags.append(flags_item)

        judged = JudgedAttempt.from_dict(d.pop("judged"))

        kind = PhotoKind(d.pop("kind"))

        photo_id = d.pop("photo_id")

        sha256 = d.pop("sha256")

        photo_added = cls(
            attempt_id=attempt_id,
            flags=flags,
            judged=judged,
            kind=kind,
            photo_id=photo_id,
            sha256=sha256,
        )

        photo_added.additional_properties = d
        return photo_added

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
