"""larkpay_sandbox.app: the docs routes and the API pipeline share one listener (one Router,
the pipeline its default app)."""

from __future__ import annotations

import copy

import httpx
import pytest
from larkpay_sandbox.app import create_app
from larkpay_sandbox.core.settings import Settings
from larkpay_sandbox.spec.routes import Spec
from larkpay_sandbox.testing import running_sandbox

from tests.sandbox.conftest import loaded_spec, make_client


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


def test_docs_routes_answer_only_reads_and_the_rest_goes_to_the_pipeline() -> None:
    with make_client() as client:
        refused = client.post("http://sandbox.test/docs")
        css = client.get("http://sandbox.test/docs/assets/reference.css")
        unknown = client.get("http://sandbox.test/docs/assets")
        api = client.get("/payments", params={"limit": 1})
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD"
    assert refused.headers["x-request-id"].startswith("req_")
    assert css.status_code == 200
    assert css.headers["x-request-id"].startswith("req_")
    assert unknown.json()["error"]["code"] == "NOT_FOUND"
    assert api.status_code == 200


def test_create_app_refuses_a_spec_operation_without_handler() -> None:
    document = copy.deepcopy(loaded_spec().document)
    document["paths"]["/payouts"] = {
        "get": {"operationId": "listPayouts", "responses": {"200": {"description": "ok"}}}
    }
    with pytest.raises(RuntimeError, match="listPayouts"):
        create_app(Settings(db_path=":memory:"), Spec(document))
