"""Paging: cursors round trip, every schema-valid cursor is a position, pages never overlap."""

from __future__ import annotations

import re

import pytest
from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.paging import decode_cursor, encode_cursor, fetch_page

SPEC_PATTERN = re.compile(r"[A-Za-z0-9_-]+")


@pytest.mark.parametrize("seq", [0, 1, 63, 64, 12345, 2**40])
def test_cursor_round_trips_and_matches_the_spec_pattern(seq: int) -> None:
    cursor = encode_cursor(seq)
    assert SPEC_PATTERN.fullmatch(cursor)
    assert decode_cursor(cursor) == seq


def test_any_pattern_valid_cursor_decodes_and_long_ones_are_capped() -> None:
    assert decode_cursor("Zz-_09") >= 0
    assert decode_cursor("z" * 200) == 2**62


@pytest.mark.parametrize("cursor", ["a b", "abc=", "é", "a/b"])
def test_cursor_outside_the_alphabet_is_400(cursor: str) -> None:
    with pytest.raises(ApiError) as caught:
        decode_cursor(cursor)
    assert caught.value.status == 400
    assert caught.value.details[0]["field"] == "query.cursor"


def test_fetch_page_walks_newest_first_without_repeats_or_skips() -> None:
    store = Store(":memory:")
    with store.transaction() as conn:
        for n in range(7):
            conn.execute("INSERT INTO counters(name, value) VALUES (?, ?)", (f"c{n}", n))
    sql = "SELECT rowid, name FROM counters WHERE value >= ?"
    seen: list[str] = []
    cursor = None
    while True:
        rows, cursor = fetch_page(store, sql, (1,), limit=4, cursor=cursor, key="rowid")
        seen += [row[1] for row in rows]
        if cursor is None:
            break
    assert seen == ["c6", "c5", "c4", "c3", "c2", "c1"]
