"""The JSON the sandbox writes: compact ASCII encoding and the success envelopes around data."""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any


def _not_serialisable(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _encoder(*, sort_keys: bool, allow_nan: bool) -> Callable[[Any], str]:
    """``json.dumps(value, separators=(",", ":"), ensure_ascii=True, ...)``, built once.

    json.dumps builds a JSONEncoder and then its C encoder on every call; every request encodes
    two to four values, so the C encoder is built here once and reused (without the check for
    circular references: the sandbox encodes trees, never graphs). Without the C accelerator
    (not a CPython build) it falls back to one reused JSONEncoder.
    """
    if c_make_encoder is None:  # pragma: no cover - CPython always has _json
        encoder = json.JSONEncoder(
            separators=(",", ":"), ensure_ascii=True, allow_nan=allow_nan, sort_keys=sort_keys
        )
        return encoder.encode
    chunks = c_make_encoder(
        None,
        _not_serialisable,
        encode_basestring_ascii,
        None,
        ":",
        ",",
        sort_keys,
        False,
        allow_nan,
    )
    return lambda value: "".join(chunks(value, 0))


_compact = _encoder(sort_keys=False, allow_nan=False)
canonical_json = _encoder(sort_keys=True, allow_nan=True)
"""Compact ASCII JSON with sorted keys: the same text for equal values (fingerprints)."""


def dumps(value: Any) -> bytes:
    """Compact, ASCII-only JSON (ASCII keeps lone surrogates and odd characters storable)."""
    return _compact(value).encode()


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
