"""Lazy iteration over cursor-paginated list operations (sync and async)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TypeVar

from larkpay_api.api import Page

from ._errors import APIResponseValidationError

T = TypeVar("T")


def _next_cursor(page: Page[T], seen: set[str]) -> str | None:
    """The cursor of the next page, or None when this page is the last one."""
    if not page.has_more:
        return None
    following = page.next_cursor
    if not isinstance(following, str) or not following:
        raise APIResponseValidationError(
            "the API said has_more but gave no next_cursor; the listing cannot continue",
            status_code=200,
        )
    if following in seen:
        raise APIResponseValidationError(
            "the API returned a next_cursor it had returned before; stopping to avoid an "
            "endless loop",
            status_code=200,
        )
    seen.add(following)
    return following


def paginate(fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
    """Yield every item of every page; a page is fetched only when the previous one is used up."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = fetch(cursor)
        yield from page.data
        cursor = _next_cursor(page, seen)
        if cursor is None:
            return


async def apaginate(fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[T]:
    """The asynchronous twin of :func:`paginate` (use with ``async for``)."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = await fetch(cursor)
        for item in page.data:
            yield item
        cursor = _next_cursor(page, seen)
        if cursor is None:
            return
