"""Tests of LarkpayClient / AsyncLarkpayClient against a scripted fake (httpx.MockTransport)."""

from __future__ import annotations

import asyncio
import base64
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import larkpay
import pytest
import yaml
from larkpay import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncLarkpayClient,
    ConfigurationError,
    InternalServerError,
    LarkpayClient,
    NotFoundError,
    PaymentFailedError,
    RateLimitError,
    ServerError,
    models,
)
from larkpay_api.api.payments import create_payment
from larkpay_sandbox.testing import free_port

from . import payloads
from .fakeapi import BASE, SECRET, TEST_KEY, FakeAPI, async_client, client, respond

SPEC = yaml.safe_load(Path(__file__).parents[2].joinpath("openapi.yaml").read_text())


def new_payment() -> models.CreatePaymentRequest:
    return models.CreatePaymentRequest(amount=2500, currency=models.Currency.USD,
                                       source="test_success")  # fmt: skip


NEW: dict[str, Any] = {"amount": 2500, "currency": models.Currency.USD, "source": "test_success"}


def snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def method_name(tag: str, operation_id: str) -> str:
    """The naming rule documented in templates/api_init.py.jinja (without collisions)."""
    words = tag.split("_")
    drop = {*words, words[-1].removesuffix("s")}
    kept = "_".join(word for word in snake(operation_id).split("_") if word not in drop)
    return kept or snake(operation_id)


def test_every_operation_of_the_spec_is_a_typed_method_on_both_clients() -> None:
    sync, asynchronous = client(FakeAPI()), async_client(FakeAPI())
    operations = [
        (operation["tags"][0], operation["operationId"])
        for path in SPEC["paths"].values()
        for method, operation in path.items()
        if method in {"get", "post", "patch", "put", "delete"}
    ]
    assert len(operations) >= 20
    for tag, operation_id in operations:
        name = method_name(tag, operation_id)
        assert callable(getattr(getattr(sync, tag), name)), (tag, name)
        assert asyncio.iscoroutinefunction(getattr(getattr(asynchronous, tag), name))
    for tag, name in [("payments", "create"), ("payments", "list_all"), ("refunds", "list_all"),
                      ("events", "list_deliveries_all"), ("webhook_endpoints", "rotate_secret"),
                      ("sandbox", "settle_payment"), ("service", "get_health")]:  # fmt: skip
        assert callable(getattr(getattr(sync, tag), name)), name


def test_create_returns_the_payment_and_sends_auth_key_and_body() -> None:
    api = FakeAPI().on("POST", "/payments", respond(201, payloads.success(payloads.payment())))
    with client(api) as larkpay_client:
        payment = larkpay_client.payments.create(**NEW)
    assert isinstance(payment, models.Payment)
    assert payment.id == "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W"
    request = api.requests[0]
    expected = base64.b64encode(f"{TEST_KEY}:{SECRET}".encode()).decode()
    assert request.headers["authorization"] == f"Basic {expected}"
    assert request.headers["idempotency-key"]
    assert "larkpay-retry-count" not in request.headers  # only retries carry it
    assert api.bodies() == [{"amount": 2500, "currency": "USD", "source": "test_success"}]


def test_retried_create_reuses_the_idempotency_key_and_returns_the_payment() -> None:
    sleeps: list[float] = []
    api = FakeAPI().on("POST", "/payments", httpx.ReadError("reset"),
                       respond(503, payloads.error("SERVICE_UNAVAILABLE"), **{"retry-after": "1"}),
                       respond(201, payloads.success(payloads.payment())))  # fmt: skip
    payment = client(api, sleeps).payments.create(**NEW, idempotency_key="order-1")
    assert payment.status == models.PaymentStatus.SUCCEEDED
    assert [r.headers["idempotency-key"] for r in api.requests] == ["order-1"] * 3
    assert len(sleeps) == 2
    assert sleeps[1] == 1.0


def test_error_envelope_becomes_its_typed_error() -> None:
    body = payloads.error("PAYMENT_FAILED", "declined", reason="card_declined", payment_id="pay_1")
    api = FakeAPI().on("POST", "/payments", respond(402, body))
    with pytest.raises(PaymentFailedError) as caught:
        client(api).payments.create(**NEW)
    assert caught.value.payment_id == "pay_1"
    assert caught.value.reason == "card_declined"
    assert len(api.requests) == 1


