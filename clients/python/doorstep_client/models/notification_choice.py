from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="NotificationChoice")


@_attrs_define
class NotificationChoice:
    """The customer's choice of channels (`POST /v1/track/{token}/notifications`); an absent field
    stays as it is.

        Attributes:
            email (bool | None | Unset):
            sms (bool | None | Unset):
    """

    email: bool | None | Unset = UNSET
    sms: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        email: bool | None | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        sms: bool | None | Unset
        if isinstance(self.sms, Unset):
            sms = UNSET
        else:
            sms = self.sms

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if email is not UNSET:
            field_dict["email"] = email
        if sms is not UNSET:
            field_dict["sms"] = sms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_email(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_sms(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sms = _parse_sms(d.pop("sms", UNSET))

        notification_choice = cls(
            email=email,
            sms=sms,
        )

        return notification_choice
