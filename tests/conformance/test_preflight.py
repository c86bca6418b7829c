"""The preflight against a real sandbox: a wrong path or wrong credentials is one sentence that
says what to change; a good target is described."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from larkpay_conformance.preflight import PreflightError, run_preflight
from larkpay_conformance.target import Target
from larkpay_sandbox.testing import RunningSandbox, free_port, running_sandbox


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(db_path=":memory:") as running:
        yield running


def target(sandbox: RunningSandbox, base_url: str, secret: str | None = None) -> Target:
    return Target(base_url, sandbox.api_key, secret or sandbox.api_secret, False, True)


def refused(target: Target) -> str:
    with pytest.raises(PreflightError) as info:
        run_preflight(target)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_a_good_target_passes_and_is_a_sandbox(sandbox: RunningSandbox) -> None:
    found = run_preflight(target(sandbox, sandbox.base_url))
    assert found.sandbox
    assert "credentials accepted" in found.describe()


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
