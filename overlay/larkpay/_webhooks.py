"""Verify, unwrap and sign Larkpay webhooks (the Standard Webhooks v1 HMAC-SHA256 scheme).

The signed content is ``"{webhook-id}.{webhook-timestamp}.{raw body}"``; the key is the
base64 decoding of the endpoint secret after its ``whsec_`` prefix. Verifying does one HMAC
per secret from pre-keyed hash states, and no regex or JSON work; unwrapping then parses the
verified bytes once and hands the dict to the generated reader of its event type
(``larkpay_api.api.EVENT_READERS``, generated from the spec's event union: a new event type
needs no edit here).
"""

from __future__ import annotations

import binascii
import functools
import hmac
import math
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from larkpay_api.api import EVENT_READERS, Event

from ._errors import (
    ConfigurationError,
    InvalidHeaderError,
    InvalidPayloadError,
    NoMatchingSignatureError,
    PayloadTypeError,
    TimestampOutOfToleranceError,
    WebhookVerificationError,
)
from ._json import loads
from ._webhook_input import every_signature, getter, header, raw_body
from ._webhook_secrets import decode_secret, hmac_pads

DEFAULT_TOLERANCE = 300.0
"""Seconds a webhook-timestamp may differ from now, in either direction."""

_VERSION_PREFIX = b"v1,"
_MAX_TIMESTAMP_DIGITS = 12
_b64 = binascii.b2a_base64
_compare = hmac.compare_digest


def _checked_tolerance(tolerance: float) -> float:
    # NaN would make every timestamp fresh (all comparisons with NaN are false).
    if not isinstance(tolerance, int | float) or not math.isfinite(tolerance) or tolerance < 0:
        raise ConfigurationError(
            f"the webhook tolerance must be a finite number of seconds >= 0, not {tolerance!r}"
        )
    return float(tolerance)


def _signature(pads: tuple[Any, Any], prefix: bytes, body: bytes) -> bytes:
    """The base64 HMAC-SHA256 of ``prefix + body`` from a secret's pre-keyed states."""
    inner_pad, outer_pad = pads
    inner = inner_pad.copy()
    inner.update(prefix)
    inner.update(body)
    outer = outer_pad.copy()
    outer.update(inner.digest())
    return _b64(outer.digest(), newline=False)


def _entries(signatures: str) -> list[bytes]:
    return signatures.encode("utf-8", "surrogatepass").split()


