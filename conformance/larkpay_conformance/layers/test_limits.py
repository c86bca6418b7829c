"""Scenarios the SDK never produces: every authentication failure reason, body limits, and a
concurrent request with the same Idempotency-Key (counted in the scenarios layer)."""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import larkpay
import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.spec.spec_facts import operations
from larkpay_conformance.steps.flows import expect_answer

LIMITS = "larkpay_limits"
AUTH = "larkpay_auth_reason"
IN_PROGRESS = "larkpay_idempotency_in_progress"
PAYMENT = json.dumps({"amount": 700, "currency": "EUR", "source": "test_success"}).encode()
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = Api(target, suite.recorder, "scenarios")
    yield client
    client.close()


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _auth_failure(reply: Reply, reason: str) -> None:
    ran(AUTH)
    if reply.status != 401 or reply.code != "AUTH_FAILED" or reply.error.get("reason") != reason:
        raise reply.fail(AUTH, f"expected 401 AUTH_FAILED with reason {reason}")


def test_missing_credentials_are_refused(api: Api) -> None:
    _auth_failure(
        api.raw("listPayments", "GET", "/payments", authorization=None), "missing_credentials"
    )


@pytest.mark.parametrize(
    "header",
    ["Basic !!!notbase64", "Bearer abc", "Basic " + base64.b64encode(b"no-colon").decode()],
    ids=["not-base64", "bearer", "no-colon"],
)
def test_malformed_credentials_are_refused(api: Api, header: str) -> None:
    _auth_failure(
        api.raw("listPayments", "GET", "/payments", authorization=header), "malformed_credentials"
    )


def test_a_wrong_secret_is_refused_without_saying_which_part(api: Api, target: Target) -> None:
    wrong = _basic(target.api_key, "lsk_" + "W" * 32)
    _auth_failure(
        api.raw("listPayments", "GET", "/payments", authorization=wrong), "invalid_credentials"
    )


def test_a_live_key_on_a_sandbox_is_an_environment_mismatch(api: Api, target: Target) -> None:
    if not target.is_sandbox:
        pytest.skip("environment_mismatch is what a sandbox answers to a live key")
    live = _basic("lk_live_" + "L" * 24, "lsk_" + "L" * 32)
    _auth_failure(
        api.raw("listPayments", "GET", "/payments", authorization=live), "environment_mismatch"
    )


def test_a_body_over_one_mebibyte_is_refused_with_413(api: Api) -> None:
    ran(LIMITS)
    big = b'{"amount": 1, "currency": "EUR", "source": "' + b"x" * (1 << 20) + b'"}'
    reply = api.raw(
        "createPayment",
        "POST",
        "/payments",
        content=big,
        headers={**JSON, "Idempotency-Key": api.new_key()},
    )
    if reply.status != 413 or reply.code != "PAYLOAD_TOO_LARGE":
        raise reply.fail(LIMITS, "a 1 MiB+ body must be refused with 413 PAYLOAD_TOO_LARGE")


def test_a_non_json_body_is_refused_with_415(api: Api) -> None:
    ran(LIMITS)
    reply = api.raw(
        "createPayment",
        "POST",
        "/payments",
        content=b"amount=1",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Idempotency-Key": api.new_key(),
        },
    )
    if reply.status != 415 or reply.code != "UNSUPPORTED_MEDIA_TYPE":
        raise reply.fail(LIMITS, "a form body must be refused with 415 UNSUPPORTED_MEDIA_TYPE")


def test_broken_json_is_refused_with_400(api: Api) -> None:
    ran(LIMITS)
    reply = api.raw(
        "createPayment",
        "POST",
        "/payments",
        content=b'{"amount": ',
        headers={**JSON, "Idempotency-Key": api.new_key()},
    )
    if reply.status != 400 or reply.code != "INVALID_REQUEST":
        raise reply.fail(LIMITS, "malformed JSON must be refused with 400 INVALID_REQUEST")


@dataclass
class _Timed:
    """A request sent on another thread: when it ended, and its reply."""

    started: threading.Event = field(default_factory=threading.Event)
    ended: float = float("inf")
    reply: Reply | None = None


def _send_timed(api: Api, body: bytes, headers: dict[str, str], into: _Timed) -> None:
    into.started.set()
    try:
        into.reply = api.raw("createPayment", "POST", "/payments", content=body, headers=headers)
    finally:
        into.ended = time.monotonic()


