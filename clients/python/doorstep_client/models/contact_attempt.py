from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..models.contact_outcome import ContactOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="ContactAttempt")


@_attrs_define
class ContactAttempt:
    """
    Attributes:
        channel (Channel):
        driver_id (str):
        id (str):
        occurred_at (datetime.datetime):
        outcome (ContactOutcome):
        shipment_id (str):
        note (None | str | Unset):
    """

    channel: Channel
    driver_id: str
    id: str
    occurred_at: datetime.datetime
    outcome: ContactOutcome
    shipment_id: str
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        driver_id = self.driver_id

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        shipment_id = self.shipment_id

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "driver_id": driver_id,
                "id": id,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "shipment_id": shipment_id,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        driver_id = d.pop("driver_id")

        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = ContactOutcome(d.pop("outcome"))

        shipment_id = d.pop("shipment_id")

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        contact_attempt = cls(
            channel=channel,
            driver_id=driver_id,
            id=id,
            occurred_at=occurred_at,
            outcome=outcome,
            shipment_id=shipment_id,
            note=note,
        )

        contact_attempt.additional_properties = d
        return contact_attempt

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
