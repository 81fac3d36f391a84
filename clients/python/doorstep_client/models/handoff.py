from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.condition import Condition
from ..models.handoff_status import HandoffStatus
from ..models.handoff_target import HandoffTarget
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.location import Location


T = TypeVar("T", bound="Handoff")


@_attrs_define
class Handoff:
    """
    Attributes:
        created_at (datetime.datetime):
        custody_gap (bool): Pending past `due_at`.
        due_at (datetime.datetime): Accept before this, or it is a custody gap.
        from_org_id (str):
        id (str):  Example: hof_01jd2v3k4m5n6p7q8r9s0t1u2v.
        shipment_id (str):
        status (HandoffStatus): Where a hand-off stands.
        to (HandoffTarget): The receiving side of a hand-off.
        to_org_id (str):
        condition (Condition | None | Unset):
        location (Location | None | Unset):
        note (None | str | Unset):
        responded_at (datetime.datetime | None | Unset):
        response_note (None | str | Unset):
        to_driver_id (None | str | Unset):
    """

    created_at: datetime.datetime
    custody_gap: bool
    due_at: datetime.datetime
    from_org_id: str
    id: str
    shipment_id: str
    status: HandoffStatus
    to: HandoffTarget
    to_org_id: str
    condition: Condition | None | Unset = UNSET
    location: Location | None | Unset = UNSET
    note: None | str | Unset = UNSET
    responded_at: datetime.datetime | None | Unset = UNSET
    response_note: None | str | Unset = UNSET
    to_driver_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.location import Location

        created_at = self.created_at.isoformat()

        custody_gap = self.custody_gap

        due_at = self.due_at.isoformat()

        from_org_id = self.from_org_id

        id = self.id

        shipment_id = self.shipment_id

        status = self.status.value

        to = self.to.value

        to_org_id = self.to_org_id

        condition: None | str | Unset
        if isinstance(self.condition, Unset):
            condition = UNSET
        elif isinstance(self.condition, Condition):
            condition = self.condition.value
        else:
            condition = self.condition

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

        responded_at: None | str | Unset
        if isinstance(self.responded_at, Unset):
            responded_at = UNSET
        elif isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        response_note: None | str | Unset
        if isinstance(self.response_note, Unset):
            response_note = UNSET
        else:
            response_note = self.response_note

        to_driver_id: None | str | Unset
        if isinstance(self.to_driver_id, Unset):
            to_driver_id = UNSET
        else:
            to_driver_id = self.to_driver_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "custody_gap": custody_gap,
                "due_at": due_at,
                "from_org_id": from_org_id,
                "id": id,
                "shipment_id": shipment_id,
                "status": status,
                "to": to,
                "to_org_id": to_org_id,
            }
        )
        if condition is not UNSET:
            field_dict["condition"] = condition
        if location is not UNSET:
            field_dict["location"] = location
        if note is not UNSET:
            field_dict["note"] = note
        if responded_at is not UNSET:
            field_dict["responded_at"] = responded_at
        if response_note is not UNSET:
            field_dict["response_note"] = response_note
        if to_driver_id is not UNSET:
            field_dict["to_driver_id"] = to_driver_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.location import Location

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custody_gap = d.pop("custody_gap")

        due_at = datetime.datetime.fromisoformat(d.pop("due_at"))

        from_org_id = d.pop("from_org_id")

        id = d.pop("id")

        shipment_id = d.pop("shipment_id")

        status = HandoffStatus(d.pop("status"))

        to = HandoffTarget(d.pop("to"))

        to_org_id = d.pop("to_org_id")

        def _parse_condition(data: object) -> Condition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                condition_type_0 = Condition(data)

                return condition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Condition | None | Unset, data)

        condition = _parse_condition(d.pop("condition", UNSET))

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

        def _parse_responded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        responded_at = _parse_responded_at(d.pop("responded_at", UNSET))

        def _parse_response_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        response_note = _parse_response_note(d.pop("response_note", UNSET))

        def _parse_to_driver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_driver_id = _parse_to_driver_id(d.pop("to_driver_id", UNSET))

        handoff = cls(
            created_at=created_at,
            custody_gap=custody_gap,
            due_at=due_at,
            from_org_id=from_org_id,
            id=id,
            shipment_id=shipment_id,
            status=status,
            to=to,
            to_org_id=to_org_id,
            condition=condition,
            location=location,
            note=note,
            responded_at=responded_at,
            response_note=response_note,
            to_driver_id=to_driver_id,
        )

        handoff.additional_properties = d
        return handoff

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
