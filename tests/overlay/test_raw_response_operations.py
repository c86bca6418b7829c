"""``with_raw_response`` for every operation of openapi.yaml, sync and async, on a real sandbox.

The operations come from the spec, so one added later is tested here without an edit: its raw
method is found by the ``METHOD /path`` its docstring names, its path ids come from objects
created for it, its body from the spec's example. Each answer's request id is compared with
the ``X-Request-Id`` a recording transport saw the sandbox send.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from larkpay import APIStatusError, AsyncLarkpayClient, LarkpayClient, RawResponse
from larkpay_sandbox.testing import RunningSandbox, running_sandbox

SPEC = yaml.safe_load((Path(__file__).parents[2] / "openapi.yaml").read_text())
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in SPEC["paths"].items()
    for method, operation in item.items()
    if method in METHODS
]
# The payment an operation acts on must be pending, not settled, for these.
PENDING_PAYMENT_FOR = {"cancelPayment", "settlePayment"}


class Recorder(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """A real HTTP transport (sync and async) that notes the X-Request-Id of every answer."""

    def __init__(self) -> None:
        self.request_ids: list[str | None] = []
        self._sync = httpx.HTTPTransport()
        self._async = httpx.AsyncHTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._sync.handle_request(request)
        self.request_ids.append(response.headers.get("x-request-id"))
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._async.handle_async_request(request)
        self.request_ids.append(response.headers.get("x-request-id"))
        return response


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(rate_limit=0, settle_delay=60.0, db_path=":memory:") as running:
        yield running


@pytest.fixture(scope="module")
def setup_client(sandbox: RunningSandbox) -> Iterator[LarkpayClient]:
    with LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url) as client:
        yield client


def _example(operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    if "example" in content:
        return dict(content["example"])
    examples = content.get("examples") or {}
    return dict(next(iter(examples.values()))["value"]) if examples else {}


def _path_ids(client: LarkpayClient, operation: dict[str, Any], path: str) -> list[str]:
    """A fresh object for each path parameter (``unknown`` for a kind this test cannot make)."""
    source = "test_pending" if operation["operationId"] in PENDING_PAYMENT_FOR else "test_success"

    def payment() -> str:
        return client.payments.create(amount=2500, currency="USD", source=source).id

    makers: dict[str, Callable[[], str]] = {
        "payment_id": payment,
        "refund_id": lambda: client.refunds.create(payment(), amount=100).id,
        "endpoint_id": lambda: (
            client.webhook_endpoints.create(url="https://shop.example/hooks", events=["*"]).id
        ),
        "event_id": lambda: client.events.list(limit=1).data[0].id,
    }
    return [makers.get(name, lambda: "unknown")() for name in re.findall(r"{(\w+)}", path)]


def _method(resources: Any, verb: str, path: str, operation: dict[str, Any]) -> Any:
    """The method of ``resources.<tag>`` whose docstring names ``VERB /path``."""
    marker = f"``{verb} {path}``"
    resource = getattr(resources, operation["tags"][0])
    found = [
        getattr(resource, name)
        for name in dir(resource)
        if not name.startswith("_") and marker in (getattr(resource, name).__doc__ or "")
    ]
    assert len(found) == 1, f"{operation['operationId']}: {len(found)} methods name {marker}"
    return found[0]


def _check(outcome: RawResponse[Any] | APIStatusError, sent: str | None, plain: Any) -> None:
    """The answer carries the request id the sandbox sent, and parses to the plain result."""
    assert sent
    if isinstance(outcome, APIStatusError):  # ids this test cannot make: the error says it too
        assert (outcome.request_id, outcome.headers["x-request-id"]) == (sent, sent)
        assert outcome.status_code == 404
        return
    assert isinstance(outcome, RawResponse)
    assert 200 <= outcome.status_code < 300, outcome.http_response.text
    assert outcome.request_id == sent
    assert outcome.headers["X-Request-Id"] == sent
    assert (outcome.retries_taken, outcome.idempotent_replayed) == (0, False)
    assert outcome.elapsed.total_seconds() > 0
    declared = inspect.signature(plain).return_annotation.split(" | ")
    assert type(outcome.parse()).__name__ in declared


@pytest.mark.parametrize(
    ("verb", "path", "operation"), OPERATIONS, ids=[op["operationId"] for _, _, op in OPERATIONS]
)
def test_raw_response_of_every_operation_carries_the_request_id_sync_and_async(
    sandbox: RunningSandbox,
    setup_client: LarkpayClient,
    verb: str,
    path: str,
    operation: dict[str, Any],
) -> None:
    recorder = Recorder()
    options: dict[str, Any] = {"base_url": sandbox.base_url, "transport": recorder}
    body = _example(operation)
    with LarkpayClient(sandbox.api_key, sandbox.api_secret, **options) as client:
        method = _method(client.with_raw_response, verb, path, operation)
        plain = _method(client, verb, path, operation)
        tag = getattr(client, operation["tags"][0])
        assert getattr(tag.with_raw_response, method.__name__).__doc__ == method.__doc__
        try:
            outcome: Any = method(*_path_ids(setup_client, operation, path), **body)
        except APIStatusError as error:
            outcome = error
        _check(outcome, recorder.request_ids[-1], plain)

    async def asynchronous() -> Any:
        async with AsyncLarkpayClient(sandbox.api_key, sandbox.api_secret, **options) as client:
            method = _method(client.with_raw_response, verb, path, operation)
            assert inspect.iscoroutinefunction(method)
            try:
                return await method(*_path_ids(setup_client, operation, path), **body)
            except APIStatusError as error:
                return error

    _check(asyncio.run(asynchronous()), recorder.request_ids[-1], plain)


def test_raw_create_again_with_the_same_key_says_it_was_replayed(
    setup_client: LarkpayClient,
) -> None:
    create = setup_client.payments.with_raw_response.create
    first = create(amount=700, currency="EUR", source="test_success", idempotency_key="raw-k1")
    again = create(amount=700, currency="EUR", source="test_success", idempotency_key="raw-k1")
    assert (first.idempotent_replayed, again.idempotent_replayed) == (False, True)
    assert again.parse().id == first.parse().id
    assert again.request_id != first.request_id


def test_raw_resources_offer_list_but_not_list_all(setup_client: LarkpayClient) -> None:
    page = setup_client.with_raw_response.payments.list(limit=1)
    assert page.parse().data
    assert hasattr(setup_client.payments, "list_all")
    assert not hasattr(setup_client.payments.with_raw_response, "list_all")
    assert setup_client.payments.with_raw_response is setup_client.payments.with_raw_response


def test_raw_response_counts_the_retry_the_sandbox_asked_for(setup_client: LarkpayClient) -> None:
    raw = setup_client.payments.with_raw_response.create(
        amount=900, currency="EUR", source="test_unavailable_once"
    )
    assert raw.retries_taken == 1
    assert raw.status_code == 201
    assert raw.parse().amount == 900
