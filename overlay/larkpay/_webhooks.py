"""Verify, unwrap and sign Larkpay webhooks (the Standard Webhooks v1 HMAC-SHA256 scheme).

The signed content is ``"{webhook-id}.{webhook-timestamp}.{raw body}"``; the key is the
base64 decoding of the endpoint secret after its ``whsec_`` prefix. The hot path does one
HMAC per secret with a pre-keyed HMAC object, and no regex or JSON work.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

from larkpay_api.models.event_envelope import EventEnvelope
from larkpay_api.models.payment_created_event import PaymentCreatedEvent
from larkpay_api.models.payment_updated_event import PaymentUpdatedEvent
from larkpay_api.models.refund_created_event import RefundCreatedEvent
from larkpay_api.models.refund_updated_event import RefundUpdatedEvent
from larkpay_api.models.webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent

from ._errors import (
    ConfigurationError,
    InvalidHeaderError,
    InvalidPayloadError,
    MissingHeaderError,
    NoMatchingSignatureError,
    PayloadTypeError,
    TimestampOutOfToleranceError,
    WebhookVerificationError,
)

Event: TypeAlias = (
    PaymentCreatedEvent
    | PaymentUpdatedEvent
    | RefundCreatedEvent
    | RefundUpdatedEvent
    | WebhookEndpointDisabledEvent
)
"""The typed event a webhook carries (the ``Event`` schema of openapi.yaml)."""

DEFAULT_TOLERANCE = 300.0
"""Seconds a webhook-timestamp may differ from now, in either direction."""

_SECRET_PREFIX = "whsec_"
_VERSION_PREFIX = b"v1,"
_MAX_TIMESTAMP_DIGITS = 12
_BLOCK_SIZE = 64  # SHA-256 block size in bytes
_b64 = binascii.b2a_base64


def _decode_secret(secret: str | bytes) -> bytes:
    if isinstance(secret, bytes):
        if not secret:
            raise ConfigurationError("a webhook secret given as bytes must not be empty")
        return secret
    if not isinstance(secret, str):
        raise ConfigurationError(
            f"a webhook secret must be a str like 'whsec_...', not {type(secret).__name__}"
        )
    text = secret.strip()
    text = text.removeprefix(_SECRET_PREFIX)
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


def _checked_tolerance(tolerance: float) -> float:
    # NaN would make every timestamp fresh (all comparisons with NaN are false).
    if not isinstance(tolerance, int | float) or not math.isfinite(tolerance) or tolerance < 0:
        raise ConfigurationError(
            f"the webhook tolerance must be a finite number of seconds >= 0, not {tolerance!r}"
        )
    return float(tolerance)


_event_classes: dict[str, Callable[[dict[str, Any]], Event]] = {}


def _parse_event(data: dict[str, Any]) -> Event:
    """The typed event; after the first event of a kind, only that kind's model is tried."""
    kind = data.get("event")
    parse = _event_classes.get(kind) if isinstance(kind, str) else None
    if parse is not None:
        return parse(data)
    # The generated union parser tries every event model in turn; remember which one fits.
    event = EventEnvelope.from_dict({"status": "success", "data": data}).data
    if len(_event_classes) < 64:
        _event_classes[event.event] = type(event).from_dict
    return event


def _hmac_pads(key: bytes) -> tuple[Any, Any]:
    """The HMAC-SHA256 inner and outer states after the key block (RFC 2104), computed once."""
    if len(key) > _BLOCK_SIZE:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK_SIZE, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in key))
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in key))
    return inner, outer


def _header(headers: Mapping[str, Any], name: str) -> str:
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


def _lower(key: str | bytes) -> str:
    return (key.decode("latin-1") if isinstance(key, bytes) else key).lower()


def _raw_body(payload: object) -> bytes:
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


