"""Every authenticated operation x every kind of bad credential -> 401 with the right reason."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from larkpay_sandbox.core.settings import (
    DEMO_API_KEY,
    DEMO_API_SECRET,
    EXPIRED_API_KEY,
    EXPIRED_API_SECRET,
    REVOKED_API_KEY,
    REVOKED_API_SECRET,
)
from larkpay_sandbox.testing import basic_auth
from starlette.testclient import TestClient

from tests.sandbox.conftest import loaded_spec, make_client

SAMPLE_IDS = {
    "payment_id": "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W",
    "refund_id": "re_7Tb4Kx1Mq9Zs3Vd6Rn2Lc8Hy",
    "endpoint_id": "we_5Hq2Lr8TnB3xYk0MvWc7Pa9d",
    "event_id": "evt_9Pa4Ws2Ke7Lm1Qx5Tb8Nr3Cv",
}

CREDENTIALS: dict[str, tuple[str | None, str]] = {
    "none": (None, "missing_credentials"),
    "malformed": ("Bearer abc", "malformed_credentials"),
    "not_base64": ("Basic !!!notbase64!!!", "malformed_credentials"),
    "no_colon": (
        "Basic " + base64.b64encode(DEMO_API_KEY.encode()).decode(),
        "malformed_credentials",
    ),
    "bad_key_format": (basic_auth("sk_wrong", DEMO_API_SECRET), "malformed_credentials"),
    "unknown_key": (
        basic_auth("lk_test_UnknownUnknownUnknown001", DEMO_API_SECRET),
        "invalid_credentials",
    ),
    "wrong_secret": (basic_auth(DEMO_API_KEY, "lsk_" + "W" * 34), "invalid_credentials"),
    "expired_key": (basic_auth(EXPIRED_API_KEY, EXPIRED_API_SECRET), "key_expired"),
    "revoked_key": (basic_auth(REVOKED_API_KEY, REVOKED_API_SECRET), "key_revoked"),
    "live_key": (basic_auth("lk_live_" + "L" * 24, DEMO_API_SECRET), "environment_mismatch"),
}


def _operations() -> list[tuple[str, str, str, Any]]:
    spec = loaded_spec()
    found = []
    for operation_id, operation in sorted(spec.operations.items()):
        if not operation.requires_auth:
            continue
        path = spec.base_path + operation.path.format(**SAMPLE_IDS)
        raw = spec.resolved["paths"][operation.path][operation.method.lower()]
        body = None
        if "requestBody" in raw:
            body = raw["requestBody"]["content"]["application/json"].get("example", {})
        found.append((operation_id, operation.method, path, body))
    return found


@pytest.fixture(scope="module")
def anonymous() -> Any:
    with make_client() as client:
        client.headers.pop("Authorization")
        yield client


def test_matrix_covers_every_authenticated_operation() -> None:
    assert len(_operations()) == len(loaded_spec().operations) - 1  # all but getHealth


@pytest.mark.parametrize("credential", sorted(CREDENTIALS))
@pytest.mark.parametrize(("operation_id", "method", "path", "body"), _operations())
def test_bad_credentials_get_401_with_reason(
    anonymous: TestClient,
    credential: str,
    operation_id: str,
    method: str,
    path: str,
    body: Any,
) -> None:
    header, reason = CREDENTIALS[credential]
    headers = {} if header is None else {"Authorization": header}
    response = anonymous.request(method, "http://sandbox.test" + path, json=body, headers=headers)
    assert response.status_code == 401, (operation_id, credential, response.text)
    error = response.json()["error"]
    assert error["code"] == "AUTH_FAILED"
    assert error["reason"] == reason
    assert error["request_id"] == response.headers["x-request-id"]
    assert response.headers["www-authenticate"].startswith("Basic")


def test_health_needs_no_credentials(anonymous: TestClient) -> None:
    response = anonymous.get("http://sandbox.test/v2/health")
    assert response.status_code == 200
    assert response.json()["data"]["status"] == "ok"
