from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tag import Tag

T = TypeVar("T", bound="RatingGiven")


@_attrs_define
class RatingGiven:
    """`rating.submitted`, `rating.changed`: the customer's rating (the comment stays off the
    timeline).

        Attributes:
            rating_id (str):
            stars (int): 1–5.
            tags (list[Tag]):
    """

    rating_id: str
    stars: int
    tags: list[Tag]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rating_id = self.rating_id

        stars = self.stars

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.value
            tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rating_id": rating_id,
                "stars": stars,
                "tags": tags,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        rating_id = d.pop("rating_id")

        stars = d.pop("stars")

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = Tag(tags_item_data)

            tags.append(tags_item)

        rating_given = cls(
            rating_id=rating_id,
            stars=stars,
            tags=tags,
        )

        rating_given.additional_properties = d
        return rating_given

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
