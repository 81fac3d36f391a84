from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.actor_kind import ActorKind
from ..models.shipment_contact_updated_timeline_event_kind import (
    ShipmentContactUpdatedTimelineEventKind,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_updated import ContactUpdated


T = TypeVar("T", bound="ShipmentContactUpdatedTimelineEvent")


@_attrs_define
class ShipmentContactUpdatedTimelineEvent:
    """The `shipment.contact_updated` event.

    Attributes:
        actor_kind (ActorKind): Who wrote an event: a user, an API key, the customer through the link, or the server.
        at (datetime.datetime):
        data (ContactUpdated): `shipment.contact_updated`: the customer changed contact details on the link.
        id (str):
        kind (ShipmentContactUpdatedTimelineEventKind):
        actor_id (None | str | Unset):
        actor_org_id (None | str | Unset):
    """

    actor_kind: ActorKind
    at: datetime.datetime
    data: ContactUpdated
    id: str
    kind: ShipmentContactUpdatedTimelineEventKind
    actor_id: None | str | Unset = UNSET
    actor_org_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_kind = self.actor_kind.value

        at = self.at.isoformat()

        data = self.data.to_dict()

        id = self.id

        kind = self.kind.value

        actor_id: None | str | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        else:
            actor_id = self.actor_id

        actor_org_id: None | str | Unset
        if isinstance(self.actor_org_id, Unset):
            actor_org_id = UNSET
        else:
            actor_org_id = self.actor_org_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_kind": actor_kind,
                "at": at,
                "data": data,
                "id": id,
                "kind": kind,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if actor_org_id is not UNSET:
            field_dict["actor_org_id"] = actor_org_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_updated import ContactUpdated

        d = dict(src_dict)
        actor_kind = ActorKind(d.pop("actor_kind"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        data = ContactUpdated.from_dict(d.pop("data"))

        id = d.pop("id")

        kind = ShipmentContactUpdatedTimelineEventKind(d.pop("kind"))

        def _parse_actor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

        def _parse_actor_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_org_id = _parse_actor_org_id(d.pop("actor_org_id", UNSET))

        shipment_contact_updated_timeline_event = cls(
            actor_kind=actor_kind,
            at=at,
            data=data,
            id=id,
            kind=kind,
            actor_id=actor_id,
            actor_org_id=actor_org_id,
        )

        shipment_contact_updated_timeline_event.additional_properties = d
        return shipment_contact_updated_timeline_event

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
