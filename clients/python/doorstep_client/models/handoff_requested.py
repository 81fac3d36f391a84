from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.handoff_target import HandoffTarget

if TYPE_CHECKING:
    from ..models.location import Location


T = TypeVar("T", bound="HandoffRequested")


@_attrs_define
class HandoffRequested:
    """`handoff.requested`: a party hands the parcel on; custody moves when the receiver accepts.

    Attributes:
        handoff_id (str):
        location (Location | None):
        note (None | str):
        to (HandoffTarget): The receiving side of a hand-off.
        to_driver_id (None | str): The driver it is addressed to, if any.
        to_org_id (str): The receiving org (the supplier, or the courier for `courier` and `driver`).
    """

    handoff_id: str
    location: Location | None
    note: None | str
    to: HandoffTarget
    to_driver_id: None | str
    to_org_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.location import Location

        handoff_id = self.handoff_id

        location: dict[str, Any] | None
        if isinstance(self.location, Location):
            location = self.location.to_dict()
        else:
            location = self.location

        note: None | str
        note = self.note

        to = self.to.value

        to_driver_id: None | str
        to_driver_id = self.to_driver_id

        to_org_id = self.to_org_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "handoff_id": handoff_id,
                "location": location,
                "note": note,
                "to": to,
                "to_driver_id": to_driver_id,
                "to_org_id": to_org_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.location import Location

        d = dict(src_dict)
        handoff_id = d.pop("handoff_id")

        def _parse_location(data: object) -> Location | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                location_type_0 = Location.from_dict(data)

                return location_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Location | None, data)

        location = _parse_location(d.pop("location"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        to = HandoffTarget(d.pop("to"))

        def _parse_to_driver_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_driver_id = _parse_to_driver_id(d.pop("to_driver_id"))

        to_org_id = d.pop("to_org_id")

        handoff_requested = cls(
            handoff_id=handoff_id,
            location=location,
            note=note,
            to=to,
            to_driver_id=to_driver_id,
            to_org_id=to_org_id,
        )

        handoff_requested.additional_properties = d
        return handoff_requested

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
