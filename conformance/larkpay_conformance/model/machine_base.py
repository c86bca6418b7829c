"""The base of the model-based state machine: where it runs (a tenant of its own on a sandbox,
so every list and event log holds only what the machine did), the model of each payment, the
events every change must have fired, and helpers shared by the rule mixins.

Check names (as failure records carry them): ``larkpay_model_payment`` (objects as answered),
``larkpay_model_refunds``, ``larkpay_model_transitions``, ``larkpay_model_idempotency``,
``larkpay_model_listing``, ``larkpay_model_events``, ``larkpay_model_auth``,
``larkpay_model_tenants``, ``larkpay_model_rate_limited``, ``larkpay_model_methods``,
``larkpay_model_bad_request`` and ``larkpay_model_request_ids``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from hypothesis.stateful import Bundle, RuleBasedStateMachine

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.deployment.tenants import private_tenant
from larkpay_conformance.model.model import PaymentModel, compare_payment
from larkpay_conformance.record.stats import Recorder, ran
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.event_log import Expected
from larkpay_conformance.steps.flows import expect_answer

PAYMENT = "larkpay_model_payment"
REFUNDS = "larkpay_model_refunds"
TRANSITIONS = "larkpay_model_transitions"
IDEMPOTENCY = "larkpay_model_idempotency"
LISTING = "larkpay_model_listing"
EVENTS = "larkpay_model_events"
AUTH = "larkpay_model_auth"
TENANTS = "larkpay_model_tenants"
RATE_LIMITED = "larkpay_model_rate_limited"
METHODS = "larkpay_model_methods"
BAD_REQUEST = "larkpay_model_bad_request"

PAYMENTS = Bundle("payments")


@dataclass
class MachineContext:
    """What every run of the machine is bound to."""

    target: Target
    recorder: Recorder
    #: the run's own credentials (the other tenant of a private machine)
    shared: Api
    #: scenario sources, settle and the sandbox-only rules
    sandbox_ops: bool
    #: each path of the spec and its methods
    allows: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class LastChange:
    """The last change the machine sent: enough to send it again with its key."""

    operation: str
    method: str
    path: str
    body: dict[str, Any] | None
    key: str
    reply: Reply
    payment_id: str | None


class MachineBase(RuleBasedStateMachine):
    """State shared by the rule mixins; ``ctx`` is set by ``build_machine``."""

    ctx: ClassVar[MachineContext]

    def __init__(self) -> None:
        super().__init__()
        tenant = private_tenant(self.ctx.target) if self.ctx.sandbox_ops else None
        self.private = tenant is not None
        self.api = Api(tenant, self.ctx.recorder, "workflows") if tenant else self.ctx.shared
        #: the other tenant: the run's key for a private machine, else the second pair if any
        second = self.ctx.target.second_tenant
        self.other: Api | None = self.ctx.shared if tenant else None
        if self.other is None and second is not None:
            self.other = Api(second, self.ctx.recorder, "workflows")
        self.api.transport.unique_request_ids = set()
        self.models: dict[str, PaymentModel] = {}
        #: every event the machine's changes must have fired, oldest first
        self.expected: list[Expected] = []
        self.last_change: LastChange | None = None
        self.touched: str | None = None
        #: events of the log already fetched one by one with getEvent
        self.events_checked = 0
        #: Idempotency-Keys of this machine the other tenant has sent already
        self.keys_used_by_other: set[str] = set()
        #: steps that ended without a failure (the invariant counts them)
        self.steps_done = 0
        #: whether this run has drawn its one in-progress check (it depends on draws only)
        self.overlap_drawn = False

    def teardown(self) -> None:
        if self.private:
            self.api.close()
        if self.other is not None and self.other is not self.ctx.shared:
            self.other.close()

    # --- helpers --------------------------------------------------------------------------
    def fired(self, event: str, data: dict[str, Any]) -> None:
        """Note an event a change must have fired with ``data``."""
        self.expected.append(Expected(event, dict(data)))

    def settled_unseen(self, model: PaymentModel, status: str) -> None:
        """A payment settled on its own just before a change of ours reached the server: its
        payment.updated came first, with an object the machine never saw."""
        model.status = status
        self.expected.append(Expected("payment.updated", {"id": model.id}, exact=False))

    def get(self, model: PaymentModel, check: str, context: str) -> dict[str, Any]:
        """GET the payment, compare it with the model (it may settle on its own: that event is
        then expected too), and return it."""
        was = model.status
        reply = expect_answer(self.api.get_payment(model.id), 200, None, check, context)
        compare_payment(model, reply, check, context)
        if model.status != was:
            self.fired("payment.updated", reply.data)
        return dict(reply.data)

    def refresh(self, model: PaymentModel) -> None:
        """Re-read a payment whose status may have settled on its own."""
        if model.may_settle:
            self.get(model, PAYMENT, "get after settling")

    def changed(
        self,
        operation: str,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        key: str,
        reply: Reply,
        payment_id: str | None,
    ) -> None:
        """Remember a change just sent (for the replay and reuse rules)."""
        self.last_change = LastChange(operation, method, path, body, key, reply, payment_id)
        self.touched = payment_id

    def server_agrees(self) -> None:
        """The last payment touched is, on the server, what the model says (amount_refunded
        never above the amount, as the server counts it)."""
        model = self.models.get(self.touched or "")
        if model is None:
            return
        ran(REFUNDS)
        payment = self.get(model, REFUNDS, "the payment the last step touched")
        if not 0 <= payment["amount_refunded"] <= payment["amount"]:
            raise self.api.get_payment(model.id).fail(
                REFUNDS, f"the server says amount_refunded {payment['amount_refunded']}"
            )
