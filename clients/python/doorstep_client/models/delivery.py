from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status import DeliveryStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.try_ import Try


T = TypeVar("T", bound="Delivery")


@_attrs_define
class Delivery:
    """
    Attributes:
        created_at (datetime.datetime):
        event_id (str):
        event_type (str):
        history (list[Try]): Every try, oldest first.
        id (str):
        status (DeliveryStatus): Where a webhook delivery stands: `dead` once given up (after about 3 days of retries).
        tries (int):
        webhook_id (str):
        delivered_at (datetime.datetime | None | Unset):
        last_error (None | str | Unset):
        last_latency_ms (int | None | Unset):
        last_status_code (int | None | Unset):
        next_try_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    event_id: str
    event_type: str
    history: list[Try]
    id: str
    status: DeliveryStatus
    tries: int
    webhook_id: str
    delivered_at: datetime.datetime | None | Unset = UNSET
    last_error: None | str | Unset = UNSET
    last_latency_ms: int | None | Unset = UNSET
    last_status_code: int | None | Unset = UNSET
    next_try_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        event_id = self.event_id

        event_type = self.event_type

        history = []
        for history_item_data in self.history:
            history_item = history_item_data.to_dict()
            history.append(history_item)

        id = self.id

        status = self.status.value

        tries = self.tries

        webhook_id = self.webhook_id

        delivered_at: None | str | Unset
        if isinstance(self.delivered_at, Unset):
            delivered_at = UNSET
        elif isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        last_error: None | str | Unset
        if isinstance(self.last_error, Unset):
            last_error = UNSET
        else:
            last_error = self.last_error

        last_latency_ms: int | None | Unset
        if isinstance(self.last_latency_ms, Unset):
            last_latency_ms = UNSET
        else:
            last_latency_ms = self.last_latency_ms

        last_status_code: int | None | Unset
        if isinstance(self.last_status_code, Unset):
            last_status_code = UNSET
        else:
            last_status_code = self.last_status_code

        next_try_at: None | str | Unset
        if isinstance(self.next_try_at, Unset):
            next_try_at = UNSET
        elif isinstance(self.next_try_at, datetime.datetime):
            next_try_at = self.next_try_at.isoformat()
        else:
            next_try_at = self.next_try_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "event_id": event_id,
                "event_type": event_type,
                "history": history,
                "id": id,
                "status": status,
                "tries": tries,
                "webhook_id": webhook_id,
            }
        )
        if delivered_at is not UNSET:
            field_dict["delivered_at"] = delivered_at
        if last_error is not UNSET:
            field_dict["last_error"] = last_error
        if last_latency_ms is not UNSET:
            field_dict["last_latency_ms"] = last_latency_ms
        if last_status_code is not UNSET:
            field_dict["last_status_code"] = last_status_code
        if next_try_at is not UNSET:
            field_dict["next_try_at"] = next_try_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.try_ import Try

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event_id = d.pop("event_id")

        event_type = d.pop("event_type")

        history = []
        _history = d.pop("history")
        for history_item_data in _history:
            history_item = Try.from_dict(history_item_data)

            history.append(history_item)

        id = d.pop("id")

        status = DeliveryStatus(d.pop("status"))

        tries = d.pop("tries")

        webhook_id = d.pop("webhook_id")

        def _parse_delivered_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at", UNSET))

        def _parse_last_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_error = _parse_last_error(d.pop("last_error", UNSET))

        def _parse_last_latency_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_latency_ms = _parse_last_latency_ms(d.pop("last_latency_ms", UNSET))

        def _parse_last_status_code(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code", UNSET))

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

        delivery = cls(
            created_at=created_at,
            event_id=event_id,
            event_type=event_type,
            history=history,
            id=id,
            status=status,
            tries=tries,
            webhook_id=webhook_id,
            delivered_at=delivered_at,
            last_error=last_error,
            last_latency_ms=last_latency_ms,
            last_status_code=last_status_code,
            next_try_at=next_try_at,
        )

        delivery.additional_properties = d
        return delivery

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
