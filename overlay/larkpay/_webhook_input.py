"""What a webhook verifier is given: the raw body, and the webhook-* headers from whatever
container the web framework has (a dict, httpx's or Starlette's headers, werkzeug's, aiohttp's).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ._errors import InvalidHeaderError, MissingHeaderError, PayloadTypeError

_SIGNATURE_ENTRY = re.compile(r"v1,[A-Za-z0-9+/=]+")


def getter(headers: object) -> Callable[[str], Any]:
    """The ``get`` of a header container, duck-typed: werkzeug's (Flask's) Headers has get()
    and items() but is not a Mapping."""
    get = getattr(headers, "get", None)
    if not callable(get):
        raise InvalidHeaderError(
            f"headers must be a mapping of header names to values, not {type(headers).__name__}"
        )
    return get  # type: ignore[no-any-return]


def header(headers: Mapping[str, Any], name: str) -> str:
    """Header ``name`` as text, whatever the case of the keys and the type of the values."""
    value = headers.get(name)
    items = getattr(headers, "items", None)
    if value is None and callable(items):
        for key, candidate in items():
            if isinstance(key, str | bytes) and _lower(key) == name:
                value = candidate
                break
    if value is None or value == "" or value == b"":
        raise MissingHeaderError(f"the {name} header is missing; pass every request header")
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if not isinstance(value, str):
        raise InvalidHeaderError(f"the {name} header is a {type(value).__name__}, not text")
    return value


def every_signature(headers: Mapping[str, Any], seen: str) -> str:
    """Every ``v1,`` entry of every webhook-signature line, space-separated.

    A header sent as several lines reaches the verifier joined with ", " (httpx, Django) or as
    its first line only (``get`` of werkzeug's, Starlette's and http.client's headers, which
    keep the others for ``getlist``/``get_all``/``getall``); a dict keeps whichever line its
    framework kept. Only a signature that failed the fast path comes here.
    """
    lines = [seen]
    for name in ("get_all", "getlist", "getall"):
        every = getattr(headers, name, None)
        if callable(every):
            try:
                values = every("webhook-signature")
            except (KeyError, TypeError):  # aiohttp's getall raises KeyError when absent
                values = None
            lines += [v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values or ()]
            break
    return " ".join(_SIGNATURE_ENTRY.findall(" ".join(lines)))


def _lower(key: str | bytes) -> str:
    return (key.decode("latin-1") if isinstance(key, bytes) else key).lower()


def raw_body(payload: object) -> bytes:
    """The exact bytes of the body; a parsed body is refused (it cannot be verified)."""
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogatepass")
    if isinstance(payload, bytearray | memoryview):
        return bytes(payload)
    raise PayloadTypeError(
        f"the payload must be the raw request body as bytes or str, not "
        f"{type(payload).__name__}: the signature covers the exact bytes sent, and a parsed "
        f"and re-serialised body does not reproduce them"
    )
