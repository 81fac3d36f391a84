from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.parcel import Parcel
    from ..models.preferences import Preferences
    from ..models.recipient_input import RecipientInput
    from ..models.window import Window


T = TypeVar("T", bound="CreateShipment")


@_attrs_define
class CreateShipment:
    """
    Attributes:
        recipient (RecipientInput):
        reference (str): The marketplace's own reference, unique per marketplace (1–100 characters). Example:
            ORDER-2026-0042.
        window (Window):
        courier_id (None | str | Unset): Needs an active contract with this courier.
        language (None | str | Unset): The language the customer's messages are written in: `en` or `fr`. Absent: the
            courier contract's, else `en`. Example: fr.
        parcel (Parcel | Unset):
        preferences (Preferences | Unset):
        supplier_id (None | str | Unset): Needs an active contract with this supplier.
        time_zone (None | str | Unset): The IANA time zone the customer reads times in, e.g. `Europe/Paris`. Absent: the
            courier contract's, else the marketplace's default, else UTC. Times in JSON stay UTC. Example: Europe/Paris.
    """

    recipient: RecipientInput
    reference: str
    window: Window
    courier_id: None | str | Unset = UNSET
    language: None | str | Unset = UNSET
    parcel: Parcel | Unset = UNSET
    preferences: Preferences | Unset = UNSET
    supplier_id: None | str | Unset = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        recipient = self.recipient.to_dict()

        reference = self.reference

        window = self.window.to_dict()

        courier_id: None | str | Unset
        if isinstance(self.courier_id, Unset):
            courier_id = UNSET
        else:
            courier_id = self.courier_id

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        parcel: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parcel, Unset):
            parcel = self.parcel.to_dict()

        preferences: dict[str, Any] | Unset = UNSET
        if not isinstance(self.preferences, Unset):
            preferences = self.preferences.to_dict()

        supplier_id: None | str | Unset
        if isinstance(self.supplier_id, Unset):
            supplier_id = UNSET
        else:
            supplier_id = self.supplier_id

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "recipient": recipient,
                "reference": reference,
                "window": window,
            }
        )
        if courier_id is not UNSET:
            field_dict["courier_id"] = courier_id
        if language is not UNSET:
            field_dict["language"] = language
        if parcel is not UNSET:
            field_dict["parcel"] = parcel
        if preferences is not UNSET:
            field_dict["preferences"] = preferences
        if supplier_id is not UNSET:
            field_dict["supplier_id"] = supplier_id
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.parcel import Parcel
        from ..models.preferences import Preferences
        from ..models.recipient_input import RecipientInput
        from ..models.window import Window

        d = dict(src_dict)
        recipient = RecipientInput.from_dict(d.pop("recipient"))

        reference = d.pop("reference")

        window = Window.from_dict(d.pop("window"))

        def _parse_courier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        courier_id = _parse_courier_id(d.pop("courier_id", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        _parcel = d.pop("parcel", UNSET)
        parcel: Parcel | Unset
        if isinstance(_parcel, Unset):
            parcel = UNSET
        else:
            parcel = Parcel.from_dict(_parcel)

        _preferences = d.pop("preferences", UNSET)
        preferences: Preferences | Unset
        if isinstance(_preferences, Unset):
            preferences = UNSET
        else:
            preferences = Preferences.from_dict(_preferences)

        def _parse_supplier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        supplier_id = _parse_supplier_id(d.pop("supplier_id", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        create_shipment = cls(
            recipient=recipient,
            reference=reference,
            window=window,
            courier_id=courier_id,
            language=language,
            parcel=parcel,
            preferences=preferences,
            supplier_id=supplier_id,
            time_zone=time_zone,
        )

        return create_shipment
