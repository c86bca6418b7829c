"""Lazy iteration over cursor-paginated list operations (sync and async)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TypeVar

from larkpay_api.api import Page

from ._errors import APIResponseValidationError

T = TypeVar("T")


def _next_cursor(page: Page[T], cursor: str | None) -> str | None:
    """The cursor of the next page, or None when this page is the last one."""
    following = page.next_cursor
    if not page.has_more or not isinstance(following, str) or not following:
        return None
    if following == cursor:
        raise APIResponseValidationError(
            "the API returned the same next_cursor twice; stopping to avoid an endless loop",
            status_code=200,
        )
    return following


def paginate(fetch: Callable[[str | None], Page[T]]) -> Iterator[T]:
    """Yield every item of every page; a page is fetched only when the previous one is used up."""
    cursor: str | None = None
    while True:
        page = fetch(cursor)
        yield from page.data
        cursor = _next_cursor(page, cursor)
        if cursor is None:
            return


async def apaginate(fetch: Callable[[str | None], Awaitable[Page[T]]]) -> AsyncIterator[T]:
    """The asynchronous twin of :func:`paginate` (use with ``async for``)."""
    cursor: str | None = None
    while True:
        page = await fetch(cursor)
        for item in page.data:
            yield item
        cursor = _next_cursor(page, cursor)
        if cursor is None:
            return
