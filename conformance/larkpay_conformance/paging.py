"""The paging property: every object that existed when paging began is returned exactly once,
newest first, even while new objects are created between pages."""

from __future__ import annotations

from typing import Any

from larkpay_conformance.api import Api, expect

PAGING = "larkpay_paging"


def check_paging_while_creating(api: Api, objects: int, page_size: int) -> int:
    """Create ``objects`` payments, page through all payments creating one more per page.

    Returns the number of pages read. Raises CheckFailedError on a repeat, a skip or a wrong order.
    """
    body: dict[str, Any] = {"amount": 100, "currency": "EUR", "source": "test_success"}
    ours = [
        expect(api.create_payment(body), 201, PAGING, "create").data["id"] for _ in range(objects)
    ]
    seen: dict[str, int] = {}
    previous: tuple[str, str] | None = None
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": page_size}
        if cursor is not None:
            params["cursor"] = cursor
        reply = expect(api.list_payments(**params), 200, PAGING, "list page")
        pages += 1
        for item in reply.data:
            if item["id"] in seen:
                raise reply.fail(
                    PAGING, f"{item['id']} returned twice (pages {seen[item['id']]} and {pages})"
                )
            seen[item["id"]] = pages
            order_key = (item["created_at"], item["id"])
            if previous is not None and order_key > previous:
                raise reply.fail(PAGING, f"{item['id']} is newer than the object before it")
            previous = order_key
        api.create_payment(body)  # a new object mid-paging must not disturb the cursor
        cursor = reply.envelope.get("next_cursor")
        if not reply.envelope.get("has_more"):
            break
        if all(pid in seen for pid in ours):
            page_size = 100  # ours are the newest: the rest only checks for repeats
    missing = [pid for pid in ours if pid not in seen]
    if missing:
        raise reply.fail(
            PAGING, f"{len(missing)} of {objects} payments never listed, e.g. {missing[0]}"
        )
    return pages
