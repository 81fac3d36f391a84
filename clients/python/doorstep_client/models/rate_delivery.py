from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RateDelivery")


@_attrs_define
class RateDelivery:
    """The customer's rating of the delivery: 1–5 stars, tags from the fixed vocabulary, a comment.

    Attributes:
        stars (int):  Example: 4.
        comment (None | str | Unset): Up to 1000 characters.
        tags (list[str] | Unset): Positive: on_time, friendly, careful, called_ahead, good_placement. Negative: late,
            early_without_notice, false_not_home, rude, damaged, thrown, wrong_place, no_call. Example: ['friendly',
            'called_ahead'].
    """

    stars: int
    comment: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        stars = self.stars

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "stars": stars,
            }
        )
        if comment is not UNSET:
            field_dict["comment"] = comment
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        stars = d.pop("stars")

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        rate_delivery = cls(
            stars=stars,
            comment=comment,
            tags=tags,
        )

        return rate_delivery
