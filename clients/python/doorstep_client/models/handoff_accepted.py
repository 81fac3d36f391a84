from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.condition import Condition
from ..models.handoff_target import HandoffTarget
from ..models.status import Status

if TYPE_CHECKING:
    from ..models.location import Location


T = TypeVar("T", bound="HandoffAccepted")


@_attrs_define
class HandoffAccepted:
    """`handoff.accepted`: the receiver took the parcel; custody and the status follow (the two
    statuses are equal when the status does not change, e.g. a driver reassigned).

        Attributes:
            condition (Condition):
            from_status (Status):
            handoff_id (str):
            location (Location | None):
            note (None | str):
            to (HandoffTarget): The receiving side of a hand-off.
            to_status (Status):
    """

    condition: Condition
    from_status: Status
    handoff_id: str
    location: Location | None
    note: None | str
    to: HandoffTarget
    to_status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.location import Location

        condition = self.condition.value

        from_status = self.from_status.value

        handoff_id = self.handoff_id

        location: dict[str, Any] | None
        if isinstance(self.location, Location):
            location = self.location.to_dict()
        else:
            location = self.location

        note: None | str
        note = self.note

        to = self.to.value

        to_status = self.to_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "condition": condition,
                "from_status": from_status,
                "handoff_id": handoff_id,
                "location": location,
                "note": note,
                "to": to,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.location import Location

        d = dict(src_dict)
        condition = Condition(d.pop("condition"))

        from_status = Status(d.pop("from_status"))

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

        to_status = Status(d.pop("to_status"))

        handoff_accepted = cls(
            condition=condition,
            from_status=from_status,
            handoff_id=handoff_id,
            location=location,
            note=note,
            to=to,
            to_status=to_status,
        )

        handoff_accepted.additional_properties = d
        return handoff_accepted

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
