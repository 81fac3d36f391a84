from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.attempt_photo_added_event import AttemptPhotoAddedEvent
    from ..models.attempt_recorded_event import AttemptRecordedEvent
    from ..models.contact_attempt_recorded_event import ContactAttemptRecordedEvent
    from ..models.contact_erased_event import ContactErasedEvent
    from ..models.custody_gap_event import CustodyGapEvent
    from ..models.dispute_opened_event import DisputeOpenedEvent
    from ..models.dispute_resolved_event import DisputeResolvedEvent
    from ..models.dispute_responded_event import DisputeRespondedEvent
    from ..models.eta_updated_event import EtaUpdatedEvent
    from ..models.handoff_accepted_event import HandoffAcceptedEvent
    from ..models.handoff_rejected_event import HandoffRejectedEvent
    from ..models.handoff_requested_event import HandoffRequestedEvent
    from ..models.handover_pin_reset_event import HandoverPinResetEvent
    from ..models.kpi_target_missed_event import KpiTargetMissedEvent
    from ..models.ping_event import PingEvent
    from ..models.rating_changed_event import RatingChangedEvent
    from ..models.rating_submitted_event import RatingSubmittedEvent
    from ..models.redelivery_chosen_event import RedeliveryChosenEvent
    from ..models.redelivery_proposed_event import RedeliveryProposedEvent
    from ..models.shipment_attempt_failed_event import ShipmentAttemptFailedEvent
    from ..models.shipment_cancelled_event import ShipmentCancelledEvent
    from ..models.shipment_contact_updated_event import ShipmentContactUpdatedEvent
    from ..models.shipment_created_event import ShipmentCreatedEvent
    from ..models.shipment_delivered_event import ShipmentDeliveredEvent
    from ..models.shipment_early_consent_event import ShipmentEarlyConsentEvent
    from ..models.shipment_early_declined_event import ShipmentEarlyDeclinedEvent
    from ..models.shipment_eta_event import ShipmentEtaEvent
    from ..models.shipment_lost_event import ShipmentLostEvent
    from ..models.shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent
    from ..models.shipment_rescheduled_event import ShipmentRescheduledEvent
    from ..models.shipment_returned_event import ShipmentReturnedEvent
    from ..models.tracking_rotated_event import TrackingRotatedEvent


T = TypeVar("T", bound="FeedPage")


