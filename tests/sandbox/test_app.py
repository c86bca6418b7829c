"""larkpay_sandbox.app: the docs routes and the API pipeline share one listener."""

from __future__ import annotations

import httpx
from larkpay_sandbox.testing import running_sandbox


def test_unknown_docs_path_is_a_404_envelope_with_one_request_id() -> None:
    with running_sandbox() as sandbox:
        root = sandbox.base_url.removesuffix("/v2")
        page = httpx.get(f"{root}/docs")
        missing = httpx.get(f"{root}/docs/nonexistent")
    assert page.status_code == 200
    assert len(page.headers.get_list("x-request-id")) == 1
    assert missing.status_code == 404
    [request_id] = missing.headers.get_list("x-request-id")
    assert missing.json()["error"]["code"] == "NOT_FOUND"
    assert missing.json()["error"]["request_id"] == request_id
