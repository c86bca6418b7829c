"""Endpoint mode (a local sandbox): a temporary webhook endpoint pointing at the local receiver.

The session registers it, prints its secret, then probes it every few seconds: a sandbox that
stops answering is reported as lost (and the probing goes on); when it answers again the
endpoint is checked, and registered anew if the sandbox came back without it (a new database:
the new secret is printed). A disabled endpoint is reported. On exit the endpoint is deleted.
"""

from __future__ import annotations

import threading

from larkpay import APIConnectionError, APIError, LarkpayClient, NotFoundError

from larkpay_devtools.listen.report import Printer

DESCRIPTION = "larkpay listen (temporary; deleted when listen exits)"


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
