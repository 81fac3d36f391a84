from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WindowChoice")



@_attrs_define
class WindowChoice:
    """ A window someone chooses or proposes after creation (a reschedule, a re-delivery): it is
    always a firm promise once chosen.

        Attributes:
            end (datetime.datetime):
            start (datetime.datetime):
     """

    end: datetime.datetime
    start: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        start = self.start.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "end": end,
            "start": start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = datetime.datetime.fromisoformat(d.pop("end"))




        start = datetime.datetime.fromisoformat(d.pop("start"))




        window_choice = cls(
            end=end,
            start=start,
        )

        return window_choice

