from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.driver_comment import DriverComment
    from ..models.star_count import StarCount
    from ..models.tag_count import TagCount


T = TypeVar("T", bound="DriverRating")


@_attrs_define
class DriverRating:
    """Uber-style: the mean of the driver's latest 500 counted ratings.

    Attributes:
        count (int): Ratings the average is over (at most `window`).
        distribution (list[StarCount]): 5 stars first.
        driver_id (str):
        name (str):
        not_counted (int): Ratings of the driver's deliveries that count for someone else or nobody (all time).
        tags (list[TagCount]): Tags in those ratings, most frequent first.
        window (int):
        average (float | None | Unset): Mean stars, two decimals; absent before the first counted rating. Example: 4.87.
        comments (list[DriverComment] | None | Unset): The latest comments (up to 50), for the driver and their courier
            only.
    """

    count: int
    distribution: list[StarCount]
    driver_id: str
    name: str
    not_counted: int
    tags: list[TagCount]
    window: int
    average: float | None | Unset = UNSET
    comments: list[DriverComment] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        distribution = []
        for distribution_item_data in self.distribution:
            distribution_item = distribution_item_data.to_dict()
            distribution.append(distribution_item)

        driver_id = self.driver_id

        name = self.name

        not_counted = self.not_counted

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.to_dict()
            tags.append(tags_item)

        window = self.window

        average: float | None | Unset
        if isinstance(self.average, Unset):
            average = UNSET
        else:
            average = self.average

        comments: list[dict[str, Any]] | None | Unset
        if isinstance(self.comments, Unset):
            comments = UNSET
        elif isinstance(self.comments, list):
            comments = []
            for comments_type_0_item_data in self.comments:
                comments_type_0_item = comments_type_0_item_data.to_dict()
                comments.append(comments_type_0_item)

        else:
            comments = self.comments

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "distribution": distribution,
                "driver_id": driver_id,
                "name": name,
                "not_counted": not_counted,
                "tags": tags,
                "window": window,
            }
        )
        if average is not UNSET:
            field_dict["average"] = average
        if comments is not UNSET:
            field_dict["comments"] = comments

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.driver_comment import DriverComment
        from ..models.star_count import StarCount
        from ..models.tag_count import TagCount

        d = dict(src_dict)
        count = d.pop("count")

        distribution = []
        _distribution = d.pop("distribution")
        for distribution_item_data in _distribution:
            distribution_item = StarCount.from_dict(distribution_item_data)

            distribution.append(distribution_item)

        driver_id = d.pop("driver_id")

        name = d.pop("name")

        not_counted = d.pop("not_counted")

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = TagCount.from_dict(tags_item_data)

            tags.append(tags_item)

        window = d.pop("window")

        def _parse_average(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        average = _parse_average(d.pop("average", UNSET))

        def _parse_comments(data: object) -> list[DriverComment] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                comments_type_0 = []
                _comments_type_0 = data
                for comments_type_0_item_data in _comments_type_0:
                    comments_type_0_item = DriverComment.from_dict(
                        comments_type_0_item_data
                    )

                    comments_type_0.append(comments_type_0_item)

                return comments_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[DriverComment] | None | Unset, data)

        comments = _parse_comments(d.pop("comments", UNSET))

        driver_rating = cls(
            count=count,
            distribution=distribution,
            driver_id=driver_id,
            name=name,
            not_counted=not_counted,
            tags=tags,
            window=window,
            average=average,
            comments=comments,
        )

        driver_rating.additional_properties = d
        return driver_rating

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
