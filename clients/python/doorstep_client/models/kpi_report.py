from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.granularity import Granularity
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kpi_set import KpiSet
    from ..models.period_kpis import PeriodKpis


T = TypeVar("T", bound="KpiReport")


@_attrs_define
class KpiReport:
    """
    Attributes:
        from_ (datetime.date):
        granularity (Granularity):
        overall (KpiSet): Every KPI over a set of days, with the rating distribution, the tags and what fair
            attribution moved elsewhere.
        periods (list[PeriodKpis]): Periods with activity, oldest first.
        to (datetime.date):
        contract_id (None | str | Unset): The contract whose targets apply (a marketplace and one courier).
        courier_id (None | str | Unset):
        driver_id (None | str | Unset):
        marketplace_id (None | str | Unset):
    """

    from_: datetime.date
    granularity: Granularity
    overall: KpiSet
    periods: list[PeriodKpis]
    to: datetime.date
    contract_id: None | str | Unset = UNSET
    courier_id: None | str | Unset = UNSET
    driver_id: None | str | Unset = UNSET
    marketplace_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        granularity = self.granularity.value

        overall = self.overall.to_dict()

        periods = []
        for periods_item_data in self.periods:
            periods_item = periods_item_data.to_dict()
            periods.append(periods_item)

        to = self.to.isoformat()

        contract_id: None | str | Unset
        if isinstance(self.contract_id, Unset):
            contract_id = UNSET
        else:
            contract_id = self.contract_id

        courier_id: None | str | Unset
        if isinstance(self.courier_id, Unset):
            courier_id = UNSET
        else:
            courier_id = self.courier_id

        driver_id: None | str | Unset
        if isinstance(self.driver_id, Unset):
            driver_id = UNSET
        else:
            driver_id = self.driver_id

        marketplace_id: None | str | Unset
        if isinstance(self.marketplace_id, Unset):
            marketplace_id = UNSET
        else:
            marketplace_id = self.marketplace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from": from_,
                "granularity": granularity,
                "overall": overall,
                "periods": periods,
                "to": to,
            }
        )
        if contract_id is not UNSET:
            field_dict["contract_id"] = contract_id
        if courier_id is not UNSET:
            field_dict["courier_id"] = courier_id
        if driver_id is not UNSET:
            field_dict["driver_id"] = driver_id
        if marketplace_id is not UNSET:
            field_dict["marketplace_id"] = marketplace_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kpi_set import KpiSet
        from ..models.period_kpis import PeriodKpis

        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        granularity = Granularity(d.pop("granularity"))

        overall = KpiSet.from_dict(d.pop("overall"))

        periods = []
        _periods = d.pop("periods")
        for periods_item_data in _periods:
            periods_item = PeriodKpis.from_dict(periods_item_data)

            periods.append(periods_item)

        to = datetime.date.fromisoformat(d.pop("to"))

        def _parse_contract_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contract_id = _parse_contract_id(d.pop("contract_id", UNSET))

        def _parse_courier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        courier_id = _parse_courier_id(d.pop("courier_id", UNSET))

        def _parse_driver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        driver_id = _parse_driver_id(d.pop("driver_id", UNSET))

        def _parse_marketplace_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        marketplace_id = _parse_marketplace_id(d.pop("marketplace_id", UNSET))

        kpi_report = cls(
            from_=from_,
            granularity=granularity,
            overall=overall,
            periods=periods,
            to=to,
            contract_id=contract_id,
            courier_id=courier_id,
            driver_id=driver_id,
            marketplace_id=marketplace_id,
        )

        kpi_report.additional_properties = d
        return kpi_report

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
