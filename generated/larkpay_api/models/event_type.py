from enum import StrEnum


class EventType(StrEnum):
    PAYMENT_CREATED = "payment.created"
    PAYMENT_UPDATED = "payment.updated"
    REFUND_CREATED = "refund.created"
    REFUND_UPDATED = "refund.updated"
    WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled"

    def __str__(self) -> str:
        return str(self.value)
