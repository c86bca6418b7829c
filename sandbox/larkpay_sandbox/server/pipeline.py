"""The request pipeline: route, authenticate, rate-limit, read and validate, idempotency, handle."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from starlette.types import Receive, Scope, Send

from larkpay_sandbox.core.api_error import ApiError, dumps
from larkpay_sandbox.server.body import parse_json
from larkpay_sandbox.server.contract import Context, Headers, Reply, is_json_media_type, read_body
from larkpay_sandbox.server.idempotency import REPLAYED_HEADER, fingerprint, is_storable

if TYPE_CHECKING:
    from larkpay_sandbox.app import Sandbox
    from larkpay_sandbox.spec.routes import Operation

Handler = Callable[[Context], Awaitable[Reply]]

logger = logging.getLogger("larkpay_sandbox")
_JSON = (b"content-type", b"application/json")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def new_request_id() -> str:
    """A fresh ``req_`` id."""
    return "req_" + os.urandom(10).hex()


async def send_reply(send: Send, reply: Reply, request_id: str) -> None:
    """Write a JSON reply with X-Request-Id and Content-Length."""
    headers: Headers = [
        _JSON,
        (b"content-length", str(len(reply.body)).encode()),
        (b"x-request-id", request_id.encode()),
    ]
    headers.extend(reply.headers)
    await send({"type": "http.response.start", "status": reply.status, "headers": headers})
    await send({"type": "http.response.body", "body": reply.body})


def error_reply(error: ApiError, request_id: str, extra: Headers | None = None) -> Reply:
    """The envelope reply for an ApiError, with its headers."""
    headers = [(name.lower().encode(), value.encode()) for name, value in error.headers.items()]
    if extra:
        present = {name for name, _ in headers}
        headers.extend(item for item in extra if item[0] not in present)
    return Reply(error.status, error.body(request_id), headers)


def not_found_path(path: str) -> ApiError:
    """The 404 for a path that is not an operation of the API."""
    return ApiError(
        "NOT_FOUND",
        f"No API operation at {path[:200]!r}. Check the path against the API reference "
        "(the base path is /v2).",
    )


class Pipeline:
    """Runs one HTTP request through every step and always produces a reply."""

    def __init__(self, sandbox: Sandbox, handlers: dict[str, Handler]) -> None:
        self.sandbox = sandbox
        self.spec = sandbox.spec
        self.store = sandbox.store
        self.handlers = handlers
        self.base = sandbox.spec.base_path
        missing = sorted(set(self.spec.operations) - set(handlers))
        if missing:
            raise RuntimeError(f"no sandbox handler for operations: {', '.join(missing)}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = new_request_id()
        rate_headers: Headers = []
        try:
            reply = await self._run(scope, receive, rate_headers, request_id)
        except ApiError as error:
            reply = error_reply(error, request_id, rate_headers)
        except ConnectionAbortedError:
            return
        except Exception:
            logger.exception("unexpected error in %s %s", scope.get("method"), scope.get("path"))
            reply = error_reply(_internal(request_id), request_id, rate_headers)
        if self.store.pending:
            # Nothing is acknowledged, or shown to anyone, before it is committed.
            try:
                await self.store.durable()
            except Exception:
                logger.exception("commit failed for %s %s", scope.get("method"), scope.get("path"))
                reply = error_reply(_internal(request_id), request_id, rate_headers)
        await send_reply(send, reply, request_id)

    async def _run(
        self, scope: Scope, receive: Receive, rate_headers: Headers, request_id: str
    ) -> Reply:
        path: str = scope["path"]
        method: str = scope["method"]
        if not path.startswith(self.base + "/"):
            raise not_found_path(path)
        matched = self.spec.match(path[len(self.base) :])
        if matched is None:
            raise not_found_path(path)
        entry, raw_path_params = matched
        operation = entry.operations.get(method)
        if operation is None:
            raise ApiError(
                "METHOD_NOT_ALLOWED",
                f"{method[:20]} is not allowed on {entry.template}; use one of {entry.allow}.",
                headers={"Allow": entry.allow},
            )
        headers: dict[bytes, bytes] = dict(scope["headers"])
        api_key = ""
        if operation.requires_auth:
            api_key = self.sandbox.auth.authenticate(headers.get(b"authorization"))
            rate_headers.extend(self.sandbox.limiter.take(api_key))
        try:
            ctx = await self._context(operation, scope, receive, headers, raw_path_params, api_key)
            ctx.request_id = request_id
            return await self._invoke(operation, ctx, rate_headers)
        except ApiError as error:
            error.headers = {
                **{k.decode(): v.decode() for k, v in rate_headers},
                **error.headers,
            }
            raise

    async def _context(
        self,
        operation: Operation,
        scope: Scope,
        receive: Receive,
        headers: dict[bytes, bytes],
        raw_path_params: dict[str, str],
        api_key: str,
    ) -> Context:
        path_params = operation.path_params.parse(list(raw_path_params.items()))
        query: dict[str, Any] = {}
        query_string: bytes = scope["query_string"]
        if query_string or operation.query_params.required:
            query = operation.query_params.parse(_query_pairs(query_string))
        header_params: dict[str, Any] = {}
        if not operation.header_params.empty:
            pairs = [
                (name.decode("latin-1"), value.decode("latin-1"))
                for name, value in scope["headers"]
                if name.decode("latin-1") in operation.header_params.lookup
            ]
            header_params = operation.header_params.parse(pairs)
        body = None
        if operation.body is not None:
            body = await self._body(operation, receive, headers)
        ctx = Context(self.sandbox, api_key, path_params, query, header_params, body)
        key = header_params.get("Idempotency-Key")
        if isinstance(key, str) and operation.method in _BODY_METHODS:
            ctx.idempotency_key = key
            ctx.fingerprint = fingerprint(operation.method, scope["path"], body)
        return ctx

    async def _body(
        self, operation: Operation, receive: Receive, headers: dict[bytes, bytes]
    ) -> Any:
        assert operation.body is not None
        content_type = headers.get(b"content-type")
        if content_type is not None and not is_json_media_type(content_type):
            raise ApiError(
                "UNSUPPORTED_MEDIA_TYPE",
                f"The body must be application/json, not {content_type[:100].decode('latin-1')!r}."
                " Send JSON with Content-Type: application/json.",
            )
        raw = await read_body(receive, headers.get(b"content-length"))
        if not raw.strip():
            if operation.body.required:
                raise ApiError(
                    "INVALID_REQUEST",
                    "The request body is missing. Send a JSON object.",
                    details=[{"field": "body", "message": "is required"}],
                )
            return None
        if content_type is None:
            raise ApiError(
                "UNSUPPORTED_MEDIA_TYPE",
                "The body has no Content-Type. Send JSON with Content-Type: application/json.",
            )
        body = parse_json(raw)
        operation.body.validate(body)
        return body

    async def _invoke(self, operation: Operation, ctx: Context, rate_headers: Headers) -> Reply:
        handler = self.handlers[operation.operation_id]
        if ctx.idempotency_key is None:
            reply = await handler(ctx)
            reply.headers.extend(rate_headers)
            return reply
        idempotency = self.sandbox.idempotency
        stored = idempotency.lookup(ctx)
        if stored is not None:
            body = stored[1] if stored[0] < 400 else _swap_request_id(stored[1], ctx.request_id)
            return Reply(stored[0], body, [REPLAYED_HEADER, *rate_headers])
        idempotency.begin(ctx)
        try:
            try:
                reply = await handler(ctx)
            except ApiError as error:
                if is_storable(error.status):
                    body = error.body(ctx.request_id)
                    with self.sandbox.store.transaction() as conn:
                        idempotency.save(conn, ctx, error.status, body)
                raise
            if not ctx.remembered and is_storable(reply.status):
                with self.sandbox.store.transaction() as conn:
                    idempotency.save(conn, ctx, reply.status, reply.body)
        finally:
            idempotency.end(ctx)
        reply.headers.extend(rate_headers)
        return reply


def _internal(request_id: str) -> ApiError:
    return ApiError(
        "INTERNAL_ERROR",
        "An unexpected error occurred in the sandbox; retry with the same Idempotency-Key "
        f"and report request {request_id}.",
    )


def _swap_request_id(body: bytes, request_id: str) -> bytes:
    """A replayed error carries the request id of the replay, like its X-Request-Id header."""
    envelope = json.loads(body)
    envelope["error"]["request_id"] = request_id
    return dumps(envelope)


def _query_pairs(query_string: bytes) -> list[tuple[str, str]]:
    try:
        return parse_qsl(
            query_string.decode("latin-1"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=100,
        )
    except (UnicodeDecodeError, ValueError):
        raise ApiError(
            "INVALID_REQUEST",
            "The query string is not valid (bad percent-encoding, not UTF-8, or over 100 fields).",
            details=[{"field": "query", "message": "is not a valid query string"}],
        ) from None
