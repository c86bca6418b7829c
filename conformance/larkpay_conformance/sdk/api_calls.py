"""One method per API operation, each an SDK call through :meth:`OperationCalls.sdk` (which
:class:`larkpay_conformance.sdk.api.Api` implements: it checks every exchange and returns a reply).
POST and PATCH calls send a fresh Idempotency-Key unless one is given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import larkpay

from larkpay_conformance.sdk.reply import Reply


class OperationCalls:
    """The API's operations as checked SDK calls."""

    def sdk(self, operation: str, call: Callable[[larkpay.LarkpayClient], Any]) -> Reply:
        """Run one SDK call and return its reply (see ``Api.sdk``)."""
        raise NotImplementedError

    def new_key(self) -> str:
        """A fresh Idempotency-Key."""
        raise NotImplementedError

    # --- payments --------------------------------------------------------------------------
    def create_payment(self, body: dict[str, Any], key: str | None = None) -> Reply:
        """payments.create (a fresh Idempotency-Key unless one is given)."""
        idem = key or self.new_key()
        return self.sdk("createPayment", lambda c: c.payments.create(**body, idempotency_key=idem))

    def get_payment(self, payment_id: str) -> Reply:
        """payments.get."""
        return self.sdk("getPayment", lambda c: c.payments.get(payment_id))

    def update_payment(
        self, payment_id: str, body: dict[str, Any], key: str | None = None
    ) -> Reply:
        """payments.update."""
        idem = key or self.new_key()
        return self.sdk(
            "updatePayment", lambda c: c.payments.update(payment_id, **body, idempotency_key=idem)
        )

    def cancel_payment(self, payment_id: str, key: str | None = None) -> Reply:
        """payments.cancel."""
        idem = key or self.new_key()
        return self.sdk(
            "cancelPayment", lambda c: c.payments.cancel(payment_id, idempotency_key=idem)
        )

    def list_payments(self, **params: Any) -> Reply:
        """payments.list."""
        return self.sdk("listPayments", lambda c: c.payments.list(**params))

    def settle_payment(self, payment_id: str, outcome: str, key: str | None = None) -> Reply:
        """sandbox.settle_payment (sandbox only)."""
        idem = key or self.new_key()
        return self.sdk(
            "settlePayment",
            lambda c: c.sandbox.settle_payment(payment_id, outcome=outcome, idempotency_key=idem),
        )

    # --- refunds ---------------------------------------------------------------------------
    def create_refund(self, payment_id: str, body: dict[str, Any], key: str | None = None) -> Reply:
        """refunds.create."""
        idem = key or self.new_key()
        return self.sdk(
            "createRefund", lambda c: c.refunds.create(payment_id, **body, idempotency_key=idem)
        )

    def list_refunds(self, payment_id: str, **params: Any) -> Reply:
        """refunds.list."""
        return self.sdk("listRefunds", lambda c: c.refunds.list(payment_id, **params))

    def get_refund(self, refund_id: str) -> Reply:
        """refunds.get."""
        return self.sdk("getRefund", lambda c: c.refunds.get(refund_id))

    # --- webhooks and events ---------------------------------------------------------------
    def create_endpoint(self, body: dict[str, Any]) -> Reply:
        """webhook_endpoints.create."""
        idem = self.new_key()
        return self.sdk(
            "createWebhookEndpoint",
            lambda c: c.webhook_endpoints.create(**body, idempotency_key=idem),
        )

    def delete_endpoint(self, endpoint_id: str) -> Reply:
        """webhook_endpoints.delete."""
        return self.sdk("deleteWebhookEndpoint", lambda c: c.webhook_endpoints.delete(endpoint_id))

    def rotate_secret(self, endpoint_id: str, body: dict[str, Any]) -> Reply:
        """webhook_endpoints.rotate_secret."""
        idem = self.new_key()
        return self.sdk(
            "rotateWebhookSecret",
            lambda c: c.webhook_endpoints.rotate_secret(endpoint_id, **body, idempotency_key=idem),
        )

    def list_events(self, **params: Any) -> Reply:
        """events.list."""
        return self.sdk("listEvents", lambda c: c.events.list(**params))

    def redeliver(self, event_id: str) -> Reply:
        """events.redeliver."""
        idem = self.new_key()
        return self.sdk(
            "redeliverEvent", lambda c: c.events.redeliver(event_id, idempotency_key=idem)
        )

    def deliveries(self, event_id: str) -> Reply:
        """events.list_deliveries."""
        return self.sdk(
            "listEventDeliveries", lambda c: c.events.list_deliveries(event_id, limit=100)
        )

    def list_endpoints(self, **params: Any) -> Reply:
        """webhook_endpoints.list."""
        return self.sdk("listWebhookEndpoints", lambda c: c.webhook_endpoints.list(**params))

    def get_endpoint(self, endpoint_id: str) -> Reply:
        """webhook_endpoints.get."""
        return self.sdk("getWebhookEndpoint", lambda c: c.webhook_endpoints.get(endpoint_id))

    def update_endpoint(self, endpoint_id: str, body: dict[str, Any]) -> Reply:
        """webhook_endpoints.update."""
        idem = self.new_key()
        return self.sdk(
            "updateWebhookEndpoint",
            lambda c: c.webhook_endpoints.update(endpoint_id, **body, idempotency_key=idem),
        )

    def get_event(self, event_id: str) -> Reply:
        """events.get."""
        return self.sdk("getEvent", lambda c: c.events.get(event_id))

    def list_deliveries(self, event_id: str, **params: Any) -> Reply:
        """events.list_deliveries with paging parameters."""
        return self.sdk(
            "listEventDeliveries", lambda c: c.events.list_deliveries(event_id, **params)
        )

    def create_api_key(self, description: str | None = None) -> Reply:
        """sandbox.create_api_key (sandbox only)."""
        idem = self.new_key()
        return self.sdk(
            "createApiKey",
            lambda c: c.sandbox.create_api_key(description=description, idempotency_key=idem),
        )
