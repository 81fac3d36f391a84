from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.slot_definition import SlotDefinition


T = TypeVar("T", bound="UpdateContract")


@_attrs_define
class UpdateContract:
    """Change a contract's settings or (de)activate it; absent fields stay as they are. A
    marketplace hands shipments only to partners whose contract is active.

        Attributes:
            active (bool | None | Unset):
            custody_gap_hours (int | None | Unset):
            delivery_slots (list[SlotDefinition] | None | Unset): The delivery slots (see `CreateContract`); `null` clears
                them.
            eta_tolerance_minutes (int | None | Unset): Minutes a driver's ETA may move before the customer is told (0–720).
            geofence_radius_m (int | None | Unset):
            language (None | str | Unset): The language of new shipments' messages (`en`, `fr`); `null` clears it (`en`).
                Example: fr.
            notify_channels (list[str] | None | Unset): The channels customers of new shipments are told on
                (`["email","sms"]`, `[]`: none).
                Shipments keep the channels they were created with, less what their customer switched
                off. Example: ['email'].
            photo_required_unattended (bool | None | Unset):
            pin_above_value_cents (int | None | Unset):
            redelivery_horizon_days (int | None | Unset): Days ahead a re-delivery window may start (1–30).
            retention_days (int | None | Unset):
            time_zone (None | str | Unset): The IANA time zone of new shipments for this courier; `null` clears it (the
                marketplace's default applies). Shipments keep the zone they were created with. Example: Europe/Paris.
    """

    active: bool | None | Unset = UNSET
    custody_gap_hours: int | None | Unset = UNSET
    delivery_slots: list[SlotDefinition] | None | Unset = UNSET
    eta_tolerance_minutes: int | None | Unset = UNSET
    geofence_radius_m: int | None | Unset = UNSET
    language: None | str | Unset = UNSET
    notify_channels: list[str] | None | Unset = UNSET
    photo_required_unattended: bool | None | Unset = UNSET
    pin_above_value_cents: int | None | Unset = UNSET
    redelivery_horizon_days: int | None | Unset = UNSET
    retention_days: int | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        active: bool | None | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        custody_gap_hours: int | None | Unset
        if isinstance(self.custody_gap_hours, Unset):
            custody_gap_hours = UNSET
        else:
            custody_gap_hours = self.custody_gap_hours

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

        eta_tolerance_minutes: int | None | Unset
        if isinstance(self.eta_tolerance_minutes, Unset):
            eta_tolerance_minutes = UNSET
        else:
            eta_tolerance_minutes = self.eta_tolerance_minutes

        geofence_radius_m: int | None | Unset
        if isinstance(self.geofence_radius_m, Unset):
            geofence_radius_m = UNSET
        else:
            geofence_radius_m = self.geofence_radius_m

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        notify_channels: list[str] | None | Unset
        if isinstance(self.notify_channels, Unset):
            notify_channels = UNSET
        elif isinstance(self.notify_channels, list):
            notify_channels = self.notify_channels

        else:
            notify_channels = self.notify_channels

        photo_required_unattended: bool | None | Unset
        if isinstance(self.photo_required_unattended, Unset):
            photo_required_unattended = UNSET
        else:
            photo_required_unattended = self.photo_required_unattended

        pin_above_value_cents: int | None | Unset
        if isinstance(self.pin_above_value_cents, Unset):
            pin_above_value_cents = UNSET
        else:
            pin_above_value_cents = self.pin_above_value_cents

        redelivery_horizon_days: int | None | Unset
        if isinstance(self.redelivery_horizon_days, Unset):
            redelivery_horizon_days = UNSET
        else:
            redelivery_horizon_days = self.redelivery_horizon_days

        retention_days: int | None | Unset
        if isinstance(self.retention_days, Unset):
            retention_days = UNSET
        else:
            retention_days = self.retention_days

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if active is not UNSET:
            field_dict["active"] = active
        if custody_gap_hours is not UNSET:
            field_dict["custody_gap_hours"] = custody_gap_hours
        if delivery_slots is not UNSET:
            field_dict["delivery_slots"] = delivery_slots
        if eta_tolerance_minutes is not UNSET:
            field_dict["eta_tolerance_minutes"] = eta_tolerance_minutes
        if geofence_radius_m is not UNSET:
            field_dict["geofence_radius_m"] = geofence_radius_m
        if language is not UNSET:
            field_dict["language"] = language
        if notify_channels is not UNSET:
            field_dict["notify_channels"] = notify_channels
        if photo_required_unattended is not UNSET:
            field_dict["photo_required_unattended"] = photo_required_unattended
        if pin_above_value_cents is not UNSET:
            field_dict["pin_above_value_cents"] = pin_above_value_cents
        if redelivery_horizon_days is not UNSET:
            field_dict["redelivery_horizon_days"] = redelivery_horizon_days
        if retention_days is not UNSET:
            field_dict["retention_days"] = retention_days
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.slot_definition import SlotDefinition

        d = dict(src_dict)

        def _parse_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

        def _parse_custody_gap_hours(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        custody_gap_hours = _parse_custody_gap_hours(d.pop("custody_gap_hours", UNSET))

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

        def _parse_eta_tolerance_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        eta_tolerance_minutes = _parse_eta_tolerance_minutes(
            d.pop("eta_tolerance_minutes", UNSET)
        )

        def _parse_geofence_radius_m(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        geofence_radius_m = _parse_geofence_radius_m(d.pop("geofence_radius_m", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_notify_channels(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                notify_channels_type_0 = cast(list[str], data)

                return notify_channels_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        notify_channels = _parse_notify_channels(d.pop("notify_channels", UNSET))

        def _parse_photo_required_unattended(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        photo_required_unattended = _parse_photo_required_unattended(
            d.pop("photo_required_unattended", UNSET)
        )

        def _parse_pin_above_value_cents(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pin_above_value_cents = _parse_pin_above_value_cents(
            d.pop("pin_above_value_cents", UNSET)
        )

        def _parse_redelivery_horizon_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redelivery_horizon_days = _parse_redelivery_horizon_days(
            d.pop("redelivery_horizon_days", UNSET)
        )

        def _parse_retention_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        retention_days = _parse_retention_days(d.pop("retention_days", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        update_contract = cls(
            active=active,
            custody_gap_hours=custody_gap_hours,
            delivery_slots=delivery_slots,
            eta_tolerance_minutes=eta_tolerance_minutes,
            geofence_radius_m=geofence_radius_m,
            language=language,
            notify_channels=notify_channels,
            photo_required_unattended=photo_required_unattended,
            pin_above_value_cents=pin_above_value_cents,
            redelivery_horizon_days=redelivery_horizon_days,
            retention_days=retention_days,
            time_zone=time_zone,
        )

        return update_contract
