"""docs/migration-guide.md is generated from the last release and openapi.yaml, and its code
runs: the committed guide's blocks, and the guide of a realistic breaking pair (a hypothetical
earlier release built from openapi.yaml) whose *after* code runs against the sandbox with the
current SDK while its *before* calls fail with it."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from larkpay_specdiff.output.migration import render_migration_guide
from larkpay_specdiff.output.migration_entries import CALL, entries
from larkpay_specdiff.releases import latest_release
from larkpay_specdiff.report import Report, compare, load_spec

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "migration-guide.md"
BLOCK = re.compile(r"^```python( before| after)?\n(.*?)^```$", re.S | re.M)


def _blocks(text: str, kind: str = "") -> list[str]:
    return [code for label, code in BLOCK.findall(text) if label.strip() == kind]


def _earlier_release(spec: dict[str, Any]) -> dict[str, Any]:
    """openapi.yaml as a plausible 1.4.0 would have had it: a method since renamed, a filter
    since removed, a field since required, a currency since dropped, a field never null."""
    old = copy.deepcopy(spec)
    old["info"]["version"] = "1.4.0"
    old["paths"]["/payments/{payment_id}"]["get"]["operationId"] = "retrievePayment"
    old["paths"]["/payments"]["get"]["parameters"].append(
        {"name": "created_after", "in": "query", "required": False, "schema": {"type": "string"}}
    )
    schemas = old["components"]["schemas"]
    schemas["CreatePaymentRequest"]["required"] = ["amount", "currency"]
    schemas["Currency"]["enum"].append("NOK")
    schemas["Payment"]["properties"]["failure_code"]["type"] = "string"
    return old


@pytest.fixture
def namespace(sandbox_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The guide's setup block run, and every path-parameter variable bound to a real object."""
    for name, value in sandbox_env.items():
        monkeypatch.setenv(name, value)
    scope: dict[str, Any] = {"__name__": "migration_guide"}
    exec(compile(_blocks(GUIDE.read_text())[0], "setup", "exec"), scope)
    client = scope["client"]
    payment = client.payments.create(amount=2500, currency="USD", source="test_success")
    refund = client.refunds.create(payment.id, amount=100)
    endpoint = client.webhook_endpoints.create(url="https://shop.example/hooks", events=["*"])
    event = next(iter(client.events.list().data))
    scope.update(
        payment_id=payment.id, refund_id=refund.id, endpoint_id=endpoint.id, event_id=event.id
    )
    return scope


@pytest.fixture(scope="module")
def breaking_pair(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("releases")
    spec = yaml.load((ROOT / "openapi.yaml").read_text(), Loader=yaml.CSafeLoader)
    (folder / "1.4.0.yaml").write_text(yaml.dump(_earlier_release(spec), Dumper=yaml.CSafeDumper))
    return compare(
        load_spec(str(folder / "1.4.0.yaml")), load_spec(str(ROOT / "openapi.yaml")), sdk=True
    )


def test_committed_guide_is_generated_from_the_last_release_and_openapi_yaml(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LARKPAY_CACHE_DIR", str(tmp_path))
    release = latest_release(Path("specs/released"))
    report = compare(load_spec(str(release)), load_spec("openapi.yaml"), sdk=True)
    assert GUIDE.read_text() == render_migration_guide(report), "run `make migration-guide`"


def test_committed_guide_follows_the_seed_migration_section() -> None:
    text = GUIDE.read_text()
    for heading in ("## Migration Guide", "### From v", "Breaking changes", "Migration steps:"):
        assert heading in text


def test_committed_guide_setup_and_after_blocks_run_against_the_sandbox(
    namespace: dict[str, Any],
) -> None:
    for number, block in enumerate(_blocks(GUIDE.read_text(), "after"), start=1):
        exec(compile(block, f"migration-guide.md:after{number}", "exec"), dict(namespace))


def test_breaking_pair_guide_lists_every_breaking_change(breaking_pair: Report) -> None:
    guide = render_migration_guide(breaking_pair)
    current = yaml.safe_load((ROOT / "openapi.yaml").read_text())["info"]["version"]
    assert f"### From v1.4.0 to v{current}" in guide
    for title in (
        "`client.payments.retrieve()` is now `client.payments.get()`",
        "`client.payments.create()` requires `source`",
        "`client.payments.list()` no longer takes `created_after`",
        "`Payment.failure_code` is now `None | str`",
        "`models.Currency.NOK` was removed",
    ):
        assert f"- {title}" in guide, title
    assert 'pip install --upgrade "larkpay>=2,<3"' in guide
    for entry in entries(breaking_pair):
        for code in (entry.before, entry.after):
            assert code is None or code in guide


def test_breaking_pair_after_code_runs_against_the_sandbox(
    breaking_pair: Report, namespace: dict[str, Any]
) -> None:
    found = [entry for entry in entries(breaking_pair) if entry.after is not None]
    assert len(found) >= 5
    for entry in found:
        try:
            exec(compile(entry.after or "", entry.title, "exec"), dict(namespace))
        except Exception as error:
            pytest.fail(f"after code of {entry.title!r} failed: {error!r}\n{entry.after}")


def test_breaking_pair_before_calls_fail_with_the_current_sdk(
    breaking_pair: Report, namespace: dict[str, Any]
) -> None:
    calls = [entry for entry in entries(breaking_pair) if entry.kind == CALL and entry.before]
    assert len(calls) >= 4
    for entry in calls:
        with pytest.raises((AttributeError, TypeError, ImportError)):
            exec(compile(entry.before or "", entry.title, "exec"), dict(namespace))
