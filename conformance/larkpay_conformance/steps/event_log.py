"""The events of some objects, as listEvents shows them, checked against what the API answered
for each change: the right types in the right order, each event's data equal to the object the
API returned at that moment, ``updated_at`` never going back, and the latest event of each object
equal to the object as it is now."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from larkpay_conformance.checks.object_checks import parse_time
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import expect_answer


@dataclass(frozen=True)
class Expected:
    """One event a change must fire: its type and the object the API answered."""

    event: str
    data: dict[str, Any]
    #: False when the object at that moment was never seen (a payment that settled on its own
    #: just before another change): only the type and the object are checked
    exact: bool = True

    @property
    def object_id(self) -> str:
        """The id of the object the event is about."""
        return str(self.data.get("id"))


def events_about(
    api: Api, object_ids: Collection[str], check: str, *, pages: int = 3
) -> tuple[list[dict[str, Any]], Reply]:
    """The events about ``object_ids``, oldest first, from the newest ``pages`` pages of 100
    (a tenant of the caller's own has no others), and the last page's reply."""
    found: list[dict[str, Any]] = []
    params: dict[str, Any] = {"limit": 100}
    wanted = set(object_ids)
    reply = None
    for _ in range(pages):
        reply = expect_answer(api.list_events(**params), 200, None, check, "list events")
        for event in reply.data:
            data = event.get("data") if isinstance(event, dict) else None
            if isinstance(data, dict) and data.get("id") in wanted:
                found.append(event)
        if not reply.envelope.get("has_more"):
            break
        params["cursor"] = reply.envelope.get("next_cursor")
    assert reply is not None
    return list(reversed(found)), reply


def _differences(expected: dict[str, Any], got: Any) -> list[str]:
    if not isinstance(got, dict):
        return [f"data is {got!r}"]
    names = sorted(set(expected) | set(got))
    return [
        f"{n}: {got.get(n)!r} != {expected.get(n)!r}"
        for n in names
        if got.get(n) != expected.get(n)
    ]


def check_events(
    events: list[dict[str, Any]],
    expected: list[Expected],
    reply: Reply,
    *,
    sequence_check: str,
    data_check: str,
) -> None:
    """The events (oldest first) are exactly ``expected``, in order per object: types under
    ``sequence_check``, data field by field and updated_at order under ``data_check``."""
    by_object: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        by_object.setdefault(str(event["data"].get("id")), []).append(event)
    wanted: dict[str, list[Expected]] = {}
    for item in expected:
        wanted.setdefault(item.object_id, []).append(item)
    for object_id, items in wanted.items():
        got = by_object.get(object_id, [])
        types = [str(e.get("event")) for e in got]
        if types != [item.event for item in items]:
            raise reply.fail(
                sequence_check,
                f"{object_id}: events {types}, expected {[item.event for item in items]}",
            )
        last_change = None
        for event, item in zip(got, items, strict=True):
            if not item.exact:
                continue
            wrong = _differences(item.data, event.get("data"))
            if wrong:
                raise reply.fail(
                    data_check,
                    f"{event.get('event')} {event.get('id')} of {object_id} is not the object the "
                    f"API answered: {'; '.join(wrong[:4])}",
                )
            changed = parse_time(event["data"].get("updated_at"))
            if changed is not None and last_change is not None and changed <= last_change:
                raise reply.fail(
                    data_check,
                    f"{object_id}: updated_at does not move forward with the change of "
                    f"{event['id']} ({event['data'].get('updated_at')})",
                )
            last_change = changed or last_change
    extra = sorted(set(by_object) - set(wanted))
    if extra:
        raise reply.fail(sequence_check, f"events about objects no change touched: {extra[:3]}")


def check_latest_is_current(
    api: Api, events: list[dict[str, Any]], current: dict[str, dict[str, Any]], check: str
) -> None:
    """The latest event of each object equals the object now (``current``: id -> object), and
    getEvent answers each listed event as listed."""
    latest: dict[str, dict[str, Any]] = {}
    for event in events:
        latest[str(event["data"].get("id"))] = event
        fetched = expect_answer(api.get_event(str(event["id"])), 200, None, check, "get event")
        if fetched.data != event:
            raise fetched.fail(check, f"GET /events/{event['id']} differs from the listed event")
    for object_id, event in latest.items():
        now = current.get(object_id)
        wrong = _differences(now, event["data"]) if now is not None else []
        if wrong:
            raise api.get_event(str(event["id"])).fail(
                check,
                f"the latest event of {object_id} ({event.get('event')}) is not the object as it "
                f"is now: {'; '.join(wrong[:4])}",
            )
