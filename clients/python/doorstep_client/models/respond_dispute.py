from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







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

        field_dict.update({
            "response": response,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        response = d.pop("response")

        respond_dispute = cls(
            response=response,
        )

        return respond_dispute

