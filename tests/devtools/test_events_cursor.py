"""EventsCursor against a real sandbox: the events after it, and when it is lost."""

from __future__ import annotations

from larkpay import LarkpayClient
from larkpay_devtools.events_cursor import EventsCursor
from larkpay_sandbox.testing import RunningSandbox


def client_of(sandbox: RunningSandbox) -> LarkpayClient:
    return LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url)


def test_newer_lists_the_events_after_the_cursor_newest_first_and_moves_it(
    sandbox: RunningSandbox,
) -> None:
    with client_of(sandbox) as client:
        client.payments.create(amount=5, currency="USD", source="test_success")
        cursor = EventsCursor(client)
        cursor.start()
        first = client.payments.create(amount=6, currency="USD", source="test_success")
        second = client.payments.create(amount=7, currency="USD", source="test_success")
        newer = cursor.newer()
        again = cursor.newer()
    assert newer.found
    assert [event["data"]["id"] for event in newer.events] == [second.id, first.id]
    assert cursor.newest == newer.events[0]["id"]
    assert again.events == []
    assert again.found


def test_newer_says_the_cursor_was_not_found_when_its_event_is_gone_or_too_far_back(
    sandbox: RunningSandbox,
) -> None:
    with client_of(sandbox) as client:
        cursor = EventsCursor(client)
        cursor.start()
        client.payments.create(amount=5, currency="USD", source="test_success")
        client.payments.create(amount=6, currency="USD", source="test_success")
        capped = cursor.newer(max_events=1)
        cursor.newest = "evt_NotThereNotThereNotThere"
        gone = cursor.newer(max_events=1000)
    assert (len(capped.events), capped.found) == (1, False)
    assert gone.found is False
    assert cursor.newest == gone.events[0]["id"]
