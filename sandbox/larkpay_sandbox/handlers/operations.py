"""The handler of every operationId of the spec."""

from __future__ import annotations

from larkpay_sandbox.handlers import clock, endpoints, events, payments, refunds
from larkpay_sandbox.handlers.health import health_handler
from larkpay_sandbox.server.contract import Handler


def operation_handlers(version: str) -> dict[str, Handler]:
    """Every operationId mapped to its handler; ``version`` is the spec's, shown by getHealth."""
    return {
        "createPayment": payments.create_payment,
        "getPayment": payments.get_payment,
        "listPayments": payments.list_payments,
        "updatePayment": payments.update_payment,
        "cancelPayment": payments.cancel_payment,
        "settlePayment": payments.settle_payment,
        "createRefund": refunds.create_refund,
        "listRefunds": refunds.list_refunds,
        "getRefund": refunds.get_refund,
        "createWebhookEndpoint": endpoints.create_endpoint,
        "listWebhookEndpoints": endpoints.list_endpoints,
        "getWebhookEndpoint": endpoints.get_endpoint,
        "updateWebhookEndpoint": endpoints.update_endpoint,
        "deleteWebhookEndpoint": endpoints.delete_endpoint,
        "rotateWebhookSecret": endpoints.rotate_secret,
        "replayWebhookEndpoint": endpoints.replay_endpoint,
        "listEvents": events.list_events,
        "getEvent": events.get_event,
        "listEventDeliveries": events.list_deliveries,
        "redeliverEvent": events.redeliver_event,
        "getClock": clock.get_clock,
        "advanceClock": clock.advance_clock,
        "getHealth": health_handler(version),
    }
