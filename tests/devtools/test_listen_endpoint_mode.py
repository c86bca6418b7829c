"""listen's endpoint session against a real sandbox: what it says as the sandbox's clock moves."""

from __future__ import annotations

import io

from larkpay import LarkpayClient
from larkpay_devtools.listen.endpoint_mode import EndpointSession
from larkpay_devtools.listen.report import Printer
from larkpay_sandbox.testing import RunningSandbox


def test_probe_notes_each_advance_past_the_tolerance_once_with_the_offset(
    sandbox: RunningSandbox,
) -> None:
    out = io.StringIO()
    with LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url) as client:
        session = EndpointSession(client, "http://127.0.0.1:9/hook", ["*"], Printer(out))
        session.register()
        try:
            session.probe()
            assert "clock" not in out.getvalue()
            client.sandbox.advance_clock(seconds=3600)
            session.probe()
            session.probe()
            offset = float(client.sandbox.get_clock().offset_seconds)
            client.sandbox.advance_clock(seconds=60)
            session.probe()
            client.sandbox.advance_clock(seconds=7200)
            session.probe()
        finally:
            session.close()
    notes = [line for line in out.getvalue().splitlines() if "sandbox clock is now" in line]
    assert len(notes) == 2, out.getvalue()
    assert f"now {offset:.0f} s ahead" in notes[0]
    assert f"clock=lambda: time.time() + {offset:.0f})" in notes[0]
    assert f"now {offset + 7260:.0f} s ahead" in notes[1]
