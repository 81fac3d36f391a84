from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt import Attempt
    from ..models.customer_rating import CustomerRating
    from ..models.dispute import Dispute
    from ..models.last_confirmed import LastConfirmed
    from ..models.link_handover import LinkHandover
    from ..models.link_loss import LinkLoss
    from ..models.live_estimate import LiveEstimate
    from ..models.notification_channels import NotificationChannels
    from ..models.preferences import Preferences
    from ..models.recipient_view import RecipientView
    from ..models.redelivery import Redelivery
    from ..models.timeline_entry import TimelineEntry
    from ..models.window import Window
    from ..models.window_choice import WindowChoice


T = TypeVar("T", bound="TrackingView")


@_attrs_define
class TrackingView:
    """
    Attributes:
        attempts (list[Attempt]): Delivery attempts with their verdict (flags in plain words) and photos.
        can_choose_redelivery (bool): After a failed attempt the parcel waits for a new visit: the customer may choose
            its
            window (`POST …/redelivery`) or accept the courier's proposal (`…/redelivery/accept`).
        can_rate (bool): A rating can be given (or changed) now: after an attempt, for 30 days; changes for 7.
        can_reschedule (bool): A new window can be chosen until the parcel is out for delivery.
        can_update_contact (bool): Contact data and preferences can be changed until the parcel is delivered.
        disputes (list[Dispute]):
        early_consent (bool): The customer accepted delivery before a firm window.
        marketplace_name (str):
        preferences (Preferences):
        redelivery_horizon_days (int): A re-delivery window may start at most this many days ahead (the courier's
            contract).
        reference (str): The marketplace's order reference.
        status (Status):
        time_zone (str): The IANA time zone the page shows times in; times in JSON stay UTC. Example: Europe/Paris.
        timeline (list[TimelineEntry]):
        window (Window):
        courier_name (None | str | Unset): The carrier, once it accepted the parcel.
        driver_first_name (None | str | Unset):
        driver_rating (float | None | Unset): The driver's rating (mean of their latest 500 counted ratings). Example:
            4.87.
        eta (datetime.datetime | None | Unset): The driver's latest "arriving around".
        handover (LinkHandover | None | Unset):
        handover_pin (None | str | Unset): Read it to the driver at handover. Absent once delivered, or locked after
            wrong tries.
        last_confirmed (LastConfirmed | None | Unset):
        live (LiveEstimate | None | Unset):
        loss (LinkLoss | None | Unset):
        notifications (None | NotificationChannels | Unset):
        rating (CustomerRating | None | Unset):
        recipient (None | RecipientView | Unset):
        redelivery (None | Redelivery | Unset):
        slots (list[WindowChoice] | None | Unset): When the courier offers delivery slots and the window may be changed
            (a re-delivery
            after a failed attempt, or a reschedule before the parcel goes out): the slots with a
            free place, in order, from the courier's notice to its re-delivery horizon. Choose one
            by posting it as the window (`…/redelivery` or `…/reschedule`). Absent: type a window.
    """

    attempts: list[Attempt]
    can_choose_redelivery: bool
    can_rate: bool
    can_reschedule: bool
    can_update_contact: bool
    disputes: list[Dispute]
    early_consent: bool
    marketplace_name: str
    preferences: Preferences
    redelivery_horizon_days: int
    reference: str
    status: Status
    time_zone: str
    timeline: list[TimelineEntry]
    window: Window
    courier_name: None | str | Unset = UNSET
    driver_first_name: None | str | Unset = UNSET
    driver_rating: float | None | Unset = UNSET
    eta: datetime.datetime | None | Unset = UNSET
    handover: LinkHandover | None | Unset = UNSET
    handover_pin: None | str | Unset = UNSET
    last_confirmed: LastConfirmed | None | Unset = UNSET
    live: LiveEstimate | None | Unset = UNSET
    loss: LinkLoss | None | Unset = UNSET
    notifications: None | NotificationChannels | Unset = UNSET
    rating: CustomerRating | None | Unset = UNSET
    recipient: None | RecipientView | Unset = UNSET
    redelivery: None | Redelivery | Unset = UNSET
    slots: list[WindowChoice] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.customer_rating import CustomerRating
        from ..models.last_confirmed import LastConfirmed
        from ..models.link_handover import LinkHandover
        from ..models.link_loss import LinkLoss
        from ..models.live_estimate import LiveEstimate
        from ..models.notification_channels import NotificationChannels
        from ..models.recipient_view import RecipientView
        from ..models.redelivery import Redelivery

        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        can_choose_redelivery = self.can_choose_redelivery

        can_rate = self.can_rate

        can_reschedule = self.can_reschedule

        can_update_contact = self.can_update_contact

        disputes = []
        for disputes_item_data in self.disputes:
            disputes_item = disputes_item_data.to_dict()
            disputes.append(disputes_item)

        early_consent = self.early_consent

        marketplace_name = self.marketplace_name

        preferences = self.preferences.to_dict()

        redelivery_horizon_days = self.redelivery_horizon_days

        reference = self.reference

        status = self.status.value

        time_zone = self.time_zone

        timeline = []
        for timeline_item_data in self.timeline:
            timeline_item = timeline_item_data.to_dict()
            timeline.append(timeline_item)

        window = self.window.to_dict()

        courier_name: None | str | Unset
        if isinstance(self.courier_name, Unset):
            courier_name = UNSET
        else:
            courier_name = self.courier_name

        driver_first_name: None | str | Unset
        if isinstance(self.driver_first_name, Unset):
            driver_first_name = UNSET
        else:
            driver_first_name = self.driver_first_name

        driver_rating: float | None | Unset
        if isinstance(self.driver_rating, Unset):
            driver_rating = UNSET
        else:
            driver_rating = self.driver_rating

        eta: None | str | Unset
        if isinstance(self.eta, Unset):
            eta = UNSET
        elif isinstance(self.eta, datetime.datetime):
            eta = self.eta.isoformat()
        else:
            eta = self.eta

        handover: dict[str, Any] | None | Unset
        if isinstance(self.handover, Unset):
            handover = UNSET
        elif isinstance(self.handover, LinkHandover):
            handover = self.handover.to_dict()
        else:
            handover = self.handover

        handover_pin: None | str | Unset
        if isinstance(self.handover_pin, Unset):
            handover_pin = UNSET
        else:
            handover_pin = self.handover_pin

        last_confirmed: dict[str, Any] | None | Unset
        if isinstance(self.last_confirmed, Unset):
            last_confirmed = UNSET
        elif isinstance(self.last_confirmed, LastConfirmed):
            last_confirmed = self.last_confirmed.to_dict()
        else:
            last_confirmed = self.last_confirmed

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
        elif isinstance(self.loss, LinkLoss):
            loss = self.loss.to_dict()
        else:
            loss = self.loss

        notifications: dict[str, Any] | None | Unset
        if isinstance(self.notifications, Unset):
            notifications = UNSET
        elif isinstance(self.notifications, NotificationChannels):
            notifications = self.notifications.to_dict()
        else:
            notifications = self.notifications

        rating: dict[str, Any] | None | Unset
        if isinstance(self.rating, Unset):
            rating = UNSET
        elif isinstance(self.rating, CustomerRating):
            rating = self.rating.to_dict()
        else:
            rating = self.rating

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

        slots: list[dict[str, Any]] | None | Unset
        if isinstance(self.slots, Unset):
            slots = UNSET
        elif isinstance(self.slots, list):
            slots = []
            for slots_type_0_item_data in self.slots:
                slots_type_0_item = slots_type_0_item_data.to_dict()
                slots.append(slots_type_0_item)

        else:
            slots = self.slots

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "can_choose_redelivery": can_choose_redelivery,
                "can_rate": can_rate,
                "can_reschedule": can_reschedule,
                "can_update_contact": can_update_contact,
                "disputes": disputes,
                "early_consent": early_consent,
                "marketplace_name": marketplace_name,
                "preferences": preferences,
                "redelivery_horizon_days": redelivery_horizon_days,
                "reference": reference,
                "status": status,
                "time_zone": time_zone,
                "timeline": timeline,
                "window": window,
            }
        )
        if courier_name is not UNSET:
            field_dict["courier_name"] = courier_name
        if driver_first_name is not UNSET:
            field_dict["driver_first_name"] = driver_first_name
        if driver_rating is not UNSET:
            field_dict["driver_rating"] = driver_rating
        if eta is not UNSET:
            field_dict["eta"] = eta
        if handover is not UNSET:
            field_dict["handover"] = handover
        if handover_pin is not UNSET:
            field_dict["handover_pin"] = handover_pin
        if last_confirmed is not UNSET:
            field_dict["last_confirmed"] = last_confirmed
        if live is not UNSET:
            field_dict["live"] = live
        if loss is not UNSET:
            field_dict["loss"] = loss
        if notifications is not UNSET:
            field_dict["notifications"] = notifications
        if rating is not UNSET:
            field_dict["rating"] = rating
        if recipient is not UNSET:
            field_dict["recipient"] = recipient
        if redelivery is not UNSET:
            field_dict["redelivery"] = redelivery
        if slots is not UNSET:
            field_dict["slots"] = slots

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt
        from ..models.customer_rating import CustomerRating
        from ..models.dispute import Dispute
        from ..models.last_confirmed import LastConfirmed
        from ..models.link_handover import LinkHandover
        from ..models.link_loss import LinkLoss
        from ..models.live_estimate import LiveEstimate
        from ..models.notification_channels import NotificationChannels
        from ..models.preferences import Preferences
        from ..models.recipient_view import RecipientView
        from ..models.redelivery import Redelivery
        from ..models.timeline_entry import TimelineEntry
        from ..models.window import Window
        from ..models.window_choice import WindowChoice

        d = dict(src_dict)
        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = Attempt.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        can_choose_redelivery = d.pop("can_choose_redelivery")

        can_rate = d.pop("can_rate")

        can_reschedule = d.pop("can_reschedule")

        can_update_contact = d.pop("can_update_contact")

        disputes = []
        _disputes = d.pop("disputes")
        for disputes_item_data in _disputes:
            disputes_item = Dispute.from_dict(disputes_item_data)

            disputes.append(disputes_item)

        early_consent = d.pop("early_consent")

        marketplace_name = d.pop("marketplace_name")

        preferences = Preferences.from_dict(d.pop("preferences"))

        redelivery_horizon_days = d.pop("redelivery_horizon_days")

        reference = d.pop("reference")

        status = Status(d.pop("status"))

        time_zone = d.pop("time_zone")

        timeline = []
        _timeline = d.pop("timeline")
        for timeline_item_data in _timeline:
            timeline_item = TimelineEntry.from_dict(timeline_item_data)

            timeline.append(timeline_item)

        window = Window.from_dict(d.pop("window"))

        def _parse_courier_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        courier_name = _parse_courier_name(d.pop("courier_name", UNSET))

        def _parse_driver_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        driver_first_name = _parse_driver_first_name(d.pop("driver_first_name", UNSET))

        def _parse_driver_rating(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        driver_rating = _parse_driver_rating(d.pop("driver_rating", UNSET))

        def _parse_eta(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                eta_type_0 = datetime.datetime.fromisoformat(data)

                return eta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        eta = _parse_eta(d.pop("eta", UNSET))

        def _parse_handover(data: object) -> LinkHandover | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                handover_type_0 = LinkHandover.from_dict(data)

                return handover_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LinkHandover | None | Unset, data)

        handover = _parse_handover(d.pop("handover", UNSET))

        def _parse_handover_pin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handover_pin = _parse_handover_pin(d.pop("handover_pin", UNSET))

        def _parse_last_confirmed(data: object) -> LastConfirmed | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                last_confirmed_type_0 = LastConfirmed.from_dict(data)

                return last_confirmed_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LastConfirmed | None | Unset, data)

        last_confirmed = _parse_last_confirmed(d.pop("last_confirmed", UNSET))

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

        def _parse_loss(data: object) -> LinkLoss | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                loss_type_0 = LinkLoss.from_dict(data)

                return loss_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LinkLoss | None | Unset, data)

        loss = _parse_loss(d.pop("loss", UNSET))

        def _parse_notifications(data: object) -> None | NotificationChannels | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                notifications_type_0 = NotificationChannels.from_dict(data)

                return notifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NotificationChannels | Unset, data)

        notifications = _parse_notifications(d.pop("notifications", UNSET))

        def _parse_rating(data: object) -> CustomerRating | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rating_type_0 = CustomerRating.from_dict(data)

                return rating_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerRating | None | Unset, data)

        rating = _parse_rating(d.pop("rating", UNSET))

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

        def _parse_slots(data: object) -> list[WindowChoice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                slots_type_0 = []
                _slots_type_0 = data
                for slots_type_0_item_data in _slots_type_0:
                    slots_type_0_item = WindowChoice.from_dict(slots_type_0_item_data)

                    slots_type_0.append(slots_type_0_item)

                return slots_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[WindowChoice] | None | Unset, data)

        slots = _parse_slots(d.pop("slots", UNSET))

        tracking_view = cls(
            attempts=attempts,
            can_choose_redelivery=can_choose_redelivery,
            can_rate=can_rate,
            can_reschedule=can_reschedule,
            can_update_contact=can_update_contact,
            disputes=disputes,
            early_consent=early_consent,
            marketplace_name=marketplace_name,
            preferences=preferences,
            redelivery_horizon_days=redelivery_horizon_days,
            reference=reference,
            status=status,
            time_zone=time_zone,
            timeline=timeline,
            window=window,
            courier_name=courier_name,
            driver_first_name=driver_first_name,
            driver_rating=driver_rating,
            eta=eta,
            handover=handover,
            handover_pin=handover_pin,
            last_confirmed=last_confirmed,
            live=live,
            loss=loss,
            notifications=notifications,
            rating=rating,
            recipient=recipient,
            redelivery=redelivery,
            slots=slots,
        )

        tracking_view.additional_properties = d
        return tracking_view

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
