"""Checks of the business rules every object in any answer must keep, whatever request led to it.

The schema says what each field may hold; these say how fields of one object, and an object and
the request that returned it, must agree (design brief, "Resources"): a payment never has more
refunded than its amount; only a failed payment carries a failure code; an event's data is the
object its type names; a webhook secret appears only in the answers of create and rotate; a
delivery succeeded exactly when the receiver answered 2xx; an object fetched by id is that object.
They run on every exchange of every layer (schemathesis' cases included), so each rule is also
checked on the thousands of answers fuzzing produces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from larkpay_conformance.checks.exchange import CheckFailedError, Exchange

PAYMENT = "larkpay_payment_invariants"
REFUND = "larkpay_refund_invariants"
EVENT = "larkpay_event_shape"
ENDPOINT = "larkpay_endpoint_invariants"
DELIVERY = "larkpay_delivery_invariants"
ENDPOINT_STATE = "larkpay_endpoint_state"

_OBJECT_PATH = re.compile(r"/(payments|refunds|webhook_endpoints|events)/([^/]+)(/[a-z_]+)?/?$")
#: actions on /collection/{id}/action whose answer is the addressed object itself
_SAME_OBJECT_ACTIONS = frozenset({"", "cancel", "settle", "redeliver", "rotate_secret"})
#: answers that may show a webhook secret: create (201) and rotate_secret (200)
_SECRET_PATH = re.compile(r"/webhook_endpoints(/[^/]+/rotate_secret)?/?$")


def parse_time(value: Any) -> datetime | None:
    """An RFC 3339 timestamp as an aware datetime (None if it is not one)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def objects_in(ex: Exchange) -> Iterator[dict[str, Any]]:
    """Every object of a success answer: the data object, list items and events' data."""
    doc = ex.doc
    if ex.status >= 300 or not isinstance(doc, dict):
        return
    data = doc.get("data")
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict):
            yield item
            if item.get("object") == "event" and isinstance(item.get("data"), dict):
                yield item["data"]


def addressed(ex: Exchange) -> tuple[str, str, str] | None:
    """(collection, id, action) of a URL like /payments/{id}[/action], else None."""
    found = _OBJECT_PATH.search(ex.path)
    if found is None:
        return None
    return found.group(1), found.group(2), (found.group(3) or "").strip("/")


def _fail(check: str, obj: dict[str, Any], message: str) -> CheckFailedError:
    return CheckFailedError(check, f"{obj.get('object')} {obj.get('id')}: {message}")


def _times_in_order(check: str, obj: dict[str, Any]) -> None:
    created, updated = parse_time(obj.get("created_at")), parse_time(obj.get("updated_at"))
    if created is not None and updated is not None and updated < created:
        raise _fail(check, obj, f"updated_at {obj['updated_at']} is before created_at")


def _same_id(check: str, ex: Exchange, obj: dict[str, Any], collection: str) -> None:
    """The single object answered for /collection/{id} (no sub-collection) is that object."""
    where = addressed(ex)
    data = ex.doc.get("data") if isinstance(ex.doc, dict) else None
    if where is None or where[0] != collection or data is not obj:
        return
    if where[2] in _SAME_OBJECT_ACTIONS and obj.get("id") != where[1]:
        raise _fail(check, obj, f"asked for {where[1]}, the answer is another object")


def check_payment(ex: Exchange) -> None:
    """Every payment: 0 <= amount_refunded <= amount; refunded only if succeeded; a failure
    code and message exactly when failed; updated_at not before created_at; the asked-for one."""
    for obj in objects_in(ex):
        if obj.get("object") != "payment":
            continue
        amount, refunded = obj.get("amount"), obj.get("amount_refunded")
        if isinstance(amount, int) and isinstance(refunded, int):
            if not 0 <= refunded <= amount:
                raise _fail(PAYMENT, obj, f"amount_refunded {refunded} outside 0..{amount}")
            if refunded > 0 and obj.get("status") != "succeeded":
                raise _fail(PAYMENT, obj, f"{refunded} refunded but status {obj.get('status')}")
        failed = obj.get("status") == "failed"
        for name in ("failure_code", "failure_message"):
            value = obj.get(name)
            if failed != (isinstance(value, str) and value != ""):
                state = "a failed payment needs" if failed else "only a failed payment has"
                raise _fail(PAYMENT, obj, f"{state} {name} (got {value!r})")
        _times_in_order(PAYMENT, obj)
        _same_id(PAYMENT, ex, obj, "payments")


def check_refund(ex: Exchange) -> None:
    """Every refund: a positive amount; of the payment the URL names (create and list);
    updated_at not before created_at; the asked-for one."""
    where = addressed(ex)
    of_payment = where[1] if where and where[0] == "payments" and where[2] == "refunds" else None
    for obj in objects_in(ex):
        if obj.get("object") != "refund":
            continue
        if isinstance(obj.get("amount"), int) and obj["amount"] < 1:
            raise _fail(REFUND, obj, f"amount {obj['amount']} is not positive")
        if of_payment is not None and obj.get("payment_id") != of_payment:
            raise _fail(
                REFUND, obj, f"answered for payment {of_payment} but belongs to {obj['payment_id']}"
            )
        _times_in_order(REFUND, obj)
        _same_id(REFUND, ex, obj, "refunds")


