from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt_photo_added_timeline_event import (
        AttemptPhotoAddedTimelineEvent,
    )
    from ..models.attempt_recorded_timeline_event import AttemptRecordedTimelineEvent
    from ..models.contact_attempt_recorded_timeline_event import (
        ContactAttemptRecordedTimelineEvent,
    )
    from ..models.contact_erased_timeline_event import ContactErasedTimelineEvent
    from ..models.custody_gap_timeline_event import CustodyGapTimelineEvent
    from ..models.dispute_opened_timeline_event import DisputeOpenedTimelineEvent
    from ..models.dispute_resolved_timeline_event import DisputeResolvedTimelineEvent
    from ..models.dispute_responded_timeline_event import DisputeRespondedTimelineEvent
    from ..models.handoff_accepted_timeline_event import HandoffAcceptedTimelineEvent
    from ..models.handoff_rejected_timeline_event import HandoffRejectedTimelineEvent
    from ..models.handoff_requested_timeline_event import HandoffRequestedTimelineEvent
    from ..models.handover_pin_reset_timeline_event import HandoverPinResetTimelineEvent
    from ..models.rating_changed_timeline_event import RatingChangedTimelineEvent
    from ..models.rating_submitted_timeline_event import RatingSubmittedTimelineEvent
    from ..models.redelivery_chosen_timeline_event import RedeliveryChosenTimelineEvent
    from ..models.redelivery_proposed_timeline_event import (
        RedeliveryProposedTimelineEvent,
    )
    from ..models.shipment_attempt_failed_timeline_event import (
        ShipmentAttemptFailedTimelineEvent,
    )
    from ..models.shipment_cancelled_timeline_event import (
        ShipmentCancelledTimelineEvent,
    )
    from ..models.shipment_contact_updated_timeline_event import (
        ShipmentContactUpdatedTimelineEvent,
    )
    from ..models.shipment_created_timeline_event import ShipmentCreatedTimelineEvent
    from ..models.shipment_delivered_timeline_event import (
        ShipmentDeliveredTimelineEvent,
    )
    from ..models.shipment_early_consent_timeline_event import (
        ShipmentEarlyConsentTimelineEvent,
    )
    from ..models.shipment_early_declined_timeline_event import (
        ShipmentEarlyDeclinedTimelineEvent,
    )
    from ..models.shipment_eta_timeline_event import ShipmentEtaTimelineEvent
    from ..models.shipment_lost_timeline_event import ShipmentLostTimelineEvent
    from ..models.shipment_out_for_delivery_timeline_event import (
        ShipmentOutForDeliveryTimelineEvent,
    )
    from ..models.shipment_rescheduled_timeline_event import (
        ShipmentRescheduledTimelineEvent,
    )
    from ..models.shipment_returned_timeline_event import ShipmentReturnedTimelineEvent
    from ..models.tracking_rotated_timeline_event import TrackingRotatedTimelineEvent


T = TypeVar("T", bound="PageEvent")


