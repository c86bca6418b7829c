"""A request's JSON body: media type, read with a 1 MiB limit, parsed strictly, validated.

Strict means UTF-8, no byte-order mark, no NaN/Infinity, no lone surrogates, no repeated keys.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import Receive

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.spec.validators import BodySchema

MAX_BODY = 1024 * 1024

_MAYBE_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _InvalidJsonError(ValueError):
    pass


def _reject_constant(name: str) -> Any:
    raise _InvalidJsonError(f"{name} is not valid JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A repeated key is refused: parsers disagree on which copy wins, and on an amount that
    # difference is money.
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _InvalidJsonError(f"has the key {key!r} more than once")
            seen.add(key)
    return result


# Built once: json.loads with these arguments would build a decoder (and its scanner) per call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant, object_pairs_hook=_unique_keys)


async def read_json_body(schema: BodySchema, receive: Receive, headers: dict[bytes, bytes]) -> Any:
    """The request's body, parsed and valid against ``schema`` (None when optional and empty);
    raises 400, 413 or 415 otherwise."""
    content_type = headers.get(b"content-type")
    if content_type is not None and not is_json_media_type(content_type):
        raise ApiError(
            "UNSUPPORTED_MEDIA_TYPE",
            f"The body must be application/json, not {content_type[:100].decode('latin-1')!r}."
            " Send JSON with Content-Type: application/json.",
        )
    raw = await read_body(receive, headers.get(b"content-length"))
    if not raw.strip():
        if schema.required:
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
    schema.validate(body)
    return body


def is_json_media_type(value: bytes) -> bool:
    """True for ``application/json`` with or without parameters such as charset."""
    media = value.split(b";", 1)[0].strip().lower()
    return media == b"application/json"


async def read_body(receive: Receive, declared_length: bytes | None) -> bytes:
    """Read the request body, answering 413 as soon as it passes 1 MiB (never buffering more)."""
    if declared_length is not None:
        try:
            length = int(declared_length)
        except ValueError:
            raise ApiError(
                "INVALID_REQUEST",
                "The Content-Length header is not a number.",
                details=[{"field": "Content-Length", "message": "must be an integer"}],
            ) from None
        if length > MAX_BODY:
            raise too_large()
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionAbortedError("client disconnected while sending the body")
        chunk = message.get("body", b"")
        if chunk:
            size += len(chunk)
            if size > MAX_BODY:
                raise too_large()
            chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def too_large() -> ApiError:
    """The 413 error for a body over 1 MiB."""
    return ApiError(
        "PAYLOAD_TOO_LARGE",
        "The request body is larger than 1 MiB (1048576 bytes). Send a smaller body.",
    )


def parse_json(raw: bytes) -> Any:
    """Parse a JSON body strictly (UTF-8, no NaN/Infinity), or raise a 400 ApiError."""
    try:
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):
            raise _InvalidJsonError("a byte-order mark is not allowed")
        value = _DECODER.decode(text)
        if _MAYBE_SURROGATE.search(raw) and _has_surrogate(value):
            raise _InvalidJsonError("contains a lone surrogate (\\ud800-\\udfff escape)")
        return value
    except UnicodeDecodeError as exc:
        raise _body_error(f"is not valid UTF-8 (byte {exc.start})") from None
    except RecursionError:
        raise _body_error("is nested too deeply") from None
    except _InvalidJsonError as exc:
        raise _body_error(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise _body_error(
            f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except ValueError as exc:  # e.g. an integer with more than 4300 digits
        raise _body_error(f"is not valid JSON: {str(exc)[:200]}") from None


def _has_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _body_error(message: str) -> ApiError:
    return ApiError(
        "INVALID_REQUEST",
        f"The request body {message}. Send a JSON object.",
        details=[{"field": "body", "message": message}],
    )
