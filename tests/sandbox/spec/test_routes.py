"""The route table: templates and static paths, and which operations need credentials."""

from __future__ import annotations

from tests.sandbox.conftest import loaded_spec


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