def _parse_event(body: bytes) -> Event:
    """The typed event in a verified body: one JSON parse, then the reader of its type."""
    data = loads(body)
    if not isinstance(data, dict):
        raise TypeError(f"the body is a JSON {type(data).__name__}, not an object")
    kind = data.get("event")
    read = EVENT_READERS.get(kind) if isinstance(kind, str) else None
    if read is None:
        known = ", ".join(EVENT_READERS)
        raise ValueError(f"unknown event type {kind!r} (this SDK knows {known})")
    return read(data)


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
        self._pads = [hmac_pads(decode_secret(s)) for s in secrets]
        self.tolerance = _checked_tolerance(tolerance)
        self._clock = clock

    def __repr__(self) -> str:
        return f"Webhook(<{len(self._pads)} secret(s)>, tolerance={self.tolerance:g})"

    def _signed(self, prefix: bytes, body: bytes, entries: list[bytes]) -> bool:
        """True if one of ``entries`` is ``v1,`` + the signature of ``prefix + body`` with one
        of the secrets."""
        found = False
        for inner_pad, outer_pad in self._pads:  # _signature, inlined in this hot loop
            inner = inner_pad.copy()
            inner.update(prefix)
            inner.update(body)
            outer = outer_pad.copy()
            outer.update(inner.digest())
            expected = _VERSION_PREFIX + _b64(outer.digest(), newline=False)
            for entry in entries:
                # No early exit: the time taken does not reveal which entry matched.
                found |= _compare(entry, expected)
        return found

    def _verified_body(self, payload: object, headers: Mapping[str, Any]) -> bytes:
        body = payload if type(payload) is bytes else raw_body(payload)
        get = headers.get if type(headers) is dict else getter(headers)
        msg_id = get("webhook-id")
        stamp = get("webhook-timestamp")
        signatures = get("webhook-signature")
        # The common case, decided in one pass: text headers, a timestamp written as the
        # sender signed it, no lone surrogates. Anything else, or any failure, takes the
        # general path below, which alone raises and says what is wrong.
        if (
            type(msg_id) is str
            and type(stamp) is str
            and type(signatures) is str
            and msg_id
            and stamp.isascii()
            and stamp.isdigit()
            and len(stamp) <= _MAX_TIMESTAMP_DIGITS
            and stamp[0] != "0"
        ):
            try:
                prefix = f"{msg_id}.{stamp}.".encode()
                entries = signatures.encode().split()
            except UnicodeEncodeError:
                pass
            else:
                if self._signed(prefix, body, entries):
                    skew = self._clock() - int(stamp)
                    if -self.tolerance <= skew <= self.tolerance:
                        return body
        return self._verified_in_general(body, headers, msg_id, stamp, signatures)

    def _verified_in_general(
        self, body: bytes, headers: Mapping[str, Any], msg_id: Any, stamp: Any, signatures: Any
    ) -> bytes:
        """Any header container and value type; raises the error that says what is wrong."""
        if type(msg_id) is not str or not msg_id:
            msg_id = header(headers, "webhook-id")
        if type(stamp) is not str or not stamp:
            stamp = header(headers, "webhook-timestamp")
        if type(signatures) is not str or not signatures:
            signatures = header(headers, "webhook-signature")
        stamp = stamp.strip()
        if not (stamp.isdigit() and stamp.isascii() and len(stamp) <= _MAX_TIMESTAMP_DIGITS):
            raise InvalidHeaderError("the webhook-timestamp header is not integer seconds")
        seconds = int(stamp)
        # The signed text has no spaces or leading zeros.
        prefix = f"{msg_id}.{seconds}.".encode("utf-8", "surrogatepass")
        if not self._signed(prefix, body, _entries(signatures)) and not self._signed(
            prefix, body, _entries(every_signature(headers, signatures))
        ):
            raise NoMatchingSignatureError(
                "no webhook-signature matches the payload; check the endpoint secret and that "
                "the body is passed unmodified"
            )
        skew = self._clock() - seconds
        if skew > self.tolerance or -skew > self.tolerance:
            direction = "old" if skew > 0 else "far in the future"
            raise TimestampOutOfToleranceError(
                f"the webhook-timestamp is {abs(skew):.0f}s too {direction} "
                f"(tolerance {self.tolerance:g}s); a replay or a wrong clock"
            )
        return body

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
            return _parse_event(body)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
            missing = isinstance(exc, KeyError) and exc.args
            reason = f"missing field `{exc.args[0]}`" if missing else str(exc)
            raise InvalidPayloadError(
                f"the webhook is correctly signed but is not a Larkpay event: {reason}"
            ) from None

    def sign(self, msg_id: str, timestamp: int, payload: bytes | str) -> str:
        """The webhook-signature value for ``payload``: one ``v1,...`` entry per secret."""
        prefix = f"{msg_id}.{int(timestamp)}.".encode("utf-8", "surrogatepass")
        body = raw_body(payload)
        return " ".join("v1," + _signature(pads, prefix, body).decode() for pads in self._pads)

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
        # Per instance rather than on the method: each Webhooks has its own tolerance and
        # clock, and a cache on the class would keep every instance alive.
        self._cached = functools.lru_cache(maxsize=64)(self._build)

    def _build(self, secrets: tuple[str | bytes, ...]) -> Webhook:
        return Webhook(list(secrets), tolerance=self._tolerance, clock=self._clock)

    def _for(self, secret: str | bytes | Sequence[str | bytes]) -> Webhook:
        """The verifier of ``secret``; the last 64 are kept, as decoding a secret costs more
        than verifying a webhook."""
        key = (secret,) if isinstance(secret, str | bytes) else tuple(secret)
        try:
            return self._cached(key)
        except TypeError:  # an unhashable "secret": let Webhook say what is wrong with it
            return self._build(key)

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