def test_same_key_while_the_first_request_runs_is_409_in_progress(
    api: Api, target: Target, suite: Suite
) -> None:
    if not target.is_sandbox:
        pytest.skip("needs the test_slow scenario of a sandbox")
    ran(IN_PROGRESS)
    slow = json.dumps({"amount": 900, "currency": "EUR", "source": "test_slow"}).encode()
    other = Api(target, suite.recorder, "scenarios")
    try:
        # The two requests must overlap on the server: ours is sent once the other has started,
        # and counts only if the other had not finished by then (else retry, a new key).
        for _ in range(5):
            headers = {**JSON, "Idempotency-Key": api.new_key()}
            first = _Timed()
            thread = threading.Thread(target=_send_timed, args=(other, slow, headers, first))
            thread.start()
            first.started.wait(timeout=10)
            sent_at = time.monotonic()
            second = api.raw("createPayment", "POST", "/payments", content=slow, headers=headers)
            thread.join(timeout=30)
            if first.reply is not None and sent_at < first.ended:
                break
        else:
            pytest.fail("could not send two overlapping requests in 5 attempts")
    finally:
        other.close()
    replies = [first.reply, second]
    by_status = {reply.status: reply for reply in replies}
    if sorted(by_status) != [201, 409] or by_status[409].code != "IDEMPOTENCY_IN_PROGRESS":
        raise second.fail(
            IN_PROGRESS,
            f"two concurrent requests with one key answered {sorted(r.status for r in replies)}; "
            "expected one 201 and one 409 IDEMPOTENCY_IN_PROGRESS",
        )
    replay = api.raw("createPayment", "POST", "/payments", content=slow, headers=headers)
    if replay.status != 201 or replay.data != by_status[201].data:
        raise replay.fail(IN_PROGRESS, "after the first request ends, the key replays its answer")


#: a second key pair of the rate-limited sandbox (its own bucket)
OTHER_KEY = ("lk_test_" + "R" * 24, "lsk_" + "r" * 32)
RATE_LIMIT = "larkpay_rate_limit"


@pytest.fixture(scope="module")
def limited(target: Target) -> Iterator[Target]:
    """An embedded sandbox limited to 5 requests per second (burst 5) with a second key."""
    if not target.embedded:
        pytest.skip(
            "needs a sandbox with a small rate limit (started only for the embedded target)"
        )
    from larkpay_conformance.deployment.target import embedded_target

    pair = ":".join(OTHER_KEY)
    with embedded_target(rate_limit=5, burst=5, api_key_pairs=(pair,)) as running:
        yield running


def test_the_token_bucket_answers_429_with_headers_and_recovers(
    limited: Target, suite: Suite
) -> None:
    ran(RATE_LIMIT)
    api = Api(limited, suite.recorder, "scenarios")
    try:
        replies, arrived = [], []
        for _ in range(12):
            replies.append(api.list_payments(limit=1))
            arrived.append(time.monotonic())
        limited_replies = [r for r in replies if r.status == 429]
        if not limited_replies:
            raise replies[-1].fail(
                RATE_LIMIT, "12 requests at once under a 5/s, burst 5 limit: no 429"
            )
        first = limited_replies[0]
        first_at = arrived[replies.index(first)]
        error = first.error_obj
        if not isinstance(error, larkpay.RateLimitError) or error.retry_after is None:
            raise first.fail(RATE_LIMIT, "a 429 must raise RateLimitError with retry_after")
        remaining = [int(r.exchange.headers["ratelimit-remaining"]) for r in replies[:5]]
        if any(later >= earlier for earlier, later in itertools.pairwise(remaining)):
            raise replies[4].fail(
                RATE_LIMIT, f"RateLimit-Remaining did not count down: {remaining}"
            )
        # Retry-After promises success from that instant on: wait for it, not a guess.
        time.sleep(max(first_at + error.retry_after - time.monotonic(), 0.0))
        after = api.list_payments(limit=1)
        if after.status != 200:
            raise after.fail(RATE_LIMIT, "after waiting Retry-After the request must succeed")
    finally:
        api.close()


def _drain(api: Api) -> None:
    for _ in range(50):
        if api.list_payments(limit=1).status == 429:
            return


def test_a_spent_bucket_refuses_every_operation_and_not_another_key(
    limited: Target, suite: Suite
) -> None:
    api = Api(limited, suite.recorder, "scenarios")
    other = Api(limited.as_tenant(*OTHER_KEY), suite.recorder, "scenarios")
    spec = operations(suite.schema.raw_schema)
    try:
        for operation in spec.values():
            if not operation.requires_auth:
                continue
            ran(RATE_LIMIT)
            path = operation.path
            for name in operation.parameters:
                path = path.replace("{" + name + "}", "x_" + "0" * 24)
            for _ in range(3):  # the bucket refills meanwhile: drain it again and retry
                _drain(api)
                body = json.dumps(operation.example_body).encode() if operation.has_body else None
                headers = {**JSON, "Idempotency-Key": api.new_key()} if body else {}
                reply = api.raw(
                    operation.operation_id, operation.method, path, content=body, headers=headers
                )
                if reply.status == 429:
                    break
            else:
                raise reply.fail(
                    RATE_LIMIT, f"{operation.operation_id}: a spent bucket let it through"
                )
            expect_answer(reply, 429, "RATE_LIMITED", RATE_LIMIT, operation.operation_id)
        fresh = other.list_payments(limit=1)
        if fresh.status != 200:
            raise fresh.fail(RATE_LIMIT, "another key's requests were limited by this key's bucket")
    finally:
        api.close()
        other.close()
