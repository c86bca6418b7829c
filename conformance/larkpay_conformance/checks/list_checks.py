"""Checks of one page of any list answer: its order, its filter and its size.

The paging rules of the design brief hold page by page too: newest first by (``created_at``,
``id``) (an event's time is its ``timestamp``; delivery attempts to one endpoint come newest
attempt first), no object twice, only objects of the asked-for ``status`` or ``event``, and
never more than ``limit`` (default 20). Whole listings across pages are checked elsewhere
(:mod:`larkpay_conformance.steps.paging`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from larkpay_conformance.checks.exchange import CheckFailedError, Exchange
from larkpay_conformance.checks.object_checks import parse_time

ORDER = "larkpay_list_order"
FILTER = "larkpay_list_filter"
LIMIT = "larkpay_list_limit"

DEFAULT_LIMIT = 20
#: query parameter -> the field of each listed item it filters on
FILTERS = {"status": "status", "event": "event"}


def page_items(ex: Exchange) -> list[dict[str, Any]] | None:
    """The items of a successful list answer, or None when ``ex`` is not one."""
    doc = ex.doc
    if ex.status != 200 or not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
        return None
    return [item for item in doc["data"] if isinstance(item, dict)]


def order_key(item: dict[str, Any]) -> tuple[datetime, str] | None:
    """(creation time, id) of a listed object; None when it has neither."""
    when = parse_time(item.get("created_at", item.get("timestamp")))
    ident = item.get("id")
    return (when, ident) if when is not None and isinstance(ident, str) else None


def check_order(ex: Exchange) -> None:
    """Items newest first by (created_at, id), each once; attempts newest first per endpoint."""
    items = page_items(ex)
    if not items:
        return
    seen: set[Any] = set()
    previous: tuple[datetime, str] | None = None
    latest_attempt: dict[Any, int] = {}
    for position, item in enumerate(items):
        ident = item.get("id")
        if ident in seen:
            raise CheckFailedError(ORDER, f"{ident} is listed twice on one page")
        seen.add(ident)
        key = order_key(item)
        if key is not None:
            if previous is not None and key >= previous:
                raise CheckFailedError(
                    ORDER,
                    f"item {position} ({ident}, {key[0].isoformat()}) is not older than the "
                    f"one before it ({previous[1]}, {previous[0].isoformat()}): lists are "
                    "newest first by (created_at, id)",
                )
            previous = key
        attempt = item.get("attempt")
        if item.get("object") == "event_delivery" and isinstance(attempt, int):
            endpoint = item.get("endpoint_id")
            if endpoint in latest_attempt and attempt >= latest_attempt[endpoint]:
                raise CheckFailedError(
                    ORDER,
                    f"attempt {attempt} to {endpoint} is listed after attempt "
                    f"{latest_attempt[endpoint]}: attempts are newest first",
                )
            latest_attempt[endpoint] = attempt


def check_filter(ex: Exchange) -> None:
    """A ``status`` or ``event`` filter lets only matching items through."""
    items = page_items(ex)
    if not items:
        return
    for parameter, field in FILTERS.items():
        wanted = ex.query.get(parameter)
        if wanted is None:
            continue
        for item in items:
            if field in item and item[field] != wanted:
                raise CheckFailedError(
                    FILTER,
                    f"{parameter}={wanted} listed {item.get('id')} with {field} {item[field]!r}",
                )


def check_limit(ex: Exchange) -> None:
    """A page holds at most ``limit`` items (20 when not given)."""
    items = page_items(ex)
    if items is None:
        return
    raw = ex.query.get("limit")
    if raw is not None and not raw.isdigit():
        return
    limit = int(raw) if raw is not None else DEFAULT_LIMIT
    if len(items) > limit:
        raise CheckFailedError(LIMIT, f"{len(items)} items on a page asked with limit {limit}")


LIST_CHECKS: tuple[tuple[str, Callable[[Exchange], None]], ...] = (
    (ORDER, check_order),
    (FILTER, check_filter),
    (LIMIT, check_limit),
)
