"""Endpoint mode (a local sandbox): a temporary webhook endpoint pointing at the local receiver.

The session registers it, prints its secret, then probes it every few seconds: a sandbox that
stops answering is reported as lost (and the probing goes on); when it answers again the
endpoint is checked, and registered anew if the sandbox came back without it (a new database:
the new secret is printed). A disabled endpoint is reported, and so is a sandbox clock that
has moved (``larkpay clock advance``) past the 5-minute tolerance with which larkpay.Webhook
checks webhook-timestamps against this machine's clock. On exit the endpoint is deleted.
"""

from __future__ import annotations

import threading

from larkpay import APIConnectionError, APIError, LarkpayClient, NotFoundError

from larkpay_devtools.listen.report import Printer

DESCRIPTION = "larkpay listen (temporary; deleted when listen exits)"
TOLERANCE = 300.0
"""larkpay.Webhook's default tolerance, in seconds, for a webhook-timestamp's distance."""


class EndpointSession:
    """The temporary endpoint of one ``larkpay listen`` run."""

    def __init__(
        self, client: LarkpayClient, url: str, events: list[str], printer: Printer
    ) -> None:
        self.client = client
        self.url = url
        self.events = events
        self.printer = printer
        self.endpoint_id: str | None = None
        self._lost = False
        self._disabled_reason: str | None = None
        self._noted_offset = 0.0

    def register(self) -> None:
        """Create the endpoint and print its id and secret."""
        endpoint = self.client.webhook_endpoints.create(
            url=self.url, events=self.events, description=DESCRIPTION
        )
        self.endpoint_id = str(endpoint.id)
        self.printer.say(f"Webhook signing secret: {endpoint.secret}")
        self.printer.say(
            f"  (endpoint {endpoint.id} -> {self.url}, events: {', '.join(self.events)}); "
            "verify with larkpay.Webhook(secret)"
        )

    def watch(self, stop: threading.Event, interval: float) -> None:
        """Probe the endpoint every ``interval`` seconds until ``stop`` is set."""
        while not stop.wait(interval):
            self.probe()

    def probe(self) -> None:
        """Look at the endpoint once and report what changed."""
        assert self.endpoint_id is not None, "register() first"
        try:
            endpoint = self.client.webhook_endpoints.get(self.endpoint_id)
        except APIConnectionError as exc:
            if not self._lost:
                self._lost = True
                self.printer.say(
                    f"Lost the sandbox at {self.client.config.base_url} ({exc}); "
                    "deliveries cannot arrive. Waiting for it to come back..."
                )
            return
        except NotFoundError:
            self._back("without this endpoint")
            self.printer.say(
                f"Endpoint {self.endpoint_id} no longer exists (the sandbox restarted on a new "
                "database, or it was deleted); registering a new one. Your handler needs the "
                "NEW secret:"
            )
            self.register()
            return
        except APIError as exc:
            self.printer.say(f"Checking endpoint {self.endpoint_id} failed: {exc}")
            return
        self._back("with the endpoint in place")
        self.check_clock()
        reason = getattr(endpoint, "disabled_reason", None)
        if str(endpoint.status) == "disabled" and self._disabled_reason is None:
            self._disabled_reason = str(reason or "unknown")
            self.printer.say(
                f"The sandbox disabled endpoint {self.endpoint_id} ({self._disabled_reason}): no "
                "more deliveries will come. Enable it again with "
                f"client.webhook_endpoints.update({self.endpoint_id!r}, status='enabled'), or "
                "restart larkpay listen."
            )
        elif str(endpoint.status) == "enabled" and self._disabled_reason is not None:
            self._disabled_reason = None
            self.printer.say(f"Endpoint {self.endpoint_id} is enabled again.")

    def check_clock(self) -> None:
        """Say so when the sandbox's clock has moved more than the tolerance since last said:
        a handler verifying against this machine's clock would then reject every delivery."""
        offset = float(self.client.sandbox.get_clock().offset_seconds)
        if abs(offset - self._noted_offset) <= TOLERANCE:
            return
        self._noted_offset = offset
        self.printer.say(
            f"Note: the sandbox clock is now {offset:.0f} s ahead of this machine, so "
            "webhook-timestamps are outside larkpay.Webhook's 5-minute tolerance of this "
            "machine's clock: verify against the sandbox's, e.g. larkpay.Webhook(secret, "
            f"clock=lambda: time.time() + {offset:.0f}), or read it with "
            "client.sandbox.get_clock() (see the integration guide's webhook walk-through)."
        )

    def _back(self, how: str) -> None:
        if self._lost:
            self._lost = False
            self.printer.say(f"The sandbox is back, {how}.")

    def close(self) -> None:
        """Delete the endpoint (saying so, or saying why it could not be)."""
        if self.endpoint_id is None:
            return
        try:
            self.client.with_options(max_retries=0, timeout=5.0).webhook_endpoints.delete(
                self.endpoint_id
            )
        except NotFoundError:
            self.printer.say(f"Endpoint {self.endpoint_id} was already gone.")
        except APIError as exc:
            self.printer.say(f"Could not delete endpoint {self.endpoint_id}: {exc}")
        else:
            self.printer.say(f"Deleted endpoint {self.endpoint_id}.")
        self.endpoint_id = None
