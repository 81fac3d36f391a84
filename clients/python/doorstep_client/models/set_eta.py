from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetEta")


@_attrs_define
class SetEta:
    """The driver's "arriving around HH:MM".

    Attributes:
        eta (datetime.datetime):
    """

    eta: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        eta = self.eta.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "eta": eta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        eta = datetime.datetime.fromisoformat(d.pop("eta"))

        set_eta = cls(
            eta=eta,
        )

        return set_eta