def test_not_found_carries_the_request_id() -> None:
    with pytest.raises(NotFoundError) as caught:
        client(FakeAPI()).payments.get("pay_missing")
    assert caught.value.request_id == "req_nf"


def test_rate_limit_beyond_60s_raises_with_retry_after() -> None:
    api = FakeAPI().on(
        "GET",
        "/payments/pay_1",
        respond(429, payloads.error("RATE_LIMITED"), **{"retry-after": "120"}),
    )
    with pytest.raises(RateLimitError) as caught:
        client(api).payments.get("pay_1")
    assert caught.value.retry_after == pytest.approx(120.0)
    assert len(api.requests) == 1


def test_a_2xx_other_than_the_declared_one_is_read_with_the_declared_schema() -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", respond(201, payloads.success(payloads.payment())))
    assert client(api).payments.get("pay_1").id == "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W"


@pytest.mark.parametrize(
    ("answer", "error_type"),
    [(respond(599, payloads.error("NEW")), ServerError),
     (respond(500, b"<html>oops</html>"), InternalServerError),
     (respond(418, b"teapot"), APIStatusError),
     (respond(200, b"not json"), APIResponseValidationError),
     (respond(200, {"status": "success", "data": {"id": "pay_1"}}), APIResponseValidationError),
     (respond(200, payloads.success(payloads.refund())), APIResponseValidationError)],
)  # fmt: skip
def test_unreadable_answers_become_typed_errors(
    answer: httpx.Response, error_type: type[Exception]
) -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", answer)
    with pytest.raises(error_type) as caught:
        client(api, max_retries=0).payments.get("pay_1")
    assert type(caught.value) is error_type


@pytest.mark.parametrize(
    ("failure", "error_type"),
    [(httpx.ConnectError("refused"), APIConnectionError),
     (httpx.ReadTimeout("slow"), APITimeoutError),
     (httpx.RemoteProtocolError("bad"), APIConnectionError),
     (httpx.InvalidURL("bad"), APIConnectionError),
     (httpx.StreamConsumed(), APIConnectionError)],
)  # fmt: skip
def test_transport_failures_become_typed_errors(
    failure: Exception, error_type: type[Exception]
) -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", failure)
    with pytest.raises(error_type, match=type(failure).__name__ if error_type is not
                       APITimeoutError else "timed out"):  # fmt: skip
        client(api).payments.get("pay_1")
    retried = isinstance(failure, httpx.TransportError)
    assert len(api.requests) == (3 if retried else 1)


def test_list_all_pages_lazily_with_cursors() -> None:
    two = [payloads.payment("pay_1"), payloads.payment("pay_2")]
    first = respond(200, payloads.page(two, "c2"))
    last = respond(200, payloads.page([payloads.payment("pay_3")], None))
    api = FakeAPI().on("GET", "/payments", first, last)
    items = client(api).payments.list_all(limit=2, status=models.PaymentStatus.SUCCEEDED)
    assert next(items).id == "pay_1"
    assert len(api.requests) == 1
    assert [payment.id for payment in items] == ["pay_2", "pay_3"]
    assert [dict(r.url.params) for r in api.requests] == [
        {"limit": "2", "status": "succeeded"},
        {"limit": "2", "status": "succeeded", "cursor": "c2"},
    ]


def test_list_returns_the_page() -> None:
    api = FakeAPI().on("GET", "/payments", respond(200, payloads.page([], None)))
    page = client(api).payments.list()
    assert page.has_more is False
    assert page.next_cursor is None
    assert page.data == []


def test_raw_detailed_functions_work_on_client_api() -> None:
    api = FakeAPI().on("POST", "/payments", respond(402, payloads.error("PAYMENT_FAILED")))
    response = create_payment.sync_detailed(client=client(api).api, body=new_payment())
    assert response.status_code == 402
    assert api.requests[0].headers["idempotency-key"]


def test_with_options_changes_timeout_and_retries_for_a_block() -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", respond(503, payloads.error("X")))
    base = client(api)
    with base.with_options(timeout=5, max_retries=0, deadline=9) as quick:
        with pytest.raises(ServerError):
            quick.payments.get("pay_1")
        assert len(api.requests) == 1
        assert api.requests[0].extensions["timeout"]["read"] == 5
        assert (quick.config.timeout, quick.config.max_retries, quick.config.deadline) == (5, 0, 9)
    kept = quick.with_options()
    assert kept.config == quick.config
    assert base.with_options(deadline=None).config.deadline is None
    with pytest.raises(ServerError):
        base.payments.get("pay_1")
    assert len(api.requests) == 4
    with pytest.raises(ConfigurationError):
        base.with_options(timeout=-1)


