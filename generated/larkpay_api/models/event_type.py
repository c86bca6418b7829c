from enum import StrEnum


class EventType(StrEnum):
    PAYMENT_CREATED = "payment.created"
    PAYMENT_UPDATED = "payment.updated"
    REFUND_CREATED = "refund.created"
    REFUND_UPDATED = "refund.updated"

    def __str__(self) -> str:
        return str(self.value)
