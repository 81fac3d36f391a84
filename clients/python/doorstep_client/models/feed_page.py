from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_payload import EventPayload


T = TypeVar("T", bound="FeedPage")


@_attrs_define
class FeedPage:
    """A page of the feed.

    Attributes:
        items (list[EventPayload]): The events, each exactly the body a webhook of the caller's org would be sent (`id`,
            `type`, `created_at`, `data`, and the shipment as the caller may see it now), in commit
            order.
        next_cursor (str): Where to resume: always present, also when the page is empty. Opaque; valid across
            restarts.
    """

    items: list[EventPayload]
    next_cursor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.event_payload import EventPayload

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = EventPayload.from_dict(items_item_data)

            items.append(items_item)

        next_cursor = d.pop("next_cursor")

        feed_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        feed_page.additional_properties = d
        return feed_page

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