def test_repr_and_errors_never_show_the_secret() -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", respond(401, payloads.error("AUTH_FAILED")))
    larkpay_client = client(api)
    texts = [repr(larkpay_client), repr(larkpay_client.api), repr(larkpay_client.config)]
    with pytest.raises(larkpay.AuthenticationError) as caught:
        larkpay_client.payments.get("pay_1")
    texts.append(str(caught.value))
    # After a request the generated client also holds the header in its headers dict.
    texts += [repr(larkpay_client.api), repr(larkpay_client.api.get_httpx_client().headers)]
    assert "<larkpay credentials>" in texts[-2]
    token = base64.b64encode(f"{TEST_KEY}:{SECRET}".encode()).decode()
    for text in texts:
        assert SECRET not in text
        assert token not in text
        assert TEST_KEY not in text


def test_resources_repr_names_where_they_hang_on_the_client() -> None:
    larkpay_client = client(FakeAPI())
    assert repr(larkpay_client.with_raw_response).startswith("<RawResources: payments, refunds")
    assert repr(larkpay_client.payments) == "<PaymentsResource: client.payments>"
    raw = repr(larkpay_client.payments.with_raw_response)
    assert raw == "<PaymentsRawResource: client.payments.with_raw_response>"


def test_client_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LARKPAY_API_KEY", TEST_KEY)
    monkeypatch.setenv("LARKPAY_API_SECRET", SECRET)
    monkeypatch.setenv("LARKPAY_ENVIRONMENT", "local")
    monkeypatch.delenv("LARKPAY_BASE_URL", raising=False)
    larkpay_client = LarkpayClient()
    assert larkpay_client.config.base_url == "http://127.0.0.1:8787/v2"
    larkpay_client.close()
    monkeypatch.delenv("LARKPAY_API_KEY")
    with pytest.raises(ConfigurationError, match="LARKPAY_API_KEY"):
        AsyncLarkpayClient()


def test_client_webhooks_verify_with_a_secret() -> None:
    secret = "whsec_" + base64.b64encode(b"s" * 32).decode()
    hooks = client(FakeAPI()).webhooks
    headers = hooks.headers(b"{}", secret)
    assert hooks.verify(b"{}", headers, secret)


def test_async_client_creates_lists_and_raises_typed_errors() -> None:
    api = (
        FakeAPI()
        .on("POST", "/payments", respond(201, payloads.success(payloads.payment())))
        .on("GET", "/payments", respond(200, payloads.page([payloads.payment("pay_1")], "c2")),
            respond(200, payloads.page([payloads.payment("pay_2")], None)))
        .on("GET", "/payments/pay_1", respond(500, b"down"))
    )  # fmt: skip

    async def scenario() -> list[str]:
        async with async_client(api, max_retries=0) as larkpay_client:
            created = await larkpay_client.payments.create(**NEW)
            ids = [payment.id async for payment in larkpay_client.payments.list_all()]
            with pytest.raises(InternalServerError):
                await larkpay_client.payments.get("pay_1")
            quick = larkpay_client.with_options(max_retries=1)
            assert quick.config.max_retries == 1
            return [created.id, *ids]

    assert asyncio.run(scenario()) == ["pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W", "pay_1", "pay_2"]


def test_async_transport_failure_becomes_typed_error() -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", httpx.ConnectError("refused"))

    async def scenario() -> None:
        async with async_client(api, max_retries=0) as larkpay_client:
            await larkpay_client.payments.get("pay_1")

    with pytest.raises(APIConnectionError):
        asyncio.run(scenario())


def test_base_url_default_is_the_environment_url() -> None:
    larkpay_client = LarkpayClient(TEST_KEY, SECRET, environment="local")
    assert larkpay_client.config.base_url == "http://127.0.0.1:8787/v2"
    assert str(larkpay_client.api.get_httpx_client().base_url).rstrip("/") == (
        "http://127.0.0.1:8787/v2"
    )
    larkpay_client.close()
    assert BASE.startswith("http://")


def test_create_takes_str_enums_and_a_plain_metadata_mapping() -> None:
    api = FakeAPI().on("POST", "/payments", respond(201, payloads.success(payloads.payment())))
    client(api).payments.create(amount=5, currency="EUR", source="tok", metadata={"k": "v"})
    assert api.bodies() == [
        {"amount": 5, "currency": "EUR", "source": "tok", "metadata": {"k": "v"}}
    ]


