"""Webhook verifications per second: ``larkpay.Webhook`` vs the ``standardwebhooks`` library.

Both verify the same signed 2 KiB event body with the same secret and headers (architecture.md
states the target on a 2 KiB body). Two rows:

- verification alone: ``Webhook.verify`` vs ``standardwebhooks.Webhook.verify(...,
  json_parse=False)``;
- verification that returns the event: ``Webhook.unwrap`` (a typed Event model) vs the
  library's default ``verify`` (a JSON-parsed dict).

Counted: verifications, i.e. calls that check the signature and return. Rounds alternate which
side runs first; in each round each side makes ``LOOPS`` calls back to back (garbage collection
off, as timeit does) and the round's ratio is ours / peer in calls per second. The figure is
the median of the per-round ratios, and every round's ratio is listed.
"""

from __future__ import annotations

import base64
import json
import time
import timeit
from collections.abc import Callable
from dataclasses import dataclass, field

import larkpay
from standardwebhooks.webhooks import Webhook as StandardWebhook

from bench.results import Comparison, table

BODY_SIZE = 2048
SECRET = "whsec_" + base64.b64encode(bytes(range(7, 39))).decode("ascii")
LOOPS = 2_000
ROUNDS = 61
VERIFY_TARGET = 3.0
UNWRAP_TARGET = 1.0


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
    keys = [f"note_{index}" for index in range(max(1, size // 450))]
    base = len(_event({"order_id": "1042", **dict.fromkeys(keys, "")}))
    if base > size:
        raise ValueError(f"the event is {base} bytes without padding; ask for at least that")
    # Metadata values hold at most 500 characters: spread the padding over several of them.
    padding, count = size - base, len(keys)
    values = {key: "x" * (padding // count + (index < padding % count)) for index, key in
              enumerate(keys)}  # fmt: skip
    body = _event({"order_id": "1042", **values})
    if len(body) != size:
        raise AssertionError(f"the event is {len(body)} bytes, not {size}")
    return body


def rate(call: Callable[[], object], loops: int = LOOPS) -> float:
    """Calls per second of ``call`` over ``loops`` calls in a row (GC off, as timeit does)."""
    return loops / timeit.Timer(call).timeit(number=loops)


@dataclass
class Pair:
    """Per-round rates of ours and the peer, measured next to each other."""

    ours: list[float] = field(default_factory=list)
    peer: list[float] = field(default_factory=list)


def paired(ours: Callable[[], object], peer: Callable[[], object], rounds: int, loops: int) -> Pair:
    """Alternating rounds: ours then the peer, then the peer then ours, and so on."""
    pair = Pair()
    rate(ours, loops // 10)  # warm both up
    rate(peer, loops // 10)
    for index in range(rounds):
        order = [(ours, pair.ours), (peer, pair.peer)]
        for call, rates in order if index % 2 == 0 else reversed(order):
            rates.append(rate(call, loops))
    return pair


def _row(what: str, pair: Pair, peer_name: str, target: float, note: str) -> Comparison:
    return Comparison.from_rounds(
        what=what,
        unit="verif/s",
        rounds=list(zip(pair.ours, pair.peer, strict=True)),
        peer_name=peer_name,
        target=target,
        higher_is_better=True,
        note=f"{note}; ratio = median of {len(pair.ours)} per-round ratios",
    )


def measure(rounds: int = ROUNDS, loops: int = LOOPS) -> list[Comparison]:
    """Both comparisons, after checking that each verifier accepts what the other accepts."""
    body = event_body()
    ours = larkpay.Webhook(SECRET)
    peer = StandardWebhook(SECRET)
    headers = ours.headers(body, msg_id="msg_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W", timestamp=int(time.time()))
    if not ours.verify(body, headers):
        raise RuntimeError("larkpay.Webhook rejected its own signature")
    if peer.verify(body, headers) != json.loads(body):
        raise RuntimeError("standardwebhooks did not verify larkpay's signature")
    event = ours.unwrap(body, headers)
    if not isinstance(event, larkpay.models.PaymentCreatedEvent) or event.data.amount != 2500:
        raise RuntimeError("larkpay.Webhook.unwrap returned the wrong event")
    note = (
        f"{BODY_SIZE} B payment.created body, one secret; {rounds} alternating rounds of "
        f"{loops:,} verifications per side"
    )
    verify = paired(
        lambda: ours.verify(body, headers),
        lambda: peer.verify(body, headers, json_parse=False),
        rounds,
        loops,
    )
    unwrap = paired(
        lambda: ours.unwrap(body, headers), lambda: peer.verify(body, headers), rounds, loops
    )
    return [
        _row(
            "webhook verify, no parsing (`Webhook.verify`)",
            verify,
            "standardwebhooks `verify(json_parse=False)`",
            VERIFY_TARGET,
            note,
        ),
        _row(
            "webhook verify + parse (`Webhook.unwrap` -> typed Event)",
            unwrap,
            "standardwebhooks `verify` -> dict",
            UNWRAP_TARGET,
            note + "; ours builds the typed model, the peer a dict",
        ),
    ]


if __name__ == "__main__":
    rows = measure()
    print(table(rows))
    for row in rows:
        print(f"- {row.what}: {row.note}")
