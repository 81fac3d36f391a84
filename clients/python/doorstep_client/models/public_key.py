from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PublicKey")


@_attrs_define
class PublicKey:
    """A public key that signs (or signed) evidence roots.

    Attributes:
        algorithm (str): `Ed25519`.
        current (bool): The key new roots are signed with; others signed older roots.
        key_id (str):
        public_key (str): Base64 of the 32-byte public key.
    """

    algorithm: str
    current: bool
    key_id: str
    public_key: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        algorithm = self.algorithm

        current = self.current

        key_id = self.key_id

        public_key = self.public_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "algorithm": algorithm,
                "current": current,
                "key_id": key_id,
                "public_key": public_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        algorithm = d.pop("algorithm")

        current = d.pop("current")

        key_id = d.pop("key_id")

        public_key = d.pop("public_key")

        public_key = cls(
            algorithm=algorithm,
            current=current,
            key_id=key_id,
            public_key=public_key,
        )

        public_key.additional_properties = d
        return public_key

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
