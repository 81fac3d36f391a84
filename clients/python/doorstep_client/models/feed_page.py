from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

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
    """ A page of the feed.

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

    items: list[AttemptPhotoAddedEvent | AttemptRecordedEvent | ContactAttemptRecordedEvent | ContactErasedEvent | CustodyGapEvent | DisputeOpenedEvent | DisputeResolvedEvent | DisputeRespondedEvent | EtaUpdatedEvent | HandoffAcceptedEvent | HandoffRejectedEvent | HandoffRequestedEvent | HandoverPinResetEvent | KpiTargetMissedEvent | PingEvent | RatingChangedEvent | RatingSubmittedEvent | RedeliveryChosenEvent | RedeliveryProposedEvent | ShipmentAttemptFailedEvent | ShipmentCancelledEvent | ShipmentContactUpdatedEvent | ShipmentCreatedEvent | ShipmentDeliveredEvent | ShipmentEarlyConsentEvent | ShipmentEarlyDeclinedEvent | ShipmentEtaEvent | ShipmentLostEvent | ShipmentOutForDeliveryEvent | ShipmentRescheduledEvent | ShipmentReturnedEvent | TrackingRotatedEvent]
    next_cursor: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_photo_added_event import AttemptPhotoAddedEvent # noqa: PLC0415
        from ..models.attempt_recorded_event import AttemptRecordedEvent # noqa: PLC0415
        from ..models.contact_attempt_recorded_event import ContactAttemptRecordedEvent # noqa: PLC0415
        from ..models.contact_erased_event import ContactErasedEvent # noqa: PLC0415
        from ..models.custody_gap_event import CustodyGapEvent # noqa: PLC0415
        from ..models.dispute_opened_event import DisputeOpenedEvent # noqa: PLC0415
        from ..models.dispute_resolved_event import DisputeResolvedEvent # noqa: PLC0415
        from ..models.dispute_responded_event import DisputeRespondedEvent # noqa: PLC0415
        from ..models.eta_updated_event import EtaUpdatedEvent # noqa: PLC0415
        from ..models.handoff_accepted_event import HandoffAcceptedEvent # noqa: PLC0415
        from ..models.handoff_rejected_event import HandoffRejectedEvent # noqa: PLC0415
        from ..models.handoff_requested_event import HandoffRequestedEvent # noqa: PLC0415
        from ..models.handover_pin_reset_event import HandoverPinResetEvent # noqa: PLC0415
        from ..models.kpi_target_missed_event import KpiTargetMissedEvent # noqa: PLC0415
        from ..models.ping_event import PingEvent # noqa: PLC0415
        from ..models.rating_changed_event import RatingChangedEvent # noqa: PLC0415
        from ..models.rating_submitted_event import RatingSubmittedEvent # noqa: PLC0415
        from ..models.redelivery_chosen_event import RedeliveryChosenEvent # noqa: PLC0415
        from ..models.redelivery_proposed_event import RedeliveryProposedEvent # noqa: PLC0415
        from ..models.shipment_attempt_failed_event import ShipmentAttemptFailedEvent # noqa: PLC0415
        from ..models.shipment_cancelled_event import ShipmentCancelledEvent # noqa: PLC0415
        from ..models.shipment_contact_updated_event import ShipmentContactUpdatedEvent # noqa: PLC0415
        from ..models.shipment_created_event import ShipmentCreatedEvent # noqa: PLC0415
        from ..models.shipment_delivered_event import ShipmentDeliveredEvent # noqa: PLC0415
        from ..models.shipment_early_consent_event import ShipmentEarlyConsentEvent # noqa: PLC0415
        from ..models.shipment_early_declined_event import ShipmentEarlyDeclinedEvent # noqa: PLC0415
        from ..models.shipment_eta_event import ShipmentEtaEvent # noqa: PLC0415
        from ..models.shipment_lost_event import ShipmentLostEvent # noqa: PLC0415
        from ..models.shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent # noqa: PLC0415
        from ..models.shipment_rescheduled_event import ShipmentRescheduledEvent # noqa: PLC0415
        from ..models.shipment_returned_event import ShipmentReturnedEvent # noqa: PLC0415
        from ..models.tracking_rotated_event import TrackingRotatedEvent # noqa: PLC0415
        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if isinstance(items_item_data, ShipmentCreatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, HandoffRequestedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, HandoffAcceptedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, HandoffRejectedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, CustodyGapEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentOutForDeliveryEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentEtaEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, EtaUpdatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentContactUpdatedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentRescheduledEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentEarlyConsentEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentEarlyDeclinedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, RedeliveryProposedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, RedeliveryChosenEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ContactAttemptRecordedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, AttemptRecordedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, AttemptPhotoAddedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentDeliveredEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentAttemptFailedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentLostEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentCancelledEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, DisputeOpenedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, DisputeRespondedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, DisputeResolvedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ContactErasedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, RatingSubmittedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, RatingChangedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, KpiTargetMissedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, PingEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, ShipmentReturnedEvent):
                items_item = items_item_data.to_dict()
            elif isinstance(items_item_data, TrackingRotatedEvent):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)



        next_cursor = self.next_cursor


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "items": items,
            "next_cursor": next_cursor,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attempt_photo_added_event import AttemptPhotoAddedEvent # noqa: PLC0415
        from ..models.attempt_recorded_event import AttemptRecordedEvent # noqa: PLC0415
        from ..models.contact_attempt_recorded_event import ContactAttemptRecordedEvent # noqa: PLC0415
        from ..models.contact_erased_event import ContactErasedEvent # noqa: PLC0415
        from ..models.custody_gap_event import CustodyGapEvent # noqa: PLC0415
        from ..models.dispute_opened_event import DisputeOpenedEvent # noqa: PLC0415
        from ..models.dispute_resolved_event import DisputeResolvedEvent # noqa: PLC0415
        from ..models.dispute_responded_event import DisputeRespondedEvent # noqa: PLC0415
        from ..models.eta_updated_event import EtaUpdatedEvent # noqa: PLC0415
        from ..models.handoff_accepted_event import HandoffAcceptedEvent # noqa: PLC0415
        from ..models.handoff_rejected_event import HandoffRejectedEvent # noqa: PLC0415
        from ..models.handoff_requested_event import HandoffRequestedEvent # noqa: PLC0415
        from ..models.handover_pin_reset_event import HandoverPinResetEvent # noqa: PLC0415
        from ..models.kpi_target_missed_event import KpiTargetMissedEvent # noqa: PLC0415
        from ..models.ping_event import PingEvent # noqa: PLC0415
        from ..models.rating_changed_event import RatingChangedEvent # noqa: PLC0415
        from ..models.rating_submitted_event import RatingSubmittedEvent # noqa: PLC0415
        from ..models.redelivery_chosen_event import RedeliveryChosenEvent # noqa: PLC0415
        from ..models.redelivery_proposed_event import RedeliveryProposedEvent # noqa: PLC0415
        from ..models.shipment_attempt_failed_event import ShipmentAttemptFailedEvent # noqa: PLC0415
        from ..models.shipment_cancelled_event import ShipmentCancelledEvent # noqa: PLC0415
        from ..models.shipment_contact_updated_event import ShipmentContactUpdatedEvent # noqa: PLC0415
        from ..models.shipment_created_event import ShipmentCreatedEvent # noqa: PLC0415
        from ..models.shipment_delivered_event import ShipmentDeliveredEvent # noqa: PLC0415
        from ..models.shipment_early_consent_event import ShipmentEarlyConsentEvent # noqa: PLC0415
        from ..models.shipment_early_declined_event import ShipmentEarlyDeclinedEvent # noqa: PLC0415
        from ..models.shipment_eta_event import ShipmentEtaEvent # noqa: PLC0415
        from ..models.shipment_lost_event import ShipmentLostEvent # noqa: PLC0415
        from ..models.shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent # noqa: PLC0415
        from ..models.shipment_rescheduled_event import ShipmentRescheduledEvent # noqa: PLC0415
        from ..models.shipment_returned_event import ShipmentReturnedEvent # noqa: PLC0415
        from ..models.tracking_rotated_event import TrackingRotatedEvent # noqa: PLC0415
        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            def _parse_items_item(data: object) -> AttemptPhotoAddedEvent | AttemptRecordedEvent | ContactAttemptRecordedEvent | ContactErasedEvent | CustodyGapEvent | DisputeOpenedEvent | DisputeResolvedEvent | DisputeRespondedEvent | EtaUpdatedEvent | HandoffAcceptedEvent | HandoffRejectedEvent | HandoffRequestedEvent | HandoverPinResetEvent | KpiTargetMissedEvent | PingEvent | RatingChangedEvent | RatingSubmittedEvent | RedeliveryChosenEvent | RedeliveryProposedEvent | ShipmentAttemptFailedEvent | ShipmentCancelledEvent | ShipmentContactUpdatedEvent | ShipmentCreatedEvent | ShipmentDeliveredEvent | ShipmentEarlyConsentEvent | ShipmentEarlyDeclinedEvent | ShipmentEtaEvent | ShipmentLostEvent | ShipmentOutForDeliveryEvent | ShipmentRescheduledEvent | ShipmentReturnedEvent | TrackingRotatedEvent:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_0 = ShipmentCreatedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_1 = HandoffRequestedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_2 = HandoffAcceptedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_3 = HandoffRejectedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_4 = CustodyGapEvent.from_dict(data)



                    return componentsschemas_event_payload_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_5 = ShipmentOutForDeliveryEvent.from_dict(data)



                    return componentsschemas_event_payload_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_6 = ShipmentEtaEvent.from_dict(data)



                    return componentsschemas_event_payload_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_7 = EtaUpdatedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_8 = ShipmentContactUpdatedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_9 = ShipmentRescheduledEvent.from_dict(data)



                    return componentsschemas_event_payload_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_10 = ShipmentEarlyConsentEvent.from_dict(data)



                    return componentsschemas_event_payload_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_11 = ShipmentEarlyDeclinedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_12 = RedeliveryProposedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_12
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_13 = RedeliveryChosenEvent.from_dict(data)



                    return componentsschemas_event_payload_type_13
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_14 = ContactAttemptRecordedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_14
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_15 = AttemptRecordedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_15
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_16 = AttemptPhotoAddedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_16
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_17 = ShipmentDeliveredEvent.from_dict(data)



                    return componentsschemas_event_payload_type_17
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_18 = ShipmentAttemptFailedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_18
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_19 = ShipmentLostEvent.from_dict(data)



                    return componentsschemas_event_payload_type_19
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_20 = ShipmentCancelledEvent.from_dict(data)



                    return componentsschemas_event_payload_type_20
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_21 = DisputeOpenedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_21
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_22 = DisputeRespondedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_22
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_23 = DisputeResolvedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_23
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_24 = ContactErasedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_24
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_25 = RatingSubmittedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_25
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_26 = RatingChangedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_26
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_27 = KpiTargetMissedEvent.from_dict(data)



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
                    componentsschemas_event_payload_type_29 = ShipmentReturnedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_29
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_payload_type_30 = TrackingRotatedEvent.from_dict(data)



                    return componentsschemas_event_payload_type_30
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_payload_type_31 = HandoverPinResetEvent.from_dict(data)



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
