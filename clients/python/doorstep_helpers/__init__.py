"""Hand-written helpers beside the generated `doorstep_client`: webhook signatures and cursor
pagination. Standard library only."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Any, Callable, Iterator, Sequence

TOLERANCE_SECONDS = 300


def verify_webhook(
    body: bytes,
    header: str,
    secrets: str | Sequence[str],
    now: float | None = None,
    tolerance: int = TOLERANCE_SECONDS,
) -> bool:
    """Whether `Doorstep-Signature: t=<unix>,v1=<hex>[,v1=<hex>]` signs `body` with one of
    `secrets` (HMAC-SHA256 of "<t>.<body>"), sent within `tolerance` seconds of `now`.
    Pass the raw body, before any JSON parsing: the signature covers its exact bytes."""
    if isinstance(secrets, str):
        secrets = [secrets]
    t, signatures = None, []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            t = int(value)
        elif key == "v1":
            signatures.append(value)
    if t is None or abs((time.time() if now is None else now) - t) > tolerance:
        return False
    signed = str(t).encode() + b"." + body
    for secret in secrets:
        expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
        if any(hmac.compare_digest(expected, s) for s in signatures):
            return True
    return False


def pages(fetch: Callable[[Any], Any], first: Any = None) -> Iterator[Any]:
    """Every item of a paged list: `fetch(cursor)` returns a parsed page (`items`,
    `next_cursor`); the first call gets `first` (None: from the beginning). Stops after the
    page without a `next_cursor` (for the event feed, use `catch_up`)."""
    cursor = first
    while True:
        page = fetch(cursor)
        yield from page.items
        cursor = page.next_cursor
        if not isinstance(cursor, str) or not cursor:
            return


def catch_up(fetch: Callable[[Any], Any], after: Any = None) -> tuple[list[Any], str]:
    """The event feed from `after` (None: the beginning) to now: `fetch(after)` returns a
    parsed `FeedPage`. Returns the events and the cursor to resume from on the next poll;
    no event is skipped nor served twice across polls."""
    events: list[Any] = []
    while True:
        page = fetch(after)
        events.extend(page.items)
        after = page.next_cursor
        if not page.items:
            return events, after
