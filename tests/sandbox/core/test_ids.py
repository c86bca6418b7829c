"""Ids: a prefix and 24 base62 characters that sort by creation; a req_ id per request; never
repeated."""

from __future__ import annotations

import re
import time

import pytest
from larkpay_sandbox.core.ids import new_id, new_request_id


def test_new_id_is_the_prefix_and_24_base62_characters() -> None:
    ids = [new_id("pay_") for _ in range(200)]
    assert all(re.fullmatch(r"pay_[A-Za-z0-9]{24}", value) for value in ids)
    assert len(set(ids)) == len(ids)


def test_request_ids_match_the_spec_pattern_and_differ() -> None:
    ids = [new_request_id() for _ in range(200)]
    assert all(re.fullmatch(r"req_[A-Za-z0-9]+", value) for value in ids)
    assert len(set(ids)) == len(ids)


def test_new_id_created_later_sorts_later() -> None:
    ids = [new_id("evt_") for _ in range(2000)]
    assert ids == sorted(ids)


def test_new_id_keeps_growing_when_the_wall_clock_steps_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = new_id("pay_")
    monkeypatch.setattr(time, "time_ns", lambda: 1_000_000_000 * 1_000_000_000)  # 2001
    later = [new_id("pay_") for _ in range(3)]
    assert [first, *later] == sorted([first, *later])
    assert len({first, *later}) == 4


def test_new_id_random_part_differs_between_ids_of_the_same_microsecond(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time, "time_ns", lambda: 0)
    random_parts = {new_id("pay_")[-14:] for _ in range(100)}
    assert len(random_parts) == 100
