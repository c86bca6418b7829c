"""Webhook endpoints: create (with secret), list/get (without), update, delete, rotate."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from starlette.testclient import TestClient

SECRET = re.compile(r"whsec_[A-Za-z0-9+/]{43}=")


def _create(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"url": "https://example.test/hook", "events": ["*"], **fields}
    response = client.post("/webhook_endpoints", json=body)
    assert response.status_code == 201
    data: dict[str, Any] = response.json()["data"]
    return data


def _secrets(client: TestClient, endpoint_id: str) -> list[tuple[str, str | None]]:
    app: Any = client.app
    conn: sqlite3.Connection = app.sandbox.store.connection
    rows = conn.execute(
        "SELECT secret, expires_at FROM webhook_secrets WHERE endpoint_id=? ORDER BY rowid",
        (endpoint_id,),
    ).fetchall()
    return [(str(secret), expires) for secret, expires in rows]


def test_create_endpoint_shows_secret_once(client: TestClient) -> None:
    endpoint = _create(client, description="orders")
    assert SECRET.fullmatch(endpoint["secret"])
    assert endpoint["status"] == "enabled"
    fetched = client.get(f"/webhook_endpoints/{endpoint['id']}").json()["data"]
    assert "secret" not in fetched
    assert fetched == {k: v for k, v in endpoint.items() if k != "secret"}
    listed = client.get("/webhook_endpoints").json()["data"]
    assert all("secret" not in item for item in listed)


def test_create_endpoint_rejects_non_http_url_and_unknown_event(client: TestClient) -> None:
    bad_url = client.post("/webhook_endpoints", json={"url": "ftp://x.test/a", "events": ["*"]})
    assert bad_url.status_code == 400
    bad_event = client.post(
        "/webhook_endpoints", json={"url": "https://x.test/a", "events": ["payment.exploded"]}
    )
    assert bad_event.status_code == 400


def test_update_endpoint_changes_fields(client: TestClient) -> None:
    endpoint = _create(client)
    response = client.patch(
        f"/webhook_endpoints/{endpoint['id']}",
        json={"status": "disabled", "events": ["refund.created"], "description": None},
    )
    assert response.status_code == 200
    updated = response.json()["data"]
    assert updated["status"] == "disabled"
    assert updated["events"] == ["refund.created"]


def test_delete_endpoint_then_404(client: TestClient) -> None:
    endpoint = _create(client)
    response = client.delete(f"/webhook_endpoints/{endpoint['id']}")
    assert response.json()["data"] == {
        "id": endpoint["id"],
        "object": "webhook_endpoint",
        "deleted": True,
    }
    assert client.delete(f"/webhook_endpoints/{endpoint['id']}").status_code == 404
    assert client.get(f"/webhook_endpoints/{endpoint['id']}").status_code == 404
    assert client.get("/webhook_endpoints").json()["data"] == []


def test_rotate_secret_keeps_old_secret_for_the_overlap(client: TestClient) -> None:
    endpoint = _create(client)
    response = client.post(
        f"/webhook_endpoints/{endpoint['id']}/rotate_secret", json={"overlap_seconds": 3600}
    )
    assert response.status_code == 200
    new_secret = response.json()["data"]["secret"]
    assert SECRET.fullmatch(new_secret)
    assert new_secret != endpoint["secret"]
    secrets = _secrets(client, endpoint["id"])
    assert secrets[0][0] == endpoint["secret"]
    assert secrets[0][1] is not None
    assert secrets[1] == (new_secret, None)


def test_rotate_secret_with_zero_overlap_retires_the_old_secret_now(client: TestClient) -> None:
    endpoint = _create(client)
    client.post(f"/webhook_endpoints/{endpoint['id']}/rotate_secret", json={"overlap_seconds": 0})
    old_expiry = _secrets(client, endpoint["id"])[0][1]
    new_expiry = _secrets(client, endpoint["id"])[1][1]
    assert old_expiry is not None
    assert new_expiry is None


def test_event_queues_outbox_rows_only_for_matching_enabled_endpoints(
    client: TestClient,
) -> None:
    wants_all = _create(client)
    wants_refunds = _create(client, events=["refund.created"])
    disabled = _create(client)
    client.patch(f"/webhook_endpoints/{disabled['id']}", json={"status": "disabled"})
    client.post("/payments", json={"amount": 5, "currency": "USD", "source": "x"})
    app: Any = client.app
    rows = app.sandbox.store.connection.execute(
        "SELECT o.endpoint_id FROM webhook_outbox o JOIN events e ON e.id = o.event_id"
        " WHERE e.type = 'payment.created'"
    ).fetchall()
    assert [row[0] for row in rows] == [wants_all["id"]]
    assert wants_refunds["id"] not in [row[0] for row in rows]


def _events_of(client: TestClient, event_type: str) -> list[dict[str, Any]]:
    page = client.get("/events", params={"event": event_type, "limit": 100}).json()
    found: list[dict[str, Any]] = page["data"]
    return found


def _queued_for(client: TestClient, endpoint_id: str) -> list[tuple[str, str]]:
    app: Any = client.app
    rows = app.sandbox.store.connection.execute(
        "SELECT event_id, state FROM webhook_outbox WHERE endpoint_id=? ORDER BY id",
        (endpoint_id,),
    ).fetchall()
    return [(str(event_id), str(state)) for event_id, state in rows]


def test_an_endpoint_is_enabled_with_no_disabled_reason(client: TestClient) -> None:
    endpoint = _create(client)
    assert endpoint["disabled_reason"] is None
    fetched = client.get(f"/webhook_endpoints/{endpoint['id']}").json()["data"]
    assert fetched["disabled_reason"] is None


def test_patch_disabled_is_manual_cancels_queued_deliveries_and_tells_the_others(
    client: TestClient,
) -> None:
    target = _create(client, url="http://127.0.0.1:9/never")
    watcher = _create(client, events=["webhook_endpoint.disabled"])
    client.post("/payments", json={"amount": 5, "currency": "USD", "source": "x"})
    response = client.patch(f"/webhook_endpoints/{target['id']}", json={"status": "disabled"})
    assert response.status_code == 200
    updated = response.json()["data"]
    assert (updated["status"], updated["disabled_reason"]) == ("disabled", "manual")
    assert {state for _, state in _queued_for(client, target["id"])} == {"canceled"}
    [event] = _events_of(client, "webhook_endpoint.disabled")
    assert event["data"] == updated
    assert [event_id for event_id, _ in _queued_for(client, watcher["id"])] == [event["id"]]
    again = client.patch(f"/webhook_endpoints/{target['id']}", json={"status": "disabled"})
    assert again.json()["data"]["disabled_reason"] == "manual"
    assert len(_events_of(client, "webhook_endpoint.disabled")) == 1


def test_patch_enabled_turns_a_disabled_endpoint_back_on(client: TestClient) -> None:
    endpoint = _create(client)
    client.patch(f"/webhook_endpoints/{endpoint['id']}", json={"status": "disabled"})
    response = client.patch(
        f"/webhook_endpoints/{endpoint['id']}", json={"status": "enabled", "description": "back"}
    )
    updated = response.json()["data"]
    assert (updated["status"], updated["disabled_reason"]) == ("enabled", None)
    assert updated["description"] == "back"
    client.post("/payments", json={"amount": 5, "currency": "USD", "source": "x"})
    assert [state for _, state in _queued_for(client, endpoint["id"])] == ["pending"]


def test_replay_queues_the_selected_events_since_a_time_oldest_first(client: TestClient) -> None:
    payment = {"amount": 5, "currency": "USD", "source": "x"}
    client.post("/payments", json=payment)
    since = client.get("/sandbox/clock").json()["data"]["time"]
    second = client.post("/payments", json=payment).json()["data"]
    client.post(f"/payments/{second['id']}/refunds", json={})
    endpoint = _create(client, events=["payment.created", "refund.created"])
    response = client.post(f"/webhook_endpoints/{endpoint['id']}/replay", json={"since": since})
    assert response.status_code == 202
    reply = response.json()["data"]
    assert reply == {
        "object": "webhook_replay",
        "endpoint_id": endpoint["id"],
        "since": since,
        "queued": 2,
    }
    created = _events_of(client, "payment.created")[0]
    refunded = _events_of(client, "refund.created")[0]
    assert _queued_for(client, endpoint["id"]) == [
        (created["id"], "pending"),
        (refunded["id"], "pending"),
    ]


def test_replay_to_a_disabled_endpoint_is_refused_until_it_is_enabled(client: TestClient) -> None:
    endpoint = _create(client)
    client.patch(f"/webhook_endpoints/{endpoint['id']}", json={"status": "disabled"})
    path = f"/webhook_endpoints/{endpoint['id']}/replay"
    response = client.post(path, json={"since": "2020-01-01T00:00:00Z"})
    assert response.status_code == 409
    assert "enable it" in response.json()["error"]["message"]
    assert (
        client.post(
            path.replace(endpoint["id"], "we_nope"), json={"since": "2020-01-01T00:00:00Z"}
        ).status_code
        == 404
    )


def test_deleting_an_endpoint_cancels_its_queued_deliveries(client: TestClient) -> None:
    endpoint = _create(client, url="http://127.0.0.1:9/never")
    client.post("/payments", json={"amount": 5, "currency": "USD", "source": "x"})
    assert client.delete(f"/webhook_endpoints/{endpoint['id']}").status_code == 200
    assert {state for _, state in _queued_for(client, endpoint["id"])} == {"canceled"}
