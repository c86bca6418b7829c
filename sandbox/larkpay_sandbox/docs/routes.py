"""``GET /docs`` and its stylesheet, served by the sandbox itself: the page loads nothing from
any other origin."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from larkpay_sandbox.docs.page import ASSETS_DIR, render_reference_html

CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"


def docs_routes(spec: dict[str, Any]) -> list[Route]:
    """``GET /docs`` (the page, rendered once) and ``GET /docs/assets/{name}`` (its files)."""
    page = render_reference_html(spec)

    async def reference(_: Request) -> Response:
        return HTMLResponse(page, headers={"content-security-policy": CSP})

    # Only the files shipped in assets/, read once: no path from the URL touches the disk.
    assets = {
        path.name: path.read_bytes()
        for path in ASSETS_DIR.iterdir()
        if path.is_file() and not path.name.startswith(".")
    }

    async def asset(request: Request) -> Response:
        name = str(request.path_params["name"])
        if name not in assets:
            return PlainTextResponse(f"no asset named {name!r}", status_code=404)
        media = "text/css" if name.endswith(".css") else "application/octet-stream"
        return Response(assets[name], media_type=media)

    return [
        Route("/docs", reference, methods=["GET"], name="docs"),
        Route("/docs/assets/{name}", asset, methods=["GET"], name="docs_asset"),
    ]
