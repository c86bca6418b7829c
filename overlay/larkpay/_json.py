"""Decoding the JSON bodies of the Larkpay API and its webhooks, which are UTF-8 (RFC 8259).

``json.loads(bytes)`` first guesses the encoding from the leading bytes, then matches
whitespace with a regex on both ends of the text; on the API's compact UTF-8 bodies that is
work without a purpose, so the text is decoded as UTF-8 and handed to ``raw_decode``, and only
a body that does not start with the JSON value goes through ``json.loads`` (which also gives
the clearest error).
"""

from __future__ import annotations

import json
from typing import Any

_decoder = json.JSONDecoder()


def loads(content: bytes) -> Any:
    """The JSON value of ``content``; ``ValueError`` if it is not UTF-8 JSON and nothing else."""
    text = content.decode("utf-8")
    try:
        value, end = _decoder.raw_decode(text)
    except json.JSONDecodeError:
        return json.loads(text)
    if end != len(text) and not text[end:].isspace():
        return json.loads(text)  # raises "Extra data" at the right position
    return value
