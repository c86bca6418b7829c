"""Layer 3: the model-based layer. A hypothesis rule-based state machine drives payments and
refunds through the SDK beside a model (:mod:`~larkpay_conformance.model.model`) and checks, after
every step, what the server says against it.

The rules come from three mixins: money (:mod:`~larkpay_conformance.model.machine_money`: create,
get, update, cancel, settle, refund and the refund limit), protocol
(:mod:`~larkpay_conformance.model.machine_protocol`: replays, reused keys, 429, overlapping keys,
credentials, bodies, methods) and views (:mod:`~larkpay_conformance.model.machine_views`: listings,
the event log, another tenant). On a sandbox each run works in a tenant of its own, so lists
and the event log must hold exactly what the model says.
"""

from __future__ import annotations

from hypothesis.stateful import RuleBasedStateMachine, invariant

from larkpay_conformance.model.machine_base import MachineContext
from larkpay_conformance.model.machine_money import MoneyRules
from larkpay_conformance.model.machine_protocol import ProtocolRules
from larkpay_conformance.model.machine_views import ViewRules


def build_machine(context: MachineContext) -> type[RuleBasedStateMachine]:
    """A state machine class bound to ``context``."""

    class PaymentWorkflows(MoneyRules, ProtocolRules, ViewRules):
        ctx = context

        @invariant()
        def the_server_agrees_with_the_model(self) -> None:
            self.server_agrees()
            self.every_few_steps()

    return PaymentWorkflows
