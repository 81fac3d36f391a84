from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

T = TypeVar("T", bound="StatusDeclared")


@_attrs_define
class StatusDeclared:
    """`shipment.cancelled` (and `shipment.returned`): a party ended the shipment, with its reason.

    Attributes:
        from_status (Status):
        note (str): The reason given (1–1000 characters).
        to_status (Status):
    """

    from_status: Status
    note: str
    to_status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_status = self.from_status.value

        note = self.note

        to_status = self.to_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_status": from_status,
                "note": note,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        from_status = Status(d.pop("from_status"))

        note = d.pop("note")

        to_status = Status(d.pop("to_status"))

        status_declared = cls(
            from_status=from_status,
            note=note,
            to_status=to_status,
        )

        status_declared.additional_properties = d
        return status_declared

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
