from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag import Flag
from ..models.outcome import Outcome

if TYPE_CHECKING:
    from ..models.judged_attempt import JudgedAttempt


T = TypeVar("T", bound="AttemptRecorded")


@_attrs_define
class AttemptRecorded:
    """`attempt.recorded`: the driver recorded a delivery attempt, with the server's verdict.

    Attributes:
        attempt_id (str):
        distance_m (float | None): Metres from the address, rounded; `null` without GPS or a geocoded address.
        flags (list[Flag]):
        judged (JudgedAttempt): An attempt as the server judged it, as the evidence chain covers it (`judged` of
            `attempt.recorded` and `attempt.photo_added`: the latest judgement).
        outcome (Outcome):
        verified (bool): No flags.
    """

    attempt_id: str
    distance_m: float | None
    flags: list[Flag]
    judged: JudgedAttempt
    outcome: Outcome
    verified: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempt_id = self.attempt_id

        distance_m: float | None
        distance_m = self.distance_m

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.value
            flags.append(flags_item)

        judged = self.judged.to_dict()

        outcome = self.outcome.value

        verified = self.verified

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempt_id": attempt_id,
                "distance_m": distance_m,
                "flags": flags,
                "judged": judged,
                "outcome": outcome,
                "verified": verified,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.judged_attempt import JudgedAttempt

        d = dict(src_dict)
        attempt_id = d.pop("attempt_id")

        def _parse_distance_m(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        distance_m = _parse_distance_m(d.pop("distance_m"))

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = Flag(flags_item_data)

            flags.append(flags_item)

        judged = JudgedAttempt.from_dict(d.pop("judged"))

        outcome = Outcome(d.pop("outcome"))

        verified = d.pop("verified")

        attempt_recorded = cls(
            attempt_id=attempt_id,
            distance_m=distance_m,
            flags=flags,
            judged=judged,
            outcome=outcome,
            verified=verified,
        )

        attempt_recorded.additional_properties = d
        return attempt_recorded

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
