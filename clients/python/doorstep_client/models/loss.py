from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.break_ import Break
    from ..models.custodian import Custodian


T = TypeVar("T", bound="Loss")


@_attrs_define
class Loss:
    """Where the chain broke, recorded on the shipment when it is declared lost (`loss`).

    Attributes:
        charged_to_org_id (str): Whose lost rate counts it: the party that held custody — the giver of a hand-off that
            was never accepted (the book: integrators/shipments.md, "Loss in transit").
        declared_at (datetime.datetime):
        last_confirmed (Custodian): Who last confirmed holding the parcel, and since when.
        declared_by_org_id (None | str | Unset): The org of whoever declared it (none for a platform admin).
        in_transit (Break | None | Unset):
    """

    charged_to_org_id: str
    declared_at: datetime.datetime
    last_confirmed: Custodian
    declared_by_org_id: None | str | Unset = UNSET
    in_transit: Break | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.break_ import Break

        charged_to_org_id = self.charged_to_org_id

        declared_at = self.declared_at.isoformat()

        last_confirmed = self.last_confirmed.to_dict()

        declared_by_org_id: None | str | Unset
        if isinstance(self.declared_by_org_id, Unset):
            declared_by_org_id = UNSET
        else:
            declared_by_org_id = self.declared_by_org_id

        in_transit: dict[str, Any] | None | Unset
        if isinstance(self.in_transit, Unset):
            in_transit = UNSET
        elif isinstance(self.in_transit, Break):
            in_transit = self.in_transit.to_dict()
        else:
            in_transit = self.in_transit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "charged_to_org_id": charged_to_org_id,
                "declared_at": declared_at,
                "last_confirmed": last_confirmed,
            }
        )
        if declared_by_org_id is not UNSET:
            field_dict["declared_by_org_id"] = declared_by_org_id
        if in_transit is not UNSET:
            field_dict["in_transit"] = in_transit

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.break_ import Break
        from ..models.custodian import Custodian

        d = dict(src_dict)
        charged_to_org_id = d.pop("charged_to_org_id")

        declared_at = datetime.datetime.fromisoformat(d.pop("declared_at"))

        last_confirmed = Custodian.from_dict(d.pop("last_confirmed"))

        def _parse_declared_by_org_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        declared_by_org_id = _parse_declared_by_org_id(
            d.pop("declared_by_org_id", UNSET)
        )

        def _parse_in_transit(data: object) -> Break | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                in_transit_type_0 = Break.from_dict(data)

                return in_transit_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Break | None | Unset, data)

        in_transit = _parse_in_transit(d.pop("in_transit", UNSET))

        loss = cls(
            charged_to_org_id=charged_to_org_id,
            declared_at=declared_at,
            last_confirmed=last_confirmed,
            declared_by_org_id=declared_by_org_id,
            in_transit=in_transit,
        )

        loss.additional_properties = d
        return loss

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
