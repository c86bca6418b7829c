from enum import StrEnum


class WebhookEventSelectionItem(StrEnum):
    PAYMENT_CREATED = "payment.created"
    PAYMENT_UPDATED = "payment.updated"
    REFUND_CREATED = "refund.created"
    REFUND_UPDATED = "refund.updated"
    VALUE_0 = "*"
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled"

    def __str__(self) -> str:
        return str(self.value)
