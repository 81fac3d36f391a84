from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.suggestion import Suggestion
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt import Attempt
    from ..models.contact_attempt import ContactAttempt
    from ..models.dispute import Dispute
    from ..models.window import Window


T = TypeVar("T", bound="Evidence")


@_attrs_define
class Evidence:
    """Everything needed to decide: the dispute, the attempt with its verdict and photos, the
    driver's contact attempts, both sides' words, and what the evidence suggests.

        Attributes:
            contact_attempts (list[ContactAttempt]):
            dispute (Dispute):
            promised_window (Window):
            suggested_outcome (Suggestion):
            suggestion_reason (str):
            attempt (Attempt | None | Unset):
    """

    contact_attempts: list[ContactAttempt]
    dispute: Dispute
    promised_window: Window
    suggested_outcome: Suggestion
    suggestion_reason: str
    attempt: Attempt | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.attempt import Attempt

        contact_attempts = []
        for contact_attempts_item_data in self.contact_attempts:
            contact_attempts_item = contact_attempts_item_data.to_dict()
            contact_attempts.append(contact_attempts_item)

        dispute = self.dispute.to_dict()

        promised_window = self.promised_window.to_dict()

        suggested_outcome = self.suggested_outcome.value

        suggestion_reason = self.suggestion_reason

        attempt: dict[str, Any] | None | Unset
        if isinstance(self.attempt, Unset):
            attempt = UNSET
        elif isinstance(self.attempt, Attempt):
            attempt = self.attempt.to_dict()
        else:
            attempt = self.attempt

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact_attempts": contact_attempts,
                "dispute": dispute,
                "promised_window": promised_window,
                "suggested_outcome": suggested_outcome,
                "suggestion_reason": suggestion_reason,
            }
        )
        if attempt is not UNSET:
            field_dict["attempt"] = attempt

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt
        from ..models.contact_attempt import ContactAttempt
        from ..models.dispute import Dispute
        from ..models.window import Window

        d = dict(src_dict)
        contact_attempts = []
        _contact_attempts = d.pop("contact_attempts")
        for contact_attempts_item_data in _contact_attempts:
            contact_attempts_item = ContactAttempt.from_dict(contact_attempts_item_data)

            contact_attempts.append(contact_attempts_item)

        dispute = Dispute.from_dict(d.pop("dispute"))

        promised_window = Window.from_dict(d.pop("promised_window"))

        suggested_outcome = Suggestion(d.pop("suggested_outcome"))

        suggestion_reason = d.pop("suggestion_reason")

        def _parse_attempt(data: object) -> Attempt | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                attempt_type_0 = Attempt.from_dict(data)

                return attempt_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Attempt | None | Unset, data)

        attempt = _parse_attempt(d.pop("attempt", UNSET))

        evidence = cls(
            contact_attempts=contact_attempts,
            dispute=dispute,
            promised_window=promised_window,
            suggested_outcome=suggested_outcome,
            suggestion_reason=suggestion_reason,
            attempt=attempt,
        )

        evidence.additional_properties = d
        return evidence

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
