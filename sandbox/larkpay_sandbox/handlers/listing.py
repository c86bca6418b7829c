"""The one paging helper of every list operation: a page of rows as a list envelope."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from larkpay_sandbox.core.envelopes import success_list
from larkpay_sandbox.server.contract import Context, Reply
from larkpay_sandbox.storage.paging import DEFAULT_LIMIT, fetch_page


def _stored_body(row: tuple[Any, ...]) -> bytes:
    """The JSON of a row that selects ``key, body``: the stored body as is."""
    body = row[1]
    return body.encode() if isinstance(body, str) else bytes(body)


def list_reply(
    ctx: Context,
    sql: str,
    params: tuple[Any, ...],
    *,
    filters: Mapping[str, str] | None = None,
    key: str = "seq",
    render: Callable[[tuple[Any, ...]], bytes] = _stored_body,
) -> Reply:
    """One page of ``sql`` (selecting ``key`` first, ending in a WHERE clause) as a list reply.

    The page follows the request's ``limit`` and ``cursor``; each query parameter named in
    ``filters`` that the request gives adds ``AND <column> = <value>``. ``render`` turns a row
    into its JSON.
    """
    for name, column in (filters or {}).items():
        if name in ctx.query:
            sql += f" AND {column}=?"
            params = (*params, ctx.query[name])
    rows, next_cursor = fetch_page(
        ctx.services.store,
        sql,
        params,
        limit=int(ctx.query.get("limit", DEFAULT_LIMIT)),
        cursor=ctx.query.get("cursor"),
        key=key,
    )
    items = [render(row) for row in rows]
    return Reply(200, success_list(items, next_cursor is not None, next_cursor))
