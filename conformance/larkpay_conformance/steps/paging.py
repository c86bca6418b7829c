"""The paging property: every object that existed when paging began is returned exactly once,
newest first, even while new objects are created between pages."""

from __future__ import annotations

from typing import Any

from larkpay_conformance.sdk.api import Api, expect
from larkpay_conformance.sdk.reply import Reply

PAGING = "larkpay_paging"


def _listed_ids(reply: Reply, page: int) -> list[dict[str, Any]]:
    data = reply.envelope.get("data")
    if not isinstance(data, list) or not all(
        isinstance(item, dict) and isinstance(item.get("id"), str) for item in data
    ):
        raise reply.fail(
            PAGING,
            f"page {page}: expected data to be a list of objects with an id, "
            f"got {type(data).__name__}",
        )
    return data


def check_paging_while_creating(api: Api, objects: int, page_size: int) -> int:
    """Create ``objects`` payments, page through all payments creating one more per page.

    Returns the number of pages read. Raises CheckFailedError on a repeat, a skip, a wrong order,
    or a listing that never needs a second page (the cursor would go untested); each message
    says what was expected, what came, and on which page.
    """
    body: dict[str, Any] = {"amount": 100, "currency": "EUR", "source": "test_success"}
    ours = [
        expect(api.create_payment(body), 201, PAGING, "create").data["id"] for _ in range(objects)
    ]
    seen: dict[str, int] = {}
    previous: tuple[str, str] | None = None
    cursor: str | None = None
    pages = 0
    first_page: Reply | None = None
    while True:
        params: dict[str, Any] = {"limit": page_size}
        if cursor is not None:
            params["cursor"] = cursor
        reply = expect(api.list_payments(**params), 200, PAGING, f"list page {pages + 1}")
        pages += 1
        first_page = first_page or reply
        for item in _listed_ids(reply, pages):
            if item["id"] in seen:
                raise reply.fail(
                    PAGING,
                    f"page {pages}: expected each payment once, got {item['id']} again "
                    f"(first listed on page {seen[item['id']]})",
                )
            seen[item["id"]] = pages
            order_key = (str(item.get("created_at")), item["id"])
            if previous is not None and order_key > previous:
                raise reply.fail(
                    PAGING,
                    f"page {pages}: expected newest first, got {item['id']} (created "
                    f"{order_key[0]}) after an object created {previous[0]} ({previous[1]})",
                )
            previous = order_key
        api.create_payment(body)  # a new object mid-paging must not disturb the cursor
        cursor = reply.envelope.get("next_cursor")
        if not reply.envelope.get("has_more"):
            break
        if not isinstance(cursor, str) or not cursor:
            raise reply.fail(
                PAGING,
                f"page {pages}: has_more is true, so expected a next_cursor string, got {cursor!r}",
            )
        if all(pid in seen for pid in ours):
            page_size = 100  # ours are the newest: the rest only checks for repeats
    if pages < 2:
        assert first_page is not None
        raise first_page.fail(
            PAGING,
            f"expected more than one page: {objects} payments were just created and listed "
            f"with limit={page_size}, but page 1 held {len(seen)} object(s) and said "
            f"has_more={first_page.envelope.get('has_more')!r}",
        )
    missing = [pid for pid in ours if pid not in seen]
    if missing:
        raise reply.fail(
            PAGING,
            f"expected all {objects} payments created before paging to be listed; "
            f"{len(missing)} never came in {pages} pages, e.g. {missing[0]}",
        )
    return pages
