"""Ids: a prefix and 24 base62 characters for objects, a req_ id per request; never repeated."""

from __future__ import annotations

import re

from larkpay_sandbox.core.ids import new_id, new_request_id


def test_new_id_is_the_prefix_and_24_base62_characters() -> None:
    ids = [new_id("pay_") for _ in range(200)]
    assert all(re.fullmatch(r"pay_[A-Za-z0-9]{24}", value) for value in ids)
    assert len(set(ids)) == len(ids)


def test_request_ids_match_the_spec_pattern_and_differ() -> None:
    ids = [new_request_id() for _ in range(200)]
    assert all(re.fullmatch(r"req_[A-Za-z0-9]+", value) for value in ids)
    assert len(set(ids)) == len(ids)
