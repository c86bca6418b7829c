"""The model the business-rule state machine keeps beside the service: what each payment must
look like, given what create, update, cancel, settle and refund said."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from larkpay_conformance.checks.object_checks import parse_time
from larkpay_conformance.sdk.reply import Reply

#: Payments whose status may still move without a call from us (auto-settling scenarios), and
#: the status each settles to.
SETTLING_SOURCES = {"test_pending": "succeeded", "test_pending_failure": "failed"}


@dataclass
class PaymentModel:
    """What the suite knows about one payment."""

    id: str
    amount: int
    currency: str
    source: str
    description: str | None
    metadata: dict[str, str]
    status: str
    amount_refunded: int = 0
    refund_ids: list[str] = field(default_factory=list)
    #: the whole payment as the API last answered a change to it (None: not known yet)
    last: dict[str, Any] | None = None

    @property
    def remaining(self) -> int:
        """What can still be refunded."""
        return self.amount - self.amount_refunded

    @property
    def may_settle(self) -> bool:
        """Whether the sandbox may still change the status on its own."""
        return self.status == "pending" and self.source in SETTLING_SOURCES

    @classmethod
    def from_create(cls, body: dict[str, Any], data: dict[str, Any]) -> PaymentModel:
        """The model of a payment just created from ``body``."""
        return cls(
            id=data["id"],
            amount=body["amount"],
            currency=body["currency"],
            source=body["source"],
            description=body.get("description"),
            metadata=dict(body.get("metadata") or {}),
            status=data["status"],
        )


def compare_payment(
    model: PaymentModel, reply: Reply, check: str, context: str, *, change: bool = False
) -> None:
    """Raise unless the payment in ``reply`` agrees with the model (status may settle).

    A read must equal the last answer about the payment field by field; ``change`` marks the
    answer of a change, which becomes that last answer."""
    data = reply.data
    expected: dict[str, Any] = {
        "id": model.id,
        "object": "payment",
        "amount": model.amount,
        "currency": model.currency,
        "source": model.source,
        "description": model.description,
        "metadata": model.metadata,
        "amount_refunded": model.amount_refunded,
    }
    wrong = {k: (v, data.get(k)) for k, v in expected.items() if data.get(k) != v}
    if wrong:
        detail = "; ".join(f"{k}: expected {exp!r}, got {got!r}" for k, (exp, got) in wrong.items())
        raise reply.fail(check, f"{context}: {detail}")
    status = data.get("status")
    if status != model.status:
        if model.may_settle and status == SETTLING_SOURCES[model.source]:
            model.status = status
            model.last = dict(data)  # it settled on its own: this is its new state
        else:
            raise reply.fail(check, f"{context}: status {status!r}, expected {model.status!r}")
    if change:
        _moves_forward(model, reply, check, context)
        model.last = dict(data)
    elif model.last is not None and data != model.last:
        last = model.last
        fields = sorted(k for k in set(data) | set(last) if data.get(k) != last.get(k))
        raise reply.fail(
            check, f"{context}: differs from the last answer about it in {', '.join(fields)}"
        )


def _moves_forward(model: PaymentModel, reply: Reply, check: str, context: str) -> None:
    """A change moves updated_at forward (the first answer about a payment has nothing before)."""
    before = parse_time(model.last.get("updated_at")) if model.last else None
    after = parse_time(reply.data.get("updated_at"))
    if before is not None and after is not None and after <= before and reply.data != model.last:
        raise reply.fail(
            check, f"{context}: updated_at {reply.data['updated_at']} did not move forward"
        )
