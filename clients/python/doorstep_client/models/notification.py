from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notification_channel import NotificationChannel
from ..models.notification_status import NotificationStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Notification")


@_attrs_define
class Notification:
    """One message of a shipment's log. The owning marketplace sees recipient and subject; other
    parties see channel and state only.

        Attributes:
            channel (NotificationChannel): How a customer is told.
            created_at (datetime.datetime):
            event_id (str):
            id (str):
            lang (str):
            status (NotificationStatus): Where a message stands: `failed` is retried later, `dead` was given up.
            tries (int):
            last_error (None | str | Unset):
            next_try_at (datetime.datetime | None | Unset):
            recipient (None | str | Unset):
            sent_at (datetime.datetime | None | Unset):
            subject (None | str | Unset):
    """

    channel: NotificationChannel
    created_at: datetime.datetime
    event_id: str
    id: str
    lang: str
    status: NotificationStatus
    tries: int
    last_error: None | str | Unset = UNSET
    next_try_at: datetime.datetime | None | Unset = UNSET
    recipient: None | str | Unset = UNSET
    sent_at: datetime.datetime | None | Unset = UNSET
    subject: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        created_at = self.created_at.isoformat()

        event_id = self.event_id

        id = self.id

        lang = self.lang

        status = self.status.value

        tries = self.tries

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        next_try_at: None | str | Unset
        if isinstance(self.next_try_at, Unset):
            next_try_at = UNSET
        elif isinstance(self.next_try_at, datetime.datetime):
            next_try_at = self.next_try_at.isoformat()
        else:
            next_try_at = self.next_try_at

        recipient: None | str | Unset
        if isinstance(self.recipient, Unset):
            recipient = UNSET
        else:
            recipient = self.recipient

        sent_at: None | str | Unset
        if isinstance(self.sent_at, Unset):
            sent_at = UNSET
        elif isinstance(self.sent_at, datetime.datetime):
            sent_at = self.sent_at.isoformat()
        else:
            sent_at = self.sent_at

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "created_at": created_at,
                "event_id": event_id,
                "id": id,
                "lang": lang,
                "status": status,
                "tries": tries,
            }
        )
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if next_try_at is not UNSET:
            field_dict["next_try_at"] = next_try_at
        if recipient is not UNSET:
            field_dict["recipient"] = recipient
        if sent_at is not UNSET:
            field_dict["sent_at"] = sent_at
        if subject is not UNSET:
            field_dict["subject"] = subject

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        channel = NotificationChannel(d.pop("channel"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event_id = d.pop("event_id")

        id = d.pop("id")

        lang = d.pop("lang")

        status = NotificationStatus(d.pop("status"))

        tries = d.pop("tries")

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))

        def _parse_next_try_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_try_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_try_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        next_try_at = _parse_next_try_at(d.pop("next_try_at", UNSET))

        def _parse_recipient(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient = _parse_recipient(d.pop("recipient", UNSET))

        def _parse_sent_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                sent_at_type_0 = datetime.datetime.fromisoformat(data)

                return sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        sent_at = _parse_sent_at(d.pop("sent_at", UNSET))

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        notification = cls(
            channel=channel,
            created_at=created_at,
            event_id=event_id,
            id=id,
            lang=lang,
            status=status,
            tries=tries,
            last_error=last_error,
            next_try_at=next_try_at,
            recipient=recipient,
            sent_at=sent_at,
            subject=subject,
        )

        notification.additional_properties = d
        return notification

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