def check_event(ex: Exchange) -> None:
    """Every event: its data is the object its type names, changed no later than the event, and
    as created for a ``*.created`` event; the asked-for one."""
    for obj in objects_in(ex):
        if obj.get("object") != "event":
            continue
        data, kind = obj.get("data"), obj.get("event")
        if not isinstance(data, dict) or not isinstance(kind, str):
            raise _fail(EVENT, obj, "an event needs an event type and a data object")
        if kind.rsplit(".", 1)[0] != data.get("object"):
            raise _fail(EVENT, obj, f"{kind} carries a {data.get('object')!r} object")
        stamp, changed = parse_time(obj.get("timestamp")), parse_time(data.get("updated_at"))
        if stamp is not None and changed is not None and changed > stamp:
            raise _fail(EVENT, obj, f"data.updated_at {data['updated_at']} is after the event")
        created = kind.endswith(".created") and "updated_at" in data
        if created and data.get("created_at") != data["updated_at"]:
            raise _fail(EVENT, obj, f"{kind} data was changed after its creation")
        _same_id(EVENT, ex, obj, "events")


def check_endpoint(ex: Exchange) -> None:
    """A webhook secret appears only in the answers of create and rotate_secret; the asked-for
    endpoint is the one answered."""
    may_show = ex.method.upper() == "POST" and _SECRET_PATH.search(ex.path) is not None
    for obj in objects_in(ex):
        if obj.get("object") != "webhook_endpoint":
            continue
        if "secret" in obj and not may_show:
            raise _fail(ENDPOINT, obj, f"{ex.method} {ex.path} shows the signing secret")
        if may_show and ex.status in (200, 201) and not isinstance(obj.get("secret"), str):
            raise _fail(ENDPOINT, obj, "create and rotate_secret must show the new secret")
        _same_id(ENDPOINT, ex, obj, "webhook_endpoints")


def check_delivery(ex: Exchange) -> None:
    """A delivery attempt succeeded exactly when the receiver answered 2xx, has no error then,
    counts from 1, and belongs to the event whose deliveries were listed."""
    where = addressed(ex)
    event_id = where[1] if where and where[0] == "events" and where[2] == "deliveries" else None
    for obj in objects_in(ex):
        if obj.get("object") != "event_delivery":
            continue
        code = obj.get("status_code")
        two_xx = isinstance(code, int) and 200 <= code < 300
        if bool(obj.get("succeeded")) != two_xx:
            raise _fail(DELIVERY, obj, f"succeeded={obj.get('succeeded')} with status {code}")
        if obj.get("succeeded") and obj.get("error") is not None:
            raise _fail(DELIVERY, obj, f"a successful attempt with error {obj['error']!r}")
        if isinstance(obj.get("attempt"), int) and obj["attempt"] < 1:
            raise _fail(DELIVERY, obj, f"attempt {obj['attempt']} (attempts count from 1)")
        if event_id is not None and obj.get("event_id") != event_id:
            raise _fail(DELIVERY, obj, f"listed for {event_id} but of {obj.get('event_id')}")


DISABLED_REASONS = frozenset({"gone", "failing", "manual"})


def check_endpoint_state(ex: Exchange) -> None:
    """A webhook endpoint (in an answer, or in a ``webhook_endpoint.disabled`` event) that says
    why it is disabled says so exactly when it is: ``status: disabled`` with one of the
    reasons, ``enabled`` with null; the event's endpoint is disabled."""
    for obj in objects_in(ex):
        if obj.get("object") == "event" and obj.get("event") == "webhook_endpoint.disabled":
            about = obj.get("data")
            if not isinstance(about, dict) or about.get("status") != "disabled":
                state = about.get("status") if isinstance(about, dict) else about
                raise CheckFailedError(
                    ENDPOINT_STATE, f"webhook_endpoint.disabled about a {state!r} one"
                )
        if obj.get("object") != "webhook_endpoint" or "disabled_reason" not in obj:
            continue
        status, reason = obj.get("status"), obj.get("disabled_reason")
        if (status == "disabled") != (reason in DISABLED_REASONS) or (
            status == "enabled" and reason is not None
        ):
            raise _fail(ENDPOINT_STATE, obj, f"is {status!r} with disabled_reason {reason!r}")


OBJECT_CHECKS: tuple[tuple[str, Callable[[Exchange], None]], ...] = (
    (PAYMENT, check_payment),
    (REFUND, check_refund),
    (EVENT, check_event),
    (ENDPOINT, check_endpoint),
    (DELIVERY, check_delivery),
    (ENDPOINT_STATE, check_endpoint_state),
)
