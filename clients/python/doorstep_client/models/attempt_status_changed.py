from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

T = TypeVar("T", bound="AttemptStatusChanged")


@_attrs_define
class AttemptStatusChanged:
    """`shipment.delivered`, `shipment.attempt_failed`: the status an attempt moved the parcel to
    (follows its `attempt.recorded`).

        Attributes:
            attempt_id (str):
            from_status (Status):
            to_status (Status):
    """

    attempt_id: str
    from_status: Status
    to_status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id = self.attempt_id

        from_status = self.from_status.value

        to_status = self.to_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_id": attempt_id,
                "from_status": from_status,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        attempt_id = d.pop("attempt_id")

        from_status = Status(d.pop("from_status"))

        to_status = Status(d.pop("to_status"))

        attempt_status_changed = cls(
            attempt_id=attempt_id,
            from_status=from_status,
            to_status=to_status,
        )

        attempt_status_changed.additional_properties = d
        return attempt_status_changed

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
