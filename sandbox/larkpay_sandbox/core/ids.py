"""Ids: objects get a prefix and 24 random base62 characters; requests a cheaper ``req_`` id."""

from __future__ import annotations

import binascii
import os

LENGTH = 24


def new_id(prefix: str) -> str:
    """A random id like ``pay_`` + 24 base62 characters (about 143 random bits)."""
    while True:
        # Dropping + and / from uniform base64 leaves uniform base62 characters; 32 characters
        # leave fewer than 24 only with a negligible chance, and then the loop draws again.
        text = binascii.b2a_base64(os.urandom(LENGTH), newline=False).translate(None, b"+/")
        if len(text) >= LENGTH:
            return prefix + text[:LENGTH].decode("ascii")


def new_request_id() -> str:
    """A fresh ``req_`` id: 20 hex digits (80 random bits).

    Every request gets one, so it takes the cheapest form the spec's ``^req_[A-Za-z0-9]+$``
    allows; it only has to tell requests apart, not be an object id.
    """
    return "req_" + os.urandom(10).hex()
