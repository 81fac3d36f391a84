from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.principal_kind import PrincipalKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="AccessLogEntry")


@_attrs_define
class AccessLogEntry:
    """One read of the customer's contact data by someone other than the marketplace.

    Attributes:
        actor_id (str):
        actor_kind (PrincipalKind):
        at (datetime.datetime):
        fields (list[str]): Which fields were shown. Example: ['name', 'phone', 'address'].
        id (str):
        route (str): Through which route. Example: GET /v1/shipments/{id}.
        actor_org_id (None | str | Unset):
    """

    actor_id: str
    actor_kind: PrincipalKind
    at: datetime.datetime
    fields: list[str]
    id: str
    route: str
    actor_org_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id = self.actor_id

        actor_kind = self.actor_kind.value

        at = self.at.isoformat()

        fields = self.fields

        id = self.id

        route = self.route

        actor_org_id: None | str | Unset
        if isinstance(self.actor_org_id, Unset):
            actor_org_id = UNSET
        else:
            actor_org_id = self.actor_org_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "actor_kind": actor_kind,
                "at": at,
                "fields": fields,
                "id": id,
                "route": route,
            }
        )
        if actor_org_id is not UNSET:
            field_dict["actor_org_id"] = actor_org_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        actor_id = d.pop("actor_id")

        actor_kind = PrincipalKind(d.pop("actor_kind"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        fields = cast(list[str], d.pop("fields"))

        id = d.pop("id")

        route = d.pop("route")

        def _parse_actor_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_org_id = _parse_actor_org_id(d.pop("actor_org_id", UNSET))

        access_log_entry = cls(
            actor_id=actor_id,
            actor_kind=actor_kind,
            at=at,
            fields=fields,
            id=id,
            route=route,
            actor_org_id=actor_org_id,
        )

        access_log_entry.additional_properties = d
        return access_log_entry

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
