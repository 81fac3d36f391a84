from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.remedy import Remedy
from ..models.resolution import Resolution

T = TypeVar("T", bound="DisputeResolved")


@_attrs_define
class DisputeResolved:
    """`dispute.resolved`: the marketplace's decision.

    Attributes:
        awaiting_redelivery (bool): Upheld about a failed attempt while the parcel waits in `attempt_failed`: the
            customer
            chooses the re-delivery window.
        dispute_id (str):
        remedy (Remedy):
        resolution (Resolution):
    """

    awaiting_redelivery: bool
    dispute_id: str
    remedy: Remedy
    resolution: Resolution
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        awaiting_redelivery = self.awaiting_redelivery

        dispute_id = self.dispute_id

        remedy = self.remedy.value

        resolution = self.resolution.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "awaiting_redelivery": awaiting_redelivery,
                "dispute_id": dispute_id,
                "remedy": remedy,
                "resolution": resolution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        awaiting_redelivery = d.pop("awaiting_redelivery")

        dispute_id = d.pop("dispute_id")

        remedy = Remedy(d.pop("remedy"))

        resolution = Resolution(d.pop("resolution"))

        dispute_resolved = cls(
            awaiting_redelivery=awaiting_redelivery,
            dispute_id=dispute_id,
            remedy=remedy,
            resolution=resolution,
        )

        dispute_resolved.additional_properties = d
        return dispute_resolved

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
