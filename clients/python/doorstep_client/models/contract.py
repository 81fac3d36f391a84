from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.org_kind import OrgKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.slot_definition import SlotDefinition


T = TypeVar("T", bound="Contract")


@_attrs_define
class Contract:
    """
    Attributes:
        active (bool):
        created_at (datetime.datetime):
        custody_gap_hours (int):
        eta_tolerance_minutes (int): Minutes a driver's ETA may move before the customer is told.
        geofence_radius_m (int):
        id (str):  Example: ctr_01jd2v3k4m5n6p7q8r9s0t1u2v.
        marketplace_id (str):
        notify_channels (list[str]): The channels customers of new shipments are told on. Example: ['email', 'sms'].
        partner_id (str):
        partner_kind (OrgKind):
        photo_required_unattended (bool):
        redelivery_horizon_days (int):
        retention_days (int):
        updated_at (datetime.datetime):
        delivery_slots (list[SlotDefinition] | None | Unset): The delivery slots customers pick a re-delivery from;
            absent: none.
        language (None | str | Unset): The default language of new shipments' messages; absent: `en`.
        pin_above_value_cents (int | None | Unset):
        time_zone (None | str | Unset): The default IANA time zone of new shipments for this courier; absent: the
            marketplace's.
    """

    active: bool
    created_at: datetime.datetime
    custody_gap_hours: int
    eta_tolerance_minutes: int
    geofence_radius_m: int
    id: str
    marketplace_id: str
    notify_channels: list[str]
    partner_id: str
    partner_kind: OrgKind
    photo_required_unattended: bool
    redelivery_horizon_days: int
    retention_days: int
    updated_at: datetime.datetime
    delivery_slots: list[SlotDefinition] | None | Unset = UNSET
    language: None | str | Unset = UNSET
    pin_above_value_cents: int | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        custody_gap_hours = self.custody_gap_hours

        eta_tolerance_minutes = self.eta_tolerance_minutes

        geofence_radius_m = self.geofence_radius_m

        id = self.id

        marketplace_id = self.marketplace_id

        notify_channels = self.notify_channels

        partner_id = self.partner_id

        partner_kind = self.partner_kind.value

        photo_required_unattended = self.photo_required_unattended

        redelivery_horizon_days = self.redelivery_horizon_days

        retention_days = self.retention_days

        updated_at = self.updated_at.isoformat()

        delivery_slots: list[dict[str, Any]] | None | Unset
        if isinstance(self.delivery_slots, Unset):
            delivery_slots = UNSET
        elif isinstance(self.delivery_slots, list):
            delivery_slots = []
            for delivery_slots_type_0_item_data in self.delivery_slots:
                delivery_slots_type_0_item = delivery_slots_type_0_item_data.to_dict()
                delivery_slots.append(delivery_slots_type_0_item)

        else:
            delivery_slots = self.delivery_slots

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        pin_above_value_cents: int | None | Unset
        if isinstance(self.pin_above_value_cents, Unset):
            pin_above_value_cents = UNSET
        else:
            pin_above_value_cents = self.pin_above_value_cents

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "custody_gap_hours": custody_gap_hours,
                "eta_tolerance_minutes": eta_tolerance_minutes,
                "geofence_radius_m": geofence_radius_m,
                "id": id,
                "marketplace_id": marketplace_id,
                "notify_channels": notify_channels,
                "partner_id": partner_id,
                "partner_kind": partner_kind,
                "photo_required_unattended": photo_required_unattended,
                "redelivery_horizon_days": redelivery_horizon_days,
                "retention_days": retention_days,
                "updated_at": updated_at,
            }
        )
        if delivery_slots is not UNSET:
            field_dict["delivery_slots"] = delivery_slots
        if language is not UNSET:
            field_dict["language"] = language
        if pin_above_value_cents is not UNSET:
            field_dict["pin_above_value_cents"] = pin_above_value_cents
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.slot_definition import SlotDefinition

        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custody_gap_hours = d.pop("custody_gap_hours")

        eta_tolerance_minutes = d.pop("eta_tolerance_minutes")

        geofence_radius_m = d.pop("geofence_radius_m")

        id = d.pop("id")

        marketplace_id = d.pop("marketplace_id")

        notify_channels = cast(list[str], d.pop("notify_channels"))

        partner_id = d.pop("partner_id")

        partner_kind = OrgKind(d.pop("partner_kind"))

        photo_required_unattended = d.pop("photo_required_unattended")

        redelivery_horizon_days = d.pop("redelivery_horizon_days")

        retention_days = d.pop("retention_days")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_delivery_slots(data: object) -> list[SlotDefinition] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                delivery_slots_type_0 = []
                _delivery_slots_type_0 = data
                for delivery_slots_type_0_item_data in _delivery_slots_type_0:
                    delivery_slots_type_0_item = SlotDefinition.from_dict(
                        delivery_slots_type_0_item_data
                    )

                    delivery_slots_type_0.append(delivery_slots_type_0_item)

                return delivery_slots_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[SlotDefinition] | None | Unset, data)

        delivery_slots = _parse_delivery_slots(d.pop("delivery_slots", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_pin_above_value_cents(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pin_above_value_cents = _parse_pin_above_value_cents(
            d.pop("pin_above_value_cents", UNSET)
        )

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        contract = cls(
            active=active,
            created_at=created_at,
            custody_gap_hours=custody_gap_hours,
            eta_tolerance_minutes=eta_tolerance_minutes,
            geofence_radius_m=geofence_radius_m,
            id=id,
            marketplace_id=marketplace_id,
            notify_channels=notify_channels,
            partner_id=partner_id,
            partner_kind=partner_kind,
            photo_required_unattended=photo_required_unattended,
            redelivery_horizon_days=redelivery_horizon_days,
            retention_days=retention_days,
            updated_at=updated_at,
            delivery_slots=delivery_slots,
            language=language,
            pin_above_value_cents=pin_above_value_cents,
            time_zone=time_zone,
        )

        contract.additional_properties = d
        return contract

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
