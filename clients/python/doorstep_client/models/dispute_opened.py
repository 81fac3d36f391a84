from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reason import Reason

T = TypeVar("T", bound="DisputeOpened")


@_attrs_define
class DisputeOpened:
    """`dispute.opened`: the customer contests an attempt (or the parcel) on the link.

    Attributes:
        attempt_id (None | str): The attempt contested: the one named, else the last; `null` when there was none.
        dispute_id (str):
        reason (Reason):
    """

    attempt_id: None | str
    dispute_id: str
    reason: Reason
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id: None | str
        attempt_id = self.attempt_id

        dispute_id = self.dispute_id

        reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_id": attempt_id,
                "dispute_id": dispute_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_attempt_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        attempt_id = _parse_attempt_id(d.pop("attempt_id"))

        dispute_id = d.pop("dispute_id")

        reason = Reason(d.pop("reason"))

        dispute_opened = cls(
            attempt_id=attempt_id,
            dispute_id=dispute_id,
            reason=reason,
        )

        dispute_opened.additional_properties = d
        return dispute_opened

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
