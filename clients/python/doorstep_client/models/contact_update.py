from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.preferences import Preferences


T = TypeVar("T", bound="ContactUpdate")


@_attrs_define
class ContactUpdate:
    """Fields to change; absent fields stay as they are. An empty `email` or `access_notes`
    clears it.

        Attributes:
            access_notes (None | str | Unset):
            email (None | str | Unset):
            phone (None | str | Unset):  Example: +33 6 98 76 54 32.
            preferences (None | Preferences | Unset):
    """

    access_notes: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    preferences: None | Preferences | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.preferences import Preferences

        access_notes: None | str | Unset
        if isinstance(self.access_notes, Unset):
            access_notes = UNSET
        else:
            access_notes = self.access_notes

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        preferences: dict[str, Any] | None | Unset
        if isinstance(self.preferences, Unset):
            preferences = UNSET
        elif isinstance(self.preferences, Preferences):
            preferences = self.preferences.to_dict()
        else:
            preferences = self.preferences

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if access_notes is not UNSET:
            field_dict["access_notes"] = access_notes
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if preferences is not UNSET:
            field_dict["preferences"] = preferences

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.preferences import Preferences

        d = dict(src_dict)

        def _parse_access_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        access_notes = _parse_access_notes(d.pop("access_notes", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_preferences(data: object) -> None | Preferences | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                preferences_type_0 = Preferences.from_dict(data)

                return preferences_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Preferences | Unset, data)

        preferences = _parse_preferences(d.pop("preferences", UNSET))

        contact_update = cls(
            access_notes=access_notes,
            email=email,
            phone=phone,
            preferences=preferences,
        )

        return contact_update
