from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Window")


@_attrs_define
class Window:
    """
    Attributes:
        end (datetime.datetime):
        firm (bool): A firm window is a promise; otherwise it is an estimate.
        start (datetime.datetime):
    """

    end: datetime.datetime
    firm: bool
    start: datetime.datetime

    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        firm = self.firm

        start = self.start.isoformat()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "end": end,
                "firm": firm,
                "start": start,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        end = datetime.datetime.fromisoformat(d.pop("end"))

        firm = d.pop("firm")

        start = datetime.datetime.fromisoformat(d.pop("start"))

        window = cls(
            end=end,
            firm=firm,
            start=start,
        )

        return window
