from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

T = TypeVar("T", bound="StatusChanged")


@_attrs_define
class StatusChanged:
    """`shipment.out_for_delivery`: the round starts (declared by the driver or the courier), or
    starts again with a new attempt after a failed one (`note` is then `re-attempt`).

        Attributes:
            from_status (Status):
            note (None | str): `null` when declared; `re-attempt` when a new attempt restarted the round.
            to_status (Status):
    """

    from_status: Status
    note: None | str
    to_status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_status = self.from_status.value

        note: None | str
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

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        to_status = Status(d.pop("to_status"))

        status_changed = cls(
            from_status=from_status,
            note=note,
            to_status=to_status,
        )

        status_changed.additional_properties = d
        return status_changed

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
