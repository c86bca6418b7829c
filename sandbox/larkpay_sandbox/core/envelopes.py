"""The JSON the sandbox writes: compact ASCII encoding and the success envelopes around data."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any) -> bytes:
    """Compact, ASCII-only JSON (ASCII keeps lone surrogates and odd characters storable)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode()


def success(data_json: bytes) -> bytes:
    """Wrap one already-serialised object in a success envelope."""
    return b'{"status":"success","data":' + data_json + b"}"


def success_list(items_json: list[bytes], has_more: bool, next_cursor: str | None) -> bytes:
    """Wrap a page of already-serialised objects in a list envelope."""
    cursor = b"null" if next_cursor is None else dumps(next_cursor)
    return (
        b'{"status":"success","data":['
        + b",".join(items_json)
        + b'],"has_more":'
        + (b"true" if has_more else b"false")
        + b',"next_cursor":'
        + cursor
        + b"}"
    )


def error_envelope(error: dict[str, Any]) -> bytes:
    """The error envelope around one error object."""
    return dumps({"status": "error", "error": error})
