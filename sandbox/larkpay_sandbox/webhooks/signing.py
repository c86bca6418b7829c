"""Standard Webhooks request headers for one delivery attempt, signed with every active secret."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import UTC, datetime

from standardwebhooks.webhooks import Webhook


class NoActiveSecretError(Exception):
    """An endpoint has no active secret, so a delivery to it cannot be signed."""


def signature_header(event_id: str, timestamp: datetime, body: str, secrets: Sequence[str]) -> str:
    """Return the ``webhook-signature`` value: one ``v1,<base64>`` per secret, space-separated.

    During a secret rotation the old and the new secret both sign, so a receiver that still
    holds either one can verify the request.
    """
    if not secrets:
        raise NoActiveSecretError(
            f"cannot sign event {event_id}: the endpoint has no active secret; "
            "rotate the endpoint's secret to create one"
        )
    return " ".join(_signer(secret).sign(event_id, timestamp, body) for secret in secrets)


@functools.lru_cache(maxsize=1024)  # an endpoint's secret signs every attempt to it
def _signer(secret: str) -> Webhook:
    return Webhook(secret)


def delivery_headers(
    event_id: str, timestamp: datetime, body: str, secrets: Sequence[str]
) -> dict[str, str]:
    """Return the headers of one attempt: webhook-id, webhook-timestamp, webhook-signature.

    ``timestamp`` is the time of this attempt (timezone-aware); it is sent as integer seconds.
    """
    if timestamp.tzinfo is None:
        raise ValueError("timestamp must be timezone-aware (use Clock.now())")
    utc = timestamp.astimezone(UTC)
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(int(utc.timestamp())),
        "webhook-signature": signature_header(event_id, utc, body, secrets),
        "content-type": "application/json",
    }
