from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.chain_event_data import ChainEventData


T = TypeVar("T", bound="ChainEvent")


@_attrs_define
class ChainEvent:
    """An event as the chain covers it (and as an evidence bundle carries it).

    Attributes:
        actor_kind (str):
        at (str): `YYYY-MM-DDTHH:MM:SS.ffffffZ`, exactly as hashed.
        data (ChainEventData):
        id (str):
        kind (str):
        actor_id (None | str | Unset):
        actor_org_id (None | str | Unset):
        hash_ (None | str | Unset): Hex SHA-256 stored with the event (absent before the chain).
        seq (int | None | Unset): Its place in the chain from 1; absent for an event written before the chain existed.
    """

    actor_kind: str
    at: str
    data: ChainEventData
    id: str
    kind: str
    actor_id: None | str | Unset = UNSET
    actor_org_id: None | str | Unset = UNSET
    hash_: None | str | Unset = UNSET
    seq: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_kind = self.actor_kind

        at = self.at

        data = self.data.to_dict()

        id = self.id

        kind = self.kind

        actor_id: None | str | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        else:
            actor_id = self.actor_id

        actor_org_id: None | str | Unset
        if isinstance(self.actor_org_id, Unset):
            actor_org_id = UNSET
        else:
            actor_org_id = self.actor_org_id

        hash_: None | str | Unset
        if isinstance(self.hash_, Unset):
            hash_ = UNSET
        else:
            hash_ = self.hash_

        seq: int | None | Unset
        if isinstance(self.seq, Unset):
            seq = UNSET
        else:
            seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_kind": actor_kind,
                "at": at,
                "data": data,
                "id": id,
                "kind": kind,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if actor_org_id is not UNSET:
            field_dict["actor_org_id"] = actor_org_id
        if hash_ is not UNSET:
            field_dict["hash"] = hash_
        if seq is not UNSET:
            field_dict["seq"] = seq

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.chain_event_data import ChainEventData

        d = dict(src_dict)
        actor_kind = d.pop("actor_kind")

        at = d.pop("at")

        data = ChainEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        kind = d.pop("kind")

        def _parse_actor_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

        def _parse_actor_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_org_id = _parse_actor_org_id(d.pop("actor_org_id", UNSET))

        def _parse_hash_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        hash_ = _parse_hash_(d.pop("hash", UNSET))

        def _parse_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seq = _parse_seq(d.pop("seq", UNSET))

        chain_event = cls(
            actor_kind=actor_kind,
            at=at,
            data=data,
            id=id,
            kind=kind,
            actor_id=actor_id,
            actor_org_id=actor_org_id,
            hash_=hash_,
            seq=seq,
        )

        chain_event.additional_properties = d
        return chain_event

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
