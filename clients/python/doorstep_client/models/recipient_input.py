from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.address import Address


T = TypeVar("T", bound="RecipientInput")


@_attrs_define
class RecipientInput:
    """
    Attributes:
        address (Address):
        name (str):
        phone (str): Any common notation; stored in E.164, read in the address's country when no `+` prefix. Example: 06
            12 34 56 78.
        access_notes (None | str | Unset): Intercom name, floor, door code… (up to 1000 characters).
        email (None | str | Unset):
        lat (float | None | Unset):
        lon (float | None | Unset):
    """

    address: Address
    name: str
    phone: str
    access_notes: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    lat: float | None | Unset = UNSET
    lon: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        address = self.address.to_dict()

        name = self.name

        phone = self.phone

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

        lat: float | None | Unset
        if isinstance(self.lat, Unset):
            lat = UNSET
        else:
            lat = self.lat

        lon: float | None | Unset
        if isinstance(self.lon, Unset):
            lon = UNSET
        else:
            lon = self.lon

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "address": address,
                "name": name,
                "phone": phone,
            }
        )
        if access_notes is not UNSET:
            field_dict["access_notes"] = access_notes
        if email is not UNSET:
            field_dict["email"] = email
        if lat is not UNSET:
            field_dict["lat"] = lat
        if lon is not UNSET:
            field_dict["lon"] = lon

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.address import Address

        d = dict(src_dict)
        address = Address.from_dict(d.pop("address"))

        name = d.pop("name")

        phone = d.pop("phone")

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

        def _parse_lat(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lat = _parse_lat(d.pop("lat", UNSET))

        def _parse_lon(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lon = _parse_lon(d.pop("lon", UNSET))

        recipient_input = cls(
            address=address,
            name=name,
            phone=phone,
            access_notes=access_notes,
            email=email,
            lat=lat,
            lon=lon,
        )

        return recipient_input
