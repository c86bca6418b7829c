"""Events: listing with type filter and pagination, get, deliveries, redeliver."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.sandbox.conftest import create_payment


def test_event_holds_the_object_after_the_change(client: TestClient) -> None:
    payment = create_payment(client).json()["data"]
    event = client.get("/events").json()["data"][0]
    assert event["object"] == "event"
    assert event["event"] == "payment.created"
    assert event["data"] == payment
    assert client.get(f"/events/{event['id']}").json()["data"] == event


def test_list_events_pages_without_repeats_while_new_events_arrive(client: TestClient) -> None:
    for _ in range(5):
        create_payment(client)
    seen: list[str] = []
    page = client.get("/events", params={"limit": 2}).json()
    while True:
        seen += [e["id"] for e in page["data"]]
        create_payment(client)  # a new event during paging must not shift the pages
        if not page["has_more"]:
            break
        page = client.get("/events", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert len(seen) == 5
    assert len(set(seen)) == 5


def test_unknown_event_is_404_and_malformed_id_400(client: TestClient) -> None:
    assert client.get("/events/evt_nothing").status_code == 404
    assert client.get("/events/bad").status_code == 400
    assert client.get("/events/evt_nothing/deliveries").status_code == 404


def test_deliveries_list_the_recorded_attempts(client: TestClient) -> None:
    create_payment(client)
    event_id = client.get("/events").json()["data"][0]["id"]
    app: Any = client.app
    store = app.sandbox.store
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO webhook_deliveries(id, event_id, endpoint_id, attempt, attempted_at,"
            " status_code, error, latency_ms, succeeded) VALUES (?,?,?,?,?,?,?,?,?)",
            ("del_1", event_id, "we_1", 1, "2026-01-01T00:00:00.000000Z", 500, None, 3.5, 0),
        )
    deliveries = client.get(f"/events/{event_id}/deliveries").json()["data"]
    assert deliveries == [
        {
            "id": "del_1",
            "object": "event_delivery",
            "event_id": event_id,
            "endpoint_id": "we_1",
            "attempt": 1,
            "attempted_at": "2026-01-01T00:00:00.000000Z",
            "status_code": 500,
            "error": None,
            "latency_ms": 3.5,
            "succeeded": False,
        }
    ]


def test_redeliver_queues_the_event_again_and_answers_202(client: TestClient) -> None:
    client.post("/webhook_endpoints", json={"url": "https://example.test/h", "events": ["*"]})
    create_payment(client)
    event = client.get("/events").json()["data"][0]
    response = client.post(f"/events/{event['id']}/redeliver")
    assert response.status_code == 202
    assert response.json()["data"] == event
    app: Any = client.app
    rows = app.sandbox.store.connection.execute(
        "SELECT COUNT(*) FROM webhook_outbox WHERE event_id=?", (event["id"],)
    ).fetchone()
    assert rows[0] == 2
