from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SetEta")



@_attrs_define
class SetEta:
    """ The driver's "arriving around HH:MM".

        Attributes:
            eta (datetime.datetime):
     """

    eta: datetime.datetime





    def to_dict(self) -> dict[str, Any]:
        eta = self.eta.isoformat()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "eta": eta,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        eta = datetime.datetime.fromisoformat(d.pop("eta"))




        set_eta = cls(
            eta=eta,
        )

        return set_eta

