"""Cursor paging over a monotonic key: newest first, no repeats or skips, opaque cursors."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.core.api_error import invalid
from larkpay_sandbox.storage.database import Store

DEFAULT_LIMIT = 20
# The cursor alphabet is exactly the spec's cursor pattern ^[A-Za-z0-9_-]+$, so that every
# schema-valid cursor is a position: a cursor is a base-64 number, the sequence to continue below.
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_DIGITS = {char: value for value, char in enumerate(_ALPHABET)}
_MAX_SEQ = 2**62


def encode_cursor(seq: int) -> str:
    """The cursor that continues a listing after the row with this sequence number."""
    chars = []
    while True:
        seq, rest = divmod(seq, 64)
        chars.append(_ALPHABET[rest])
        if seq == 0:
            return "".join(reversed(chars))


def decode_cursor(cursor: str) -> int:
    """The sequence a cursor continues below (capped, so any long cursor means 'from the top')."""
    value = 0
    for char in cursor:
        digit = _DIGITS.get(char)
        if digit is None:
            raise invalid("query.cursor", "is not a cursor returned by a listing")
        value = value * 64 + digit
        if value > _MAX_SEQ:
            return _MAX_SEQ
    return value


def fetch_page(
    store: Store,
    sql: str,
    params: tuple[Any, ...],
    *,
    limit: int,
    cursor: str | None,
    key: str = "seq",
) -> tuple[list[Any], str | None]:
    """Run ``sql`` (selecting ``key`` first and ending in a WHERE clause) for one page.

    Returns up to ``limit`` rows with ``key`` below the cursor's, newest first, and the cursor
    of the next page (None on the last page).
    """
    if cursor is not None:
        sql += f" AND {key} < ?"
        params = (*params, decode_cursor(cursor))
    rows = store.query_all(f"{sql} ORDER BY {key} DESC LIMIT ?", (*params, limit + 1))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1][0])
