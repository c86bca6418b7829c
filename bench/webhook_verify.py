"""Webhook verifications per second: ``larkpay.Webhook`` vs the ``standardwebhooks`` library.

Both verify the same signed 1 KiB event body with the same secret and headers. The headline
compares verification without parsing on both sides (``Webhook.verify`` vs
``standardwebhooks.Webhook.verify(..., json_parse=False)``); a second row compares verification
that returns the event (``Webhook.unwrap``, a typed Event) with the library's default ``verify``
(a JSON-parsed dict). Timing is best-of-repeats of fixed-count loops, like ``timeit``.
"""

from __future__ import annotations

import base64
import json
import time
import timeit
from collections.abc import Callable

import larkpay
from standardwebhooks.webhooks import Webhook as StandardWebhook

from bench.results import Comparison, table

BODY_SIZE = 1024
SECRET = "whsec_" + base64.b64encode(bytes(range(7, 39))).decode("ascii")
LOOPS = 20_000
REPEATS = 2
ROUNDS = 5


def _event(metadata: dict[str, str]) -> bytes:
    payment = {
        "id": "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W",
        "object": "payment",
        "amount": 2500,
        "currency": "USD",
        "status": "succeeded",
        "amount_refunded": 0,
        "source": "test_success",
        "description": "Order 1042",
        "metadata": metadata,
        "failure_code": None,
        "failure_message": None,
        "created_at": "2026-11-27T10:15:00.123456Z",
        "updated_at": "2026-11-27T10:15:00.123456Z",
    }
    event = {
        "id": "evt_9Pa4Ws2Ke7Lm1Qx5Tb8Nr3Cv",
        "object": "event",
        "event": "payment.created",
        "timestamp": "2026-11-27T10:15:00.123456Z",
        "data": payment,
    }
    return json.dumps(event, separators=(",", ":")).encode()


def event_body(size: int = BODY_SIZE) -> bytes:
    """A valid payment.created event serialised to exactly ``size`` bytes (metadata padding)."""
    base = len(_event({"order_id": "1042", "note_a": "", "note_b": ""}))
    if base > size:
        raise ValueError(f"the event is {base} bytes without padding; ask for at least that")
    # Metadata values hold at most 500 characters: split the padding over two of them.
    padding = size - base
    body = _event(
        {
            "order_id": "1042",
            "note_a": "x" * (padding // 2),
            "note_b": "y" * (padding - padding // 2),
        }
    )
    if len(body) != size:
        raise AssertionError(f"the event is {len(body)} bytes, not {size}")
    return body


def rate(call: Callable[[], object], loops: int = LOOPS, repeats: int = REPEATS) -> float:
    """Calls per second of ``call``: the best of ``repeats`` runs of ``loops`` calls."""
    best = min(timeit.repeat(call, number=loops, repeat=repeats))
    return loops / best


def measure(loops: int = LOOPS, repeats: int = REPEATS) -> list[Comparison]:
    """Both comparisons, after checking that each verifier accepts what the other accepts."""
    body = event_body()
    ours = larkpay.Webhook(SECRET)
    peer = StandardWebhook(SECRET)
    headers = ours.headers(body, msg_id="msg_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W", timestamp=int(time.time()))
    if not ours.verify(body, headers):
        raise RuntimeError("larkpay.Webhook rejected its own signature")
    if peer.verify(body, headers) != json.loads(body):
        raise RuntimeError("standardwebhooks did not verify larkpay's signature")
    if ours.unwrap(body, headers).id != "evt_9Pa4Ws2Ke7Lm1Qx5Tb8Nr3Cv":
        raise RuntimeError("larkpay.Webhook.unwrap returned the wrong event")
    # Interleave ours and the peer so drift of the machine's speed hits both alike.
    rates: dict[str, float] = {}
    for _ in range(ROUNDS):
        candidates = {
            "verify": lambda: ours.verify(body, headers),
            "sw_verify": lambda: peer.verify(body, headers, json_parse=False),
            "unwrap": lambda: ours.unwrap(body, headers),
            "sw_parse": lambda: peer.verify(body, headers),
        }
        for name, call in candidates.items():
            rates[name] = max(rates.get(name, 0.0), rate(call, loops, repeats))
    note = (
        f"{BODY_SIZE} B body, one secret, best of {ROUNDS} interleaved rounds x {repeats} "
        f"repeats of {loops:,} calls"
    )
    return [
        Comparison(
            what="webhook verify, no parsing (`Webhook.verify`)",
            unit="verif/s",
            ours=rates["verify"],
            peer=rates["sw_verify"],
            peer_name="standardwebhooks `verify(json_parse=False)`",
            target=2.0,
            higher_is_better=True,
            note=note,
        ),
        Comparison(
            what="webhook verify + parse (`Webhook.unwrap` -> typed Event)",
            unit="verif/s",
            ours=rates["unwrap"],
            peer=rates["sw_parse"],
            peer_name="standardwebhooks `verify` -> dict",
            target=None,
            higher_is_better=True,
            note=note + "; informational (the target is on the row above): the typed Event is "
            "built by the generated models' from_dict",
        ),
    ]


if __name__ == "__main__":
    print(table(measure()))
