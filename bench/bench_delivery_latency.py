"""Webhook delivery latency on loopback: from the event's commit to its arrival at a receiver.

Runs the sandbox as a subprocess and a loopback receiver, creates N payments one by one (paced,
so the figure is latency rather than queueing) and prints p50/p90/p99/max of:
  - event -> arrival: the receiver's arrival time minus the event's own ``timestamp`` (set just
    before the commit; millisecond resolution), and
  - 201 -> arrival: arrival minus the moment the client got the 201 (can be negative when the
    webhook overtakes the HTTP answer).
With ``--burst`` the creates are sent back to back instead (latency under load, and the
delivery rate). Bounded: N defaults to 300, at most 5000; about 10 s.
Usage: python bench/bench_delivery_latency.py [N] [--burst]
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from datetime import datetime

import httpx
from larkpay_sandbox.testing import WebhookReceiver, running_sandbox


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(name: str, values: list[float]) -> str:
    return (
        f"{name:<18} n={len(values)}  p50={percentile(values, 0.5):6.2f} ms  "
        f"p90={percentile(values, 0.9):6.2f} ms  p99={percentile(values, 0.99):6.2f} ms  "
        f"max={max(values):6.2f} ms  mean={statistics.fmean(values):6.2f} ms"
    )


def main(count: int, burst: bool) -> None:
    count = max(10, min(count, 5000))
    with WebhookReceiver() as receiver, running_sandbox(rate_limit=0) as sandbox:
        client = httpx.Client(
            base_url=sandbox.base_url, headers={"authorization": sandbox.auth_header}, timeout=10
        )
        client.post("/webhook_endpoints", json={"url": receiver.url, "events": ["payment.created"]})
        acked_at: dict[str, float] = {}
        body = {"amount": 100, "currency": "USD", "source": "test_success"}
        for _ in range(count):
            answer = client.post("/payments", json=body)
            acked_at[answer.json()["data"]["id"]] = time.time()
            if not burst:
                time.sleep(0.02)
        sent_all = time.time()
        receiver.wait_for(count=count, timeout=30)
        client.close()
    from_event: list[float] = []
    from_ack: list[float] = []
    for request in receiver.deliveries:
        event = json.loads(request.body)
        created = datetime.fromisoformat(event["timestamp"].replace("Z", "+00:00")).timestamp()
        from_event.append((request.received_at - created) * 1000)
        from_ack.append((request.received_at - acked_at[event["data"]["id"]]) * 1000)
    mode = "burst" if burst else "paced 20 ms"
    print(f"webhook delivery on loopback ({mode}): {len(receiver.deliveries)}/{count} delivered")
    if burst and receiver.deliveries:
        span = max(r.received_at for r in receiver.deliveries) - min(acked_at.values())
        print(
            f"creates sent in {sent_all - min(acked_at.values()):.2f} s; deliveries/s "
            f"(bounded by the create rate): {len(receiver.deliveries) / span:.0f}"
        )
    print(summary("event -> arrival", from_event))
    print(summary("201 -> arrival", from_ack))


if __name__ == "__main__":
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    main(int(numbers[0]) if numbers else 300, "--burst" in sys.argv[1:])
