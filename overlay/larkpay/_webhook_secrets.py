"""Webhook secrets: ``whsec_`` + base64 decoded to an HMAC key, and the key's pre-keyed states."""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from ._errors import ConfigurationError

SECRET_PREFIX = "whsec_"
_BLOCK_SIZE = 64  # SHA-256 block size in bytes


def decode_secret(secret: str | bytes) -> bytes:
    """The HMAC key of ``secret`` (``whsec_`` + base64, or the raw key as bytes)."""
    if isinstance(secret, bytes):
        if not secret:
            raise ConfigurationError("a webhook secret given as bytes must not be empty")
        return secret
    if not isinstance(secret, str):
        raise ConfigurationError(
            f"a webhook secret must be a str like 'whsec_...', not {type(secret).__name__}"
        )
    text = secret.strip()
    text = text.removeprefix(SECRET_PREFIX)
    text += "=" * (-len(text) % 4)
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        key = b""
    if not key:
        raise ConfigurationError(
            "the webhook secret is not 'whsec_' followed by base64; copy it from the response "
            "of createWebhookEndpoint or rotateWebhookSecret"
        )
    return key


def hmac_pads(key: bytes) -> tuple[Any, Any]:
    """The HMAC-SHA256 inner and outer states after the key block (RFC 2104), computed once.

    Not ``hmac.new(key, digestmod=...).copy()``: copying and finishing an ``hmac.HMAC`` goes
    through its Python-level methods on every verification, where these two hash states need
    two C-level copies; both give the same digests (the tests check against ``hmac``).
    """
    if len(key) > _BLOCK_SIZE:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK_SIZE, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in key))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in key))
    return inner, outer