@_attrs_define
class PageEvent:
    """One page of results.

    Attributes:
        items (list[AttemptPhotoAddedTimelineEvent | AttemptRecordedTimelineEvent | ContactAttemptRecordedTimelineEvent
            | ContactErasedTimelineEvent | CustodyGapTimelineEvent | DisputeOpenedTimelineEvent |
            DisputeResolvedTimelineEvent | DisputeRespondedTimelineEvent | HandoffAcceptedTimelineEvent |
            HandoffRejectedTimelineEvent | HandoffRequestedTimelineEvent | HandoverPinResetTimelineEvent |
            RatingChangedTimelineEvent | RatingSubmittedTimelineEvent | RedeliveryChosenTimelineEvent |
            RedeliveryProposedTimelineEvent | ShipmentAttemptFailedTimelineEvent | ShipmentCancelledTimelineEvent |
            ShipmentContactUpdatedTimelineEvent | ShipmentCreatedTimelineEvent | ShipmentDeliveredTimelineEvent |
            ShipmentEarlyConsentTimelineEvent | ShipmentEarlyDeclinedTimelineEvent | ShipmentEtaTimelineEvent |
            ShipmentLostTimelineEvent | ShipmentOutForDeliveryTimelineEvent | ShipmentRescheduledTimelineEvent |
            ShipmentReturnedTimelineEvent | TrackingRotatedTimelineEvent]):
        next_cursor (None | str | Unset): Pass as `cursor` to get the next page; absent on the last page.
    """

    items: list[
        AttemptPhotoAddedTimelineEvent
        | AttemptRecordedTimelineEvent
        | ContactAttemptRecordedTimelineEvent
        | ContactErasedTimelineEvent
        | CustodyGapTimelineEvent
        | DisputeOpenedTimelineEvent
        | DisputeResolvedTimelineEvent
        | DisputeRespondedTimelineEvent
        | HandoffAcceptedTimelineEvent
        | HandoffRejectedTimelineEvent
        | HandoffRequestedTimelineEvent
        | HandoverPinResetTimelineEvent
        | RatingChangedTimelineEvent
        | RatingSubmittedTimelineEvent
        | RedeliveryChosenTimelineEvent
        | RedeliveryProposedTimelineEvent
        | ShipmentAttemptFailedTimelineEvent
        | ShipmentCancelledTimelineEvent
        | ShipmentContactUpdatedTimelineEvent
        | ShipmentCreatedTimelineEvent
        | ShipmentDeliveredTimelineEvent
        | ShipmentEarlyConsentTimelineEvent
        | ShipmentEarlyDeclinedTimelineEvent
        | ShipmentEtaTimelineEvent
        | ShipmentLostTimelineEvent
        | ShipmentOutForDeliveryTimelineEvent
        | ShipmentRescheduledTimelineEvent
        | ShipmentReturnedTimelineEvent
        | TrackingRotatedTimelineEvent
    ]
    next_cursor: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt_photo_added_timeline_event import (
            AttemptPhotoAddedTimelineEvent,
        )
        from ..models.attempt_recorded_timeline_event import (
            AttemptRecordedTimelineEvent,
        )
        from ..models.contact_attempt_recorded_timeline_event import (
            ContactAttemptRecordedTimelineEvent,
        )
        from ..models.contact_erased_timeline_event import ContactErasedTimelineEvent
        from ..models.custody_gap_timeline_event import CustodyGapTimelineEvent
        from ..models.dispute_opened_timeline_event import DisputeOpenedTimelineEvent
        from ..models.dispute_resolved_timeline_event import (
            DisputeResolvedTimelineEvent,
        )
        from ..models.dispute_responded_timeline_event import (
            DisputeRespondedTimelineEvent,
        )
        from ..models.handoff_accepted_timeline_event import (
            HandoffAcceptedTimelineEvent,
        )
        from ..models.handoff_rejected_timeline_event import (
            HandoffRejectedTimelineEvent,
        )
        from ..models.handoff_requested_timeline_event import (
            HandoffRequestedTimelineEvent,
        )
        from ..models.rating_changed_timeline_event import RatingChangedTimelineEvent
        from ..models.rating_submitted_timeline_event import (
            RatingSubmittedTimelineEvent,
        )
        from ..models.redelivery_chosen_timeline_event import (
            RedeliveryChosenTimelineEvent,
        )
        from ..models.redelivery_proposed_timeline_event import (
            RedeliveryProposedTimelineEvent,
        )
        from ..models.shipment_attempt_failed_timeline_event import (
            ShipmentAttemptFailedTimelineEvent,
        )
        from ..models.shipment_cancelled_timeline_event import (
            ShipmentCancelledTimelineEvent,
        )
        from ..models.shipment_contact_updated_timeline_event import (
            ShipmentContactUpdatedTimelineEvent,
        )
        from ..models.shipment_created_timeline_event import (
            ShipmentCreatedTimelineEvent,
        )
        from ..models.shipment_delivered_timeline_event import (
            ShipmentDeliveredTimelineEvent,
        )
        from ..models.shipment_early_consent_timeline_event import (
            ShipmentEarlyConsentTimelineEvent,
        )
        from ..models.shipment_early_declined_timeline_event import (
            ShipmentEarlyDeclinedTimelineEvent,
        )
        from ..models.shipment_eta_timeline_event import ShipmentEtaTimelineEvent
        from ..models.shipment_lost_timeline_event import ShipmentLostTimelineEvent
        from ..models.shipment_out_for_delivery_timeline_event import (
            ShipmentOutForDeliveryTimelineEvent,
        )
        from ..models.shipment_rescheduled_timeline_event import (
            ShipmentRescheduledTimelineEvent,
        )
        from ..models.shipment_returned_timeline_event import (
            ShipmentReturnedTimelineEvent,
        )
        from ..models.tracking_rotated_timeline_event import (
            TrackingRotatedTimelineEvent,
        )

        items = []
        for items_item_data in self.items:
            items_item: dict[str, Any]
            if (
                isinstance(items_item_data, ShipmentCreatedTimelineEvent)
                or isinstance(items_item_data, HandoffRequestedTimelineEvent)
                or isinstance(items_item_data, HandoffAcceptedTimelineEvent)
                or isinstance(items_item_data, HandoffRejectedTimelineEvent)
                or isinstance(items_item_data, CustodyGapTimelineEvent)
                or isinstance(items_item_data, ShipmentOutForDeliveryTimelineEvent)
                or isinstance(items_item_data, ShipmentEtaTimelineEvent)
                or isinstance(items_item_data, ShipmentContactUpdatedTimelineEvent)
                or isinstance(items_item_data, ShipmentRescheduledTimelineEvent)
                or isinstance(items_item_data, ShipmentEarlyConsentTimelineEvent)
                or isinstance(items_item_data, ShipmentEarlyDeclinedTimelineEvent)
                or isinstance(items_item_data, RedeliveryProposedTimelineEvent)
                or isinstance(items_item_data, RedeliveryChosenTimelineEvent)
                or isinstance(items_item_data, ContactAttemptRecordedTimelineEvent)
                or isinstance(items_item_data, AttemptRecordedTimelineEvent)
                or isinstance(items_item_data, AttemptPhotoAddedTimelineEvent)
                or isinstance(items_item_data, ShipmentDeliveredTimelineEvent)
                or isinstance(items_item_data, ShipmentAttemptFailedTimelineEvent)
                or isinstance(items_item_data, ShipmentLostTimelineEvent)
                or isinstance(items_item_data, ShipmentCancelledTimelineEvent)
                or isinstance(items_item_data, DisputeOpenedTimelineEvent)
                or isinstance(items_item_data, DisputeRespondedTimelineEvent)
                or isinstance(items_item_data, DisputeResolvedTimelineEvent)
                or isinstance(items_item_data, ContactErasedTimelineEvent)
                or isinstance(items_item_data, RatingSubmittedTimelineEvent)
                or isinstance(items_item_data, RatingChangedTimelineEvent)
                or isinstance(items_item_data, ShipmentReturnedTimelineEvent)
                or isinstance(items_item_data, TrackingRotatedTimelineEvent)
            ):
                items_item = items_item_data.to_dict()
            else:
                items_item = items_item_data.to_dict()

            items.append(items_item)

        next_cursor: None | str | Unset
        if isinstance(self.next_cursor, Unset):
            next_cursor = UNSET
        else:
            next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
            }
        )
        if next_cursor is not UNSET:
            field_dict["next_cursor"] = next_cursor

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt_photo_added_timeline_event import (
            AttemptPhotoAddedTimelineEvent,
        )
        from ..models.attempt_recorded_timeline_event import (
            AttemptRecordedTimelineEvent,
        )
        from ..models.contact_attempt_recorded_timeline_event import (
            ContactAttemptRecordedTimelineEvent,
        )
        from ..models.contact_erased_timeline_event import ContactErasedTimelineEvent
        from ..models.custody_gap_timeline_event import CustodyGapTimelineEvent
        from ..models.dispute_opened_timeline_event import DisputeOpenedTimelineEvent
        from ..models.dispute_resolved_timeline_event import (
            DisputeResolvedTimelineEvent,
        )
        from ..models.dispute_responded_timeline_event import (
            DisputeRespondedTimelineEvent,
        )
        from ..models.handoff_accepted_timeline_event import (
            HandoffAcceptedTimelineEvent,
        )
        from ..models.handoff_rejected_timeline_event import (
            HandoffRejectedTimelineEvent,
        )
        from ..models.handoff_requested_timeline_event import (
            HandoffRequestedTimelineEvent,
        )
        from ..models.handover_pin_reset_timeline_event import (
            HandoverPinResetTimelineEvent,
        )
        from ..models.rating_changed_timeline_event import RatingChangedTimelineEvent
        from ..models.rating_submitted_timeline_event import (
            RatingSubmittedTimelineEvent,
        )
        from ..models.redelivery_chosen_timeline_event import (
            RedeliveryChosenTimelineEvent,
        )
        from ..models.redelivery_proposed_timeline_event import (
            RedeliveryProposedTimelineEvent,
        )
        from ..models.shipment_attempt_failed_timeline_event import (
            ShipmentAttemptFailedTimelineEvent,
        )
        from ..models.shipment_cancelled_timeline_event import (
            ShipmentCancelledTimelineEvent,
        )
        from ..models.shipment_contact_updated_timeline_event import (
            ShipmentContactUpdatedTimelineEvent,
        )
        from ..models.shipment_created_timeline_event import (
            ShipmentCreatedTimelineEvent,
        )
        from ..models.shipment_delivered_timeline_event import (
            ShipmentDeliveredTimelineEvent,
        )
        from ..models.shipment_early_consent_timeline_event import (
            ShipmentEarlyConsentTimelineEvent,
        )
        from ..models.shipment_early_declined_timeline_event import (
            ShipmentEarlyDeclinedTimelineEvent,
        )
        from ..models.shipment_eta_timeline_event import ShipmentEtaTimelineEvent
        from ..models.shipment_lost_timeline_event import ShipmentLostTimelineEvent
        from ..models.shipment_out_for_delivery_timeline_event import (
            ShipmentOutForDeliveryTimelineEvent,
        )
        from ..models.shipment_rescheduled_timeline_event import (
            ShipmentRescheduledTimelineEvent,
        )
        from ..models.shipment_returned_timeline_event import (
            ShipmentReturnedTimelineEvent,
        )
        from ..models.tracking_rotated_timeline_event import (
            TrackingRotatedTimelineEvent,
        )

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:

            def _parse_items_item(
                data: object,
            ) -> (
                AttemptPhotoAddedTimelineEvent
                | AttemptRecordedTimelineEvent
                | ContactAttemptRecordedTimelineEvent
                | ContactErasedTimelineEvent
                | CustodyGapTimelineEvent
                | DisputeOpenedTimelineEvent
                | DisputeResolvedTimelineEvent
                | DisputeRespondedTimelineEvent
                | HandoffAcceptedTimelineEvent
                | HandoffRejectedTimelineEvent
                | HandoffRequestedTimelineEvent
                | HandoverPinResetTimelineEvent
                | RatingChangedTimelineEvent
                | RatingSubmittedTimelineEvent
                | RedeliveryChosenTimelineEvent
                | RedeliveryProposedTimelineEvent
                | ShipmentAttemptFailedTimelineEvent
                | ShipmentCancelledTimelineEvent
                | ShipmentContactUpdatedTimelineEvent
                | ShipmentCreatedTimelineEvent
                | ShipmentDeliveredTimelineEvent
                | ShipmentEarlyConsentTimelineEvent
                | ShipmentEarlyDeclinedTimelineEvent
                | ShipmentEtaTimelineEvent
                | ShipmentLostTimelineEvent
                | ShipmentOutForDeliveryTimelineEvent
                | ShipmentRescheduledTimelineEvent
                | ShipmentReturnedTimelineEvent
                | TrackingRotatedTimelineEvent
            ):
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_0 = (
                        ShipmentCreatedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_1 = (
                        HandoffRequestedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_2 = (
                        HandoffAcceptedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_3 = (
                        HandoffRejectedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_4 = CustodyGapTimelineEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_type_4
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_5 = (
                        ShipmentOutForDeliveryTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_5
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_6 = ShipmentEtaTimelineEvent.from_dict(
                        data
                    )

                    return componentsschemas_event_type_6
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_7 = (
                        ShipmentContactUpdatedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_7
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_8 = (
                        ShipmentRescheduledTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_8
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_9 = (
                        ShipmentEarlyConsentTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_9
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_10 = (
                        ShipmentEarlyDeclinedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_10
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_11 = (
                        RedeliveryProposedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_11
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_12 = (
                        RedeliveryChosenTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_12
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_13 = (
                        ContactAttemptRecordedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_13
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_14 = (
                        AttemptRecordedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_14
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_15 = (
                        AttemptPhotoAddedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_15
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_16 = (
                        ShipmentDeliveredTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_16
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_17 = (
                        ShipmentAttemptFailedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_17
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_18 = (
                        ShipmentLostTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_18
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_19 = (
                        ShipmentCancelledTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_19
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_20 = (
                        DisputeOpenedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_20
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_21 = (
                        DisputeRespondedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_21
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_22 = (
                        DisputeResolvedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_22
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_23 = (
                        ContactErasedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_23
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_24 = (
                        RatingSubmittedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_24
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_25 = (
                        RatingChangedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_25
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_26 = (
                        ShipmentReturnedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_26
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_event_type_27 = (
                        TrackingRotatedTimelineEvent.from_dict(data)
                    )

                    return componentsschemas_event_type_27
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_28 = (
                    HandoverPinResetTimelineEvent.from_dict(data)
                )

                return componentsschemas_event_type_28

            items_item = _parse_items_item(items_item_data)

            items.append(items_item)

        def _parse_next_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor", UNSET))

        page_event = cls(
            items=items,
            next_cursor=next_cursor,
        )

        page_event.additional_properties = d
        return page_event

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
