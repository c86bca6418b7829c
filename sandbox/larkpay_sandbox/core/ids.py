"""Object and request ids: a prefix and 24 random base62 characters."""

from __future__ import annotations

import base64
import os

_NOT_BASE62 = str.maketrans("", "", "+/")


def new_id(prefix: str) -> str:
    """A random id like ``pay_`` + 24 base62 characters (about 143 random bits)."""
    while True:
        # Dropping + and / from uniform base64 leaves uniform base62 characters.
        text = base64.b64encode(os.urandom(24)).decode().translate(_NOT_BASE62)
        if len(text) >= 24:
            return prefix + text[:24]
