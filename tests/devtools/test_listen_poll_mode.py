"""Poll mode's Poller against a real sandbox: a lost place in listEvents is said, not flooded."""

from __future__ import annotations

import io

from larkpay import LarkpayClient
from larkpay_devtools.listen.forwarding import HandlerClient
from larkpay_devtools.listen.poll_mode import Poller, local_secret
from larkpay_devtools.listen.report import Printer
from larkpay_sandbox.testing import RunningSandbox, WebhookReceiver


def test_a_lost_cursor_forwards_nothing_and_says_so_then_polling_goes_on(
    sandbox: RunningSandbox,
) -> None:
    out = io.StringIO()
    with (
        LarkpayClient(sandbox.api_key, sandbox.api_secret, base_url=sandbox.base_url) as client,
        WebhookReceiver() as handler,
    ):
        forwarder = HandlerClient(handler.url, 5.0)
        try:
            poller = Poller(client, forwarder, ["*"], Printer(out), local_secret())
            client.payments.create(amount=5, currency="USD", source="test_success")
            poller.start()
            poller.cursor.newest = "evt_NotThereNotThereNotThere"
            assert poller.poll() == 0
            payment = client.payments.create(amount=6, currency="USD", source="test_success")
            assert poller.poll() == 1
        finally:
            forwarder.close()
        [delivery] = handler.deliveries
    assert "Lost my place in listEvents: event evt_NotThereNotThereNotThere is gone" in (
        out.getvalue()
    )
    assert payment.id in delivery.body.decode()
