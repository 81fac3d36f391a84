from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.attempt import Attempt
    from ..models.broken import Broken
    from ..models.bundle_attempt_salts import BundleAttemptSalts
    from ..models.chain_event import ChainEvent
    from ..models.chain_summary import ChainSummary
    from ..models.dispute_record import DisputeRecord
    from ..models.photo_evidence import PhotoEvidence
    from ..models.root_proof import RootProof


T = TypeVar("T", bound="Bundle")


@_attrs_define
class Bundle:
    """A self-contained evidence bundle: verify it offline with `doorstep verify`.

    Attributes:
        attempts (list[Attempt]): The attempts with their verdicts and flags, as the caller sees them.
        chain (ChainSummary): The chain of a shipment as stored.
        chain_valid (bool): The server recomputed the chain from the stored events, compared it with their hashes,
            the head on the shipment and the signed root, and hashed the kept photo bytes.
        disputes (list[DisputeRecord]): The shipment's disputes as their chained events decide them (no free text).
        events (list[ChainEvent]): Every event, chain order (pre-chain events first, without `seq`).
        exported_at (datetime.datetime):
        format_ (str): `doorstep.evidence.v1`.
        photos (list[PhotoEvidence]):
        shipment_id (str):
        attempt_salts (BundleAttemptSalts | Unset): Per attempt, the salt of the digest its chained events keep of the
            driver's typed text
            and GPS fix: given to the parties who see those fields (not suppliers), until erased.
        first_bad_event (Broken | None | Unset):
        root (None | RootProof | Unset):
        root_note (None | str | Unset): Why `root` is null, or what it leaves uncovered.
    """

    attempts: list[Attempt]
    chain: ChainSummary
    chain_valid: bool
    disputes: list[DisputeRecord]
    events: list[ChainEvent]
    exported_at: datetime.datetime
    format_: str
    photos: list[PhotoEvidence]
    shipment_id: str
    attempt_salts: BundleAttemptSalts | Unset = UNSET
    first_bad_event: Broken | None | Unset = UNSET
    root: None | RootProof | Unset = UNSET
    root_note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.broken import Broken
        from ..models.root_proof import RootProof

        attempts = []
        for attempts_item_data in self.attempts:
            attempts_item = attempts_item_data.to_dict()
            attempts.append(attempts_item)

        chain = self.chain.to_dict()

        chain_valid = self.chain_valid

        disputes = []
        for disputes_item_data in self.disputes:
            disputes_item = disputes_item_data.to_dict()
            disputes.append(disputes_item)

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        exported_at = self.exported_at.isoformat()

        format_ = self.format_

        photos = []
        for photos_item_data in self.photos:
            photos_item = photos_item_data.to_dict()
            photos.append(photos_item)

        shipment_id = self.shipment_id

        attempt_salts: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attempt_salts, Unset):
            attempt_salts = self.attempt_salts.to_dict()

        first_bad_event: dict[str, Any] | None | Unset
        if isinstance(self.first_bad_event, Unset):
            first_bad_event = UNSET
        elif isinstance(self.first_bad_event, Broken):
            first_bad_event = self.first_bad_event.to_dict()
        else:
            first_bad_event = self.first_bad_event

        root: dict[str, Any] | None | Unset
        if isinstance(self.root, Unset):
            root = UNSET
        elif isinstance(self.root, RootProof):
            root = self.root.to_dict()
        else:
            root = self.root

        root_note: None | str | Unset
        if isinstance(self.root_note, Unset):
            root_note = UNSET
        else:
            root_note = self.root_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "chain": chain,
                "chain_valid": chain_valid,
                "disputes": disputes,
                "events": events,
                "exported_at": exported_at,
                "format": format_,
                "photos": photos,
                "shipment_id": shipment_id,
            }
        )
        if attempt_salts is not UNSET:
            field_dict["attempt_salts"] = attempt_salts
        if first_bad_event is not UNSET:
            field_dict["first_bad_event"] = first_bad_event
        if root is not UNSET:
            field_dict["root"] = root
        if root_note is not UNSET:
            field_dict["root_note"] = root_note

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.attempt import Attempt
        from ..models.broken import Broken
        from ..models.bundle_attempt_salts import BundleAttemptSalts
        from ..models.chain_event import ChainEvent
        from ..models.chain_summary import ChainSummary
        from ..models.dispute_record import DisputeRecord
        from ..models.photo_evidence import PhotoEvidence
        from ..models.root_proof import RootProof

        d = dict(src_dict)
        attempts = []
        _attempts = d.pop("attempts")
        for attempts_item_data in _attempts:
            attempts_item = Attempt.from_dict(attempts_item_data)

            attempts.append(attempts_item)

        chain = ChainSummary.from_dict(d.pop("chain"))

        chain_valid = d.pop("chain_valid")

        disputes = []
        _disputes = d.pop("disputes")
        for disputes_item_data in _disputes:
            disputes_item = DisputeRecord.from_dict(disputes_item_data)

            disputes.append(disputes_item)

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ChainEvent.from_dict(events_item_data)

            events.append(events_item)

        exported_at = datetime.datetime.fromisoformat(d.pop("exported_at"))

        format_ = d.pop("format")

        photos = []
        _photos = d.pop("photos")
        for photos_item_data in _photos:
            photos_item = PhotoEvidence.from_dict(photos_item_data)

            photos.append(photos_item)

        shipment_id = d.pop("shipment_id")

        _attempt_salts = d.pop("attempt_salts", UNSET)
        attempt_salts: BundleAttemptSalts | Unset
        if isinstance(_attempt_salts, Unset):
            attempt_salts = UNSET
        else:
            attempt_salts = BundleAttemptSalts.from_dict(_attempt_salts)

        def _parse_first_bad_event(data: object) -> Broken | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                first_bad_event_type_0 = Broken.from_dict(data)

                return first_bad_event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Broken | None | Unset, data)

        first_bad_event = _parse_first_bad_event(d.pop("first_bad_event", UNSET))

        def _parse_root(data: object) -> None | RootProof | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                root_type_0 = RootProof.from_dict(data)

                return root_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RootProof | Unset, data)

        root = _parse_root(d.pop("root", UNSET))

        def _parse_root_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        root_note = _parse_root_note(d.pop("root_note", UNSET))

        bundle = cls(
            attempts=attempts,
            chain=chain,
            chain_valid=chain_valid,
            disputes=disputes,
            events=events,
            exported_at=exported_at,
            format_=format_,
            photos=photos,
            shipment_id=shipment_id,
            attempt_salts=attempt_salts,
            first_bad_event=first_bad_event,
            root=root,
            root_note=root_note,
        )

        bundle.additional_properties = d
        return bundle

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
