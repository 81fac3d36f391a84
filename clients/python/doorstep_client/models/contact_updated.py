from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_field import ContactField

T = TypeVar("T", bound="ContactUpdated")


@_attrs_define
class ContactUpdated:
    """`shipment.contact_updated`: the customer changed contact details on the link.

    Attributes:
        contact_digest (None | str): Salted digest of the contact data after the change; `null` for a shipment created
            before digests were kept.
        fields (list[ContactField]): The fields changed, never their values (every party sees the timeline).
    """

    contact_digest: None | str
    fields: list[ContactField]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact_digest: None | str
        contact_digest = self.contact_digest

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.value
            fields.append(fields_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_digest": contact_digest,
                "fields": fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_contact_digest(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contact_digest = _parse_contact_digest(d.pop("contact_digest"))

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = ContactField(fields_item_data)

            fields.append(fields_item)

        contact_updated = cls(
            contact_digest=contact_digest,
            fields=fields,
        )

        contact_updated.additional_properties = d
        return contact_updated

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
