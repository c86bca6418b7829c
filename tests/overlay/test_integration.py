"""The SDK against the real sandbox (a subprocess on loopback): every resource, every scenario."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from larkpay import (
    APITimeoutError,
    AsyncLarkpayClient,
    AuthenticationError,
    IdempotencyKeyReusedError,
    InvalidRequestError,
    InvalidStateError,
    LarkpayClient,
    NotFoundError,
    PaymentFailedError,
    RateLimitError,
    RetryEvent,
    models,
)
from larkpay_sandbox.testing import Delivery, RunningSandbox, WebhookReceiver, running_sandbox

EXPIRED = ("lk_test_ExpiredExpiredExpired001", "lsk_ExpiredExpiredExpiredExpired00001")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(rate_limit=0, settle_delay=0.3, slow_delay=1.5, db_path=":memory:") as sb:
        yield sb


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[LarkpayClient]:
    with LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url) as c:
        yield c


def pay(source: str = "test_success", amount: int = 2500) -> dict[str, Any]:
    """The keyword arguments of payments.create."""
    return {"amount": amount, "currency": models.Currency.EUR, "source": source}


def test_payment_lifecycle_create_get_update_list(client: LarkpayClient) -> None:
    created = client.payments.create(**pay())
    assert created.status == models.PaymentStatus.SUCCEEDED
    assert client.payments.get(created.id).id == created.id
    updated = client.payments.update(created.id, description="hello", metadata={"order": "42"})
    assert updated.description == "hello"
    assert updated.metadata.additional_properties == {"order": "42"}
    ids = [payment.id for payment in client.payments.list_all(limit=2)]
    assert created.id in ids
    assert len(ids) == len(set(ids))


def test_declined_payment_raises_payment_failed_naming_it(client: LarkpayClient) -> None:
    with pytest.raises(PaymentFailedError) as caught:
        client.payments.create(**pay("test_failure"))
    assert caught.value.status_code == 402
    assert caught.value.request_id
    assert caught.value.payment_id is not None
    failed = client.payments.get(caught.value.payment_id)
    assert failed.status == models.PaymentStatus.FAILED
    assert failed.failure_code == "card_declined"


def test_cancel_pending_then_cancel_again_is_invalid_state(client: LarkpayClient) -> None:
    pending = client.payments.create(**pay("test_pending"))
    assert pending.status == models.PaymentStatus.PENDING
    assert client.payments.cancel(pending.id).status == models.PaymentStatus.CANCELED
    with pytest.raises(InvalidStateError):
        client.payments.cancel(pending.id)


def test_settle_in_the_sandbox(client: LarkpayClient) -> None:
    pending = client.payments.create(**pay("test_pending"))
    outcome = models.SettlePaymentRequestOutcome.FAILED
    settled = client.sandbox.settle_payment(pending.id, outcome=outcome)
    assert settled.status == models.PaymentStatus.FAILED


def test_refunds_partial_then_over_refund_is_invalid_state(client: LarkpayClient) -> None:
    payment = client.payments.create(**pay(amount=1000))
    refund = client.refunds.create(payment.id, amount=400)
    assert refund.amount == 400
    assert client.refunds.get(refund.id).payment_id == payment.id
    with pytest.raises(InvalidStateError):
        client.refunds.create(payment.id, amount=700)
    rest = client.refunds.create(payment.id)
    assert rest.amount == 600
    assert {r.id for r in client.refunds.list_all(payment.id)} == {refund.id, rest.id}


def test_same_idempotency_key_replays_and_a_different_body_is_refused(
    client: LarkpayClient,
) -> None:
    key = f"order-{uuid.uuid4()}"
    first = client.payments.create(**pay(), idempotency_key=key)
    again = client.payments.create(**pay(), idempotency_key=key)
    assert again.id == first.id
    with pytest.raises(IdempotencyKeyReusedError):
        client.payments.create(**pay(amount=1), idempotency_key=key)


def test_unavailable_once_is_retried_transparently(sandbox: RunningSandbox) -> None:
    events: list[RetryEvent] = []
    with LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url,
                       on_retry=events.append) as client:  # fmt: skip
        payment = client.payments.create(**pay("test_unavailable_once"))
    assert payment.status == models.PaymentStatus.SUCCEEDED
    assert [event.status_code for event in events] == [503]
    assert events[0].request_id


def test_rate_limited_scenario_raises_with_retry_after(client: LarkpayClient) -> None:
    with pytest.raises(RateLimitError) as caught:
        client.with_options(max_retries=0).payments.create(**pay("test_rate_limited"))
    assert caught.value.retry_after == 1


def test_slow_answer_times_out_per_attempt_and_within_the_deadline(
    client: LarkpayClient,
) -> None:
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.with_options(timeout=0.3, max_retries=0).payments.create(**pay("test_slow"))
    assert time.monotonic() - started < 1.4  # the sandbox would answer after 1.5 s
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        client.with_options(timeout=10, deadline=0.5).payments.create(**pay("test_slow"))
    assert time.monotonic() - started < 1.4  # the sandbox would answer after 1.5 s


def test_schema_violation_is_invalid_request_with_details(client: LarkpayClient) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.payments.create(**pay(amount=0))
    assert caught.value.details
    with pytest.raises(InvalidRequestError):
        client.payments.get("not-an-id")
    with pytest.raises(NotFoundError):
        client.payments.get("pay_doesnotexist")


def test_bad_credentials_say_why(sandbox: RunningSandbox) -> None:
    wrong = LarkpayClient(sandbox.api_key, "lsk_" + "x" * 40, base_url=sandbox.base_url)
    with pytest.raises(AuthenticationError) as caught:
        wrong.payments.list()
    assert caught.value.reason == "invalid_credentials"
    expired = LarkpayClient(*EXPIRED, base_url=sandbox.base_url)
    with pytest.raises(AuthenticationError) as caught:
        expired.payments.list()
    assert caught.value.reason == "key_expired"


def test_health_is_reachable(client: LarkpayClient) -> None:
    assert client.service.get_health().status == models.HealthStatus.OK


def test_webhook_endpoint_receives_signed_events_the_sdk_verifies(client: LarkpayClient) -> None:
    with WebhookReceiver() as receiver:
        endpoint = client.webhook_endpoints.create(
            url=receiver.url, events=[models.WebhookEventSelectionItem.PAYMENT_CREATED]
        )
        payment = client.payments.create(**pay())

        def about_the_payment(delivery: Delivery) -> bool:
            return json.loads(delivery.body)["data"]["id"] == payment.id

        [delivery] = receiver.wait_for(about_the_payment, timeout=10)
        event = client.webhooks.unwrap(delivery.body, delivery.headers, endpoint.secret)
        assert isinstance(event, models.PaymentCreatedEvent)
        assert event.data.id == payment.id
        rotated = client.webhook_endpoints.rotate_secret(endpoint.id)
        assert rotated.secret != endpoint.secret
        assert client.events.get(event.id).id == event.id
        deliveries = list(client.events.list_deliveries_all(event.id))
        assert any(d.endpoint_id == endpoint.id for d in deliveries)
        assert client.events.redeliver(event.id).id == event.id
        again = receiver.wait_for(about_the_payment, count=2, timeout=10)
        assert len(again) == 2
        assert client.webhooks.verify(
            again[1].body, again[1].headers, [endpoint.secret, rotated.secret]
        )
        assert endpoint.id in {e.id for e in client.webhook_endpoints.list_all()}
        assert any(e.id == event.id for e in client.events.list_all(limit=5))
        client.webhook_endpoints.update(endpoint.id, description="x")
        assert client.webhook_endpoints.get(endpoint.id).description == "x"
        assert client.webhook_endpoints.delete(endpoint.id).deleted is True


def test_async_client_against_the_sandbox(sandbox: RunningSandbox) -> None:
    async def scenario() -> None:
        async with AsyncLarkpayClient(
            sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url
        ) as client:
            created = await asyncio.gather(*(client.payments.create(**pay()) for _ in range(5)))
            seen = [payment.id async for payment in client.payments.list_all(limit=3)]
            assert {payment.id for payment in created} <= set(seen)
            with pytest.raises(PaymentFailedError):
                await client.payments.create(**pay("test_insufficient_funds"))

    asyncio.run(scenario())


def test_readme_example_runs_as_written(
    sandbox: RunningSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LARKPAY_API_KEY", sandbox.api_key)
    monkeypatch.setenv("LARKPAY_API_SECRET", sandbox.api_secret)
    monkeypatch.setenv("LARKPAY_BASE_URL", sandbox.base_url)
    monkeypatch.delenv("LARKPAY_ENVIRONMENT", raising=False)
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("## Using the client", 1)[1]
    block = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(block, "README.md:Using the client", "exec"), namespace)
    client = namespace["client"]
    assert namespace["payment"].status == models.PaymentStatus.SUCCEEDED
    assert namespace["raw"].request_id.startswith("req_")
    assert client.payments.get(namespace["raw"].parse().id).amount == 2500
    client.close()
