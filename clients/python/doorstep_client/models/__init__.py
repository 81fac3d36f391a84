"""Contains all the data models used in inputs/outputs"""

from .accept_handoff import AcceptHandoff
from .access_log_entry import AccessLogEntry
from .actor_kind import ActorKind
from .address import Address
from .api_key_view import ApiKeyView
from .attempt import Attempt
from .attempt_photo_added_event import AttemptPhotoAddedEvent
from .attempt_photo_added_event_type import AttemptPhotoAddedEventType
from .attempt_photo_added_timeline_event import AttemptPhotoAddedTimelineEvent
from .attempt_photo_added_timeline_event_kind import AttemptPhotoAddedTimelineEventKind
from .attempt_recorded import AttemptRecorded
from .attempt_recorded_event import AttemptRecordedEvent
from .attempt_recorded_event_type import AttemptRecordedEventType
from .attempt_recorded_timeline_event import AttemptRecordedTimelineEvent
from .attempt_recorded_timeline_event_kind import AttemptRecordedTimelineEventKind
from .attempt_status_changed import AttemptStatusChanged
from .batch_item import BatchItem
from .batch_result import BatchResult
from .break_ import Break
from .broken import Broken
from .bundle import Bundle
from .bundle_attempt_salts import BundleAttemptSalts
from .chain_event import ChainEvent
from .chain_event_data import ChainEventData
from .chain_summary import ChainSummary
from .channel import Channel
from .condition import Condition
from .contact_attempt import ContactAttempt
from .contact_attempt_recorded import ContactAttemptRecorded
from .contact_attempt_recorded_event import ContactAttemptRecordedEvent
from .contact_attempt_recorded_event_type import ContactAttemptRecordedEventType
from .contact_attempt_recorded_timeline_event import ContactAttemptRecordedTimelineEvent
from .contact_attempt_recorded_timeline_event_kind import (
    ContactAttemptRecordedTimelineEventKind,
)
from .contact_erased_event import ContactErasedEvent
from .contact_erased_event_type import ContactErasedEventType
from .contact_erased_timeline_event import ContactErasedTimelineEvent
from .contact_erased_timeline_event_kind import ContactErasedTimelineEventKind
from .contact_field import ContactField
from .contact_outcome import ContactOutcome
from .contact_update import ContactUpdate
from .contact_updated import ContactUpdated
from .contract import Contract
from .counted_for import CountedFor
from .counted_shipment import CountedShipment
from .courier_score import CourierScore
from .courier_scorecard import CourierScorecard
from .create_api_key import CreateApiKey
from .create_attempt import CreateAttempt
from .create_batch import CreateBatch
from .create_contact_attempt import CreateContactAttempt
from .create_contract import CreateContract
from .create_dispute import CreateDispute
from .create_handoff import CreateHandoff
from .create_org import CreateOrg
from .create_shipment import CreateShipment
from .create_user import CreateUser
from .create_webhook import CreateWebhook
from .created_api_key import CreatedApiKey
from .created_org import CreatedOrg
from .custodian import Custodian
from .custody_gap import CustodyGap
from .custody_gap_event import CustodyGapEvent
from .custody_gap_event_type import CustodyGapEventType
from .custody_gap_timeline_event import CustodyGapTimelineEvent
from .custody_gap_timeline_event_kind import CustodyGapTimelineEventKind
from .customer_rating import CustomerRating
from .delivery import Delivery
from .delivery_status import DeliveryStatus
from .dispute import Dispute
from .dispute_opened import DisputeOpened
from .dispute_opened_event import DisputeOpenedEvent
from .dispute_opened_event_type import DisputeOpenedEventType
from .dispute_opened_timeline_event import DisputeOpenedTimelineEvent
from .dispute_opened_timeline_event_kind import DisputeOpenedTimelineEventKind
from .dispute_record import DisputeRecord
from .dispute_resolved import DisputeResolved
from .dispute_resolved_event import DisputeResolvedEvent
from .dispute_resolved_event_type import DisputeResolvedEventType
from .dispute_resolved_timeline_event import DisputeResolvedTimelineEvent
from .dispute_resolved_timeline_event_kind import DisputeResolvedTimelineEventKind
from .dispute_responded import DisputeResponded
from .dispute_responded_event import DisputeRespondedEvent
from .dispute_responded_event_type import DisputeRespondedEventType
from .dispute_responded_timeline_event import DisputeRespondedTimelineEvent
from .dispute_responded_timeline_event_kind import DisputeRespondedTimelineEventKind
from .dispute_status import DisputeStatus
from .driver_comment import DriverComment
from .driver_ranking import DriverRanking
from .driver_rating import DriverRating
from .driver_score import DriverScore
from .empty import Empty
from .eta_set import EtaSet
from .eta_updated import EtaUpdated
from .eta_updated_event import EtaUpdatedEvent
from .eta_updated_event_type import EtaUpdatedEventType
from .event_type import EventType
from .evidence import Evidence
from .failure_reason import FailureReason
from .feed_page import FeedPage
from .field_error import FieldError
from .flag import Flag
from .flag_view import FlagView
from .gps_input import GpsInput
from .gps_view import GpsView
from .granularity import Granularity
from .handoff import Handoff
from .handoff_accepted import HandoffAccepted
from .handoff_accepted_event import HandoffAcceptedEvent
from .handoff_accepted_event_type import HandoffAcceptedEventType
from .handoff_accepted_timeline_event import HandoffAcceptedTimelineEvent
from .handoff_accepted_timeline_event_kind import HandoffAcceptedTimelineEventKind
from .handoff_rejected import HandoffRejected
from .handoff_rejected_event import HandoffRejectedEvent
from .handoff_rejected_event_type import HandoffRejectedEventType
from .handoff_rejected_timeline_event import HandoffRejectedTimelineEvent
from .handoff_rejected_timeline_event_kind import HandoffRejectedTimelineEventKind
from .handoff_requested import HandoffRequested
from .handoff_requested_event import HandoffRequestedEvent
from .handoff_requested_event_type import HandoffRequestedEventType
from .handoff_requested_timeline_event import HandoffRequestedTimelineEvent
from .handoff_requested_timeline_event_kind import HandoffRequestedTimelineEventKind
from .handoff_status import HandoffStatus
from .handoff_target import HandoffTarget
from .handover_pin_reset_event import HandoverPinResetEvent
from .handover_pin_reset_event_type import HandoverPinResetEventType
from .handover_pin_reset_timeline_event import HandoverPinResetTimelineEvent
from .handover_pin_reset_timeline_event_kind import HandoverPinResetTimelineEventKind
from .health import Health
from .holder import Holder
from .judged_attempt import JudgedAttempt
from .key_set import KeySet
from .kpi import Kpi
from .kpi_part import KpiPart
from .kpi_report import KpiReport
from .kpi_set import KpiSet
from .kpi_target import KpiTarget
from .kpi_target_missed_event import KpiTargetMissedEvent
from .kpi_target_missed_event_type import KpiTargetMissedEventType
from .kpi_value import KpiValue
from .last_confirmed import LastConfirmed
from .link_handover import LinkHandover
from .link_loss import LinkLoss
from .live_estimate import LiveEstimate
from .location import Location
from .login_request import LoginRequest
from .loss import Loss
from .me import Me
from .new_push_subscription import NewPushSubscription
from .new_user_input import NewUserInput
from .new_window import NewWindow
from .notification import Notification
from .notification_channel import NotificationChannel
from .notification_channels import NotificationChannels
from .notification_choice import NotificationChoice
from .notification_status import NotificationStatus
from .op import Op
from .org import Org
from .org_kind import OrgKind
from .org_role import OrgRole
from .outcome import Outcome
from .page_access_log_entry import PageAccessLogEntry
from .page_api_key_view import PageApiKeyView
from .page_attempt import PageAttempt
from .page_contact_attempt import PageContactAttempt
from .page_contract import PageContract
from .page_counted_shipment import PageCountedShipment
from .page_delivery import PageDelivery
from .page_dispute import PageDispute
from .page_event import PageEvent
from .page_handoff import PageHandoff
from .page_notification import PageNotification
from .page_org import PageOrg
from .page_push_subscription import PagePushSubscription
from .page_rating import PageRating
from .page_root import PageRoot
from .page_shipment import PageShipment
from .page_target_miss import PageTargetMiss
from .page_user_view import PageUserView
from .page_webhook import PageWebhook
from .parcel import Parcel
from .period_kpis import PeriodKpis
from .photo import Photo
from .photo_added import PhotoAdded
from .photo_evidence import PhotoEvidence
from .photo_kind import PhotoKind
from .pin_reset import PinReset
from .ping_event import PingEvent
from .ping_event_type import PingEventType
from .placement import Placement
from .position_answer import PositionAnswer
from .position_report import PositionReport
from .preferences import Preferences
from .principal_kind import PrincipalKind
from .problem import Problem
from .public_key import PublicKey
from .push_keys import PushKeys
from .push_subscription import PushSubscription
from .rate_delivery import RateDelivery
from .rating import Rating
from .rating_changed_event import RatingChangedEvent
from .rating_changed_event_type import RatingChangedEventType
from .rating_changed_timeline_event import RatingChangedTimelineEvent
from .rating_changed_timeline_event_kind import RatingChangedTimelineEventKind
from .rating_given import RatingGiven
from .rating_submitted_event import RatingSubmittedEvent
from .rating_submitted_event_type import RatingSubmittedEventType
from .rating_submitted_timeline_event import RatingSubmittedTimelineEvent
from .rating_submitted_timeline_event_kind import RatingSubmittedTimelineEventKind
from .reason import Reason
from .recipient_input import RecipientInput
from .recipient_view import RecipientView
from .redelivery import Redelivery
from .redelivery_chosen import RedeliveryChosen
from .redelivery_chosen_event import RedeliveryChosenEvent
from .redelivery_chosen_event_type import RedeliveryChosenEventType
from .redelivery_chosen_timeline_event import RedeliveryChosenTimelineEvent
from .redelivery_chosen_timeline_event_kind import RedeliveryChosenTimelineEventKind
from .redelivery_proposed import RedeliveryProposed
from .redelivery_proposed_event import RedeliveryProposedEvent
from .redelivery_proposed_event_type import RedeliveryProposedEventType
from .redelivery_proposed_timeline_event import RedeliveryProposedTimelineEvent
from .redelivery_proposed_timeline_event_kind import RedeliveryProposedTimelineEventKind
from .refresh_request import RefreshRequest
from .reject_handoff import RejectHandoff
from .remedy import Remedy
from .rescheduled import Rescheduled
from .resolution import Resolution
from .resolve_dispute import ResolveDispute
from .respond_dispute import RespondDispute
from .role import Role
from .root import Root
from .root_proof import RootProof
from .set_eta import SetEta
from .set_targets import SetTargets
from .shipment import Shipment
from .shipment_attempt_failed_event import ShipmentAttemptFailedEvent
from .shipment_attempt_failed_event_type import ShipmentAttemptFailedEventType
from .shipment_attempt_failed_timeline_event import ShipmentAttemptFailedTimelineEvent
from .shipment_attempt_failed_timeline_event_kind import (
    ShipmentAttemptFailedTimelineEventKind,
)
from .shipment_cancelled_event import ShipmentCancelledEvent
from .shipment_cancelled_event_type import ShipmentCancelledEventType
from .shipment_cancelled_timeline_event import ShipmentCancelledTimelineEvent
from .shipment_cancelled_timeline_event_kind import ShipmentCancelledTimelineEventKind
from .shipment_contact_updated_event import ShipmentContactUpdatedEvent
from .shipment_contact_updated_event_type import ShipmentContactUpdatedEventType
from .shipment_contact_updated_timeline_event import ShipmentContactUpdatedTimelineEvent
from .shipment_contact_updated_timeline_event_kind import (
    ShipmentContactUpdatedTimelineEventKind,
)
from .shipment_created import ShipmentCreated
from .shipment_created_event import ShipmentCreatedEvent
from .shipment_created_event_type import ShipmentCreatedEventType
from .shipment_created_timeline_event import ShipmentCreatedTimelineEvent
from .shipment_created_timeline_event_kind import ShipmentCreatedTimelineEventKind
from .shipment_delivered_event import ShipmentDeliveredEvent
from .shipment_delivered_event_type import ShipmentDeliveredEventType
from .shipment_delivered_timeline_event import ShipmentDeliveredTimelineEvent
from .shipment_delivered_timeline_event_kind import ShipmentDeliveredTimelineEventKind
from .shipment_early_consent_event import ShipmentEarlyConsentEvent
from .shipment_early_consent_event_type import ShipmentEarlyConsentEventType
from .shipment_early_consent_timeline_event import ShipmentEarlyConsentTimelineEvent
from .shipment_early_consent_timeline_event_kind import (
    ShipmentEarlyConsentTimelineEventKind,
)
from .shipment_early_declined_event import ShipmentEarlyDeclinedEvent
from .shipment_early_declined_event_type import ShipmentEarlyDeclinedEventType
from .shipment_early_declined_timeline_event import ShipmentEarlyDeclinedTimelineEvent
from .shipment_early_declined_timeline_event_kind import (
    ShipmentEarlyDeclinedTimelineEventKind,
)
from .shipment_eta_event import ShipmentEtaEvent
from .shipment_eta_event_type import ShipmentEtaEventType
from .shipment_eta_timeline_event import ShipmentEtaTimelineEvent
from .shipment_eta_timeline_event_kind import ShipmentEtaTimelineEventKind
from .shipment_lost import ShipmentLost
from .shipment_lost_event import ShipmentLostEvent
from .shipment_lost_event_type import ShipmentLostEventType
from .shipment_lost_timeline_event import ShipmentLostTimelineEvent
from .shipment_lost_timeline_event_kind import ShipmentLostTimelineEventKind
from .shipment_out_for_delivery_event import ShipmentOutForDeliveryEvent
from .shipment_out_for_delivery_event_type import ShipmentOutForDeliveryEventType
from .shipment_out_for_delivery_timeline_event import (
    ShipmentOutForDeliveryTimelineEvent,
)
from .shipment_out_for_delivery_timeline_event_kind import (
    ShipmentOutForDeliveryTimelineEventKind,
)
from .shipment_rescheduled_event import ShipmentRescheduledEvent
from .shipment_rescheduled_event_type import ShipmentRescheduledEventType
from .shipment_rescheduled_timeline_event import ShipmentRescheduledTimelineEvent
from .shipment_rescheduled_timeline_event_kind import (
    ShipmentRescheduledTimelineEventKind,
)
from .shipment_returned_event import ShipmentReturnedEvent
from .shipment_returned_event_type import ShipmentReturnedEventType
from .shipment_returned_timeline_event import ShipmentReturnedTimelineEvent
from .shipment_returned_timeline_event_kind import ShipmentReturnedTimelineEventKind
from .slot_definition import SlotDefinition
from .sort_order import SortOrder
from .star_count import StarCount
from .stars_count import StarsCount
from .status import Status
from .status_changed import StatusChanged
from .status_declared import StatusDeclared
from .status_note import StatusNote
from .stop_estimate import StopEstimate
from .suggestion import Suggestion
from .tag import Tag
from .tag_count import TagCount
from .tag_total import TagTotal
from .target_input import TargetInput
from .target_miss import TargetMiss
from .target_view import TargetView
from .targets import Targets
from .timeline_entry import TimelineEntry
from .timeline_entry_detail_type_0 import TimelineEntryDetailType0
from .token_pair import TokenPair
from .tracking import Tracking
from .tracking_rotated_event import TrackingRotatedEvent
from .tracking_rotated_event_type import TrackingRotatedEventType
from .tracking_rotated_timeline_event import TrackingRotatedTimelineEvent
from .tracking_rotated_timeline_event_kind import TrackingRotatedTimelineEventKind
from .tracking_view import TrackingView
from .try_ import Try
from .update_contract import UpdateContract
from .update_org import UpdateOrg
from .update_webhook import UpdateWebhook
from .upload_photo_kind import UploadPhotoKind
from .user_view import UserView
from .vapid_public_key import VapidPublicKey
from .wait import Wait
from .webhook import Webhook
from .webhook_with_secret import WebhookWithSecret
from .window import Window
from .window_choice import WindowChoice

