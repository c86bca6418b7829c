"""``larkpay listen`` with a real sandbox and a real handler, each its own process."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from larkpay import LarkpayClient
from larkpay_sandbox.testing import RunningSandbox, running_sandbox

from tests.devtools.processes import SECRET, Handler, Lines, listen

FAST = ("--interval", "0.2")


def sdk(sandbox: RunningSandbox) -> LarkpayClient:
    return LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url)


def ready(process: Lines, handler: Handler) -> str:
    """Wait for listen's secret and Ready line; hand the secret to the handler."""
    secret = SECRET.search(process.wait_for("Webhook signing secret"))
    assert secret is not None
    process.wait_for("^Ready")
    handler.secret_file.write_text(secret.group(0))
    return secret.group(0)


@pytest.fixture
def fresh_sandbox() -> Iterator[RunningSandbox]:
    with running_sandbox(rate_limit=0) as running:
        yield running


def test_the_handlers_status_is_the_outcome_and_each_attempt_arrives_signed(
    fresh_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    handler = Handler(tmp_path, "--statuses", "500,500")
    process = listen(fresh_sandbox.base_url, handler.url, "--events", "payment.updated", *FAST)
    try:
        ready(process, handler)
        with sdk(fresh_sandbox) as client:
            payment = client.payments.create(amount=100, currency="USD", source="test_pending")
            client.sandbox.settle_payment(payment.id, outcome="succeeded")
            handler.wait_for_records(1)
            client.sandbox.advance_clock(seconds=40)
            records = handler.wait_for_records(3)
            event_id = records[0]["webhook_id"]
            recorded = client.events.list_deliveries(event_id).data
        lines = [process.wait_for(f"{event_id}  attempt {n}") for n in (1, 2, 3)]
        assert process.interrupt() == 0
        with sdk(fresh_sandbox) as client:
            assert client.webhook_endpoints.list().data == []
    finally:
        process.kill()
        handler.kill()
    assert [r["status"] for r in records] == [500, 500, 200]
    assert all(r["verified"] for r in records)
    assert {r["webhook_id"] for r in records} == {event_id}
    first = int(records[0]["timestamp"])
    assert [int(r["timestamp"]) for r in records] == [first, first + 5, first + 35]
    assert json.loads(records[0]["body"])["data"]["id"] == payment.id
    assert [line.split("  ")[-2] for line in lines] == ["-> 500", "-> 500", "-> 200"]
    assert all("payment.updated" in line for line in lines)
    assert sorted(d.status_code for d in recorded) == [200, 500, 500]
    assert any(line.startswith("Deleted endpoint we_") for line in process.lines)


def test_a_hanging_handler_gets_a_504_and_the_delivery_is_retried(
    fresh_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    handler = Handler(tmp_path, "--hang", "3", "--hang-count", "1")
    options = ("--events", "payment.created", "--forward-timeout", "0.5", *FAST)
    process = listen(fresh_sandbox.base_url, handler.url, *options)
    try:
        ready(process, handler)
        with sdk(fresh_sandbox) as client:
            payment = client.payments.create(amount=100, currency="USD", source="test_success")
            timed_out = process.wait_for("attempt 1  -> 504")
            client.sandbox.advance_clock(seconds=5)
            retried = process.wait_for("attempt 2  -> 200")
            event = client.events.list(limit=1).data[0]
            recorded = sorted(d.status_code for d in client.events.list_deliveries(event.id).data)
        assert process.interrupt() == 0
    finally:
        process.kill()
        handler.kill()
    assert "no answer within 0.5 s" in timed_out
    assert event.id in retried
    assert recorded == [200, 504]
    assert json.loads(handler.records()[-1]["body"])["data"]["id"] == payment.id


def test_listen_says_it_lost_the_sandbox_and_carries_on_when_it_is_back(
    fresh_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    handler = Handler(tmp_path)
    process = listen(fresh_sandbox.base_url, handler.url, *FAST)
    try:
        first_secret = ready(process, handler)
        fresh_sandbox.terminate()
        process.wait_for("^Lost the sandbox at .* Waiting for it to come back")
        fresh_sandbox.restart()
        process.wait_for("^The sandbox is back, with the endpoint in place")
        with sdk(fresh_sandbox) as client:
            client.payments.create(amount=100, currency="USD", source="test_success")
        process.wait_for("payment.created .* attempt 1  -> 200")
        fresh_sandbox.terminate()
        os.remove(fresh_sandbox.db_path)
        fresh_sandbox.restart()
        process.wait_for("no longer exists .* NEW secret")
        second_secret = SECRET.search(process.wait_for("Webhook signing secret"))
        assert second_secret is not None
        handler.secret_file.write_text(second_secret.group(0))
        with sdk(fresh_sandbox) as client:
            client.payments.create(amount=100, currency="USD", source="test_success")
        process.wait_for("payment.created .* attempt 1  -> 200")
        assert process.interrupt() == 0
    finally:
        process.kill()
        handler.kill()
    assert first_secret != second_secret.group(0)
    assert [r["verified"] for r in handler.records()] == [True, True]


def test_a_410_from_the_handler_disables_the_endpoint_and_listen_says_so(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    handler = Handler(tmp_path, "--statuses", "410")
    process = listen(sandbox.base_url, handler.url, "--events", "payment.created", *FAST)
    try:
        ready(process, handler)
        with sdk(sandbox) as client:
            client.payments.create(amount=100, currency="USD", source="test_success")
        process.wait_for("attempt 1  -> 410")
        notice = process.wait_for("^The sandbox disabled endpoint")
        assert process.interrupt() == 0
    finally:
        process.kill()
        handler.kill()
    assert "(gone)" in notice
    assert "status='enabled'" in notice


def test_poll_mode_forwards_new_events_once_re_signed_locally(
    sandbox: RunningSandbox, tmp_path: Path
) -> None:
    handler = Handler(tmp_path)
    with sdk(sandbox) as client:
        client.payments.create(amount=1, currency="USD", source="before_listen")
        process = listen(
            sandbox.base_url, handler.url, "--mode", "poll", "--events", "payment.created", *FAST
        )
        try:
            process.wait_for(r"^polling \(--mode poll\) listEvents every 0\.2 s instead\.$")
            banner = process.wait_for("LOCAL RE-SIGNING")
            process.wait_for("^Ready")
            secret = SECRET.search(banner)
            assert secret is not None
            handler.secret_file.write_text(secret.group(0))
            payment = client.payments.create(amount=2, currency="USD", source="test_pending")
            client.sandbox.settle_payment(payment.id, outcome="succeeded")
            process.wait_for("payment.created .* -> 200")
            [record] = handler.wait_for_records(1)
            assert process.interrupt() == 0
        finally:
            process.kill()
            handler.kill()
    assert record["verified"] is True
    assert json.loads(record["body"])["data"]["id"] == payment.id
    assert not any("payment.updated" in line for line in process.lines)


def test_listen_without_a_sandbox_exits_1_saying_what_to_do(tmp_path: Path) -> None:
    process = listen("http://127.0.0.1:9/v2", "http://127.0.0.1:9/hook")
    assert process.finish() == 1
    assert "cannot reach http://127.0.0.1:9/v2" in "\n".join(process.lines)
    assert "larkpay-sandbox" in "\n".join(process.lines)
