from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag import Flag

T = TypeVar("T", bound="FlagView")


@_attrs_define
class FlagView:
    """A flag with the sentence every party (and the customer) reads.

    Attributes:
        flag (Flag):
        sentence (str):  Example: Driver was 2.4 km from the address (allowed: 150 m)..
    """

    flag: Flag
    sentence: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        flag = self.flag.value

        sentence = self.sentence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "flag": flag,
                "sentence": sentence,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        flag = Flag(d.pop("flag"))

        sentence = d.pop("sentence")

        flag_view = cls(
            flag=flag,
            sentence=sentence,
        )

        flag_view.additional_properties = d
        return flag_view

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
