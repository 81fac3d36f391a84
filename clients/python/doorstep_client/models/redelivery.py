from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.wait import Wait
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.window_choice import WindowChoice


T = TypeVar("T", bound="Redelivery")


@_attrs_define
class Redelivery:
    """A parcel's wait for a new visit after a failed attempt, and the re-delivery round that
    follows a chosen window.

        Attributes:
            state (Wait): Where a parcel waiting for a new visit stands.
            chosen_at (datetime.datetime | None | Unset): When the customer chose the window (or accepted the proposal).
            proposed_window (None | Unset | WindowChoice):
    """

    state: Wait
    chosen_at: datetime.datetime | None | Unset = UNSET
    proposed_window: None | Unset | WindowChoice = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.window_choice import WindowChoice

        state = self.state.value

        chosen_at: None | str | Unset
        if isinstance(self.chosen_at, Unset):
            chosen_at = UNSET
        elif isinstance(self.chosen_at, datetime.datetime):
            chosen_at = self.chosen_at.isoformat()
        else:
            chosen_at = self.chosen_at

        proposed_window: dict[str, Any] | None | Unset
        if isinstance(self.proposed_window, Unset):
            proposed_window = UNSET
        elif isinstance(self.proposed_window, WindowChoice):
            proposed_window = self.proposed_window.to_dict()
        else:
            proposed_window = self.proposed_window

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
            }
        )
        if chosen_at is not UNSET:
            field_dict["chosen_at"] = chosen_at
        if proposed_window is not UNSET:
            field_dict["proposed_window"] = proposed_window

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.window_choice import WindowChoice

        d = dict(src_dict)
        state = Wait(d.pop("state"))

        def _parse_chosen_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                chosen_at_type_0 = datetime.datetime.fromisoformat(data)

                return chosen_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        chosen_at = _parse_chosen_at(d.pop("chosen_at", UNSET))

        def _parse_proposed_window(data: object) -> None | Unset | WindowChoice:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                proposed_window_type_0 = WindowChoice.from_dict(data)

                return proposed_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WindowChoice, data)

        proposed_window = _parse_proposed_window(d.pop("proposed_window", UNSET))

        redelivery = cls(
            state=state,
            chosen_at=chosen_at,
            proposed_window=proposed_window,
        )

        redelivery.additional_properties = d
        return redelivery

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
