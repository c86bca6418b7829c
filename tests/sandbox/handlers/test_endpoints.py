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
