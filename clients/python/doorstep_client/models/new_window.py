from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.window_choice import WindowChoice


T = TypeVar("T", bound="NewWindow")


@_attrs_define
class NewWindow:
    """A new delivery window, named as at creation: `{"window": {"start": …, "end": …}}` (so field
    errors say `window.start`, `window.end`).

        Attributes:
            window (WindowChoice): A window someone chooses or proposes after creation (a reschedule, a re-delivery): it is
                always a firm promise once chosen.
    """

    window: WindowChoice

    def to_dict(self) -> dict[str, Any]:
        window = self.window.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "window": window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.window_choice import WindowChoice

        d = dict(src_dict)
        window = WindowChoice.from_dict(d.pop("window"))

        new_window = cls(
            window=window,
        )

        return new_window
