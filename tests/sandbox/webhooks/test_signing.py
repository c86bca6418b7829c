"""Standard Webhooks headers built by the dispatcher, checked with the reference verifier."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from datetime import UTC, datetime, timedelta

import pytest
from larkpay_sandbox.webhooks.signing import NoActiveSecretError, delivery_headers, signature_header
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

BODY = json.dumps({"id": "evt_1", "object": "event", "event": "payment.created", "data": {}})


def new_secret() -> str:
    return "whsec_" + base64.b64encode(os.urandom(32)).decode()


def test_headers_verify_with_standardwebhooks_and_carry_event_id_and_attempt_time() -> None:
    secret = new_secret()
    now = datetime.now(UTC)
    headers = delivery_headers("evt_1", now, BODY, [secret])
    assert headers["webhook-id"] == "evt_1"
    assert headers["webhook-timestamp"] == str(int(now.timestamp()))
    assert headers["content-type"] == "application/json"
    assert Webhook(secret).verify(BODY, headers) == json.loads(BODY)


def test_signature_is_hmac_sha256_of_id_timestamp_body() -> None:
    raw_key = os.urandom(32)
    secret = "whsec_" + base64.b64encode(raw_key).decode()
    moment = datetime(2026, 1, 31, 12, 0, 0, 900000, tzinfo=UTC)
    signed = f"evt_1.{int(moment.timestamp())}.{BODY}".encode()
    expected = base64.b64encode(hmac.new(raw_key, signed, hashlib.sha256).digest()).decode()
    assert signature_header("evt_1", moment, BODY, [secret]) == f"v1,{expected}"


def test_every_active_secret_signs_space_separated_and_each_alone_verifies() -> None:
    old, new = new_secret(), new_secret()
    headers = delivery_headers("evt_2", datetime.now(UTC), BODY, [old, new])
    signatures = headers["webhook-signature"].split(" ")
    assert len(signatures) == 2
    assert all(sig.startswith("v1,") for sig in signatures)
    Webhook(old).verify(BODY, headers)
    Webhook(new).verify(BODY, headers)


def test_headers_do_not_verify_with_a_secret_that_did_not_sign() -> None:
    headers = delivery_headers("evt_3", datetime.now(UTC), BODY, [new_secret()])
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(BODY, headers)


def test_signature_covers_the_body_byte_for_byte() -> None:
    secret = new_secret()
    headers = delivery_headers("evt_4", datetime.now(UTC), BODY, [secret])
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY.replace('"data": {}', '"data": {"x": 1}'), headers)


def test_timestamp_is_the_attempt_time_so_a_late_retry_is_still_fresh() -> None:
    secret = new_secret()
    stale = delivery_headers("evt_5", datetime.now(UTC) - timedelta(minutes=10), BODY, [secret])
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(BODY, stale)


def test_no_active_secret_is_a_clear_error() -> None:
    with pytest.raises(NoActiveSecretError, match="no active secret"):
        delivery_headers("evt_6", datetime.now(UTC), BODY, [])


def test_naive_timestamp_is_rejected() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        delivery_headers("evt_7", datetime.now(), BODY, [new_secret()])
