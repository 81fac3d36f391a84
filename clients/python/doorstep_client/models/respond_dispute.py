from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="RespondDispute")


@_attrs_define
class RespondDispute:
    """
    Attributes:
        response (str): The courier's account (1–2000 characters).
    """

    response: str

    def to_dict(self) -> dict[str, Any]:
        response = self.response

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "response": response,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        response = d.pop("response")

        respond_dispute = cls(
            response=response,
        )

        return respond_dispute
