from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.window_choice import WindowChoice





T = TypeVar("T", bound="NewWindow")



@_attrs_define
class NewWindow:
    """ A new delivery window, named as at creation: `{"window": {"start": …, "end": …}}` (so field
    errors say `window.start`, `window.end`).

        Attributes:
            window (WindowChoice): A window someone chooses or proposes after creation (a reschedule, a re-delivery): it is
                always a firm promise once chosen.
     """

    window: WindowChoice





    def to_dict(self) -> dict[str, Any]:
        from ..models.window_choice import WindowChoice # noqa: PLC0415
        window = self.window.to_dict()


        field_dict: dict[str, Any] = {}

        field_dict.update({
            "window": window,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.window_choice import WindowChoice # noqa: PLC0415
        d = dict(src_dict)
        window = WindowChoice.from_dict(d.pop("window"))




        new_window = cls(
            window=window,
        )

        return new_window

