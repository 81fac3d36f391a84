from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChainSummary")


@_attrs_define
class ChainSummary:
    """The chain of a shipment as stored.

    Attributes:
        genesis (str): Hex genesis "previous hash" of the first event.
        length (int): Chained events the shipment row counts.
        pre_chain_events (int): Events written before the chain existed (listed, not chained).
        head (None | str | Unset): Hex hash of the last chained event, as kept on the shipment row.
    """

    genesis: str
    length: int
    pre_chain_events: int
    head: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        genesis = self.genesis

        length = self.length

        pre_chain_events = self.pre_chain_events

        head: None | str | Unset
        if isinstance(self.head, Unset):
            head = UNSET
        else:
            head = self.head

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "genesis": genesis,
                "length": length,
                "pre_chain_events": pre_chain_events,
            }
        )
        if head is not UNSET:
            field_dict["head"] = head

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        genesis = d.pop("genesis")

        length = d.pop("length")

        pre_chain_events = d.pop("pre_chain_events")

        def _parse_head(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        head = _parse_head(d.pop("head", UNSET))

        chain_summary = cls(
            genesis=genesis,
            length=length,
            pre_chain_events=pre_chain_events,
            head=head,
        )

        chain_summary.additional_properties = d
        return chain_summary

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
