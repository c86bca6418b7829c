"""Tests of larkpay._webhook_secrets: secret decoding and the pre-keyed HMAC states."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from larkpay import ConfigurationError
from larkpay._webhook_secrets import decode_secret, hmac_pads


@pytest.mark.parametrize("key", [b"k", bytes(range(64)), bytes(range(100))])
def test_hmac_pads_give_the_digests_of_the_hmac_module_for_short_and_long_keys(key: bytes) -> None:
    inner, outer = hmac_pads(key)
    inner.update(b"message")
    outer.update(inner.digest())
    assert outer.digest() == hmac.new(key, b"message", hashlib.sha256).digest()


def test_decode_secret_accepts_whsec_base64_with_or_without_padding_and_raw_bytes() -> None:
    assert decode_secret("whsec_a2V5") == b"key"
    assert decode_secret(" whsec_a2V5ZQ ") == b"keye"
    assert decode_secret(b"raw") == b"raw"
    with pytest.raises(ConfigurationError, match="not 'whsec_' followed by base64"):
        decode_secret("whsec_!!!")
