"""Tests of larkpay._webhooks: vectors, interoperability, tolerance, rotation and fuzzing."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import standardwebhooks
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from larkpay import (
    ConfigurationError,
    InvalidHeaderError,
    InvalidPayloadError,
    MissingHeaderError,
    NoMatchingSignatureError,
    PayloadTypeError,
    TimestampOutOfToleranceError,
    Webhook,
    Webhooks,
    WebhookVerificationError,
    models,
)
from larkpay_api.api import EVENT_READERS
from larkpay_api.models.payment_created_event import PaymentCreatedEvent
from larkpay_api.models.payment_updated_event import PaymentUpdatedEvent

from . import payloads, strategies

# A copy of /work/shared/vectors/standard-webhooks.json (the published Standard Webhooks vectors).
VECTORS = json.loads(Path(__file__).with_name("standard_webhooks_vectors.json").read_text())
FIRST = VECTORS["valid"][0]
SECRET = "whsec_" + base64.b64encode(b"k" * 32).decode()
OTHER_SECRET = "whsec_" + base64.b64encode(b"o" * 32).decode()
NOW = 1_800_000_000


def at(now: float) -> Webhook:
    """A verifier for SECRET whose clock reads ``now``."""
    return Webhook(SECRET, clock=lambda: now)


def vector_headers(vector: dict[str, Any], signature: str | None = None) -> dict[str, str]:
    return {
        "webhook-id": vector["msg_id"],
        "webhook-timestamp": str(vector["timestamp"]),
        "webhook-signature": signature or vector["signature"],
    }


@pytest.mark.parametrize("vector", VECTORS["valid"], ids=lambda v: v["msg_id"])
def test_verify_accepts_published_vectors(vector: dict[str, Any]) -> None:
    webhook = Webhook(vector["secret"], clock=lambda: vector["timestamp"])
    assert webhook.verify(vector["payload"], vector_headers(vector))
    assert webhook.verify(vector["payload"].encode(), vector_headers(vector))


@pytest.mark.parametrize("vector", VECTORS["valid"], ids=lambda v: v["msg_id"])
def test_sign_reproduces_published_vectors(vector: dict[str, Any]) -> None:
    webhook = Webhook(vector["secret"])
    assert (
        webhook.sign(vector["msg_id"], vector["timestamp"], vector["payload"])
        == (vector["signature"])
    )


@pytest.mark.parametrize("signature", VECTORS["must_fail_for_first_vector"])
def test_unwrap_rejects_altered_signature_with_no_matching_signature(signature: str) -> None:
    webhook = Webhook(FIRST["secret"], clock=lambda: FIRST["timestamp"])
    assert not webhook.verify(FIRST["payload"], vector_headers(FIRST, signature))
    with pytest.raises(NoMatchingSignatureError):
        webhook.unwrap(FIRST["payload"], vector_headers(FIRST, signature))


def test_verify_finds_match_after_decoys_in_one_header() -> None:
    header = " ".join([*VECTORS["decoys_that_must_not_block_a_match"], FIRST["signature"]])
    webhook = Webhook(FIRST["secret"], clock=lambda: FIRST["timestamp"])
    assert webhook.verify(FIRST["payload"], vector_headers(FIRST, header))


def test_verify_rejects_a_header_of_decoys_only() -> None:
    header = " ".join(VECTORS["decoys_that_must_not_block_a_match"])
    webhook = Webhook(FIRST["secret"], clock=lambda: FIRST["timestamp"])
    assert not webhook.verify(FIRST["payload"], vector_headers(FIRST, header))


@pytest.mark.parametrize("secret", VECTORS["secrets_without_padding_that_must_be_accepted"])
def test_secret_without_padding_is_accepted_with_and_without_prefix(secret: str) -> None:
    padded = secret + "=" * (-len(secret) % 4)
    key = base64.b64decode(padded)
    for candidate in (secret, "whsec_" + secret):
        signature = Webhook(candidate).sign("msg_1", 1, b"body")
        assert signature == Webhook(key).sign("msg_1", 1, b"body")


def test_unwrap_of_signed_non_event_raises_invalid_payload() -> None:
    webhook = Webhook(FIRST["secret"], clock=lambda: FIRST["timestamp"])
    with pytest.raises(InvalidPayloadError, match="not a Larkpay event"):
        webhook.unwrap(FIRST["payload"], vector_headers(FIRST))


@pytest.mark.parametrize("body", [b"[1, 2]", b"{not json", b"\xff\xfe"])
def test_unwrap_of_signed_garbage_raises_invalid_payload(body: bytes) -> None:
    webhook = at(NOW)
    with pytest.raises(InvalidPayloadError):
        webhook.unwrap(body, webhook.headers(body, timestamp=NOW))


def test_unwrap_returns_the_typed_event() -> None:
    body = payloads.dumps(payloads.event("payment.updated"))
    webhook = at(NOW)
    event = webhook.unwrap(body, webhook.headers(body, msg_id="evt_1", timestamp=NOW))
    assert isinstance(event, PaymentUpdatedEvent)
    assert event.data.id == "pay_2xQm9Vt4Lk7Rb1Nc8Pz3Ja6W"


def test_verify_looks_up_header_names_case_insensitively() -> None:
    webhook = at(NOW)
    headers = webhook.headers(b"body", timestamp=NOW)
    title = {name.title(): value for name, value in headers.items()}
    upper_bytes: dict[Any, Any] = {n.upper().encode(): v.encode() for n, v in headers.items()}
    assert webhook.verify(b"body", title)
    assert webhook.verify(b"body", upper_bytes)
    assert webhook.verify(b"body", httpx.Headers(title))


def test_verify_accepts_bytearray_and_memoryview_payloads() -> None:
    webhook = at(NOW)
    headers = webhook.headers(b"body", timestamp=NOW)
    assert webhook.verify(bytearray(b"body"), headers)  # type: ignore[arg-type]
    assert webhook.verify(memoryview(b"body"), headers)  # type: ignore[arg-type]


def test_verify_accepts_a_signature_from_any_rotated_secret() -> None:
    old_signer = Webhook(OTHER_SECRET, clock=lambda: NOW)
    headers = old_signer.headers(b"body", timestamp=NOW)
    assert Webhook([SECRET, OTHER_SECRET], clock=lambda: NOW).verify(b"body", headers)
    assert not at(NOW).verify(b"body", headers)


def test_sign_with_rotated_secrets_emits_one_entry_per_secret() -> None:
    both = Webhook([SECRET, OTHER_SECRET], clock=lambda: NOW)
    signature = both.sign("msg_1", NOW, b"body")
    assert signature.split(" ") == [
        at(NOW).sign("msg_1", NOW, b"body"),
        Webhook(OTHER_SECRET).sign("msg_1", NOW, b"body"),
    ]


@pytest.mark.parametrize("skew", [-300, 0, 300])
def test_verify_accepts_timestamp_within_tolerance_either_way(skew: int) -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW + skew)
    assert at(NOW).verify(b"body", headers)


@pytest.mark.parametrize(("skew", "word"), [(301, "old"), (-301, "future")])
def test_unwrap_rejects_timestamp_outside_tolerance(skew: int, word: str) -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW - skew)
    with pytest.raises(TimestampOutOfToleranceError, match=word):
        at(NOW).unwrap(b"body", headers)


def test_tolerance_is_configurable() -> None:
    strict = Webhook(SECRET, tolerance=10, clock=lambda: NOW)
    assert strict.verify(b"body", strict.headers(b"body", timestamp=NOW - 10))
    assert not strict.verify(b"body", strict.headers(b"body", timestamp=NOW - 11))


def test_signature_is_checked_before_timestamp() -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW - 10_000)
    with pytest.raises(NoMatchingSignatureError):
        at(NOW).unwrap(b"tampered", headers)


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_unwrap_names_the_missing_header(missing: str) -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW)
    del headers[missing]
    with pytest.raises(MissingHeaderError, match=missing):
        at(NOW).unwrap(b"body", headers)


def test_empty_header_counts_as_missing() -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW) | {"webhook-id": ""}
    with pytest.raises(MissingHeaderError):
        at(NOW).unwrap(b"body", headers)


@pytest.mark.parametrize("stamp", ["abc", "-5", "1e9", "1234567890123", "١٢٣"])
def test_unwrap_rejects_timestamp_that_is_not_integer_seconds(stamp: str) -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW) | {"webhook-timestamp": stamp}
    with pytest.raises(InvalidHeaderError, match="integer seconds"):
        at(NOW).unwrap(b"body", headers)


def test_unwrap_rejects_header_value_that_is_not_text() -> None:
    headers: dict[str, Any] = at(NOW).headers(b"body", timestamp=NOW)
    headers["webhook-id"] = 12
    with pytest.raises(InvalidHeaderError, match="webhook-id"):
        at(NOW).unwrap(b"body", headers)


def test_unwrap_rejects_headers_that_are_not_a_mapping() -> None:
    with pytest.raises(InvalidHeaderError, match="mapping"):
        at(NOW).unwrap(b"body", [("webhook-id", "x")])  # type: ignore[arg-type]


def test_dict_payload_raises_type_error_explaining_the_raw_body() -> None:
    headers = at(NOW).headers(b"{}", timestamp=NOW)
    with pytest.raises(TypeError, match="raw request body"):
        at(NOW).verify({}, headers)  # type: ignore[arg-type]
    with pytest.raises(PayloadTypeError):
        at(NOW).unwrap({}, headers)  # type: ignore[arg-type]


@pytest.mark.parametrize("secret", ["whsec_", "whsec_!!!!", "", "   "])
def test_invalid_secret_raises_configuration_error(secret: str) -> None:
    with pytest.raises(ConfigurationError, match="base64"):
        Webhook(secret)


def test_secret_of_wrong_type_or_empty_list_raises_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="not int"):
        Webhook([12])  # type: ignore[list-item]
    with pytest.raises(ConfigurationError, match="at least one"):
        Webhook([])


def test_repr_hides_the_secret() -> None:
    text = repr(Webhook([SECRET, OTHER_SECRET]))
    assert "2 secret(s)" in text
    assert SECRET[6:12] not in text


def test_headers_helper_defaults_to_clock_and_event_id() -> None:
    headers = at(NOW).headers("body")
    assert headers["webhook-timestamp"] == str(NOW)
    assert headers["webhook-id"].startswith("evt_")
    assert at(NOW).verify("body", headers)


def test_client_webhooks_take_the_secret_per_call_and_cache_it() -> None:
    hooks = Webhooks(clock=lambda: NOW)
    headers = hooks.headers(b"body", SECRET, msg_id="msg_1", timestamp=NOW)
    assert headers["webhook-signature"] == hooks.sign("msg_1", NOW, b"body", SECRET)
    assert hooks.verify(b"body", headers, SECRET)
    assert hooks.verify(b"body", headers, [OTHER_SECRET, SECRET])
    assert not hooks.verify(b"body", headers, OTHER_SECRET)
    body = payloads.dumps(payloads.event())
    event = hooks.unwrap(body, hooks.headers(body, SECRET, timestamp=NOW), SECRET)
    assert isinstance(event, PaymentCreatedEvent)


def test_client_webhooks_cache_keeps_the_64_last_secrets() -> None:
    hooks = Webhooks(clock=lambda: NOW)
    secrets = [base64.b64encode(bytes([i]) * 32).decode() for i in range(70)]
    for secret in secrets:
        hooks.sign("msg_1", NOW, b"x", secret)
    assert hooks._cached.cache_info().currsize == 64
    assert hooks._for(secrets[-1]) is hooks._for(secrets[-1])
    assert hooks.sign("msg_1", NOW, b"x", secrets[0]) == Webhook(secrets[0]).sign(
        "msg_1", NOW, b"x"
    )


def test_client_webhooks_reject_an_unhashable_secret_with_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="whsec_"):
        Webhooks().sign("msg_1", NOW, b"x", [bytearray(b"key")])  # type: ignore[list-item]


@settings(max_examples=150, deadline=None)
@given(key=strategies.KEYS, msg_id=strategies.MSG_IDS, stamp=strategies.TIMESTAMPS,
       payload=strategies.PAYLOADS)  # fmt: skip
def test_our_signatures_verify_with_standardwebhooks_and_theirs_with_ours(
    key: bytes, msg_id: str, stamp: int, payload: bytes | str
) -> None:
    secret = "whsec_" + base64.b64encode(key).decode()
    ours = Webhook(secret, clock=lambda: stamp)
    theirs = standardwebhooks.Webhook(secret)
    text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
    headers = ours.headers(text, msg_id=msg_id, timestamp=stamp)
    theirs_signature = theirs.sign(msg_id, _datetime(stamp), text)
    assert headers["webhook-signature"] == theirs_signature
    assert ours.verify(text, headers | {"webhook-signature": theirs_signature})
    # standardwebhooks checks freshness against the real clock, so it verifies fresh messages.
    fresh = Webhook(secret).headers(text, msg_id=msg_id)
    theirs.verify(text, fresh, json_parse=False)


def _datetime(stamp: int) -> Any:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(stamp, tz=UTC)


@settings(max_examples=400, deadline=None)
@given(payload=strategies.JUNK_PAYLOADS, headers=strategies.JUNK_HEADERS)
def test_fuzzed_headers_and_payloads_raise_only_typed_errors(payload: Any, headers: Any) -> None:
    webhook = at(NOW)
    with contextlib.suppress(WebhookVerificationError):
        webhook.unwrap(payload, headers)
    try:
        result = webhook.verify(payload, headers)
    except PayloadTypeError:
        assert not isinstance(payload, bytes | str)
    else:
        assert result is False


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_fuzzed_signature_headers_around_a_valid_message_raise_only_typed_errors(
    data: st.DataObject,
) -> None:
    webhook = at(NOW)
    headers: dict[str, Any] = webhook.headers(b"body", timestamp=NOW)
    name = data.draw(st.sampled_from(sorted(headers)))
    headers[name] = data.draw(st.one_of(st.text(max_size=120), st.binary(max_size=60)))
    try:
        webhook.unwrap(b"body", headers)
    except WebhookVerificationError:
        return
    except Exception as exc:  # pragma: no cover - the failure this test exists to catch
        pytest.fail(f"untyped {type(exc).__name__}: {exc}")


def test_keys_longer_than_a_block_follow_rfc_2104() -> None:
    key = bytes(range(100))
    digest = hmac.new(key, b"msg_1.5.body", hashlib.sha256).digest()
    assert Webhook(key).sign("msg_1", 5, b"body") == "v1," + base64.b64encode(digest).decode()


def test_timestamp_with_a_leading_zero_is_read_as_the_same_seconds() -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW)
    headers["webhook-timestamp"] = f"0{NOW}"
    assert at(NOW).verify(b"body", headers)
    headers["webhook-timestamp"] = "0"
    assert not at(NOW).verify(b"body", headers)


def test_timestamp_with_surrounding_spaces_is_accepted() -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW)
    headers["webhook-timestamp"] = f" {NOW} "
    assert at(NOW).verify(b"body", headers)


def test_event_readers_cover_every_event_of_the_spec_with_its_model() -> None:
    spec = yaml.safe_load((Path(__file__).parents[2] / "openapi.yaml").read_text())
    schemas = spec["components"]["schemas"]
    expected = {}
    for choice in schemas["Event"]["oneOf"]:
        name = choice["$ref"].rsplit("/", 1)[-1]
        expected[schemas[name]["properties"]["event"]["const"]] = name
    assert set(EVENT_READERS) == set(expected)
    for kind, name in expected.items():
        body = payloads.dumps(payloads.event(kind))
        event = at(NOW).unwrap(body, at(NOW).headers(body, timestamp=NOW))
        assert type(event).__name__ == name
        assert event == getattr(models, name).from_dict(json.loads(body))


def test_unwrap_names_a_missing_field() -> None:
    event = payloads.event("payment.created")
    del event["timestamp"]
    body = payloads.dumps(event)
    with pytest.raises(InvalidPayloadError, match="not a Larkpay event: missing field `timestamp`"):
        at(NOW).unwrap(body, at(NOW).headers(body, timestamp=NOW))


def test_unwrap_still_validates_the_event_it_picked_by_type() -> None:
    broken = payloads.event("payment.created")
    del broken["data"]["amount"]
    body = payloads.dumps(broken)
    with pytest.raises(InvalidPayloadError, match="amount"):
        at(NOW).unwrap(body, at(NOW).headers(body, timestamp=NOW))


@pytest.mark.parametrize("kind", [None, 5, "payment.exploded"])
def test_unwrap_rejects_an_unknown_event_type_naming_the_known_ones(kind: object) -> None:
    event = payloads.event("payment.created")
    event["event"] = kind
    body = payloads.dumps(event)
    with pytest.raises(InvalidPayloadError, match=r"refund\.updated"):
        at(NOW).unwrap(body, at(NOW).headers(body, timestamp=NOW))


def _two_lines(valid_first: bool) -> tuple[str, str]:
    valid = at(NOW).sign("msg_1", NOW, b"body")
    other = Webhook(OTHER_SECRET).sign("msg_1", NOW, b"body")
    return (valid, other) if valid_first else (other, valid)


def _lines_as_httpx(lines: tuple[str, str]) -> httpx.Headers:
    stamp = str(NOW)
    return httpx.Headers(
        [("webhook-id", "msg_1"), ("webhook-timestamp", stamp)]
        + [("webhook-signature", line) for line in lines]
    )


@pytest.mark.parametrize("valid_first", [True, False])
def test_signature_sent_as_two_header_lines_verifies_as_httpx_joins_them(
    valid_first: bool,
) -> None:
    headers = _lines_as_httpx(_two_lines(valid_first))
    assert ", " in headers["webhook-signature"]
    assert at(NOW).verify(b"body", headers)


@pytest.mark.parametrize("valid_first", [True, False])
@pytest.mark.parametrize("separator", [",", " ,", ",\t"])
def test_signature_lines_joined_without_space_verify(valid_first: bool, separator: str) -> None:
    headers = at(NOW).headers(b"body", msg_id="msg_1", timestamp=NOW)
    headers["webhook-signature"] = separator.join(_two_lines(valid_first))
    assert at(NOW).verify(b"body", headers)


class MultiHeaders:
    """Like werkzeug's/Starlette's headers: get() gives the first line, getlist() every one."""

    def __init__(self, lines: tuple[str, str], method: str) -> None:
        self._pairs = [("webhook-id", "msg_1"), ("webhook-timestamp", str(NOW))]
        self._pairs += [("webhook-signature", line) for line in lines]
        setattr(self, method, self._every)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self._pairs if key == name), None)

    def _every(self, name: str) -> list[str | bytes]:
        return [value.encode() for key, value in self._pairs if key == name]


@pytest.mark.parametrize("valid_first", [True, False])
@pytest.mark.parametrize("method", ["get_all", "getlist", "getall"])
def test_signature_on_any_line_of_a_multi_valued_header_object_verifies(
    valid_first: bool, method: str
) -> None:
    headers = MultiHeaders(_two_lines(valid_first), method)
    assert at(NOW).verify(b"body", headers)  # type: ignore[arg-type]


def test_dict_with_one_kept_line_verifies_only_if_that_line_is_valid() -> None:
    valid, other = _two_lines(valid_first=True)
    headers = at(NOW).headers(b"body", msg_id="msg_1", timestamp=NOW)
    assert at(NOW).verify(b"body", {**headers, "webhook-signature": valid})
    assert not at(NOW).verify(b"body", {**headers, "webhook-signature": other})


def test_multi_valued_header_object_without_the_header_in_its_list_is_rejected() -> None:
    class Missing(MultiHeaders):
        def _every(self, name: str) -> list[str | bytes]:
            raise KeyError(name)

    headers = Missing(_two_lines(valid_first=False), "getall")
    with pytest.raises(NoMatchingSignatureError):
        at(NOW).unwrap(b"body", headers)  # type: ignore[arg-type]


class FrameworkHeaders:
    """Like werkzeug's Headers: case-insensitive get() and items(), but not a Mapping."""

    def __init__(self, headers: dict[str, str]) -> None:
        self._items = [(name.title(), value) for name, value in headers.items()]

    def get(self, name: str) -> str | None:
        return next((v for k, v in self._items if k.lower() == name.lower()), None)

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)


