from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TargetMiss")


@_attrs_define
class TargetMiss:
    """A KPI of a closed period that missed its contract's target (also sent as the webhook
    `kpi.target_missed`).

        Attributes:
            contract_id (str):
            courier_id (str):
            denominator (int):
            from_ (str):
            id (str):
            kpi (str):
            marketplace_id (str):
            numerator (int):
            op (str):
            period (str): `2026-11-24`, `2026-W48` or `2026-11`.
            recorded_at (datetime.datetime):
            target (float):
            to (str):
            value (float):
    """

    contract_id: str
    courier_id: str
    denominator: int
    from_: str
    id: str
    kpi: str
    marketplace_id: str
    numerator: int
    op: str
    period: str
    recorded_at: datetime.datetime
    target: float
    to: str
    value: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_id = self.contract_id

        courier_id = self.courier_id

        denominator = self.denominator

        from_ = self.from_

        id = self.id

        kpi = self.kpi

        marketplace_id = self.marketplace_id

        numerator = self.numerator

        op = self.op

        period = self.period

        recorded_at = self.recorded_at.isoformat()

        target = self.target

        to = self.to

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_id": contract_id,
                "courier_id": courier_id,
                "denominator": denominator,
                "from": from_,
                "id": id,
                "kpi": kpi,
                "marketplace_id": marketplace_id,
                "numerator": numerator,
                "op": op,
                "period": period,
                "recorded_at": recorded_at,
                "target": target,
                "to": to,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        contract_id = d.pop("contract_id")

        courier_id = d.pop("courier_id")

        denominator = d.pop("denominator")

        from_ = d.pop("from")

        id = d.pop("id")

        kpi = d.pop("kpi")

        marketplace_id = d.pop("marketplace_id")

        numerator = d.pop("numerator")

        op = d.pop("op")

        period = d.pop("period")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))

        target = d.pop("target")

        to = d.pop("to")

        value = d.pop("value")

        target_miss = cls(
            contract_id=contract_id,
            courier_id=courier_id,
            denominator=denominator,
            from_=from_,
            id=id,
            kpi=kpi,
            marketplace_id=marketplace_id,
            numerator=numerator,
            op=op,
            period=period,
            recorded_at=recorded_at,
            target=target,
            to=to,
            value=value,
        )

        target_miss.additional_properties = d
        return target_miss

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
