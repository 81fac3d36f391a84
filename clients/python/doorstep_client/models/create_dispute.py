from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.reason import Reason
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateDispute")


@_attrs_define
class CreateDispute:
    """The customer contests an attempt ("This is not right").

    Attributes:
        reason (Reason):
        attempt_id (None | str | Unset): The attempt contested; the latest one when absent.
        comment (None | str | Unset): Up to 2000 characters.
    """

    reason: Reason
    attempt_id: None | str | Unset = UNSET
    comment: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason.value

        attempt_id: None | str | Unset
        if isinstance(self.attempt_id, Unset):
            attempt_id = UNSET
        else:
            attempt_id = self.attempt_id

        comment: None | str | Unset
        if isinstance(self.comment, Unset):
            comment = UNSET
        else:
            comment = self.comment

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "reason": reason,
            }
        )
        if attempt_id is not UNSET:
            field_dict["attempt_id"] = attempt_id
        if comment is not UNSET:
            field_dict["comment"] = comment

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        reason = Reason(d.pop("reason"))

        def _parse_attempt_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        attempt_id = _parse_attempt_id(d.pop("attempt_id", UNSET))

        def _parse_comment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment = _parse_comment(d.pop("comment", UNSET))

        create_dispute = cls(
            reason=reason,
            attempt_id=attempt_id,
            comment=comment,
        )

        return create_dispute