class GetOnly:
    """An object with a get() that misses, and no items()."""

    def get(self, name: str) -> None:
        return None


def test_header_objects_that_are_not_mappings_are_accepted() -> None:
    headers = at(NOW).headers(b"body", timestamp=NOW)
    assert at(NOW).verify(b"body", FrameworkHeaders(headers))  # type: ignore[arg-type]
    with pytest.raises(MissingHeaderError):
        at(NOW).unwrap(b"body", GetOnly())  # type: ignore[arg-type]


def test_verify_accepts_a_message_id_with_a_lone_surrogate_signed_as_sign_does() -> None:
    headers = at(NOW).headers(b"body", msg_id="msg_\udc80", timestamp=NOW)
    assert at(NOW).verify(b"body", headers)
    headers["webhook-signature"] = at(NOW).sign("msg_\udc81", NOW, b"body")
    assert not at(NOW).verify(b"body", headers)


HEADER_NAMES = ("webhook-id", "webhook-timestamp", "webhook-signature")


def _general_verdict(webhook: Webhook, body: bytes, headers: dict[str, Any]) -> bool:
    try:
        webhook._verified_in_general(body, headers, *(headers.get(name) for name in HEADER_NAMES))
    except WebhookVerificationError:
        return False
    return True


def _literal_signature(msg_id: str, stamp: str, body: bytes) -> str:
    """The signature of the timestamp text as written (not as integer seconds)."""
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


