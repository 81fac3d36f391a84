from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kpi import Kpi
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kpi_target import KpiTarget


T = TypeVar("T", bound="KpiValue")


@_attrs_define
class KpiValue:
    """One KPI: value = numerator / denominator (a plain count has no denominator), the contract's
    target and whether it is met. `value` and `met` are absent when nothing was measured.

        Attributes:
            against (int): The counts against it (late deliveries, attempts without proof, lost parcels, ratings
                of 3 stars or fewer…), listed by `GET /v1/kpis/shipments?part=against`.
            kpi (Kpi):
            numerator (int):
            denominator (int | None | Unset):
            met (bool | None | Unset):
            target (KpiTarget | None | Unset):
            value (float | None | Unset):
    """

    against: int
    kpi: Kpi
    numerator: int
    denominator: int | None | Unset = UNSET
    met: bool | None | Unset = UNSET
    target: KpiTarget | None | Unset = UNSET
    value: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.kpi_target import KpiTarget

        against = self.against

        kpi = self.kpi.value

        numerator = self.numerator

        denominator: int | None | Unset
        if isinstance(self.denominator, Unset):
            denominator = UNSET
        else:
            denominator = self.denominator

        met: bool | None | Unset
        if isinstance(self.met, Unset):
            met = UNSET
        else:
            met = self.met

        target: dict[str, Any] | None | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        elif isinstance(self.target, KpiTarget):
            target = self.target.to_dict()
        else:
            target = self.target

        value: float | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "against": against,
                "kpi": kpi,
                "numerator": numerator,
            }
        )
        if denominator is not UNSET:
            field_dict["denominator"] = denominator
        if met is not UNSET:
            field_dict["met"] = met
        if target is not UNSET:
            field_dict["target"] = target
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kpi_target import KpiTarget

        d = dict(src_dict)
        against = d.pop("against")

        kpi = Kpi(d.pop("kpi"))

        numerator = d.pop("numerator")

        def _parse_denominator(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        denominator = _parse_denominator(d.pop("denominator", UNSET))

        def _parse_met(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        met = _parse_met(d.pop("met", UNSET))

        def _parse_target(data: object) -> KpiTarget | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                target_type_0 = KpiTarget.from_dict(data)

                return target_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KpiTarget | None | Unset, data)

        target = _parse_target(d.pop("target", UNSET))

        def _parse_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        kpi_value = cls(
            against=against,
            kpi=kpi,
            numerator=numerator,
            denominator=denominator,
            met=met,
            target=target,
            value=value,
        )

        kpi_value.additional_properties = d
        return kpi_value

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
