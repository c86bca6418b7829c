"""The test clock and endpoint health: 410 and failing endpoints disabled during an advance,
and a replay that joins a delivery's pending retries instead of starting a second chain."""

from __future__ import annotations

import json

from larkpay_sandbox.testing import WebhookReceiver
from standardwebhooks.webhooks import Webhook
from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment, make_client
from tests.sandbox.timeline.conftest import advance, endpoint


def test_a_410_disables_the_endpoint_and_the_other_endpoints_hear_of_it(
    sandbox: TestClient,
) -> None:
    with WebhookReceiver(statuses=[410]) as gone, WebhookReceiver() as other:
        doomed = endpoint(sandbox, gone.url, ["payment.created"])
        watcher = endpoint(sandbox, other.url, ["webhook_endpoint.disabled"])
        create_payment(sandbox)
        gone.wait_for(count=1)
        other.wait_for(count=1)
        data = advance(sandbox, seconds=600)
        assert len(gone.deliveries) == 1
        [notice] = other.deliveries
    event = json.loads(notice.body)
    assert event["event"] == "webhook_endpoint.disabled"
    assert (event["data"]["id"], event["data"]["disabled_reason"]) == (doomed["id"], "gone")
    Webhook(watcher["secret"]).verify(notice.body, notice.headers)  # type: ignore[no-untyped-call]
    state = sandbox.get(f"/webhook_endpoints/{doomed['id']}").json()["data"]
    assert (state["status"], state["disabled_reason"]) == ("disabled", "gone")
    assert data["counts"]["delivery_attempt"] == 0


def test_failing_for_the_period_disables_the_endpoint_during_an_advance() -> None:
    with (
        make_client(retry_schedule=(3600.0, 3600.0), failing_endpoint_period=7200.0) as sandbox,
        WebhookReceiver(fail_rate=1.0) as broken,
        WebhookReceiver() as other,
    ):
        hook = endpoint(sandbox, broken.url, ["payment.created"])
        endpoint(sandbox, other.url, ["webhook_endpoint.disabled"])
        create_payment(sandbox)
        broken.wait_for(count=1)
        data = advance(sandbox, seconds=3 * 3600)
        other.wait_for(count=1)
        assert len(broken.deliveries) == 3
        state = sandbox.get(f"/webhook_endpoints/{hook['id']}").json()["data"]
    assert (state["status"], state["disabled_reason"]) == ("disabled", "failing")
    kinds = [step["kind"] for step in data["ran"]]
    assert kinds == [
        "delivery_attempt",
        "delivery_attempt",
        "endpoint_disabled",
        "delivery_attempt",
    ]
    third, disabled, notice = data["ran"][1:]
    assert disabled == {
        "kind": "endpoint_disabled",
        "at": third["at"],
        "endpoint_id": hook["id"],
        "reason": "failing",
    }
    assert (notice["at"], notice["status_code"]) == (third["at"], 204)


def test_a_replay_during_pending_retries_moves_them_up_without_a_second_chain(
    sandbox: TestClient,
) -> None:
    with WebhookReceiver(fail_first=2) as flaky:
        hook = endpoint(sandbox, flaky.url, ["payment.created"])
        create_payment(sandbox)
        flaky.wait_for(count=1)
        replayed = sandbox.post(
            f"/webhook_endpoints/{hook['id']}/replay", json={"since": "2000-01-01T00:00:00Z"}
        )
        assert replayed.json()["data"]["queued"] == 1
        flaky.wait_for(count=2)
        data = advance(sandbox, seconds=600)
        deliveries = flaky.deliveries
    assert [d.answered for d in deliveries] == [500, 500, 204]
    stamps = [int(d.headers["webhook-timestamp"]) for d in deliveries]
    assert stamps == sorted(stamps)
    event_id = deliveries[0].webhook_id
    recorded = sandbox.get(f"/events/{event_id}/deliveries").json()["data"]
    by_time = sorted(recorded, key=lambda d: (d["attempted_at"], d["attempt"]))
    assert [d["attempt"] for d in by_time] == [1, 2, 3]
    assert [s["attempt"] for s in data["ran"] if s["kind"] == "delivery_attempt"] == [3]
