from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.failure_reason import FailureReason
from ..models.flag import Flag
from ..models.outcome import Outcome
from ..models.placement import Placement

T = TypeVar("T", bound="JudgedAttempt")


@_attrs_define
class JudgedAttempt:
    """An attempt as the server judged it, as the evidence chain covers it (`judged` of
    `attempt.recorded` and `attempt.photo_added`: the latest judgement).

        Attributes:
            distance_m (float | None): Metres from the address, rounded; `null` without GPS or a geocoded address.
            failure_reason (FailureReason | None):
            flags (list[Flag]):
            occurred_at (datetime.datetime): Device time, canonical (`YYYY-MM-DDTHH:MM:SS.ffffffZ`).
            outcome (Outcome):
            pin_verified (bool):
            placement (None | Placement):
            private_digest (None | str): Salted digest of the attempt's private facts; `null` once erased.
            received_at (datetime.datetime): Server time, canonical.
            verified (bool):
    """

    distance_m: float | None
    failure_reason: FailureReason | None
    flags: list[Flag]
    occurred_at: datetime.datetime
    outcome: Outcome
    pin_verified: bool
    placement: None | Placement
    private_digest: None | str
    received_at: datetime.datetime
    verified: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        distance_m: float | None
        distance_m = self.distance_m

        failure_reason: None | str
        if isinstance(self.failure_reason, FailureReason):
            failure_reason = self.failure_reason.value
        else:
            failure_reason = self.failure_reason

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.value
            flags.append(flags_item)

        occurred_at = self.occurred_at.isoformat()

        outcome = self.outcome.value

        pin_verified = self.pin_verified

        placement: None | str
        if isinstance(self.placement, Placement):
            placement = self.placement.value
        else:
            placement = self.placement

        private_digest: None | str
        private_digest = self.private_digest

        received_at = self.received_at.isoformat()

        verified = self.verified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "distance_m": distance_m,
                "failure_reason": failure_reason,
                "flags": flags,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "pin_verified": pin_verified,
                "placement": placement,
                "private_digest": private_digest,
                "received_at": received_at,
                "verified": verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_distance_m(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        distance_m = _parse_distance_m(d.pop("distance_m"))

        def _parse_failure_reason(data: object) -> FailureReason | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                failure_reason_type_0 = FailureReason(data)

                return failure_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FailureReason | None, data)

        failure_reason = _parse_failure_reason(d.pop("failure_reason"))

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = Flag(flags_item_data)

            flags.append(flags_item)

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        outcome = Outcome(d.pop("outcome"))

        pin_verified = d.pop("pin_verified")

        def _parse_placement(data: object) -> None | Placement:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                placement_type_0 = Placement(data)

                return placement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Placement, data)

        placement = _parse_placement(d.pop("placement"))

        def _parse_private_digest(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        private_digest = _parse_private_digest(d.pop("private_digest"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        verified = d.pop("verified")

        judged_attempt = cls(
            distance_m=distance_m,
            failure_reason=failure_reason,
            flags=flags,
            occurred_at=occurred_at,
            outcome=outcome,
            pin_verified=pin_verified,
            placement=placement,
            private_digest=private_digest,
            received_at=received_at,
            verified=verified,
        )

        judged_attempt.additional_properties = d
        return judged_attempt

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
