"""The /docs routes: the page with a strict CSP, its stylesheet, nothing else from the disk."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from larkpay_sandbox.docs.routes import docs_routes
from starlette.applications import Starlette

SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def fetch(spec: dict[str, Any], path: str) -> httpx.Response:
    app = Starlette(routes=docs_routes(spec))

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://docs.test") as client:
            return await client.get(path)

    return asyncio.run(get())


def test_routes_serve_the_page_with_a_strict_csp_and_the_stylesheet(spec: dict[str, Any]) -> None:
    response = fetch(spec, "/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert 'id="op-createPayment"' in response.text
    css = fetch(spec, "/docs/assets/reference.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert ".sidebar" in css.text


@pytest.mark.parametrize("name", ["missing.css", ".hidden", "%2e%2e%2fdocs.py", "..%2fdocs.py"])
def test_unknown_or_escaping_asset_names_are_404(spec: dict[str, Any], name: str) -> None:
    assert fetch(spec, f"/docs/assets/{name}").status_code == 404
