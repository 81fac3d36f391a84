from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.last_confirmed import LastConfirmed
    from ..models.link_handover import LinkHandover


T = TypeVar("T", bound="LinkLoss")


@_attrs_define
class LinkLoss:
    """A lost parcel as the customer sees it: where it was last confirmed, and the hand-over that
    never completed.

        Attributes:
            last_confirmed (LastConfirmed): Who last confirmed holding the parcel (an organisation's display name), and
                when.
            never_accepted (LinkHandover | None | Unset):
    """

    last_confirmed: LastConfirmed
    never_accepted: LinkHandover | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.link_handover import LinkHandover

        last_confirmed = self.last_confirmed.to_dict()

        never_accepted: dict[str, Any] | None | Unset
        if isinstance(self.never_accepted, Unset):
            never_accepted = UNSET
        elif isinstance(self.never_accepted, LinkHandover):
            never_accepted = self.never_accepted.to_dict()
        else:
            never_accepted = self.never_accepted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_confirmed": last_confirmed,
            }
        )
        if never_accepted is not UNSET:
            field_dict["never_accepted"] = never_accepted

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.last_confirmed import LastConfirmed
        from ..models.link_handover import LinkHandover

        d = dict(src_dict)
        last_confirmed = LastConfirmed.from_dict(d.pop("last_confirmed"))

        def _parse_never_accepted(data: object) -> LinkHandover | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                never_accepted_type_0 = LinkHandover.from_dict(data)

                return never_accepted_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LinkHandover | None | Unset, data)

        never_accepted = _parse_never_accepted(d.pop("never_accepted", UNSET))

        link_loss = cls(
            last_confirmed=last_confirmed,
            never_accepted=never_accepted,
        )

        link_loss.additional_properties = d
        return link_loss

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
