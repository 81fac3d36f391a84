from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.counted_for import CountedFor
from ..models.tag import Tag
from ..types import UNSET, Unset

T = TypeVar("T", bound="Rating")


@_attrs_define
class Rating:
    """A rating as the courier or the marketplace sees it: the shipment and the attempt rated (so
    the courier can coach the driver with the evidence), and when it counts for someone else or
    for nobody, why. Nothing identifies the customer: their contact data is read, when the
    reader may, from the shipment.

        Attributes:
            attempt_id (str): The attempt rated: the shipment's last attempt when the rating was given.
            counted_for (CountedFor):
            courier_id (str):
            day (datetime.date):
            driver_id (str):
            id (str):
            shipment_id (str):
            stars (int):
            tags (list[Tag]):
            attributed_org_id (None | str | Unset): The party a low rating counts against instead of the driver.
            comment (None | str | Unset):
            reason (None | str | Unset):  Example: upstream_late.
            reason_text (None | str | Unset): The reason in words.
    """

    attempt_id: str
    counted_for: CountedFor
    courier_id: str
    day: datetime.date
    driver_id: str
    id: str
    shipment_id: str
    stars: int
    tags: list[Tag]
    attributed_org_id: None | str | Unset = UNSET
    comment: None | str | Unset = UNSET
    reason: None | str | Unset = UNSET
    reason_text: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id = self.attempt_id

        counted_for = self.counted_for.value

        courier_id = self.courier_id

        day = self.day.isoformat()

        driver_id = self.driver_id

        id = self.id

        shipment_id = self.shipment_id

        stars = self.stars

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.value
            tags.append(tags_item)

        attributed_org_id: None | str | Unset
        if isinstance(self.attributed_org_id, Unset):
            attributed_org_id = UNSET
        else:
            attributed_org_id = self.attributed_org_id

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        else:
            reason = self.reason

        reason_text: None | str | Unset
        if isinstance(self.reason_text, Unset):
            reason_text = UNSET
        else:
            reason_text = self.reason_text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_id": attempt_id,
                "counted_for": counted_for,
                "courier_id": courier_id,
                "day": day,
                "driver_id": driver_id,
                "id": id,
                "shipment_id": shipment_id,
                "stars": stars,
                "tags": tags,
            }
        )
        if attributed_org_id is not UNSET:
            field_dict["attributed_org_id"] = attributed_org_id
        if comment is not UNSET:
            field_dict["comment"] = comment
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reason_text is not UNSET:
            field_dict["reason_text"] = reason_text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempt_id = d.pop("attempt_id")

        counted_for = CountedFor(d.pop("counted_for"))

        courier_id = d.pop("courier_id")

        day = datetime.date.fromisoformat(d.pop("day"))

        driver_id = d.pop("driver_id")

        id = d.pop("id")

        shipment_id = d.pop("shipment_id")

        stars = d.pop("stars")

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = Tag(tags_item_data)

            tags.append(tags_item)

        def _parse_attributed_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attributed_org_id = _parse_attributed_org_id(d.pop("attributed_org_id", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        def _parse_reason_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        reason_text = _parse_reason_text(d.pop("reason_text", UNSET))

        rating = cls(
            attempt_id=attempt_id,
            counted_for=counted_for,
            courier_id=courier_id,
            day=day,
            driver_id=driver_id,
            id=id,
            shipment_id=shipment_id,
            stars=stars,
            tags=tags,
            attributed_org_id=attributed_org_id,
            comment=comment,
            reason=reason,
            reason_text=reason_text,
        )

        rating.additional_properties = d
        return rating

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
