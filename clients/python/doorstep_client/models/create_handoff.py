from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.handoff_target import HandoffTarget
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location import Location


T = TypeVar("T", bound="CreateHandoff")


@_attrs_define
class CreateHandoff:
    """Start a hand-off. The receiver must accept it for custody to move.

    Attributes:
        to (HandoffTarget): The receiving side of a hand-off.
        driver_id (None | str | Unset): A driver of the courier (with `to: driver`).
        location (Location | None | Unset):
        note (None | str | Unset): Up to 1000 characters.
    """

    to: HandoffTarget
    driver_id: None | str | Unset = UNSET
    location: Location | None | Unset = UNSET
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.location import Location

        to = self.to.value

        driver_id: None | str | Unset
        if isinstance(self.driver_id, Unset):
            driver_id = UNSET
        else:
            driver_id = self.driver_id

        location: dict[str, Any] | None | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        elif isinstance(self.location, Location):
            location = self.location.to_dict()
        else:
            location = self.location

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "to": to,
            }
        )
        if driver_id is not UNSET:
            field_dict["driver_id"] = driver_id
        if location is not UNSET:
            field_dict["location"] = location
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.location import Location

        d = dict(src_dict)
        to = HandoffTarget(d.pop("to"))

        def _parse_driver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        driver_id = _parse_driver_id(d.pop("driver_id", UNSET))

        def _parse_location(data: object) -> Location | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = Location.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Location | None | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        create_handoff = cls(
            to=to,
            driver_id=driver_id,
            location=location,
            note=note,
        )

        return create_handoff
