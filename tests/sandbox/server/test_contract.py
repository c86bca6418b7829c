"""The handler contract: a Reply, the success envelope around one object, and a Context whose
only write is a savepoint in the store's group-commit batch."""

from __future__ import annotations

import asyncio
import json

from larkpay_sandbox.server.contract import Context, Reply, ok
from larkpay_sandbox.storage.database import Store

from tests.sandbox.conftest import make_services


def context(store: Store) -> Context:
    return Context(make_services(store), "lk_test_key", {}, {}, {}, None, "req_1")


def test_ok_wraps_one_serialised_object_in_the_success_envelope() -> None:
    reply = ok(b'{"id":"pay_1","object":"payment"}', status=201)
    assert (reply.status, reply.headers) == (201, [])
    assert json.loads(reply.body) == {
        "status": "success",
        "data": {"id": "pay_1", "object": "payment"},
    }


def test_replies_do_not_share_their_headers() -> None:
    first, second = Reply(200, b"{}"), Reply(200, b"{}")
    first.headers.append((b"x", b"1"))
    assert second.headers == []


def test_a_contexts_write_is_committed_with_the_batch_and_is_its_only_way_to_write() -> None:
    store = Store(":memory:")
    ctx = context(store)

    async def handle() -> None:
        with ctx.transaction() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('n', 1)")
        assert store.pending  # not committed before the loop turns
        await store.durable()

    asyncio.run(handle())
    assert not store.pending
    assert store.query_one("SELECT value FROM counters WHERE name='n'")[0] == 1
    assert not hasattr(ctx, "app")
