from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kpi_value import KpiValue
    from ..models.stars_count import StarsCount
    from ..models.tag_total import TagTotal


T = TypeVar("T", bound="DriverScore")


@_attrs_define
class DriverScore:
    """
    Attributes:
        kpis (list[KpiValue]):
        late_excused (int): Late deliveries not counted against the courier: it received the parcel late.
        ratings_distribution (list[StarsCount]): Counted ratings per star, 5 first.
        ratings_excluded (int): Ratings counted for nobody (harsh raters).
        ratings_reattributed (int): Low ratings counted against the party that handed the parcel over instead.
        tags (list[TagTotal]): Tags of counted ratings, most frequent first.
        targets_met (int):
        targets_missed (int):
        driver_id (str):
        name (str):
    """

    kpis: list[KpiValue]
    late_excused: int
    ratings_distribution: list[StarsCount]
    ratings_excluded: int
    ratings_reattributed: int
    tags: list[TagTotal]
    targets_met: int
    targets_missed: int
    driver_id: str
    name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kpis = []
        for kpis_item_data in self.kpis:
            kpis_item = kpis_item_data.to_dict()
            kpis.append(kpis_item)

        late_excused = self.late_excused

        ratings_distribution = []
        for ratings_distribution_item_data in self.ratings_distribution:
            ratings_distribution_item = ratings_distribution_item_data.to_dict()
            ratings_distribution.append(ratings_distribution_item)

        ratings_excluded = self.ratings_excluded

        ratings_reattributed = self.ratings_reattributed

        tags = []
        for tags_item_data in self.tags:
            tags_item = tags_item_data.to_dict()
            tags.append(tags_item)

        targets_met = self.targets_met

        targets_missed = self.targets_missed

        driver_id = self.driver_id

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kpis": kpis,
                "late_excused": late_excused,
                "ratings_distribution": ratings_distribution,
                "ratings_excluded": ratings_excluded,
                "ratings_reattributed": ratings_reattributed,
                "tags": tags,
                "targets_met": targets_met,
                "targets_missed": targets_missed,
                "driver_id": driver_id,
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.kpi_value import KpiValue
        from ..models.stars_count import StarsCount
        from ..models.tag_total import TagTotal

        d = dict(src_dict)
        kpis = []
        _kpis = d.pop("kpis")
        for kpis_item_data in _kpis:
            kpis_item = KpiValue.from_dict(kpis_item_data)

            kpis.append(kpis_item)

        late_excused = d.pop("late_excused")

        ratings_distribution = []
        _ratings_distribution = d.pop("ratings_distribution")
        for ratings_distribution_item_data in _ratings_distribution:
            ratings_distribution_item = StarsCount.from_dict(
                ratings_distribution_item_data
            )

            ratings_distribution.append(ratings_distribution_item)

        ratings_excluded = d.pop("ratings_excluded")

        ratings_reattributed = d.pop("ratings_reattributed")

        tags = []
        _tags = d.pop("tags")
        for tags_item_data in _tags:
            tags_item = TagTotal.from_dict(tags_item_data)

            tags.append(tags_item)

        targets_met = d.pop("targets_met")

        targets_missed = d.pop("targets_missed")

        driver_id = d.pop("driver_id")

        name = d.pop("name")

        driver_score = cls(
            kpis=kpis,
            late_excused=late_excused,
            ratings_distribution=ratings_distribution,
            ratings_excluded=ratings_excluded,
            ratings_reattributed=ratings_reattributed,
            tags=tags,
            targets_met=targets_met,
            targets_missed=targets_missed,
            driver_id=driver_id,
            name=name,
        )

        driver_score.additional_properties = d
        return driver_score

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
