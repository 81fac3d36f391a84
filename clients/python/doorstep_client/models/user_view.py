from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role import Role
from ..types import UNSET, Unset

T = TypeVar("T", bound="UserView")


@_attrs_define
class UserView:
    """A user as the API shows it (never the password hash).

    Attributes:
        created_at (datetime.datetime):
        disabled (bool):
        email (str):
        id (str):  Example: usr_01jd2v3k4m5n6p7q8r9s0t1u2v.
        name (str):
        role (Role):
        org_id (None | str | Unset):
    """

    created_at: datetime.datetime
    disabled: bool
    email: str
    id: str
    name: str
    role: Role
    org_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        disabled = self.disabled

        email = self.email

        id = self.id

        name = self.name

        role = self.role.value

        org_id: None | str | Unset
        if isinstance(self.org_id, Unset):
            org_id = UNSET
        else:
            org_id = self.org_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "disabled": disabled,
                "email": email,
                "id": id,
                "name": name,
                "role": role,
            }
        )
        if org_id is not UNSET:
            field_dict["org_id"] = org_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        disabled = d.pop("disabled")

        email = d.pop("email")

        id = d.pop("id")

        name = d.pop("name")

        role = Role(d.pop("role"))

        def _parse_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        org_id = _parse_org_id(d.pop("org_id", UNSET))

        user_view = cls(
            created_at=created_at,
            disabled=disabled,
            email=email,
            id=id,
            name=name,
            role=role,
            org_id=org_id,
        )

        user_view.additional_properties = d
        return user_view

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