__all__ = (
    "AcceptHandoff",
    "AccessLogEntry",
    "ActorKind",
    "Address",
    "ApiKeyView",
    "Attempt",
    "AttemptPhotoAddedEvent",
    "AttemptPhotoAddedEventType",
    "AttemptPhotoAddedTimelineEvent",
    "AttemptPhotoAddedTimelineEventKind",
    "AttemptRecorded",
    "AttemptRecordedEvent",
    "AttemptRecordedEventType",
    "AttemptRecordedTimelineEvent",
    "AttemptRecordedTimelineEventKind",
    "AttemptStatusChanged",
    "BatchItem",
    "BatchResult",
    "Break",
    "Broken",
    "Bundle",
    "BundleAttemptSalts",
    "ChainEvent",
    "ChainEventData",
    "ChainSummary",
    "Channel",
    "Condition",
    "ContactAttempt",
    "ContactAttemptRecorded",
    "ContactAttemptRecordedEvent",
    "ContactAttemptRecordedEventType",
    "ContactAttemptRecordedTimelineEvent",
    "ContactAttemptRecordedTimelineEventKind",
    "ContactErasedEvent",
    "ContactErasedEventType",
    "ContactErasedTimelineEvent",
    "ContactErasedTimelineEventKind",
    "ContactField",
    "ContactOutcome",
    "ContactUpdate",
    "ContactUpdated",
    "Contract",
    "CountedFor",
    "CountedShipment",
    "CourierScore",
    "CourierScorecard",
    "CreateApiKey",
    "CreateAttempt",
    "CreateBatch",
    "CreateContactAttempt",
    "CreateContract",
    "CreateDispute",
    "CreateHandoff",
    "CreateOrg",
    "CreateShipment",
    "CreateUser",
    "CreateWebhook",
    "CreatedApiKey",
    "CreatedOrg",
    "Custodian",
    "CustodyGap",
    "CustodyGapEvent",
    "CustodyGapEventType",
    "CustodyGapTimelineEvent",
    "CustodyGapTimelineEventKind",
    "CustomerRating",
    "Delivery",
    "DeliveryStatus",
    "Dispute",
    "DisputeOpened",
    "DisputeOpenedEvent",
    "DisputeOpenedEventType",
    "DisputeOpenedTimelineEvent",
    "DisputeOpenedTimelineEventKind",
    "DisputeRecord",
    "DisputeResolved",
    "DisputeResolvedEvent",
    "DisputeResolvedEventType",
    "DisputeResolvedTimelineEvent",
    "DisputeResolvedTimelineEventKind",
    "DisputeResponded",
    "DisputeRespondedEvent",
    "DisputeRespondedEventType",
    "DisputeRespondedTimelineEvent",
    "DisputeRespondedTimelineEventKind",
    "DisputeStatus",
    "DriverComment",
    "DriverRanking",
    "DriverRating",
    "DriverScore",
    "Empty",
    "EtaSet",
    "EtaUpdated",
    "EtaUpdatedEvent",
    "EtaUpdatedEventType",
    "EventType",
    "Evidence",
    "FailureReason",
    "FeedPage",
    "FieldError",
    "Flag",
    "FlagView",
    "GpsInput",
    "GpsView",
    "Granularity",
    "Handoff",
    "HandoffAccepted",
    "HandoffAcceptedEvent",
    "HandoffAcceptedEventType",
    "HandoffAcceptedTimelineEvent",
    "HandoffAcceptedTimelineEventKind",
    "HandoffRejected",
    "HandoffRejectedEvent",
    "HandoffRejectedEventType",
    "HandoffRejectedTimelineEvent",
    "HandoffRejectedTimelineEventKind",
    "HandoffRequested",
    "HandoffRequestedEvent",
    "HandoffRequestedEventType",
    "HandoffRequestedTimelineEvent",
    "HandoffRequestedTimelineEventKind",
    "HandoffStatus",
    "HandoffTarget",
    "HandoverPinResetEvent",
    "HandoverPinResetEventType",
    "HandoverPinResetTimelineEvent",
    "HandoverPinResetTimelineEventKind",
    "Health",
    "Holder",
    "JudgedAttempt",
    "KeySet",
    "Kpi",
    "KpiPart",
    "KpiReport",
    "KpiSet",
    "KpiTarget",
    "KpiTargetMissedEvent",
    "KpiTargetMissedEventType",
    "KpiValue",
    "LastConfirmed",
    "LinkHandover",
    "LinkLoss",
    "LiveEstimate",
    "Location",
    "LoginRequest",
    "Loss",
    "Me",
    "NewPushSubscription",
    "NewUserInput",
    "NewWindow",
    "Notification",
    "NotificationChannel",
    "NotificationChannels",
    "NotificationChoice",
    "NotificationStatus",
    "Op",
    "Org",
    "OrgKind",
    "OrgRole",
    "Outcome",
    "PageAccessLogEntry",
    "PageApiKeyView",
    "PageAttempt",
    "PageContactAttempt",
    "PageContract",
    "PageCountedShipment",
    "PageDelivery",
    "PageDispute",
    "PageEvent",
    "PageHandoff",
    "PageNotification",
    "PageOrg",
    "PagePushSubscription",
    "PageRating",
    "PageRoot",
    "PageShipment",
    "PageTargetMiss",
    "PageUserView",
    "PageWebhook",
    "Parcel",
    "PeriodKpis",
    "Photo",
    "PhotoAdded",
    "PhotoEvidence",
    "PhotoKind",
    "PinReset",
    "PingEvent",
    "PingEventType",
    "Placement",
    "PositionAnswer",
    "PositionReport",
    "Preferences",
    "PrincipalKind",
    "Problem",
    "PublicKey",
    "PushKeys",
    "PushSubscription",
    "RateDelivery",
    "Rating",
    "RatingChangedEvent",
    "RatingChangedEventType",
    "RatingChangedTimelineEvent",
    "RatingChangedTimelineEventKind",
    "RatingGiven",
    "RatingSubmittedEvent",
    "RatingSubmittedEventType",
    "RatingSubmittedTimelineEvent",
    "RatingSubmittedTimelineEventKind",
    "Reason",
    "RecipientInput",
    "RecipientView",
    "Redelivery",
    "RedeliveryChosen",
    "RedeliveryChosenEvent",
    "RedeliveryChosenEventType",
    "RedeliveryChosenTimelineEvent",
    "RedeliveryChosenTimelineEventKind",
    "RedeliveryProposed",
    "RedeliveryProposedEvent",
    "RedeliveryProposedEventType",
    "RedeliveryProposedTimelineEvent",
    "RedeliveryProposedTimelineEventKind",
    "RefreshRequest",
    "RejectHandoff",
    "Remedy",
    "Rescheduled",
    "Resolution",
    "ResolveDispute",
    "RespondDispute",
    "Role",
    "Root",
    "RootProof",
    "SetEta",
    "SetTargets",
    "Shipment",
    "ShipmentAttemptFailedEvent",
    "ShipmentAttemptFailedEventType",
    "ShipmentAttemptFailedTimelineEvent",
    "ShipmentAttemptFailedTimelineEventKind",
    "ShipmentCancelledEvent",
    "ShipmentCancelledEventType",
    "ShipmentCancelledTimelineEvent",
    "ShipmentCancelledTimelineEventKind",
    "ShipmentContactUpdatedEvent",
    "ShipmentContactUpdatedEventType",
    "ShipmentContactUpdatedTimelineEvent",
    "ShipmentContactUpdatedTimelineEventKind",
    "ShipmentCreated",
    "ShipmentCreatedEvent",
    "ShipmentCreatedEventType",
    "ShipmentCreatedTimelineEvent",
    "ShipmentCreatedTimelineEventKind",
    "ShipmentDeliveredEvent",
    "ShipmentDeliveredEventType",
    "ShipmentDeliveredTimelineEvent",
    "ShipmentDeliveredTimelineEventKind",
    "ShipmentEarlyConsentEvent",
    "ShipmentEarlyConsentEventType",
    "ShipmentEarlyConsentTimelineEvent",
    "ShipmentEarlyConsentTimelineEventKind",
    "ShipmentEarlyDeclinedEvent",
    "ShipmentEarlyDeclinedEventType",
    "ShipmentEarlyDeclinedTimelineEvent",
    "ShipmentEarlyDeclinedTimelineEventKind",
    "ShipmentEtaEvent",
    "ShipmentEtaEventType",
    "ShipmentEtaTimelineEvent",
    "ShipmentEtaTimelineEventKind",
    "ShipmentLost",
    "ShipmentLostEvent",
    "ShipmentLostEventType",
    "ShipmentLostTimelineEvent",
    "ShipmentLostTimelineEventKind",
    "ShipmentOutForDeliveryEvent",
    "ShipmentOutForDeliveryEventType",
    "ShipmentOutForDeliveryTimelineEvent",
    "ShipmentOutForDeliveryTimelineEventKind",
    "ShipmentRescheduledEvent",
    "ShipmentRescheduledEventType",
    "ShipmentRescheduledTimelineEvent",
    "ShipmentRescheduledTimelineEventKind",
    "ShipmentReturnedEvent",
    "ShipmentReturnedEventType",
    "ShipmentReturnedTimelineEvent",
    "ShipmentReturnedTimelineEventKind",
    "SlotDefinition",
    "SortOrder",
    "StarCount",
    "StarsCount",
    "Status",
    "StatusChanged",
    "StatusDeclared",
    "StatusNote",
    "StopEstimate",
    "Suggestion",
    "Tag",
    "TagCount",
    "TagTotal",
    "TargetInput",
    "TargetMiss",
    "TargetView",
    "Targets",
    "TimelineEntry",
    "TimelineEntryDetailType0",
    "TokenPair",
    "Tracking",
    "TrackingRotatedEvent",
    "TrackingRotatedEventType",
    "TrackingRotatedTimelineEvent",
    "TrackingRotatedTimelineEventKind",
    "TrackingView",
    "Try",
    "UpdateContract",
    "UpdateOrg",
    "UpdateWebhook",
    "UploadPhotoKind",
    "UserView",
    "VapidPublicKey",
    "Wait",
    "Webhook",
    "WebhookWithSecret",
    "Window",
    "WindowChoice",
)
