from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..models.contact_outcome import ContactOutcome

T = TypeVar("T", bound="ContactAttemptRecorded")


@_attrs_define
class ContactAttemptRecorded:
    """`contact_attempt.recorded`: the driver called, texted or rang before arriving.

    Attributes:
        channel (Channel):
        contact_attempt_id (str):
        occurred_at (datetime.datetime): Device time.
        outcome (ContactOutcome):
    """

    channel: Channel
    contact_attempt_id: str
    occurred_at: datetime.datetime
    outcome: ContactOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        contact_attempt_id = self.contact_attempt_id

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "contact_attempt_id": contact_attempt_id,
                "occurred_at": occurred_at,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        contact_attempt_id = d.pop("contact_attempt_id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = ContactOutcome(d.pop("outcome"))

        contact_attempt_recorded = cls(
            channel=channel,
            contact_attempt_id=contact_attempt_id,
            occurred_at=occurred_at,
            outcome=outcome,
        )

        contact_attempt_recorded.additional_properties = d
        return contact_attempt_recorded

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
