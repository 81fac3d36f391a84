from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="NewUserInput")


@_attrs_define
class NewUserInput:
    """Identity and initial password of a new user.

    Attributes:
        email (str):  Example: ops@example.com.
        name (str): 1–200 characters.
        password (str): 12–256 characters.
    """

    email: str
    name: str
    password: str

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        name = self.name

        password = self.password

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
                "name": name,
                "password": password,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        email = d.pop("email")

        name = d.pop("name")

        password = d.pop("password")

        new_user_input = cls(
            email=email,
            name=name,
            password=password,
        )

        return new_user_input
