"""Spec loading: $ref resolution, route table, one handler per operation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from larkpay_sandbox.spec.routes import Spec, ecma_end_anchor, find_spec_path, resolve_refs

from tests.sandbox.conftest import loaded_spec


def test_resolve_refs_inlines_internal_refs_and_keeps_siblings() -> None:
    document = {
        "a": {"$ref": "#/components/schemas/X", "description": "d"},
        "components": {"schemas": {"X": {"type": "string"}}},
    }
    assert resolve_refs(document)["a"] == {"type": "string", "description": "d"}


def test_resolve_refs_refuses_external_and_recursive_refs() -> None:
    with pytest.raises(ValueError, match="internal"):
        resolve_refs({"a": {"$ref": "other.yaml#/x"}})
    with pytest.raises(ValueError, match="recursive"):
        resolve_refs({"a": {"$ref": "#/a"}})


def test_route_table_matches_templates_and_static_paths() -> None:
    spec = loaded_spec()
    entry, params = spec.match("/payments/pay_abc/refunds") or (None, None)
    assert entry is not None
    assert entry.template == "/payments/{payment_id}/refunds"
    assert params == {"payment_id": "pay_abc"}
    assert spec.match("/payments")[0].allow == "GET, POST"  # type: ignore[index]
    assert spec.match("/payments/a/b/c") is None
    assert spec.base_path == "/v2"


def test_only_health_is_anonymous() -> None:
    anonymous = [o.operation_id for o in loaded_spec().operations.values() if not o.requires_auth]
    assert anonymous == ["getHealth"]


def test_spec_path_honours_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    target = tmp_path / "custom.yaml"
    monkeypatch.setenv("LARKPAY_SPEC", str(target))
    assert find_spec_path() == target


def test_spec_path_defaults_to_the_repository_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LARKPAY_SPEC", raising=False)
    assert find_spec_path().name == "openapi.yaml"
    assert find_spec_path().is_file()


def test_load_rejects_a_file_without_paths(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.1.0\n")
    with pytest.raises(ValueError, match="paths"):
        Spec.load(bad)


@pytest.mark.parametrize(
    ("pattern", "strict"),
    [
        ("^pay_[A-Za-z0-9]{1,64}$", "^pay_[A-Za-z0-9]{1,64}\\Z"),
        ("^a\\$", "^a\\$"),
        ("^a\\\\$", "^a\\\\\\Z"),
        ("^a", "^a"),
    ],
)
def test_ecma_end_anchor_rewrites_only_a_final_unescaped_dollar(pattern: str, strict: str) -> None:
    assert ecma_end_anchor(pattern) == strict


def test_spec_patterns_refuse_a_trailing_newline_like_ecma_262() -> None:
    spec = Spec.load()
    payment_id = spec.resolved["components"]["schemas"]["PaymentIdString"]["pattern"]
    assert re.search(payment_id, "pay_abc")
    assert not re.search(payment_id, "pay_abc\n")
