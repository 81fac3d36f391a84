from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tag import Tag
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerRating")


@_attrs_define
class CustomerRating:
    """The customer's own rating, as their link shows it.

    Attributes:
        changeable_until (datetime.datetime): Until when it can still be changed.
        given_at (datetime.datetime):
        stars (int):
        tags (list[Tag]):
        updated_at (datetime.datetime):
        comment (None | str | Unset):
    """

    changeable_until: datetime.datetime
    given_at: datetime.datetime
    stars: int
    tags: list[Tag]
    updated_at: datetime.datetime
    comment: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changeable_until = self.changeable_until.isoformat()

        given_at = self.given_at.isoformat()

        stars = self.stars

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.value
            tags.append(tags_item)

        updated_at = self.updated_at.isoformat()

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changeable_until": changeable_until,
                "given_at": given_at,
                "stars": stars,
                "tags": tags,
                "updated_at": updated_at,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        changeable_until = datetime.datetime.fromisoformat(d.pop("changeable_until"))

        given_at = datetime.datetime.fromisoformat(d.pop("given_at"))

        stars = d.pop("stars")

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = Tag(tags_item_data)

            tags.append(tags_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        customer_rating = cls(
            changeable_until=changeable_until,
            given_at=given_at,
            stars=stars,
            tags=tags,
            updated_at=updated_at,
            comment=comment,
        )

        customer_rating.additional_properties = d
        return customer_rating

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
