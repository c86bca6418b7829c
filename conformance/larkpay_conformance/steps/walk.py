"""Walking a listing page by page with every paging rule checked on the way: newest first
across pages, each object once, at most ``limit`` per page, ``has_more`` agreeing with
``next_cursor``, and the objects the caller knows of all listed (exactly them, in a tenant of
the caller's own)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from larkpay_conformance.checks.list_checks import order_key
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import expect_answer

ListCall = Callable[..., Reply]


@dataclass
class Walk:
    """What a walk saw: the items in order, the pages and the last answer."""

    items: list[dict[str, Any]] = field(default_factory=list)
    pages: int = 0
    last: Reply | None = None

    @property
    def ids(self) -> list[str]:
        """The ids listed, in order."""
        return [str(item.get("id")) for item in self.items]


def walk(
    call: ListCall,
    check: str,
    *,
    limit: int,
    expected: Collection[str] = (),
    exact: bool = False,
    between_pages: Callable[[], str | None] | None = None,
    max_pages: int = 60,
    to_end: bool = False,
    **params: Any,
) -> Walk:
    """List with ``call(limit=..., cursor=..., **params)`` until ``expected`` are all seen (or,
    when ``exact``, to the end); raise ``check`` on any broken paging rule.

    ``between_pages`` runs after each page and may return the id of an object it created: a
    newer object must never appear on a later page (the cursor is a position in the past).
    """
    done = Walk()
    cursor: str | None = None
    previous: Any = None
    created_while: set[str] = set()
    wanted = set(expected)
    while done.pages < max_pages:
        sent = {"limit": limit, **params, **({"cursor": cursor} if cursor else {})}
        reply = expect_answer(call(**sent), 200, None, check, f"list page {done.pages + 1}")
        done.pages += 1
        done.last = reply
        page = [item for item in reply.data if isinstance(item, dict)]
        if len(page) > limit:
            raise reply.fail(check, f"page {done.pages} holds {len(page)} > limit {limit}")
        for item in page:
            ident = str(item.get("id"))
            if ident in done.ids:
                raise reply.fail(check, f"page {done.pages} lists {ident} again")
            if ident in created_while:
                raise reply.fail(
                    check, f"{ident}, created after paging began, came on page {done.pages}"
                )
            key = order_key(item)
            if key is not None and previous is not None and key >= previous:
                raise reply.fail(check, f"{ident} on page {done.pages} is not older than before")
            previous = key if key is not None else previous
            done.items.append(item)
        has_more, cursor = reply.envelope.get("has_more"), reply.envelope.get("next_cursor")
        if has_more != (cursor is not None):
            raise reply.fail(check, f"has_more={has_more} with next_cursor={cursor!r}")
        if has_more and not page:
            raise reply.fail(check, f"page {done.pages} is empty but has_more is true")
        found_all = not exact and not to_end and wanted and wanted <= set(done.ids)
        if not has_more or found_all:
            break
        if between_pages is not None:
            new = between_pages()
            if new:
                created_while.add(new)
    missing = wanted - set(done.ids)
    if missing:
        assert done.last is not None
        raise done.last.fail(
            check,
            f"{len(missing)} of {len(wanted)} objects never listed, e.g. {sorted(missing)[0]}",
        )
    if exact and set(done.ids) != wanted:
        assert done.last is not None
        extra = sorted(set(done.ids) - wanted)
        raise done.last.fail(check, f"listed objects that are not this tenant's: {extra[:3]}")
    return done
