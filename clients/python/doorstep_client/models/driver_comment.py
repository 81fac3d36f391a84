from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tag import Tag
from ..types import UNSET, Unset

T = TypeVar("T", bound="DriverComment")


@_attrs_define
class DriverComment:
    """A comment shown to the driver and their courier: nothing about the customer. The courier's
    staff also get the shipment and the attempt rated, to look at the evidence with the driver;
    the driver gets the day only.

        Attributes:
            comment (str):
            day (datetime.date):
            stars (int):
            tags (list[Tag]):
            attempt_id (None | str | Unset): The attempt rated; for the courier's staff (and platform admins) only.
            shipment_id (None | str | Unset): For the courier's staff (and platform admins) only.
    """

    comment: str
    day: datetime.date
    stars: int
    tags: list[Tag]
    attempt_id: None | str | Unset = UNSET
    shipment_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        comment = self.comment

        day = self.day.isoformat()

        stars = self.stars

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.value
            tags.append(tags_item)

        attempt_id: None | str | Unset
        if isinstance(self.attempt_id, Unset):
            attempt_id = UNSET
        else:
            attempt_id = self.attempt_id

        shipment_id: None | str | Unset
        if isinstance(self.shipment_id, Unset):
            shipment_id = UNSET
        else:
            shipment_id = self.shipment_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "comment": comment,
                "day": day,
                "stars": stars,
                "tags": tags,
            }
        )
        if attempt_id is not UNSET:
            field_dict["attempt_id"] = attempt_id
        if shipment_id is not UNSET:
            field_dict["shipment_id"] = shipment_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        comment = d.pop("comment")

        day = datetime.date.fromisoformat(d.pop("day"))

        stars = d.pop("stars")

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = Tag(tags_item_data)

            tags.append(tags_item)

        def _parse_attempt_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attempt_id = _parse_attempt_id(d.pop("attempt_id", UNSET))

        def _parse_shipment_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        shipment_id = _parse_shipment_id(d.pop("shipment_id", UNSET))

        driver_comment = cls(
            comment=comment,
            day=day,
            stars=stars,
            tags=tags,
            attempt_id=attempt_id,
            shipment_id=shipment_id,
        )

        driver_comment.additional_properties = d
        return driver_comment

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
