"""The webhook layer's endpoint: registered through the API at the URL the target can reach
(the public URL when given, else the receiver's own, loopback for an unspecified address)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import Recorder
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.steps.hooks import Endpoint
from larkpay_sandbox.testing import RunningSandbox, WebhookReceiver, running_sandbox


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    with running_sandbox(db_path=":memory:") as sandbox:
        client = Api(target_of(sandbox), Recorder(), "webhooks")
        yield client
        client.close()


def target_of(sandbox: RunningSandbox) -> Target:
    return Target(sandbox.base_url, sandbox.api_key, sandbox.api_secret, embedded=False)


def registered_url(api: Api, endpoint: Endpoint) -> str:
    [row] = [e for e in api.client.webhook_endpoints.list_all() if e.id == endpoint.id]
    return str(row.url)


def test_the_target_is_given_the_public_url_with_the_endpoints_path(api: Api) -> None:
    with WebhookReceiver() as receiver:
        endpoint = Endpoint.register(api, receiver, ["*"], "https://hooks.example.com/relay/")
    assert endpoint.path.startswith("/hooks/")
    assert registered_url(api, endpoint) == "https://hooks.example.com/relay" + endpoint.path


def test_without_a_public_url_the_target_is_given_the_receivers_url(api: Api) -> None:
    with WebhookReceiver() as receiver:
        endpoint = Endpoint.register(api, receiver, ["payment.created"])
        assert registered_url(api, endpoint) == receiver.url + endpoint.path.removeprefix("/hooks")
    assert registered_url(api, endpoint).startswith("http://127.0.0.1:")
