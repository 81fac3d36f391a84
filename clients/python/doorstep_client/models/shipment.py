from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.holder import Holder
from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.handoff import Handoff
    from ..models.live_estimate import LiveEstimate
    from ..models.loss import Loss
    from ..models.parcel import Parcel
    from ..models.preferences import Preferences
    from ..models.recipient_view import RecipientView
    from ..models.redelivery import Redelivery
    from ..models.tracking import Tracking
    from ..models.window import Window


T = TypeVar("T", bound="Shipment")


@_attrs_define
class Shipment:
    """
    Attributes:
        contact_erased (bool): Contact fields were erased after the retention period.
        country (str): The delivery country (kept after contact data is erased).
        created_at (datetime.datetime):
        id (str):  Example: shp_01jd2v3k4m5n6p7q8r9s0t1u2v.
        language (str): The language of the customer's messages (`en`, `fr`). Example: fr.
        marketplace_id (str):
        next_statuses (list[Status]): States this shipment may move to next (`lost` from `created` or `at_supplier` only
            while a hand-off waits for its receiver, shown on a single shipment).
        parcel (Parcel):
        preferences (Preferences):
        reference (str):
        status (Status):
        time_zone (str): The IANA time zone its times are shown in to the customer (JSON times stay UTC). Example:
            Europe/Paris.
        updated_at (datetime.datetime):
        window (Window):
        courier_id (None | str | Unset):
        driver_id (None | str | Unset):
        holder (Holder | None | Unset):
        live (LiveEstimate | None | Unset):
        loss (Loss | None | Unset):
        pending_handoff (Handoff | None | Unset):
        recipient (None | RecipientView | Unset):
        redelivery (None | Redelivery | Unset):
        supplier_id (None | str | Unset):
        tracking (None | Tracking | Unset):
    """

    contact_erased: bool
    country: str
    created_at: datetime.datetime
    id: str
    language: str
    marketplace_id: str
    next_statuses: list[Status]
    parcel: Parcel
    preferences: Preferences
    reference: str
    status: Status
    time_zone: str
    updated_at: datetime.datetime
    window: Window
    courier_id: None | str | Unset = UNSET
    driver_id: None | str | Unset = UNSET
    holder: Holder | None | Unset = UNSET
    live: LiveEstimate | None | Unset = UNSET
    loss: Loss | None | Unset = UNSET
    pending_handoff: Handoff | None | Unset = UNSET
    recipient: None | RecipientView | Unset = UNSET
    redelivery: None | Redelivery | Unset = UNSET
    supplier_id: None | str | Unset = UNSET
    tracking: None | Tracking | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.handoff import Handoff
        from ..models.live_estimate import LiveEstimate
        from ..models.loss import Loss
        from ..models.recipient_view import RecipientView
        from ..models.redelivery import Redelivery
        from ..models.tracking import Tracking

        contact_erased = self.contact_erased

        country = self.country

        created_at = self.created_at.isoformat()

        id = self.id

        language = self.language

        marketplace_id = self.marketplace_id

        next_statuses = []
        for next_statuses_item_data in self.next_statuses:
            next_statuses_item = next_statuses_item_data.value
            next_statuses.append(next_statuses_item)

        parcel = self.parcel.to_dict()

        preferences = self.preferences.to_dict()

        reference = self.reference

        status = self.status.value

        time_zone = self.time_zone

        updated_at = self.updated_at.isoformat()

        window = self.window.to_dict()

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

        holder: None | str | Unset
        if isinstance(self.holder, Unset):
            holder = UNSET
        elif isinstance(self.holder, Holder):
            holder = self.holder.value
        else:
            holder = self.holder

        live: dict[str, Any] | None | Unset
        if isinstance(self.live, Unset):
            live = UNSET
        elif isinstance(self.live, LiveEstimate):
            live = self.live.to_dict()
        else:
            live = self.live

        loss: dict[str, Any] | None | Unset
        if isinstance(self.loss, Unset):
            loss = UNSET
        elif isinstance(self.loss, Loss):
            loss = self.loss.to_dict()
        else:
            loss = self.loss

        pending_handoff: dict[str, Any] | None | Unset
        if isinstance(self.pending_handoff, Unset):
            pending_handoff = UNSET
        elif isinstance(self.pending_handoff, Handoff):
            pending_handoff = self.pending_handoff.to_dict()
        else:
            pending_handoff = self.pending_handoff

        recipient: dict[str, Any] | None | Unset
        if isinstance(self.recipient, Unset):
            recipient = UNSET
        elif isinstance(self.recipient, RecipientView):
            recipient = self.recipient.to_dict()
        else:
            recipient = self.recipient

        redelivery: dict[str, Any] | None | Unset
        if isinstance(self.redelivery, Unset):
            redelivery = UNSET
        elif isinstance(self.redelivery, Redelivery):
            redelivery = self.redelivery.to_dict()
        else:
            redelivery = self.redelivery

        supplier_id: None | str | Unset
        if isinstance(self.supplier_id, Unset):
            supplier_id = UNSET
        else:
            supplier_id = self.supplier_id

        tracking: dict[str, Any] | None | Unset
        if isinstance(self.tracking, Unset):
            tracking = UNSET
        elif isinstance(self.tracking, Tracking):
            tracking = self.tracking.to_dict()
        else:
            tracking = self.tracking

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_erased": contact_erased,
                "country": country,
                "created_at": created_at,
                "id": id,
                "language": language,
                "marketplace_id": marketplace_id,
                "next_statuses": next_statuses,
                "parcel": parcel,
                "preferences": preferences,
                "reference": reference,
                "status": status,
                "time_zone": time_zone,
                "updated_at": updated_at,
                "window": window,
            }
        )
        if courier_id is not UNSET:
            field_dict["courier_id"] = courier_id
        if driver_id is not UNSET:
            field_dict["driver_id"] = driver_id
        if holder is not UNSET:
            field_dict["holder"] = holder
        if live is not UNSET:
            field_dict["live"] = live
        if loss is not UNSET:
            field_dict["loss"] = loss
        if pending_handoff is not UNSET:
            field_dict["pending_handoff"] = pending_handoff
        if recipient is not UNSET:
            field_dict["recipient"] = recipient
        if redelivery is not UNSET:
            field_dict["redelivery"] = redelivery
        if supplier_id is not UNSET:
            field_dict["supplier_id"] = supplier_id
        if tracking is not UNSET:
            field_dict["tracking"] = tracking

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.handoff import Handoff
        from ..models.live_estimate import LiveEstimate
        from ..models.loss import Loss
        from ..models.parcel import Parcel
        from ..models.preferences import Preferences
        from ..models.recipient_view import RecipientView
        from ..models.redelivery import Redelivery
        from ..models.tracking import Tracking
        from ..models.window import Window

        d = dict(src_dict)
        contact_erased = d.pop("contact_erased")

        country = d.pop("country")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = d.pop("id")

        language = d.pop("language")

        marketplace_id = d.pop("marketplace_id")

        next_statuses = []
        _next_statuses = d.pop("next_statuses")
        for next_statuses_item_data in _next_statuses:
            next_statuses_item = Status(next_statuses_item_data)

            next_statuses.append(next_statuses_item)

        parcel = Parcel.from_dict(d.pop("parcel"))

        preferences = Preferences.from_dict(d.pop("preferences"))

        reference = d.pop("reference")

        status = Status(d.pop("status"))

        time_zone = d.pop("time_zone")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        window = Window.from_dict(d.pop("window"))

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

        def _parse_holder(data: object) -> Holder | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                holder_type_0 = Holder(data)

                return holder_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Holder | None | Unset, data)

        holder = _parse_holder(d.pop("holder", UNSET))

        def _parse_live(data: object) -> LiveEstimate | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                live_type_0 = LiveEstimate.from_dict(data)

                return live_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LiveEstimate | None | Unset, data)

        live = _parse_live(d.pop("live", UNSET))

        def _parse_loss(data: object) -> Loss | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                loss_type_0 = Loss.from_dict(data)

                return loss_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Loss | None | Unset, data)

        loss = _parse_loss(d.pop("loss", UNSET))

        def _parse_pending_handoff(data: object) -> Handoff | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_handoff_type_0 = Handoff.from_dict(data)

                return pending_handoff_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Handoff | None | Unset, data)

        pending_handoff = _parse_pending_handoff(d.pop("pending_handoff", UNSET))

        def _parse_recipient(data: object) -> None | RecipientView | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                recipient_type_0 = RecipientView.from_dict(data)

                return recipient_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RecipientView | Unset, data)

        recipient = _parse_recipient(d.pop("recipient", UNSET))

        def _parse_redelivery(data: object) -> None | Redelivery | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                redelivery_type_0 = Redelivery.from_dict(data)

                return redelivery_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Redelivery | Unset, data)

        redelivery = _parse_redelivery(d.pop("redelivery", UNSET))

        def _parse_supplier_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        supplier_id = _parse_supplier_id(d.pop("supplier_id", UNSET))

        def _parse_tracking(data: object) -> None | Tracking | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tracking_type_0 = Tracking.from_dict(data)

                return tracking_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Tracking | Unset, data)

        tracking = _parse_tracking(d.pop("tracking", UNSET))

        shipment = cls(
            contact_erased=contact_erased,
            country=country,
            created_at=created_at,
            id=id,
            language=language,
            marketplace_id=marketplace_id,
            next_statuses=next_statuses,
            parcel=parcel,
            preferences=preferences,
            reference=reference,
            status=status,
            time_zone=time_zone,
            updated_at=updated_at,
            window=window,
            courier_id=courier_id,
            driver_id=driver_id,
            holder=holder,
            live=live,
            loss=loss,
            pending_handoff=pending_handoff,
            recipient=recipient,
            redelivery=redelivery,
            supplier_id=supplier_id,
            tracking=tracking,
        )

        shipment.additional_properties = d
        return shipment

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
