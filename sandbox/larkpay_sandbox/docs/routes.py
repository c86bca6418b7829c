"""``GET /docs`` and its stylesheet, served by the sandbox itself: the page loads nothing from
any other origin. Like every answer of the sandbox, each carries an X-Request-Id."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from larkpay_sandbox.core.ids import new_request_id
from larkpay_sandbox.docs.page import ASSETS_DIR, render_reference_html

CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
_READS = frozenset({"GET", "HEAD"})
Endpoint = Callable[[Request], Awaitable[Response]]


class _ReadOnly:
    """An ASGI app: ``endpoint`` for GET and HEAD, 405 for any other method, an X-Request-Id on
    each answer. As an app rather than a function, its route takes every method, so a router
    matches these paths fully or not at all, and a 405 carries a request id like any answer."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        if request.method in _READS:
            response = await self.endpoint(request)
        else:
            response = PlainTextResponse(
                "Method Not Allowed", status_code=405, headers={"Allow": "GET, HEAD"}
            )
        response.headers["x-request-id"] = new_request_id()
        await response(scope, receive, send)


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
        Route("/docs", _ReadOnly(reference), name="docs"),
        Route("/docs/assets/{name}", _ReadOnly(asset), name="docs_asset"),
    ]
