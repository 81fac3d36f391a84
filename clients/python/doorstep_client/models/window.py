from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






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

        field_dict.update({
            "end": end,
            "firm": firm,
            "start": start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
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

