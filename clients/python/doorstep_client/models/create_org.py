from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.org_kind import OrgKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.new_user_input import NewUserInput


T = TypeVar("T", bound="CreateOrg")


@_attrs_define
class CreateOrg:
    """Create an organisation together with its first admin user.

    Attributes:
        admin (NewUserInput): Identity and initial password of a new user.
        kind (OrgKind):
        name (str): 1–200 characters.
        time_zone (None | str | Unset): A marketplace's default IANA time zone for its shipments, e.g. `Europe/Paris`.
            Example: Europe/Paris.
    """

    admin: NewUserInput
    kind: OrgKind
    name: str
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        admin = self.admin.to_dict()

        kind = self.kind.value

        name = self.name

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "admin": admin,
                "kind": kind,
                "name": name,
            }
        )
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.new_user_input import NewUserInput

        d = dict(src_dict)
        admin = NewUserInput.from_dict(d.pop("admin"))

        kind = OrgKind(d.pop("kind"))

        name = d.pop("name")

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        create_org = cls(
            admin=admin,
            kind=kind,
            name=name,
            time_zone=time_zone,
        )

        return create_org