def test_create_takes_a_body_model_instead_of_fields() -> None:
    api = FakeAPI().on("POST", "/payments", respond(201, payloads.success(payloads.payment())))
    client(api).payments.create(body=new_payment(), idempotency_key="k1")
    assert api.bodies() == [{"amount": 2500, "currency": "USD", "source": "test_success"}]
    assert api.requests[0].headers["idempotency-key"] == "k1"


def test_body_and_fields_together_or_missing_fields_are_refused_before_sending() -> None:
    api = FakeAPI()
    payments = client(api).payments
    with pytest.raises(TypeError, match="not both"):
        payments.create(body=new_payment(), amount=5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="currency, source"):
        payments.create(amount=5)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match=r"'XYZ' is not a valid Currency; use one of .*'USD'"):
        payments.create(amount=5, currency="XYZ", source="tok")
    assert api.requests == []


def test_a_datetime_for_a_time_field_is_refused_before_sending_showing_the_text_to_pass() -> None:
    api = FakeAPI()
    sandbox = client(api).sandbox
    paris = datetime(2027, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(TypeError, match=r"to= as an RFC 3339 string in UTC: '2027-01-15T08:30:00"):
        sandbox.advance_clock(to=paris)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"e\.g\. '2026-11-27T10:15:00Z' \(this datetime has no"):
        sandbox.advance_clock(to=datetime(2027, 1, 15))  # type: ignore[arg-type]
    assert api.requests == []


def test_list_of_enums_takes_str_values_but_not_a_bare_string() -> None:
    endpoint = {"id": "we_1", "object": "webhook_endpoint", "url": "https://x.example/h",
                "events": ["payment.created"], "description": None, "status": "enabled",
                "created_at": payloads.TIMESTAMP, "secret": "whsec_" + "A" * 44}  # fmt: skip
    api = FakeAPI().on("POST", "/webhook_endpoints", respond(201, payloads.success(endpoint)))
    hooks = client(api).webhook_endpoints
    created = hooks.create(url="https://x.example/h", events=["payment.created", "*"])
    assert created.id == "we_1"
    assert api.bodies() == [{"url": "https://x.example/h", "events": ["payment.created", "*"]}]
    with pytest.raises(TypeError, match="list of WebhookEventSelectionItem"):
        hooks.create(url="https://x.example/h", events="payment.created")


def test_enum_query_parameters_take_str_values() -> None:
    api = FakeAPI().on("GET", "/payments", respond(200, payloads.page([], None)))
    assert list(client(api).payments.list_all(status="succeeded")) == []
    assert api.requests[0].url.params["status"] == "succeeded"
    with pytest.raises(ValueError, match="not a valid PaymentStatus"):
        client(api).payments.list(status="done")


def test_construction_builds_no_connection_pool_and_a_sync_call_builds_only_the_sync_one() -> None:
    base_url = f"http://127.0.0.1:{free_port()}/v2"  # nothing listens: connection refused
    with LarkpayClient(TEST_KEY, SECRET, base_url=base_url, max_retries=0) as larkpay_client:
        inner = larkpay_client._transport._inner
        assert (inner._sync, inner._async) == (None, None)
        with pytest.raises(larkpay.APIConnectionError):
            larkpay_client.payments.get("pay_1")
        assert isinstance(inner._sync, httpx.HTTPTransport)
        assert inner._async is None


def test_error_after_the_last_retry_says_how_many_retries_were_taken() -> None:
    unavailable = respond(503, payloads.error("SERVICE_UNAVAILABLE"), **{"retry-after": "0"})
    api = FakeAPI().on("GET", "/payments/pay_1", unavailable)
    with pytest.raises(ServerError) as caught:
        client(api, max_retries=2).payments.get("pay_1")
    assert caught.value.retries_taken == 2
    assert caught.value.headers["x-request-id"] == "req_503"
    assert caught.value.elapsed is not None


def test_raw_and_plain_calls_share_the_connection_and_the_error_vocabulary() -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", respond(200, payloads.success(payloads.payment())))
    with client(api) as larkpay_client:
        raw = larkpay_client.with_raw_response.payments.get("pay_1")
        assert raw.parse() == larkpay_client.payments.get("pay_1")
        with pytest.raises(NotFoundError) as caught:
            larkpay_client.payments.with_raw_response.get("pay_missing")
    assert (raw.request_id, caught.value.request_id) == ("req_200", "req_nf")
