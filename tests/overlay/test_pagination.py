"""Tests of larkpay._pagination."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest
from larkpay import APIResponseValidationError
from larkpay._pagination import apaginate, paginate
from larkpay_api.types import UNSET, Unset


@dataclass
class FakePage:
    data: list[int]
    has_more: bool
    next_cursor: str | Unset | None


@dataclass
class Pages:
    pages: dict[str | None, FakePage]
    asked: list[str | None] = field(default_factory=list)

    def __call__(self, cursor: str | None) -> FakePage:
        self.asked.append(cursor)
        return self.pages[cursor]

    async def fetch(self, cursor: str | None) -> FakePage:
        return self(cursor)


def three_pages() -> Pages:
    return Pages({None: FakePage([1, 2], True, "b"), "b": FakePage([], True, "c"),
                  "c": FakePage([3], False, None)})  # fmt: skip


def test_paginate_follows_cursors_until_has_more_is_false() -> None:
    pages = three_pages()
    assert list(paginate(pages)) == [1, 2, 3]
    assert pages.asked == [None, "b", "c"]


@pytest.mark.parametrize("cursor", [None, UNSET, ""])
def test_paginate_refuses_has_more_without_a_cursor(cursor: str | Unset | None) -> None:
    pages = Pages({None: FakePage([1], True, cursor)})
    iterator = paginate(pages)
    assert next(iterator) == 1
    with pytest.raises(APIResponseValidationError, match="no next_cursor"):
        next(iterator)


def test_paginate_refuses_a_cursor_that_repeats() -> None:
    pages = Pages({None: FakePage([1], True, "a"), "a": FakePage([2], True, "a")})
    with pytest.raises(APIResponseValidationError, match="returned before"):
        list(paginate(pages))


def test_paginate_refuses_cursors_that_cycle() -> None:
    pages = Pages(
        {
            None: FakePage([1], True, "a"),
            "a": FakePage([2], True, "b"),
            "b": FakePage([3], True, "a"),
        }
    )
    with pytest.raises(APIResponseValidationError, match="returned before"):
        list(paginate(pages))


def test_apaginate_refuses_has_more_without_a_cursor() -> None:
    pages = Pages({None: FakePage([1], True, None)})

    async def collect() -> list[int]:
        return [item async for item in apaginate(pages.fetch)]

    with pytest.raises(APIResponseValidationError, match="no next_cursor"):
        asyncio.run(collect())


def test_apaginate_yields_the_same_items() -> None:
    pages = three_pages()

    async def collect() -> list[int]:
        return [item async for item in apaginate(pages.fetch)]

    assert asyncio.run(collect()) == [1, 2, 3]