@settings(max_examples=200, deadline=None)
@given(
    stamp=st.one_of(
        st.builds(
            "{}{}{}".format,
            st.sampled_from(["", "", "0", "00", " "]),
            st.integers(NOW - 400, NOW + 400),
            st.sampled_from(["", "", " "]),
        ),
        st.from_regex(r"\A[ 0]{0,2}[0-9]{1,13}[ ]{0,2}\Z"),
        st.text(max_size=14),
    ),
    signed=st.sampled_from(["seconds", "literal", "other"]),
    layout=st.sampled_from(["{s}", "v1,AAAA {s}", "{s},{s}", "{s}\udc80", ""]),
)
def test_verify_fast_path_gives_the_general_paths_verdict(
    stamp: str, signed: str, layout: str
) -> None:
    webhook = at(NOW)
    text = stamp.strip()
    seconds = int(text) if text.isascii() and text.isdigit() else NOW
    signature = {
        "seconds": lambda: webhook.sign("msg_1", seconds, b"body"),
        "literal": lambda: _literal_signature("msg_1", stamp, b"body"),
        "other": lambda: webhook.sign("msg_1", seconds + 1, b"body"),
    }[signed]()
    headers = {
        "webhook-id": "msg_1",
        "webhook-timestamp": stamp,
        "webhook-signature": layout.format(s=signature),
    }
    assert webhook.verify(b"body", headers) is _general_verdict(webhook, b"body", headers)
