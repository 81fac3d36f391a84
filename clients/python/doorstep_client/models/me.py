from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.principal_kind import PrincipalKind
from ..models.role import Role
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.org import Org


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """Who the caller is.

    Attributes:
        id (str): User id or API key id.
        kind (PrincipalKind):
        name (str):
        role (Role):
        email (None | str | Unset): Users only.
        org (None | Org | Unset):
    """

    id: str
    kind: PrincipalKind
    name: str
    role: Role
    email: None | str | Unset = UNSET
    org: None | Org | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.org import Org

        id = self.id

        kind = self.kind.value

        name = self.name

        role = self.role.value

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        org: dict[str, Any] | None | Unset
        if isinstance(self.org, Unset):
            org = UNSET
        elif isinstance(self.org, Org):
            org = self.org.to_dict()
        else:
            org = self.org

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "name": name,
                "role": role,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if org is not UNSET:
            field_dict["org"] = org

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.org import Org

        d = dict(src_dict)
        id = d.pop("id")

        kind = PrincipalKind(d.pop("kind"))

        name = d.pop("name")

        role = Role(d.pop("role"))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_org(data: object) -> None | Org | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                org_type_0 = Org.from_dict(data)

                return org_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Org | Unset, data)

        org = _parse_org(d.pop("org", UNSET))

        me = cls(
            id=id,
            kind=kind,
            name=name,
            role=role,
            email=email,
            org=org,
        )

        me.additional_properties = d
        return me

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
