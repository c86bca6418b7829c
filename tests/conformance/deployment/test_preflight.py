"""The preflight against a real sandbox: a wrong path, wrong credentials or an authenticated
answer that is not the API's list is one sentence that says what to change; a good target is
described, and comes back with ``is_sandbox`` as the server answered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay_conformance.deployment.preflight import PreflightError, run_preflight
from larkpay_conformance.deployment.target import Target
from larkpay_sandbox.testing import RunningSandbox, free_port, running_sandbox

from tests.conformance.fault_proxy import Answer, FaultProxy


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(db_path=":memory:") as running:
        yield running


def target(sandbox: RunningSandbox, base_url: str, secret: str | None = None) -> Target:
    return Target(base_url, sandbox.api_key, secret or sandbox.api_secret, embedded=False)


def refused(target: Target) -> str:
    with pytest.raises(PreflightError) as info:
        run_preflight(target)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_good_target_passes_and_comes_back_marked_a_sandbox(sandbox: RunningSandbox) -> None:
    checked = target(sandbox, sandbox.base_url)
    assert not checked.is_sandbox
    found = run_preflight(checked)
    assert found.target.is_sandbox
    assert found.target.base_url == checked.base_url
    assert "credentials accepted; a sandbox (GET /sandbox/clock answers" in found.describe()


def test_health_is_asked_once(sandbox: RunningSandbox) -> None:
    seen: list[str] = []

    def count(answer: Answer) -> None:
        seen.append(f"{answer.method} {answer.path}")

    with FaultProxy(sandbox.base_url, count) as proxy:
        run_preflight(target(sandbox, proxy.base_url))
    assert seen.count("GET /v2/health") == 1
    assert seen[:2] == ["GET /v2/health", "GET /v2/payments"]


@pytest.mark.parametrize(
    ("status", "body"),
    [(404, b"<html>no such page</html>"), (500, b"oops"), (200, b'{"status": "success"}')],
)
def test_an_authenticated_answer_other_than_the_list_stops_the_run(
    sandbox: RunningSandbox, status: int, body: bytes
) -> None:
    def break_the_list(answer: Answer) -> None:
        if answer.path == "/v2/payments":
            answer.status, answer.body = status, body
            answer.headers["content-type"] = "text/html"

    with FaultProxy(sandbox.base_url, break_the_list) as proxy:
        message = refused(target(sandbox, proxy.base_url))
    assert message.startswith(
        f"GET {proxy.base_url}/payments (authenticated) answered HTTP {status} "
        f"({body.decode()}) instead of a"
    )


def test_a_missing_prefix_names_the_url_to_use(sandbox: RunningSandbox) -> None:
    root = sandbox.base_url.removesuffix("/v2")
    assert refused(target(sandbox, root)).endswith(
        f"the /v2 prefix is missing: use --base-url {sandbox.base_url}."
    )


def test_a_doubled_prefix_names_the_url_to_use(sandbox: RunningSandbox) -> None:
    assert refused(target(sandbox, sandbox.base_url + "/v2")).endswith(
        f"the /v2 prefix is doubled: use --base-url {sandbox.base_url}."
    )


def test_refused_credentials_give_the_reason(sandbox: RunningSandbox) -> None:
    message = refused(target(sandbox, sandbox.base_url, "lsk_" + "W" * 32))
    assert "credentials were refused (HTTP 401, reason invalid_credentials" in message
    assert "LARKPAY_API_SECRET" in message


def test_nothing_listening_says_so(sandbox: RunningSandbox) -> None:
    message = refused(target(sandbox, f"http://127.0.0.1:{free_port()}/v2"))
    assert message.startswith("nothing answers at http://127.0.0.1:")


def test_a_path_that_is_no_larkpay_api_says_what_it_answered(sandbox: RunningSandbox) -> None:
    message = refused(target(sandbox, sandbox.base_url.replace("/v2", "/docs")))
    assert "the API is at /v2 of this host" in message
