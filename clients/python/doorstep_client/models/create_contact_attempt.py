from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.contact_outcome import ContactOutcome
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateContactAttempt")


@_attrs_define
class CreateContactAttempt:
    """The driver tried to reach the customer before arriving.

    Attributes:
        channel (Channel):
        occurred_at (datetime.datetime): Device time.
        outcome (ContactOutcome):
        note (None | str | Unset):
    """

    channel: Channel
    occurred_at: datetime.datetime
    outcome: ContactOutcome
    note: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "occurred_at": occurred_at,
                "outcome": outcome,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = ContactOutcome(d.pop("outcome"))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        create_contact_attempt = cls(
            channel=channel,
            occurred_at=occurred_at,
            outcome=outcome,
            note=note,
        )

        return create_contact_attempt
