from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

T = TypeVar("T", bound="ShipmentCreated")


@_attrs_define
class ShipmentCreated:
    """`shipment.created`: the shipment exists (single and bulk creation write the same).

    Attributes:
        contact_digest (str): Salted digest of the recipient's contact data as created (the evidence chain's; never
            the data itself).
        reference (str):
        status (Status):
    """

    contact_digest: str
    reference: str
    status: Status
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_digest = self.contact_digest

        reference = self.reference

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_digest": contact_digest,
                "reference": reference,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contact_digest = d.pop("contact_digest")

        reference = d.pop("reference")

        status = Status(d.pop("status"))

        shipment_created = cls(
            contact_digest=contact_digest,
            reference=reference,
            status=status,
        )

        shipment_created.additional_properties = d
        return shipment_created

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
