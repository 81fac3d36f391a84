from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.dispute_status import DisputeStatus
from ..models.reason import Reason
from ..models.remedy import Remedy
from ..models.resolution import Resolution
from ..types import UNSET, Unset

T = TypeVar("T", bound="Dispute")


@_attrs_define
class Dispute:
    """
    Attributes:
        created_at (datetime.datetime):
        id (str):  Example: dsp_01jd2v3k4m5n6p7q8r9s0t1u2v.
        reason (Reason):
        shipment_id (str):
        status (DisputeStatus): Where a dispute stands: the courier answers an open one, the marketplace resolves it.
        attempt_id (None | str | Unset):
        comment (None | str | Unset):
        courier_response (None | str | Unset):
        remedy (None | Remedy | Unset):
        resolution (None | Resolution | Unset):
        resolution_note (None | str | Unset):
        resolved_at (datetime.datetime | None | Unset):
        responded_at (datetime.datetime | None | Unset):
    """

    created_at: datetime.datetime
    id: str
    reason: Reason
    shipment_id: str
    status: DisputeStatus
    attempt_id: None | str | Unset = UNSET
    comment: None | str | Unset = UNSET
    courier_response: None | str | Unset = UNSET
    remedy: None | Remedy | Unset = UNSET
    resolution: None | Resolution | Unset = UNSET
    resolution_note: None | str | Unset = UNSET
    resolved_at: datetime.datetime | None | Unset = UNSET
    responded_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        id = self.id

        reason = self.reason.value

        shipment_id = self.shipment_id

        status = self.status.value

        attempt_id: None | str | Unset
        if isinstance(self.attempt_id, Unset):
            attempt_id = UNSET
        else:
            attempt_id = self.attempt_id

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        courier_response: None | str | Unset
        if isinstance(self.courier_response, Unset):
            courier_response = UNSET
        else:
            courier_response = self.courier_response

        remedy: None | str | Unset
        if isinstance(self.remedy, Unset):
            remedy = UNSET
        elif isinstance(self.remedy, Remedy):
            remedy = self.remedy.value
        else:
            remedy = self.remedy

        resolution: None | str | Unset
        if isinstance(self.resolution, Unset):
            resolution = UNSET
        elif isinstance(self.resolution, Resolution):
            resolution = self.resolution.value
        else:
            resolution = self.resolution

        resolution_note: None | str | Unset
        if isinstance(self.resolution_note, Unset):
            resolution_note = UNSET
        else:
            resolution_note = self.resolution_note

        resolved_at: None | str | Unset
        if isinstance(self.resolved_at, Unset):
            resolved_at = UNSET
        elif isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        responded_at: None | str | Unset
        if isinstance(self.responded_at, Unset):
            responded_at = UNSET
        elif isinstance(self.responded_at, datetime.datetime):
            responded_at = self.responded_at.isoformat()
        else:
            responded_at = self.responded_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "id": id,
                "reason": reason,
                "shipment_id": shipment_id,
                "status": status,
            }
        )
        if attempt_id is not UNSET:
            field_dict["attempt_id"] = attempt_id
        if comment is not UNSET:
            field_dict["comment"] = comment
        if courier_response is not UNSET:
            field_dict["courier_response"] = courier_response
        if remedy is not UNSET:
            field_dict["remedy"] = remedy
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if resolution_note is not UNSET:
            field_dict["resolution_note"] = resolution_note
        if resolved_at is not UNSET:
            field_dict["resolved_at"] = resolved_at
        if responded_at is not UNSET:
            field_dict["responded_at"] = responded_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        reason = Reason(d.pop("reason"))

        shipment_id = d.pop("shipment_id")

        status = DisputeStatus(d.pop("status"))

        def _parse_attempt_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attempt_id = _parse_attempt_id(d.pop("attempt_id", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        def _parse_courier_response(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        courier_response = _parse_courier_response(d.pop("courier_response", UNSET))

        def _parse_remedy(data: object) -> None | Remedy | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remedy_type_0 = Remedy(data)

                return remedy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Remedy | Unset, data)

        remedy = _parse_remedy(d.pop("remedy", UNSET))

        def _parse_resolution(data: object) -> None | Resolution | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolution_type_0 = Resolution(data)

                return resolution_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Resolution | Unset, data)

        resolution = _parse_resolution(d.pop("resolution", UNSET))

        def _parse_resolution_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        resolution_note = _parse_resolution_note(d.pop("resolution_note", UNSET))

        def _parse_resolved_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at", UNSET))

        def _parse_responded_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                responded_at_type_0 = datetime.datetime.fromisoformat(data)

                return responded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        responded_at = _parse_responded_at(d.pop("responded_at", UNSET))

        dispute = cls(
            created_at=created_at,
            id=id,
            reason=reason,
            shipment_id=shipment_id,
            status=status,
            attempt_id=attempt_id,
            comment=comment,
            courier_response=courier_response,
            remedy=remedy,
            resolution=resolution,
            resolution_note=resolution_note,
            resolved_at=resolved_at,
            responded_at=responded_at,
        )

        dispute.additional_properties = d
        return dispute

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
