from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.root import Root


T = TypeVar("T", bound="RootProof")


@_attrs_define
class RootProof:
    """Where a signed root covers the chain: the leaf, its inclusion proof and the root.

    Attributes:
        chain_len (int): The chain's length when signed: events 1..=chain_len are covered.
        head (str): Hex chain head at that length.
        leaf_index (int): The leaf's place among the root's leaves (from 0).
        proof (list[str]): Hex sibling hashes, leaf to root (RFC 6962 audit path).
        root (Root): A signed Merkle root over the chain heads of the shipments changed in its period.
        unsigned_events (int): Events chained after the signed head (covered by the next root).
    """

    chain_len: int
    head: str
    leaf_index: int
    proof: list[str]
    root: Root
    unsigned_events: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chain_len = self.chain_len

        head = self.head

        leaf_index = self.leaf_index

        proof = self.proof

        root = self.root.to_dict()

        unsigned_events = self.unsigned_events

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chain_len": chain_len,
                "head": head,
                "leaf_index": leaf_index,
                "proof": proof,
                "root": root,
                "unsigned_events": unsigned_events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.root import Root

        d = dict(src_dict)
        chain_len = d.pop("chain_len")

        head = d.pop("head")

        leaf_index = d.pop("leaf_index")

        proof = cast(list[str], d.pop("proof"))

        root = Root.from_dict(d.pop("root"))

        unsigned_events = d.pop("unsigned_events")

        root_proof = cls(
            chain_len=chain_len,
            head=head,
            leaf_index=leaf_index,
            proof=proof,
            root=root,
            unsigned_events=unsigned_events,
        )

        root_proof.additional_properties = d
        return root_proof

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
