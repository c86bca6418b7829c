"""Layer 6a: the sandbox's test clock. Due work runs when the clock is advanced, each item at
its due time: delivery retries reach the receiver on schedule with their attempt numbers (an
example, and a property over failure counts and ways of splitting the advance), a pending
payment settles at its settle time, the clock moves by exactly what was asked and never back;
a replay sends each event of the endpoint's selection again, with its own webhook-id (an
example, and a property over selections and start times). Sandbox targets only."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
from hypothesis import strategies as st
from larkpay_sandbox.testing import WebhookReceiver

from larkpay_conformance.checks.exchange import CheckFailedError, as_check
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran as count_run
from larkpay_conformance.run.profiles import hypothesis_phases
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.steps.clock_layer import advanced, arrived, open_api, pay, scripted
from larkpay_conformance.steps.hooks import Endpoint
from larkpay_conformance.steps.sandbox_clock import (
    CLOCK,
    REPLAY,
    advance,
    format_time,
    parse_time,
    replay,
    timing,
)

#: property examples per profile
EXAMPLES = {"quick": 2, "full": 8}
#: the properties' names: they reuse the examples' steps, but are defences of their own
CLOCK_PROPERTY = "larkpay_clock_property"
REPLAY_PROPERTY = "larkpay_replay_property"
#: receiver answers that are failures (anything but a 2xx is retried; 410 disables instead)
FAILING_ANSWERS = [400, 500, 404, 429, 503, 302]


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = open_api(target, suite)
    yield client
    client.close()


def _property(suite: Suite) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=EXAMPLES.get(suite.options.profile.name, 2),
        # Shrinking a failing example waits out a delivery timeout per try: only when asked.
        phases=hypothesis_phases(suite.options.profile.shrink),
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )


def _retries_on_schedule(
    api: Api,
    endpoint: Endpoint,
    schedule: tuple[float, ...],
    answers: list[int],
    chunks: list[float],
) -> None:
    """Make a payment whose first attempts are answered ``answers`` (each not 2xx: a failure),
    advance in ``chunks`` (fractions of the retry time), and check every attempt: on schedule,
    signed, numbered, recorded."""
    count_run(CLOCK)
    failures = len(answers)
    payment = pay(api)
    [first] = endpoint.wait("payment.created", payment["id"])
    total = sum(schedule[:failures]) + 1.0
    ran: list[dict[str, Any]] = []
    for share in chunks:
        ran += advanced(api, total * share)["ran"]
    deliveries = endpoint.wait("payment.created", payment["id"], count=failures + 1)
    event_id = first.webhook_id
    stamps = [int(d.headers["webhook-timestamp"]) for d in deliveries]
    for number, (earlier, later) in enumerate(itertools.pairwise(stamps), start=1):
        # Whole seconds on the wire: a retry due exactly its delay after the attempt before
        # shows that delay, rounded down or up, never more than a second off.
        if abs(later - earlier - schedule[number - 1]) >= 1:
            raise CheckFailedError(
                CLOCK,
                f"attempt {number + 1} of {event_id} came {later - earlier} s after attempt "
                f"{number}; the retry schedule says {schedule[number - 1]:g} s ({stamps})",
            )
    for delivery in deliveries:
        endpoint.verify(delivery)
    if [d.answered for d in deliveries] != [*answers, 204]:
        raise CheckFailedError(CLOCK, f"unexpected answers {[d.answered for d in deliveries]}")
    recorded = expect(api.deliveries(event_id), 200, CLOCK, "list deliveries").data
    ours = sorted(
        (a for a in recorded if a["endpoint_id"] == endpoint.id), key=lambda a: a["attempt"]
    )
    if [a["attempt"] for a in ours] != list(range(1, failures + 2)):
        raise CheckFailedError(CLOCK, f"{event_id}: recorded attempts {ours}")
    for attempt, stamp in zip(ours, stamps, strict=True):
        if int(parse_time(attempt["attempted_at"])) != stamp:
            raise CheckFailedError(
                CLOCK,
                f"attempt {attempt['attempt']} recorded at {attempt['attempted_at']} but its "
                f"webhook-timestamp is {stamp}",
            )
    steps = [s for s in ran if s["kind"] == "delivery_attempt" and s["event_id"] == event_id]
    mine = [s for s in steps if s["endpoint_id"] == endpoint.id]
    if [s["attempt"] for s in mine] != list(range(2, failures + 2)):
        raise CheckFailedError(CLOCK, f"the advances listed attempts {mine} of {event_id}")
    for step, attempt in zip(mine, ours[1:], strict=True):
        if step["at"] != attempt["attempted_at"]:
            raise CheckFailedError(
                CLOCK,
                f"the advance ran attempt {step['attempt']} at {step['at']}, "
                f"recorded at {attempt['attempted_at']}",
            )


def test_advance_runs_the_due_retries_on_schedule_with_their_attempt_numbers(
    api: Api, receiver: WebhookReceiver, suite: Suite
) -> None:
    schedule = timing(api).retry_schedule
    answers = FAILING_ANSWERS[: min(2, len(schedule))]
    if not answers:
        pytest.skip("the sandbox's retry schedule is empty: it retries nothing")
    endpoint = scripted(api, receiver, suite, ["payment.created"], answers)
    try:
        _retries_on_schedule(api, endpoint, schedule, answers, [1.0])
    finally:
        endpoint.delete()


def test_retries_arrive_on_schedule_however_the_advance_is_split(
    api: Api, receiver: WebhookReceiver, suite: Suite
) -> None:
    schedule = timing(api).retry_schedule
    if not schedule:
        pytest.skip("the sandbox's retry schedule is empty: it retries nothing")

    @hypothesis.seed(suite.options.seed)
    @_property(suite)
    @hypothesis.given(
        answers=st.lists(st.sampled_from(FAILING_ANSWERS), max_size=min(3, len(schedule))),
        cuts=st.lists(st.floats(0.05, 0.95), max_size=3),
    )
    def check(answers: list[int], cuts: list[float]) -> None:
        suite.recorder.example("clock")
        points = [0.0, *sorted(cuts), 1.0]
        chunks = [later - earlier for earlier, later in itertools.pairwise(points)]
        endpoint = scripted(api, receiver, suite, ["payment.created"], answers)
        try:
            with as_check(CLOCK_PROPERTY):
                _retries_on_schedule(api, endpoint, schedule, answers, chunks)
        finally:
            endpoint.delete()

    check()


def test_a_pending_payment_settles_at_its_time_and_the_clock_never_goes_back(api: Api) -> None:
    count_run(CLOCK)
    delay = timing(api).settle_delay
    payment = pay(api, "test_pending")
    data = advanced(api, delay + 1.0)
    settled = expect(api.get_payment(payment["id"]), 200, CLOCK, "get the payment").data
    if settled["status"] != "succeeded":
        raise CheckFailedError(CLOCK, f"{payment['id']} is {settled['status']} after the advance")
    due = parse_time(payment["created_at"]) + delay
    if parse_time(settled["updated_at"]) < due - 1e-6:
        raise CheckFailedError(CLOCK, f"{payment['id']} settled before its settle time")
    steps = [s for s in data["ran"] if s.get("payment_id") == payment["id"]]
    if steps and (steps[0]["at"] != format_time(due) or settled["updated_at"] != steps[0]["at"]):
        raise CheckFailedError(
            CLOCK,
            f"the advance settled {payment['id']} at {steps[0]['at']} (updated_at "
            f"{settled['updated_at']}); it was due at {format_time(due)}",
        )
    back = advance(api, to=format_time(parse_time(data["previous_time"]) - 60))
    if back.status != 409 or back.code != "INVALID_STATE":
        raise back.fail(CLOCK, "an advance to an earlier time must be refused (409 INVALID_STATE)")
    if timing(api).time < parse_time(data["time"]):
        raise CheckFailedError(CLOCK, "the clock went back")


def test_the_clock_moves_by_exactly_what_was_asked(api: Api, suite: Suite) -> None:
    @hypothesis.seed(suite.options.seed)
    @_property(suite)
    @hypothesis.given(steps=st.lists(st.floats(0, 120, allow_nan=False), min_size=1, max_size=4))
    def check(steps: list[float]) -> None:
        suite.recorder.example("clock")
        for seconds in steps:
            data = advanced(api, seconds)
            moved = parse_time(data["time"]) - parse_time(data["previous_time"])
            if abs(moved - seconds) > 2e-6:
                raise CheckFailedError(CLOCK, f"advanced {seconds!r} s, the clock moved {moved} s")
            if timing(api).time < parse_time(data["time"]):
                raise CheckFailedError(CLOCK, f"getClock is behind the advance's time {data}")

    check()


def _replayed(
    api: Api, endpoint: Endpoint, selection: list[str], events: list[dict[str, Any]], since: str
) -> None:
    """Replay since ``since`` and check: each of ``events`` arrives again with its own
    webhook-id and body; the replay sends nothing outside ``selection`` or before ``since``."""
    count_run(REPLAY)
    before = len(arrived(endpoint))
    reply = expect(replay(api, endpoint.id, since), 202, REPLAY, "replay")
    if reply.data["queued"] < len(events):
        raise reply.fail(REPLAY, f"queued {reply.data['queued']}, expected at least {len(events)}")
    for event in events:
        again = endpoint.wait(event["event"], event["data"]["id"], count=2)
        if again[-1].webhook_id != event["id"] or again[-1].body != again[0].body:
            raise CheckFailedError(REPLAY, f"the replay of {event['id']} is not the same event")
        endpoint.verify(again[-1])
    for delivery in arrived(endpoint)[before:]:
        sent = json.loads(delivery.body)
        if sent["event"] not in selection or sent["timestamp"] < since:
            raise CheckFailedError(
                REPLAY,
                f"the replay sent {sent['event']} {sent['id']} of {sent['timestamp']}, "
                f"outside the selection {selection} since {since}",
            )


def _events_of(
    endpoint: Endpoint, payments: list[dict[str, Any]], kinds: list[str]
) -> list[dict[str, Any]]:
    """The events of ``kinds`` about ``payments`` that reached ``endpoint``, once each."""
    ids = {payment["id"] for payment in payments}
    found: list[dict[str, Any]] = []
    for delivery in arrived(endpoint):
        event = json.loads(delivery.body)
        if event["data"].get("id") in ids and event["event"] in kinds and event not in found:
            found.append(event)
    return found


def test_replay_sends_each_event_again_with_its_webhook_id(
    api: Api, receiver: WebhookReceiver, suite: Suite
) -> None:
    selection = ["payment.created"]
    endpoint = scripted(api, receiver, suite, selection)
    try:
        since = format_time(timing(api).time)
        payments = [pay(api), pay(api)]
        for payment in payments:
            endpoint.wait("payment.created", payment["id"])
        _replayed(api, endpoint, selection, _events_of(endpoint, payments, selection), since)
    finally:
        endpoint.delete()


def test_replay_sends_exactly_the_selection_since_a_time(
    api: Api, receiver: WebhookReceiver, suite: Suite
) -> None:
    kinds = ["payment.created", "payment.updated"]

    @hypothesis.seed(suite.options.seed)
    @_property(suite)
    @hypothesis.given(
        selection=st.sets(st.sampled_from(kinds), min_size=1), start=st.integers(0, 2)
    )
    def check(selection: set[str], start: int) -> None:
        suite.recorder.example("clock")
        watcher = scripted(api, receiver, suite, kinds)
        wanted_types = sorted(selection)
        endpoint = scripted(api, receiver, suite, wanted_types)
        try:
            payments = []
            for _ in range(3):
                payment = pay(api)
                update = api.update_payment(payment["id"], {"description": "replayed"})
                expect(update, 200, REPLAY, "update the payment")
                payments.append(payment)
            for payment in payments:
                watcher.wait("payment.updated", payment["id"])
            events = _events_of(watcher, payments, wanted_types)
            since = min(e["timestamp"] for e in events if e["data"]["id"] == payments[start]["id"])
            wanted = [e for e in events if e["timestamp"] >= since]
            for event in wanted:
                endpoint.wait(event["event"], event["data"]["id"])
            with as_check(REPLAY_PROPERTY):
                _replayed(api, endpoint, wanted_types, wanted, since)
        finally:
            endpoint.delete()
            watcher.delete()

    check()
