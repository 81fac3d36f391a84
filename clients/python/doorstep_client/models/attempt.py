from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.failure_reason import FailureReason
from ..models.outcome import Outcome
from ..models.placement import Placement
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flag_view import FlagView
    from ..models.gps_view import GpsView
    from ..models.photo import Photo


T = TypeVar("T", bound="Attempt")


@_attrs_define
class Attempt:
    """A delivery attempt with the server's verdict.

    Attributes:
        flags (list[FlagView]):
        id (str):  Example: att_01jd2v3k4m5n6p7q8r9s0t1u2v.
        occurred_at (datetime.datetime):
        outcome (Outcome):
        photos (list[Photo]):
        pin_verified (bool):
        received_at (datetime.datetime):
        shipment_id (str):
        verified (bool): No flags: every check passed.
        distance_m (float | None | Unset): Metres from the recipient's coordinates.
        driver_id (None | str | Unset):
        failure_reason (FailureReason | None | Unset):
        gps (GpsView | None | Unset):
        intercom_note (None | str | Unset):
        placement (None | Placement | Unset):
        recipient_name (None | str | Unset):
    """

    flags: list[FlagView]
    id: str
    occurred_at: datetime.datetime
    outcome: Outcome
    photos: list[Photo]
    pin_verified: bool
    received_at: datetime.datetime
    shipment_id: str
    verified: bool
    distance_m: float | None | Unset = UNSET
    driver_id: None | str | Unset = UNSET
    failure_reason: FailureReason | None | Unset = UNSET
    gps: GpsView | None | Unset = UNSET
    intercom_note: None | str | Unset = UNSET
    placement: None | Placement | Unset = UNSET
    recipient_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.gps_view import GpsView

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.to_dict()
            flags.append(flags_item)

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        photos = []
        for photos_item_data in self.photos:
            photos_item = photos_item_data.to_dict()
            photos.append(photos_item)

        pin_verified = self.pin_verified

        received_at = self.received_at.isoformat()

        shipment_id = self.shipment_id

        verified = self.verified

        distance_m: float | None | Unset
        if isinstance(self.distance_m, Unset):
            distance_m = UNSET
        else:
            distance_m = self.distance_m

        driver_id: None | str | Unset
        if isinstance(self.driver_id, Unset):
            driver_id = UNSET
        else:
            driver_id = self.driver_id

        failure_reason: None | str | Unset
        if isinstance(self.failure_reason, Unset):
            failure_reason = UNSET
        elif isinstance(self.failure_reason, FailureReason):
            failure_reason = self.failure_reason.value
        else:
            failure_reason = self.failure_reason

        gps: dict[str, Any] | None | Unset
        if isinstance(self.gps, Unset):
            gps = UNSET
        elif isinstance(self.gps, GpsView):
            gps = self.gps.to_dict()
        else:
            gps = self.gps

        intercom_note: None | str | Unset
        if isinstance(self.intercom_note, Unset):
            intercom_note = UNSET
        else:
            intercom_note = self.intercom_note

        placement: None | str | Unset
        if isinstance(self.placement, Unset):
            placement = UNSET
        elif isinstance(self.placement, Placement):
            placement = self.placement.value
        else:
            placement = self.placement

        recipient_name: None | str | Unset
        if isinstance(self.recipient_name, Unset):
            recipient_name = UNSET
        else:
            recipient_name = self.recipient_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "flags": flags,
                "id": id,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "photos": photos,
                "pin_verified": pin_verified,
                "received_at": received_at,
                "shipment_id": shipment_id,
                "verified": verified,
            }
        )
        if distance_m is not UNSET:
            field_dict["distance_m"] = distance_m
        if driver_id is not UNSET:
            field_dict["driver_id"] = driver_id
        if failure_reason is not UNSET:
            field_dict["failure_reason"] = failure_reason
        if gps is not UNSET:
            field_dict["gps"] = gps
        if intercom_note is not UNSET:
            field_dict["intercom_note"] = intercom_note
        if placement is not UNSET:
            field_dict["placement"] = placement
        if recipient_name is not UNSET:
            field_dict["recipient_name"] = recipient_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.flag_view import FlagView
        from ..models.gps_view import GpsView
        from ..models.photo import Photo

        d = dict(src_dict)
        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = FlagView.from_dict(flags_item_data)

            flags.append(flags_item)

        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = Outcome(d.pop("outcome"))

        photos = []
        _photos = d.pop("photos")
        for photos_item_data in _photos:
            photos_item = Photo.from_dict(photos_item_data)

            photos.append(photos_item)

        pin_verified = d.pop("pin_verified")

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        shipment_id = d.pop("shipment_id")

        verified = d.pop("verified")

        def _parse_distance_m(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        distance_m = _parse_distance_m(d.pop("distance_m", UNSET))

        def _parse_driver_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        driver_id = _parse_driver_id(d.pop("driver_id", UNSET))

        def _parse_failure_reason(data: object) -> FailureReason | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failure_reason_type_0 = FailureReason(data)

                return failure_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FailureReason | None | Unset, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason", UNSET))

        def _parse_gps(data: object) -> GpsView | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                gps_type_0 = GpsView.from_dict(data)

                return gps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GpsView | None | Unset, data)

        gps = _parse_gps(d.pop("gps", UNSET))

        def _parse_intercom_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        intercom_note = _parse_intercom_note(d.pop("intercom_note", UNSET))

        def _parse_placement(data: object) -> None | Placement | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                placement_type_0 = Placement(data)

                return placement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Placement | Unset, data)

        placement = _parse_placement(d.pop("placement", UNSET))

        def _parse_recipient_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        recipient_name = _parse_recipient_name(d.pop("recipient_name", UNSET))

        attempt = cls(
            flags=flags,
            id=id,
            occurred_at=occurred_at,
            outcome=outcome,
            photos=photos,
            pin_verified=pin_verified,
            received_at=received_at,
            shipment_id=shipment_id,
            verified=verified,
            distance_m=distance_m,
            driver_id=driver_id,
            failure_reason=failure_reason,
            gps=gps,
            intercom_note=intercom_note,
            placement=placement,
            recipient_name=recipient_name,
        )

        attempt.additional_properties = d
        return attempt

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