@_attrs_define
class FeedPage:
    """A page of the feed.

    Attributes:
        items (list[AttemptPhotoAddedEvent | AttemptRecordedEvent | ContactAttemptRecordedEvent | ContactErasedEvent |
            CustodyGapEvent | DisputeOpenedEvent | DisputeResolvedEvent | DisputeRespondedEvent | EtaUpdatedEvent |
            HandoffAcceptedEvent | HandoffRejectedEvent | HandoffRequestedEvent | HandoverPinResetEvent |
            KpiTargetMissedEvent | PingEvent | RatingChangedEvent | RatingSubmittedEvent | RedeliveryChosenEvent |
            RedeliveryProposedEvent | ShipmentAttemptFailedEvent | ShipmentCancelledEvent | ShipmentContactUpdatedEvent |
            ShipmentCreatedEvent | ShipmentDeliveredEvent | ShipmentEarlyConsentEvent | ShipmentEarlyDeclinedEvent |
            ShipmentEtaEvent | ShipmentLostEvent | ShipmentOutForDeliveryEvent | ShipmentRescheduledEvent |
            ShipmentReturnedEvent | TrackingRotatedEvent]): The events, each exactly the body a webhook of the caller's org
            would be sent (`id`,
            `type`, `created_at`, `data`, and the shipment as the caller may see it now), in commit
            order.
        next_cursor (str): Where to resume: always present, also when the page is empty. Opaque; valid across
            restarts.
    """

    items: list[
        AttemptPhotoAddedEvent
        | AttemptRecordedEvent
        | ContactAttemptRecordedEvent
        | ContactErasedEvent
        | CustodyGapEvent
        | DisputeOpenedEvent
        | DisputeResolvedEvent
        | DisputeRespondedEvent
        | EtaUpdatedEvent
        | HandoffAcceptedEvent
        | HandoffRejectedEvent
        | HandoffRequestedEvent
        | HandoverPinResetEvent
        | KpiTargetMissedEvent
        | PingEvent
        | RatingChangedEvent
        | RatingSubmittedEvent
        | RedeliveryChosenEvent
        | RedeliveryProposedEvent
        | ShipmentAttemptFailedEvent
        | ShipmentCancelledEvent
        | ShipmentContactUpdatedEvent
        | ShipmentCreatedEvent
        | ShipmentDeliveredEvent
        | ShipmentEarlyConsentEvent
        | ShipmentEarlyDeclinedEvent
        | ShipmentEtaEvent
        | ShipmentLostEvent
        | ShipmentOutForDeliveryEvent
        | ShipmentRescheduledEvent
        | ShipmentReturnedEvent
        | TrackingRotatedEvent
    ]
    next_cursor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_photo_added_event import AttemptPhotoAddedEvent
        from ..models.attempt_recorded_event import AttemptRecordedEvent
        from ..models.contact_attempt_recorded_event import ContactAttemptRecordedEvent
        from ..models.contact_erased_event import ContactErasedEvent
        from ..models.custody_gap_event import CustodyGapEvent
        from ..models.dispute_opened_event import DisputeOpenedEvent
        from ..models.dispute_resolved_event import DisputeResolvedEvent
        from ..models.dispute_responded_event import DisputeRespondedEvent
        from ..models.eta_updated_event import EtaUpdatedEvent
        from ..models.handoff_accepted_event import HandoffAcceptedEvent
        from ..models.handoff_rejected_event import HandoffRejectedEvent
        from ..models.handoff_requested_event import HandoffRequestedEvent
        from ..models.kpi_target_missed_event import KpiTargetMissedEvent
        from ..models.ping_event import PingEvent
        from ..models.rating_changed_event import RatingChangedEvent
        from ..models.rating_submitted_event import RatingSubmittedEvent
        from ..models.redelivery_chosen_event import RedeliveryChosenEvent
        from ..models.redelivery_proposed_event import RedeliveryProposedEvent
        from ..models.shipment_attempt_failed_event import ShipmentAttemptFailedEvent
        from ..models.shipment_cancelled_event import ShipmentCancelledEvent
        from ..models.shipment_contact_updated_event import ShipmentContactUpdatedEvent
        from ..models.shipment_created_event import ShipmentCreatedEvent
        from ..models.shipment_delivered_event import ShipmentDeliveredEvent
        from ..models.shipment_early_consent_event import ShipmentEarlyConsentEvent
        from ..models.shipment_early_declined_event import ShipmentEarlyDeclinedEvent
        from ..models.shipment_eta_event import ShipmentEtaEvent
        from ..models.shipment_lost_event import ShipmentLostEvent
        from ..models.shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent
        from ..models.shipment_rescheduled_event import ShipmentRescheduledEvent
        from ..models.shipment_returned_event import ShipmentReturnedEvent
        from ..models.tracking_rotated_event import TrackingRotatedEvent

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if (
                isinstance(items_item_data, ShipmentCreatedEvent)
                or isinstance(items_item_data, HandoffRequestedEvent)
                or isinstance(items_item_data, HandoffAcceptedEvent)
                or isinstance(items_item_data, HandoffRejectedEvent)
                or isinstance(items_item_data, CustodyGapEvent)
                or isinstance(items_item_data, ShipmentOutForDeliveryEvent)
                or isinstance(items_item_data, ShipmentEtaEvent)
                or isinstance(items_item_data, EtaUpdatedEvent)
                or isinstance(items_item_data, ShipmentContactUpdatedEvent)
                or isinstance(items_item_data, ShipmentRescheduledEvent)
                or isinstance(items_item_data, ShipmentEarlyConsentEvent)
                or isinstance(items_item_data, ShipmentEarlyDeclinedEvent)
                or isinstance(items_item_data, RedeliveryProposedEvent)
                or isinstance(items_item_data, RedeliveryChosenEvent)
                or isinstance(items_item_data, ContactAttemptRecordedEvent)
                or isinstance(items_item_data, AttemptRecordedEvent)
                or isinstance(items_item_data, AttemptPhotoAddedEvent)
                or isinstance(items_item_data, ShipmentDeliveredEvent)
                or isinstance(items_item_data, ShipmentAttemptFailedEvent)
                or isinstance(items_item_data, ShipmentLostEvent)
                or isinstance(items_item_data, ShipmentCancelledEvent)
                or isinstance(items_item_data, DisputeOpenedEvent)
                or isinstance(items_item_data, DisputeRespondedEvent)
                or isinstance(items_item_data, DisputeResolvedEvent)
                or isinstance(items_item_data, ContactErasedEvent)
                or isinstance(items_item_data, RatingSubmittedEvent)
                or isinstance(items_item_data, RatingChangedEvent)
                or isinstance(items_item_data, KpiTargetMissedEvent)
                or isinstance(items_item_data, PingEvent)
                or isinstance(items_item_data, ShipmentReturnedEvent)
                or isinstance(items_item_data, TrackingRotatedEvent)
            ):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt_photo_added_event import AttemptPhotoAddedEvent
        from ..models.attempt_recorded_event import AttemptRecordedEvent
        from ..models.contact_attempt_recorded_event import ContactAttemptRecordedEvent
        from ..models.contact_erased_event import ContactErasedEvent
        from ..models.custody_gap_event import CustodyGapEvent
        from ..models.dispute_opened_event import DisputeOpenedEvent
        from ..models.dispute_resolved_event import DisputeResolvedEvent
        from ..models.dispute_responded_event import DisputeRespondedEvent
        from ..models.eta_updated_event import EtaUpdatedEvent
        from ..models.handoff_accepted_event import HandoffAcceptedEvent
        from ..models.handoff_rejected_event import HandoffRejectedEvent
        from ..models.handoff_requested_event import HandoffRequestedEvent
        from ..models.handover_pin_reset_event import HandoverPinResetEvent
        from ..models.kpi_target_missed_event import KpiTargetMissedEvent
        from ..models.ping_event import PingEvent
        from ..models.rating_changed_event import RatingChangedEvent
        from ..models.rating_submitted_event import RatingSubmittedEvent
        from ..models.redelivery_chosen_event import RedeliveryChosenEvent
        from ..models.redelivery_proposed_event import RedeliveryProposedEvent
        from ..models.shipment_attempt_failed_event import ShipmentAttemptFailedEvent
        from ..models.shipment_cancelled_event import ShipmentCancelledEvent
        from ..models.shipment_contact_updated_event import ShipmentContactUpdatedEvent
        from ..models.shipment_created_event import ShipmentCreatedEvent
        from ..models.shipment_delivered_event import ShipmentDeliveredEvent
        from ..models.shipment_early_consent_event import ShipmentEarlyConsentEvent
        from ..models.shipment_early_declined_event import ShipmentEarlyDeclinedEvent
        from ..models.shipment_eta_event import ShipmentEtaEvent
        from ..models.shipment_lost_event import ShipmentLostEvent
        from ..models.shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent
        from ..models.shipment_rescheduled_event import ShipmentRescheduledEvent
        from ..models.shipment_returned_event import ShipmentReturnedEvent
        from ..models.tracking_rotated_event import TrackingRotatedEvent

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> (
                AttemptPhotoAddedEvent
                | AttemptRecordedEvent
                | ContactAttemptRecordedEvent
                | ContactErasedEvent
                | CustodyGapEvent
                | DisputeOpenedEvent
                | DisputeResolvedEvent
                | DisputeRespondedEvent
                | EtaUpdatedEvent
                | HandoffAcceptedEvent
                | HandoffRejectedEvent
                | HandoffRequestedEvent
                | HandoverPinResetEvent
                | KpiTargetMissedEvent
                | PingEvent
                | RatingChangedEvent
                | RatingSubmittedEvent
                | RedeliveryChosenEvent
                | RedeliveryProposedEvent
                | ShipmentAttemptFailedEvent
                | ShipmentCancelledEvent
                | ShipmentContactUpdatedEvent
                | ShipmentCreatedEvent
                | ShipmentDeliveredEvent
                | ShipmentEarlyConsentEvent
                | ShipmentEarlyDeclinedEvent
                | ShipmentEtaEvent
                | ShipmentLostEvent
                | ShipmentOutForDeliveryEvent
                | ShipmentRescheduledEvent
                | ShipmentReturnedEvent
                | TrackingRotatedEvent
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_0 = (
                        ShipmentCreatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_1 = (
                        HandoffRequestedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_2 = (
                        HandoffAcceptedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_3 = (
                        HandoffRejectedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_4 = CustodyGapEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_payload_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_5 = (
                        ShipmentOutForDeliveryEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_6 = ShipmentEtaEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_payload_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_7 = EtaUpdatedEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_payload_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_8 = (
                        ShipmentContactUpdatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_9 = (
                        ShipmentRescheduledEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_10 = (
                        ShipmentEarlyConsentEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_11 = (
                        ShipmentEarlyDeclinedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_12 = (
                        RedeliveryProposedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_12
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_13 = (
                        RedeliveryChosenEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_13
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_14 = (
                        ContactAttemptRecordedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_14
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_15 = (
                        AttemptRecordedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_15
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_16 = (
                        AttemptPhotoAddedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_16
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_17 = (
                        ShipmentDeliveredEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_17
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_18 = (
                        ShipmentAttemptFailedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_18
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_19 = (
                        ShipmentLostEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_19
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_20 = (
                        ShipmentCancelledEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_20
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_21 = (
                        DisputeOpenedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_21
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_22 = (
                        DisputeRespondedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_22
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_23 = (
                        DisputeResolvedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_23
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_24 = (
                        ContactErasedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_24
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_25 = (
                        RatingSubmittedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_25
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_26 = (
                        RatingChangedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_26
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_27 = (
                        KpiTargetMissedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_27
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_28 = PingEvent.from_dict(data)

                    return componentsschemas_event_payload_type_28
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_29 = (
                        ShipmentReturnedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_29
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_30 = (
                        TrackingRotatedEvent.from_dict(data)
                    )

                    return componentsschemas_event_payload_type_30
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_payload_type_31 = (
                    HandoverPinResetEvent.from_dict(data)
                )

                return componentsschemas_event_payload_type_31

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        next_cursor = d.pop("next_cursor")

        feed_page = cls(
            items=items,
            next_cursor=next_cursor,
        )

        feed_page.additional_properties = d
        return feed_page

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
