"""Is it a sandbox? The server is asked with the spec's sandbox-only operations: the embedded
sandbox and Prism (which serves them) are sandboxes; a server without them (the sandbox started
on a spec without its sandbox paths, as production is) is not; when no probe can tell, the key
decides."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from larkpay_conformance.deployment.sandbox_probe import find_out, probes
from larkpay_sandbox.testing import RunningSandbox, running_sandbox

from tests.conformance.prism import running_prism

SPEC_FILE = Path(__file__).resolve().parents[3] / "openapi.yaml"
SETTLE = "/sandbox/payments/{payment_id}/settle"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_FILE.read_text(encoding="utf-8"))
    return loaded


def with_unserved_sandbox_operation(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec plus a sandbox-only GET no sandbox serves yet (a spec newer than the server)."""
    grown = copy.deepcopy(spec)
    answer = {"200": {"description": "a later sandbox feature"}}
    grown["paths"]["/sandbox/later_feature"] = {
        "get": {"operationId": "getLaterFeature", "tags": ["sandbox"], "responses": answer}
    }
    return grown


def without_sandbox_paths(spec: dict[str, Any]) -> dict[str, Any]:
    trimmed = copy.deepcopy(spec)
    trimmed["paths"] = {k: v for k, v in spec["paths"].items() if not k.startswith("/sandbox/")}
    return trimmed


def ask(sandbox: RunningSandbox, spec: dict[str, Any], key: str | None = None) -> Any:
    with httpx.Client(timeout=5.0, trust_env=False) as client:
        return find_out(client, sandbox.base_url, sandbox.auth_header, key or sandbox.api_key, spec)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(db_path=":memory:") as running:
        yield running


def test_probes_read_first_then_act_on_a_made_up_object_and_never_change_state(
    spec: dict[str, Any],
) -> None:
    found = probes(spec)
    assert [(p.method, p.template) for p in found] == [("GET", "/sandbox/clock"), ("POST", SETTLE)]
    settle = found[1]
    assert re.fullmatch(r"/sandbox/payments/pay_[A-Za-z0-9]{24}/settle", settle.path)
    assert settle.body == b'{"outcome": "succeeded"}'
    assert settle.baseline_path.startswith(settle.path.rsplit("/", 1)[0] + "/")
    assert settle.baseline_path != settle.path


def test_the_embedded_sandbox_is_a_sandbox(sandbox: RunningSandbox, spec: dict[str, Any]) -> None:
    answer = ask(sandbox, spec)
    assert answer.is_sandbox
    # the safe GET is asked first: nothing is settled to find out
    assert answer.evidence == "a sandbox (GET /sandbox/clock answers, not as an unknown route)"


def test_a_sandbox_without_the_specs_newest_operation_still_counts(
    sandbox: RunningSandbox, spec: dict[str, Any]
) -> None:
    answer = ask(sandbox, with_unserved_sandbox_operation(spec))
    assert answer.is_sandbox
    assert "/sandbox/later_feature" not in answer.evidence
    assert answer.evidence.endswith(" answers, not as an unknown route)")


def test_a_server_without_the_sandbox_operations_is_not_a_sandbox_whatever_its_key(
    spec: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = tmp_path / "openapi.yaml"
    served.write_text(yaml.safe_dump(without_sandbox_paths(spec)), encoding="utf-8")
    monkeypatch.setenv("LARKPAY_SPEC", str(served))
    with running_sandbox(db_path=":memory:") as production_like:
        answer = ask(production_like, spec)
    assert production_like.api_key.startswith("lk_test_")
    assert not answer.is_sandbox
    assert answer.evidence.startswith("NOT a sandbox (")
    assert f"POST {SETTLE}" in answer.evidence
    assert "answered as unknown route" in answer.evidence


def test_without_a_usable_answer_the_key_decides(spec: dict[str, Any]) -> None:
    # A bucket of one token, spent: the probe is answered 429, which says nothing of its route.
    with running_sandbox(db_path=":memory:", rate_limit=0.01, burst=1) as limited:
        headers = {"Authorization": limited.auth_header}
        assert httpx.get(limited.base_url + "/payments", headers=headers).status_code == 200
        by_test_key = ask(limited, spec)
    assert by_test_key.is_sandbox
    assert by_test_key.evidence.startswith("a sandbox by its test key (")
    assert by_test_key.evidence.endswith("gave no usable answer)")


def test_a_spec_without_sandbox_operations_leaves_it_to_the_key(
    sandbox: RunningSandbox, spec: dict[str, Any]
) -> None:
    bare = without_sandbox_paths(spec)
    assert ask(sandbox, bare).is_sandbox
    live = ask(sandbox, bare, key="lk_live_" + "L" * 24)
    assert not live.is_sandbox
    assert "the spec names no sandbox-only operation" in live.evidence


@pytest.mark.slow
def test_prism_serving_the_sandbox_operations_is_a_sandbox(
    spec: dict[str, Any], tmp_path: Path
) -> None:
    served = tmp_path / "openapi.yaml"
    served.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with running_prism(served) as base_url, httpx.Client(timeout=5.0) as client:
        answer = find_out(client, base_url, "Basic eDp5", "lk_live_" + "P" * 24, spec)
    assert answer.is_sandbox
    assert answer.evidence == "a sandbox (GET /sandbox/clock answers, not as an unknown route)"
