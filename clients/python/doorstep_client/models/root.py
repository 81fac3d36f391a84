from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Root")


@_attrs_define
class Root:
    """A signed Merkle root over the chain heads of the shipments changed in its period.

    Attributes:
        algorithm (str): `Ed25519`.
        covers_from (datetime.datetime): Shipments whose timeline changed from here (with an overlap) …
        covers_until (datetime.datetime): … to here.
        id (str):  Example: rot_01jd2v3k4m5n6p7q8r9s0t1u2v.
        key_id (str):
        leaf_count (int):
        public_key (str): Base64 of the signing public key (also listed at `/.well-known/doorstep-keys.json`).
        root (str): Hex SHA-256 Merkle root (RFC 6962 hashing).
        signature (str): Base64 signature of the root message (see the book: operators/evidence.md).
        signed_at (str): Exactly as signed: `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    """

    algorithm: str
    covers_from: datetime.datetime
    covers_until: datetime.datetime
    id: str
    key_id: str
    leaf_count: int
    public_key: str
    root: str
    signature: str
    signed_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        algorithm = self.algorithm

        covers_from = self.covers_from.isoformat()

        covers_until = self.covers_until.isoformat()

        id = self.id

        key_id = self.key_id

        leaf_count = self.leaf_count

        public_key = self.public_key

        root = self.root

        signature = self.signature

        signed_at = self.signed_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "algorithm": algorithm,
                "covers_from": covers_from,
                "covers_until": covers_until,
                "id": id,
                "key_id": key_id,
                "leaf_count": leaf_count,
                "public_key": public_key,
                "root": root,
                "signature": signature,
                "signed_at": signed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        algorithm = d.pop("algorithm")

        covers_from = datetime.datetime.fromisoformat(d.pop("covers_from"))

        covers_until = datetime.datetime.fromisoformat(d.pop("covers_until"))

        id = d.pop("id")

        key_id = d.pop("key_id")

        leaf_count = d.pop("leaf_count")

        public_key = d.pop("public_key")

        root = d.pop("root")

        signature = d.pop("signature")

        signed_at = d.pop("signed_at")

        root = cls(
            algorithm=algorithm,
            covers_from=covers_from,
            covers_until=covers_until,
            id=id,
            key_id=key_id,
            leaf_count=leaf_count,
            public_key=public_key,
            root=root,
            signature=signature,
            signed_at=signed_at,
        )

        root.additional_properties = d
        return root

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
