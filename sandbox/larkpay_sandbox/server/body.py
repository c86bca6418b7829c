"""Strict parsing of JSON request bodies: UTF-8, no NaN/Infinity, no lone surrogates."""

from __future__ import annotations

import json
import re
from typing import Any

from larkpay_sandbox.core.api_error import ApiError

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


def parse_json(raw: bytes) -> Any:
    """Parse a JSON body strictly (UTF-8, no NaN/Infinity), or raise a 400 ApiError."""
    try:
        text = raw.decode("utf-8")
        if text.startswith("\ufeff"):
            raise _InvalidJsonError("a byte-order mark is not allowed")
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
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
