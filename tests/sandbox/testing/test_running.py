"""running_sandbox and the process: durability across kill -9, settle on restart, SIGTERM drain."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from larkpay_sandbox.testing import running_sandbox

BODY = {"amount": 100, "currency": "USD", "source": "test_success"}


def test_running_sandbox_answers_health_and_prints_the_banner() -> None:
    with running_sandbox() as sandbox:
        assert httpx.get(sandbox.base_url + "/health").status_code == 200
        assert f"Larkpay sandbox: {sandbox.base_url}" in sandbox.log()
        assert sandbox.api_key in sandbox.log()
    assert sandbox.process.poll() is not None


@pytest.mark.slow
def test_acknowledged_writes_survive_kill_9_and_due_payments_settle_on_restart() -> None:
    with running_sandbox(rate_limit=0, settle_delay=1.0) as sandbox:
        headers = {"Authorization": sandbox.auth_header}
        with httpx.Client(base_url=sandbox.base_url, headers=headers) as client:
            created = [client.post("/payments", json=BODY).json()["data"]["id"] for _ in range(30)]
            pending = client.post("/payments", json={**BODY, "source": "test_pending"}).json()
        sandbox.kill_hard()
        time.sleep(1.1)  # the pending payment becomes due while the process is dead
        sandbox.restart()
        with httpx.Client(base_url=sandbox.base_url, headers=headers) as client:
            for payment_id in created:
                assert client.get(f"/payments/{payment_id}").status_code == 200
            payment = client.get(f"/payments/{pending['data']['id']}").json()["data"]
            assert payment["status"] == "succeeded"


@pytest.mark.slow
def test_sigterm_drains_an_in_flight_request_and_exits_0() -> None:
    with running_sandbox(rate_limit=0, slow_delay=1.0) as sandbox:
        headers = {"Authorization": sandbox.auth_header, "Idempotency-Key": "drain-1"}
        results: list[int] = []

        def slow_request() -> None:
            response = httpx.post(
                sandbox.base_url + "/payments",
                json={**BODY, "source": "test_slow"},
                headers=headers,
                timeout=10,
            )
            results.append(response.status_code)

        worker = threading.Thread(target=slow_request)
        worker.start()
        # The same key answers 409 IDEMPOTENCY_IN_PROGRESS exactly while the slow request is
        # being handled; until it arrives, test_rate_limited answers 429 and creates nothing.
        probe = {**BODY, "source": "test_rate_limited"}
        deadline = time.monotonic() + 10
        while (
            httpx.post(sandbox.base_url + "/payments", json=probe, headers=headers).status_code
            != 409
        ):
            assert time.monotonic() < deadline, "the slow request never got in flight"
        exit_code = sandbox.terminate()
        worker.join()
        assert results == [201]
        assert exit_code == 0
