"""Opaque cursors over a monotonic sequence: newest first, no repeats or skips."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.core.api_error import invalid, success_list
from larkpay_sandbox.server.contract import Reply
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


def list_page(
    store: Store,
    sql: str,
    params: tuple[Any, ...],
    query: dict[str, Any],
) -> Reply:
    """Run ``sql`` (selecting ``seq, body`` and ending in a WHERE clause) as one page.

    The page holds ``query['limit']`` (default 20) rows with ``seq`` below the cursor's,
    newest first, and a ``next_cursor`` when more rows exist.
    """
    limit = int(query.get("limit", DEFAULT_LIMIT))
    cursor = query.get("cursor")
    if cursor is not None:
        sql += " AND seq < ?"
        params = (*params, decode_cursor(cursor))
    rows = store.query_all(sql + " ORDER BY seq DESC LIMIT ?", (*params, limit + 1))
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1][0]) if has_more else None
    items = [body.encode() if isinstance(body, str) else body for _, body in rows]
    return Reply(200, success_list(items, has_more, next_cursor))
