"""HTTP Basic authentication against the sandbox's keys, with a reason for every 401."""

from __future__ import annotations

import base64
import binascii

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.core.settings import (
    EXPIRED_API_KEY,
    EXPIRED_API_SECRET,
    KEY_FORMAT,
    REVOKED_API_KEY,
    REVOKED_API_SECRET,
    SECRET_FORMAT,
    Settings,
)
from larkpay_sandbox.storage.api_keys import ApiKeys

_MESSAGES = {
    "missing_credentials": "No credentials were sent. Send HTTP Basic auth: API key as the "
    "username, API secret as the password.",
    "malformed_credentials": "The Authorization header is not valid HTTP Basic auth with an "
    "lk_test_ key and an lsk_ secret. Check how the header is built.",
    "invalid_credentials": "The API key or secret is not valid. Check both in your configuration.",
    "key_expired": "This API key has expired. Create a new key and use it instead.",
    "key_revoked": "This API key was revoked. Use an active key.",
    "environment_mismatch": "A live key (lk_live_) was sent to the sandbox, which accepts test "
    "keys (lk_test_) only. Use your test key.",
}


def auth_error(reason: str) -> ApiError:
    """The 401 AUTH_FAILED error for one reason."""
    return ApiError(
        "AUTH_FAILED",
        _MESSAGES[reason],
        reason=reason,
        headers={"WWW-Authenticate": 'Basic realm="Larkpay sandbox"'},
    )


class Authenticator:
    """Checks Authorization headers against ``keys`` (the settings' key pairs, the seeded
    expired and revoked keys, and keys created later); remembers headers that passed to skip
    re-decoding them."""

    def __init__(self, settings: Settings, keys: ApiKeys | None = None) -> None:
        self.keys = keys if keys is not None else ApiKeys()
        self.keys.add(EXPIRED_API_KEY, EXPIRED_API_SECRET, "key_expired")
        self.keys.add(REVOKED_API_KEY, REVOKED_API_SECRET, "key_revoked")
        for api_key, secret in settings.key_pairs():
            self.keys.add(api_key, secret)
        self._accepted: dict[bytes, str] = {}

    def authenticate(self, header: bytes | None) -> str:
        """Return the API key for a valid header, else raise the matching 401."""
        if header is not None:
            known = self._accepted.get(header)
            if known is not None:
                return known
        api_key = self._check(header)
        if len(self._accepted) < 1024:
            assert header is not None
            self._accepted[header] = api_key
        return api_key

    def _check(self, header: bytes | None) -> str:
        if header is None or not header.strip():
            raise auth_error("missing_credentials")
        scheme, _, encoded = header.strip().partition(b" ")
        if scheme.lower() != b"basic" or not encoded.strip():
            raise auth_error("malformed_credentials")
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            raise auth_error("malformed_credentials") from None
        api_key, colon, secret = decoded.partition(":")
        if not colon or not KEY_FORMAT.fullmatch(api_key) or not SECRET_FORMAT.fullmatch(secret):
            raise auth_error("malformed_credentials")
        if api_key.startswith("lk_live_"):
            raise auth_error("environment_mismatch")
        record = self.keys.find(api_key)
        if record is None or not record.matches(secret):
            raise auth_error("invalid_credentials")
        if record.state != "active":
            raise auth_error(record.state)
        return api_key
