"""The request pipeline: route, authenticate, rate-limit, read and validate, idempotency, handle.

Every request gets exactly one reply with an X-Request-Id, and nothing is acknowledged before
the writes it reports are committed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import Receive, Scope, Send

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.ids import new_request_id
from larkpay_sandbox.server.auth import Authenticator
from larkpay_sandbox.server.body import read_json_body
from larkpay_sandbox.server.contract import Context, Handler, Headers, Reply, Services
from larkpay_sandbox.server.idempotency import Idempotency, fingerprint
from larkpay_sandbox.server.ratelimit import RateLimiter
from larkpay_sandbox.spec.routes import Operation, Spec
from larkpay_sandbox.storage.idempotency import IdempotencyKey

logger = logging.getLogger("larkpay_sandbox")
_JSON = (b"content-type", b"application/json")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


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

    def __init__(
        self,
        spec: Spec,
        services: Services,
        handlers: Mapping[str, Handler],
        *,
        auth: Authenticator,
        limiter: RateLimiter,
        idempotency: Idempotency,
    ) -> None:
        missing = sorted(set(spec.operations) - set(handlers))
        if missing:
            raise RuntimeError(f"no sandbox handler for operations: {', '.join(missing)}")
        self.spec = spec
        self.services = services
        self.store = services.store
        self.handlers = dict(handlers)
        self.auth = auth
        self.limiter = limiter
        self.idempotency = idempotency
        self.base = spec.base_path

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
            api_key = self.auth.authenticate(headers.get(b"authorization"))
            rate_headers.extend(self.limiter.take(api_key))
        try:
            ctx = await self._context(
                operation, scope, receive, headers, raw_path_params, api_key, request_id
            )
            handler = self.handlers[operation.operation_id]
            if ctx.idempotency_key is None:
                reply = await handler(ctx)
            else:
                key = IdempotencyKey(
                    api_key, ctx.idempotency_key, fingerprint(method, path, ctx.body)
                )
                reply = await self.idempotency.run(key, request_id, partial(handler, ctx))
        except ApiError as error:
            error.headers = {
                **{k.decode(): v.decode() for k, v in rate_headers},
                **error.headers,
            }
            raise
        reply.headers.extend(rate_headers)
        return reply

    async def _context(
        self,
        operation: Operation,
        scope: Scope,
        receive: Receive,
        headers: dict[bytes, bytes],
        raw_path_params: dict[str, str],
        api_key: str,
        request_id: str,
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
            body = await read_json_body(operation.body, receive, headers)
        key = header_params.get("Idempotency-Key")
        return Context(
            self.services,
            api_key,
            path_params,
            query,
            header_params,
            body,
            request_id,
            key if isinstance(key, str) and operation.method in _BODY_METHODS else None,
        )


def _internal(request_id: str) -> ApiError:
    return ApiError(
        "INTERNAL_ERROR",
        "An unexpected error occurred in the sandbox; retry with the same Idempotency-Key "
        f"and report request {request_id}.",
    )


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
