from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.failure_reason import FailureReason
from ..models.outcome import Outcome
from ..models.placement import Placement
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gps_input import GpsInput


T = TypeVar("T", bound="CreateAttempt")


@_attrs_define
class CreateAttempt:
    """A delivery attempt as the driver's app sends it (requires an `Idempotency-Key`).

    Attributes:
        occurred_at (datetime.datetime): Device time; up to 72 h in the past (offline), not in the future beyond 5
            minutes.
        outcome (Outcome):
        failure_reason (FailureReason | None | Unset):
        gps (GpsInput | None | Unset):
        handover_pin (None | str | Unset): The code the customer reads out (their tracking link shows it).
        intercom_note (None | str | Unset): What the intercom or doorbell showed or said.
        placement (None | Placement | Unset):
        recipient_name (None | str | Unset):
    """

    occurred_at: datetime.datetime
    outcome: Outcome
    failure_reason: FailureReason | None | Unset = UNSET
    gps: GpsInput | None | Unset = UNSET
    handover_pin: None | str | Unset = UNSET
    intercom_note: None | str | Unset = UNSET
    placement: None | Placement | Unset = UNSET
    recipient_name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.gps_input import GpsInput

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

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
        elif isinstance(self.gps, GpsInput):
            gps = self.gps.to_dict()
        else:
            gps = self.gps

        handover_pin: None | str | Unset
        if isinstance(self.handover_pin, Unset):
            handover_pin = UNSET
        else:
            handover_pin = self.handover_pin

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

        field_dict.update(
            {
                "occurred_at": occurred_at,
                "outcome": outcome,
            }
        )
        if failure_reason is not UNSET:
            field_dict["failure_reason"] = failure_reason
        if gps is not UNSET:
            field_dict["gps"] = gps
        if handover_pin is not UNSET:
            field_dict["handover_pin"] = handover_pin
        if intercom_note is not UNSET:
            field_dict["intercom_note"] = intercom_note
        if placement is not UNSET:
            field_dict["placement"] = placement
        if recipient_name is not UNSET:
            field_dict["recipient_name"] = recipient_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.gps_input import GpsInput

        d = dict(src_dict)
        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = Outcome(d.pop("outcome"))

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

        def _parse_gps(data: object) -> GpsInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                gps_type_0 = GpsInput.from_dict(data)

                return gps_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(GpsInput | None | Unset, data)

        gps = _parse_gps(d.pop("gps", UNSET))

        def _parse_handover_pin(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        handover_pin = _parse_handover_pin(d.pop("handover_pin", UNSET))

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

        create_attempt = cls(
            occurred_at=occurred_at,
            outcome=outcome,
            failure_reason=failure_reason,
            gps=gps,
            handover_pin=handover_pin,
            intercom_note=intercom_note,
            placement=placement,
            recipient_name=recipient_name,
        )

        return create_attempt
