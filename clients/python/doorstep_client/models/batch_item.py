from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.problem import Problem
    from ..models.shipment import Shipment


T = TypeVar("T", bound="BatchItem")


@_attrs_define
class BatchItem:
    """The outcome of one item, at its index in the request.

    Attributes:
        index (int):
        status (int): 201 created (with its tracking link, shown once), 200 the existing shipment with this
            reference and the same body, or the problem's status (409 the reference is taken by
            another body, 422 invalid).
        problem (None | Problem | Unset):
        shipment (None | Shipment | Unset):
    """

    index: int
    status: int
    problem: None | Problem | Unset = UNSET
    shipment: None | Shipment | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.problem import Problem
        from ..models.shipment import Shipment

        index = self.index

        status = self.status

        problem: dict[str, Any] | None | Unset
        if isinstance(self.problem, Unset):
            problem = UNSET
        elif isinstance(self.problem, Problem):
            problem = self.problem.to_dict()
        else:
            problem = self.problem

        shipment: dict[str, Any] | None | Unset
        if isinstance(self.shipment, Unset):
            shipment = UNSET
        elif isinstance(self.shipment, Shipment):
            shipment = self.shipment.to_dict()
        else:
            shipment = self.shipment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "status": status,
            }
        )
        if problem is not UNSET:
            field_dict["problem"] = problem
        if shipment is not UNSET:
            field_dict["shipment"] = shipment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.problem import Problem
        from ..models.shipment import Shipment

        d = dict(src_dict)
        index = d.pop("index")

        status = d.pop("status")

        def _parse_problem(data: object) -> None | Problem | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                problem_type_0 = Problem.from_dict(data)

                return problem_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Problem | Unset, data)

        problem = _parse_problem(d.pop("problem", UNSET))

        def _parse_shipment(data: object) -> None | Shipment | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                shipment_type_0 = Shipment.from_dict(data)

                return shipment_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Shipment | Unset, data)

        shipment = _parse_shipment(d.pop("shipment", UNSET))

        batch_item = cls(
            index=index,
            status=status,
            problem=problem,
            shipment=shipment,
        )

        batch_item.additional_properties = d
        return batch_item

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