class Webhook:
    """Verifies webhooks signed with one or more secrets (several during a rotation).

    Works without a client::

        event = larkpay.Webhook("whsec_...").unwrap(request_body, request_headers)
    """

    def __init__(
        self,
        secret: str | bytes | Sequence[str | bytes],
        *,
        tolerance: float = DEFAULT_TOLERANCE,
        clock: Callable[[], float] = time.time,
    ) -> None:
        secrets = [secret] if isinstance(secret, str | bytes) else list(secret)
        if not secrets:
            raise ConfigurationError("pass at least one webhook secret")
        self._pads = [_hmac_pads(_decode_secret(s)) for s in secrets]
        self.tolerance = _checked_tolerance(tolerance)
        self._clock = clock

    def __repr__(self) -> str:
        return f"Webhook(<{len(self._pads)} secret(s)>, tolerance={self.tolerance:g})"

    def _expected(self, msg_id: str, timestamp: int, body: bytes) -> list[bytes]:
        prefix = f"{msg_id}.{timestamp}.".encode("utf-8", "surrogatepass")
        expected = []
        for inner_pad, outer_pad in self._pads:
            inner = inner_pad.copy()
            inner.update(prefix)
            inner.update(body)
            outer = outer_pad.copy()
            outer.update(inner.digest())
            expected.append(_b64(outer.digest(), newline=False))
        return expected

    def _verified_body(self, payload: object, headers: Mapping[str, Any]) -> bytes:
        body = payload if type(payload) is bytes else _raw_body(payload)
        # Duck-typed: werkzeug's (Flask's) Headers has get() and items() but is not a Mapping.
        get = headers.get if type(headers) is dict else getattr(headers, "get", None)
        if not callable(get):
            raise InvalidHeaderError(
                f"headers must be a mapping of header names to values, not {type(headers).__name__}"
            )
        # Fast path: lower-case str keys and values (dicts from most frameworks, httpx.Headers).
        msg_id = get("webhook-id")
        stamp = get("webhook-timestamp")
        signatures = get("webhook-signature")
        if type(msg_id) is not str or not msg_id:
            msg_id = _header(headers, "webhook-id")
        if type(stamp) is not str or not stamp:
            stamp = _header(headers, "webhook-timestamp")
        if type(signatures) is not str or not signatures:
            signatures = _header(headers, "webhook-signature")
        if not (stamp.isdigit() and stamp.isascii() and len(stamp) <= _MAX_TIMESTAMP_DIGITS):
            stamp = stamp.strip()
            if not (stamp.isdigit() and stamp.isascii() and len(stamp) <= _MAX_TIMESTAMP_DIGITS):
                raise InvalidHeaderError("the webhook-timestamp header is not integer seconds")
        timestamp = int(stamp)
        expected = self._expected(msg_id, timestamp, body)
        if not self._matches(signatures, expected):
            raise NoMatchingSignatureError(
                "no webhook-signature matches the payload; check the endpoint secret and that "
                "the body is passed unmodified"
            )
        skew = self._clock() - timestamp
        if skew > self.tolerance or -skew > self.tolerance:
            direction = "old" if skew > 0 else "far in the future"
            raise TimestampOutOfToleranceError(
                f"the webhook-timestamp is {abs(skew):.0f}s too {direction} "
                f"(tolerance {self.tolerance:g}s); a replay or a wrong clock"
            )
        return body

    @staticmethod
    def _matches(signatures: str, expected: list[bytes]) -> bool:
        found = False
        for entry in signatures.encode("utf-8", "surrogatepass").split():
            if entry[:3] == _VERSION_PREFIX:
                candidate = entry[3:]
                for digest in expected:
                    # No early exit: the time taken does not reveal which entry matched.
                    found |= hmac.compare_digest(candidate, digest)
        return found

    def verify(self, payload: bytes | str, headers: Mapping[str, Any]) -> bool:
        """True if the headers carry a valid, fresh signature of ``payload`` (the raw body).

        Raises:
            PayloadTypeError: ``payload`` is not bytes or str (e.g. an already-parsed dict).
        """
        try:
            self._verified_body(payload, headers)
        except PayloadTypeError:
            raise
        except WebhookVerificationError:
            return False
        return True

    def unwrap(self, payload: bytes | str, headers: Mapping[str, Any]) -> Event:
        """Verify the webhook and return its typed Event.

        Raises:
            WebhookVerificationError: one of its subclasses says what was wrong.
        """
        body = self._verified_body(payload, headers)
        try:
            data = json.loads(body)
            if not isinstance(data, dict):
                raise TypeError("the body is not a JSON object")
            return _parse_event(data)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            raise InvalidPayloadError(
                f"the webhook is correctly signed but is not a Larkpay event: {exc}"
            ) from None

    def sign(self, msg_id: str, timestamp: int, payload: bytes | str) -> str:
        """The webhook-signature value for ``payload``: one ``v1,...`` entry per secret."""
        digests = self._expected(msg_id, int(timestamp), _raw_body(payload))
        return " ".join("v1," + digest.decode("ascii") for digest in digests)

    def headers(
        self,
        payload: bytes | str,
        *,
        msg_id: str | None = None,
        timestamp: int | None = None,
    ) -> dict[str, str]:
        """The three webhook headers for ``payload``, for your own tests."""
        msg_id = msg_id if msg_id is not None else f"evt_{uuid.uuid4().hex}"
        timestamp = int(self._clock()) if timestamp is None else int(timestamp)
        return {
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": self.sign(msg_id, timestamp, payload),
        }


class Webhooks:
    """``client.webhooks``: the same operations with the secret passed per call."""

    def __init__(
        self, *, tolerance: float = DEFAULT_TOLERANCE, clock: Callable[[], float] = time.time
    ) -> None:
        self._tolerance = _checked_tolerance(tolerance)
        self._clock = clock
        self._cache: dict[tuple[str | bytes, ...], Webhook] = {}

    def _for(self, secret: str | bytes | Sequence[str | bytes]) -> Webhook:
        key = (secret,) if isinstance(secret, str | bytes) else tuple(secret)
        webhook = self._cache.get(key)
        if webhook is None:
            if len(self._cache) >= 64:
                self._cache.clear()
            webhook = self._cache[key] = Webhook(
                list(key), tolerance=self._tolerance, clock=self._clock
            )
        return webhook

    def verify(
        self,
        payload: bytes | str,
        headers: Mapping[str, Any],
        secret: str | bytes | Sequence[str | bytes],
    ) -> bool:
        """True if ``payload`` carries a valid, fresh signature made with ``secret``."""
        return self._for(secret).verify(payload, headers)

    def unwrap(
        self,
        payload: bytes | str,
        headers: Mapping[str, Any],
        secret: str | bytes | Sequence[str | bytes],
    ) -> Event:
        """Verify the webhook and return its typed Event, or raise WebhookVerificationError."""
        return self._for(secret).unwrap(payload, headers)

    def sign(self, msg_id: str, timestamp: int, payload: bytes | str, secret: str | bytes) -> str:
        """The webhook-signature value for ``payload`` signed with ``secret``."""
        return self._for(secret).sign(msg_id, timestamp, payload)

    def headers(
        self,
        payload: bytes | str,
        secret: str | bytes,
        *,
        msg_id: str | None = None,
        timestamp: int | None = None,
    ) -> dict[str, str]:
        """The three webhook headers for ``payload`` signed with ``secret``."""
        return self._for(secret).headers(payload, msg_id=msg_id, timestamp=timestamp)
