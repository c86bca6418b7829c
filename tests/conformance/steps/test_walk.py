"""Walking a listing: each paging rule broken across pages fails the walk's check."""

from __future__ import annotations

from typing import Any

import pytest
from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.walk import walk

from tests.conformance.replies import payment, reply

CHECK = "larkpay_test_paging"


def pages(*ids_per_page: list[str]) -> Any:
    """A list call answering the given pages, in order, newest first by id."""
    answers = list(ids_per_page)

    def call(**params: Any) -> Reply:
        index = int(params.get("cursor") or 0)
        last = index == len(answers) - 1
        return reply(
            [payment(id=i) for i in answers[index]],
            has_more=not last,
            next_cursor=None if last else str(index + 1),
        )

    return call


def test_complete_newest_first_walk_passes() -> None:
    done = walk(
        pages(["pay_4", "pay_3"], ["pay_2", "pay_1"]),
        CHECK,
        limit=2,
        expected=["pay_1", "pay_4"],
        exact=False,
        to_end=True,
    )
    assert done.ids == ["pay_4", "pay_3", "pay_2", "pay_1"]
    assert done.pages == 2


@pytest.mark.parametrize(
    ("answer", "kwargs", "fragment"),
    [
        ((["pay_4", "pay_3"], ["pay_3", "pay_1"]), {}, "lists pay_3 again"),
        ((["pay_3", "pay_4"],), {}, "not older"),
        ((["pay_4"], ["pay_2"]), {"expected": ["pay_3"]}, "never listed"),
        ((["pay_4", "pay_3", "pay_2"],), {}, "holds 3 > limit 2"),
        ((["pay_4"],), {"expected": [], "exact": True}, "not this tenant's"),
    ],
)
def test_broken_paging_fails_the_walk(
    answer: tuple[list[str], ...], kwargs: dict[str, Any], fragment: str
) -> None:
    with pytest.raises(CheckFailedError, match=fragment) as info:
        walk(pages(*answer), CHECK, limit=2, **{"to_end": True, **kwargs})
    assert info.value.check == CHECK


def test_an_object_created_while_paging_must_not_come_later() -> None:
    with pytest.raises(CheckFailedError, match="created after paging began"):
        walk(
            pages(["pay_4"], ["pay_9"]), CHECK, limit=1, to_end=True, between_pages=lambda: "pay_9"
        )
