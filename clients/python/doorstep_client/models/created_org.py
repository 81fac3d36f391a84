from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.org import Org
    from ..models.user_view import UserView


T = TypeVar("T", bound="CreatedOrg")


@_attrs_define
class CreatedOrg:
    """
    Attributes:
        admin (UserView): A user as the API shows it (never the password hash).
        org (Org): An organisation as the API shows it.
    """

    admin: UserView
    org: Org
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        admin = self.admin.to_dict()

        org = self.org.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "admin": admin,
                "org": org,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.org import Org
        from ..models.user_view import UserView

        d = dict(src_dict)
        admin = UserView.from_dict(d.pop("admin"))

        org = Org.from_dict(d.pop("org"))

        created_org = cls(
            admin=admin,
            org=org,
        )

        created_org.additional_properties = d
        return created_org

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
