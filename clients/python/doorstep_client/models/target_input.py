from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.kpi import Kpi
from ..models.op import Op
from ..types import UNSET, Unset

T = TypeVar("T", bound="TargetInput")


@_attrs_define
class TargetInput:
    """
    Attributes:
        kpi (Kpi):
        value (float): Rates are 0–1, average stars 1–5, counts 0 or more (each KPI's own range is checked). Example:
            0.95.
        op (None | Op | Unset):
    """

    kpi: Kpi
    value: float
    op: None | Op | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kpi = self.kpi.value

        value = self.value

        op: None | str | Unset
        if isinstance(self.op, Unset):
            op = UNSET
        elif isinstance(self.op, Op):
            op = self.op.value
        else:
            op = self.op

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kpi": kpi,
                "value": value,
            }
        )
        if op is not UNSET:
            field_dict["op"] = op

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kpi = Kpi(d.pop("kpi"))

        value = d.pop("value")

        def _parse_op(data: object) -> None | Op | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                op_type_0 = Op(data)

                return op_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Op | Unset, data)

        op = _parse_op(d.pop("op", UNSET))

        target_input = cls(
            kpi=kpi,
            value=value,
            op=op,
        )

        return target_input
