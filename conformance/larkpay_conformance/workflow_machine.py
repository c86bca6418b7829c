"""Layer 3: a hypothesis rule-based state machine that drives payments and refunds and checks
them against :class:`~larkpay_conformance.model.PaymentModel`.

Invariants: a get returns what create and update said; refunds never exceed the amount (and
``amount_refunded`` is the sum of the refunds); an idempotent replay returns the identical body;
the same key with a different body is refused with 422 IDEMPOTENCY_KEY_REUSED.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule

from larkpay_conformance import strategies as sts
from larkpay_conformance.api import Api, expect
from larkpay_conformance.checks import check_idempotent_replay
from larkpay_conformance.model import PaymentModel, compare_payment
from larkpay_conformance.reply import Reply

MODEL = "larkpay_model"
REFUNDS = "larkpay_refund_total"
IDEMPOTENCY = "larkpay_idempotency"


def build_machine(api: Api, *, sandbox_ops: bool) -> type[RuleBasedStateMachine]:
    """A state machine class bound to ``api``; scenario sources and settle rules only when
    ``sandbox_ops`` (elsewhere ``test_pending`` is just a source that succeeds)."""
    sources = sts.WORKFLOW_SOURCES if sandbox_ops else sts.PLAIN_SOURCES

    class PaymentWorkflows(RuleBasedStateMachine):
        payments = Bundle("payments")

        def __init__(self) -> None:
            super().__init__()
            self.models: dict[str, PaymentModel] = {}
            self.last_create: tuple[str, dict[str, Any], Reply] | None = None

        # --- helpers -------------------------------------------------------------------------
        def refresh(self, model: PaymentModel) -> None:
            """Re-read a payment whose status may have settled on its own."""
            if model.may_settle:
                compare_payment(
                    model,
                    expect(api.get_payment(model.id), 200, MODEL, "get"),
                    MODEL,
                    "get after settling",
                )

        # --- rules ---------------------------------------------------------------------------
        @rule(target=payments, body=sts.create_payment_bodies(sources))
        def create(self, body: dict[str, Any]) -> str:
            key = api.new_key()
            reply = api.create_payment(body, key=key)
            if body["source"] == "test_failure":
                expect(reply, 402, MODEL, "create with test_failure")
                payment_id = reply.error.get("payment_id")
                if not isinstance(payment_id, str):
                    raise reply.fail(MODEL, "402 does not name the failed payment")
                model = PaymentModel.from_create(body, {"id": payment_id, "status": "failed"})
            else:
                expect(reply, 201, MODEL, "create")
                model = PaymentModel.from_create(body, reply.data)
                wanted = "pending" if body["source"] == "test_pending" else "succeeded"
                if reply.data["status"] != wanted:
                    raise reply.fail(
                        MODEL, f"new payment status {reply.data['status']!r}, expected {wanted!r}"
                    )
                compare_payment(model, reply, MODEL, "create response")
            self.models[model.id] = model
            self.last_create = (key, body, reply)
            return model.id

        @rule(payment_id=payments)
        def get(self, payment_id: str) -> None:
            model = self.models[payment_id]
            reply = expect(api.get_payment(payment_id), 200, MODEL, "get")
            compare_payment(model, reply, MODEL, "get after create/update")

        @rule(payment_id=payments, body=sts.update_payment_bodies())
        def update(self, payment_id: str, body: dict[str, Any]) -> None:
            model = self.models[payment_id]
            reply = expect(api.update_payment(payment_id, body), 200, MODEL, "update")
            if "description" in body:
                model.description = body["description"]
            if "metadata" in body:
                model.metadata = dict(body["metadata"])
            compare_payment(model, reply, MODEL, "update response")

        @rule(payment_id=payments)
        def cancel(self, payment_id: str) -> None:
            model = self.models[payment_id]
            self.refresh(model)
            reply = api.cancel_payment(payment_id)
            if model.status == "pending" and reply.status == 200:
                model.status = "canceled"
                compare_payment(model, reply, MODEL, "cancel response")
            elif reply.status == 409 and reply.code == "INVALID_STATE":
                self.refresh(model)
                if model.status == "pending":
                    raise reply.fail(MODEL, "cancel of a pending payment refused")
            else:
                raise reply.fail(MODEL, f"cancel of a {model.status} payment: unexpected answer")

        @precondition(lambda self: sandbox_ops)
        @rule(payment_id=payments, outcome=st.sampled_from(("succeeded", "failed")))
        def settle(self, payment_id: str, outcome: str) -> None:
            model = self.models[payment_id]
            self.refresh(model)
            reply = api.settle_payment(payment_id, outcome)
            if reply.status == 200:
                if model.status != "pending":
                    raise reply.fail(MODEL, f"settled a {model.status} payment")
                model.status = outcome
                compare_payment(model, reply, MODEL, "settle response")
            elif reply.status == 409 and reply.code == "INVALID_STATE":
                self.refresh(model)
                if model.status == "pending":
                    raise reply.fail(MODEL, "settle of a pending payment refused")
            else:
                raise reply.fail(MODEL, "settle: unexpected answer")

        @rule(payment_id=payments, data=st.data())
        def refund(self, payment_id: str, data: st.DataObject) -> None:
            model = self.models[payment_id]
            self.refresh(model)
            body: dict[str, Any] = {}
            if model.remaining > 0 and data.draw(st.booleans(), label="explicit amount"):
                # Up to half again what is left (over-refunds), within the valid Amount range.
                top = min(sts.MAX_AMOUNT, model.remaining + max(1, model.remaining // 2))
                body["amount"] = data.draw(st.integers(1, top), label="amount")
            reason = data.draw(sts.refund_reasons, label="reason")
            if reason is not None:
                body["reason"] = reason
            reply = api.create_refund(payment_id, body)
            amount = body.get("amount", model.remaining)
            allowed = model.status == "succeeded" and 0 < amount <= model.remaining
            if allowed:
                expect(reply, 201, REFUNDS, f"refund {amount} of {model.remaining} left")
                refund = reply.data
                if refund.get("amount") != amount or refund.get("payment_id") != model.id:
                    raise reply.fail(
                        REFUNDS, f"refund amount/payment: expected {amount} of {model.id}"
                    )
                model.amount_refunded += amount
                model.refund_ids.append(refund["id"])
                fetched = expect(api.get_refund(refund["id"]), 200, REFUNDS, "get refund").data
                if fetched != refund:
                    raise reply.fail(MODEL, f"GET /refunds/{refund['id']} differs from create")
            elif reply.status != 409 or reply.code != "INVALID_STATE":
                raise reply.fail(
                    REFUNDS,
                    f"refund of {amount} with {model.remaining} left on a {model.status} payment "
                    "must be refused with 409 INVALID_STATE",
                )
            self.check_refund_total(model)

        def check_refund_total(self, model: PaymentModel) -> None:
            payment = expect(api.get_payment(model.id), 200, REFUNDS, "get after refund")
            compare_payment(model, payment, REFUNDS, "amount_refunded after refunds")
            refunds = expect(api.list_refunds(model.id, limit=100), 200, REFUNDS, "list refunds")
            total = sum(r["amount"] for r in refunds.data if r.get("status") != "failed")
            if total > model.amount or total != model.amount_refunded:
                raise refunds.fail(
                    REFUNDS,
                    f"refunds sum to {total}; amount {model.amount}, "
                    f"amount_refunded {model.amount_refunded}",
                )

        @precondition(lambda self: self.last_create is not None)
        @rule()
        def replay_last_create(self) -> None:
            assert self.last_create is not None
            key, body, first = self.last_create
            replay = api.create_payment(body, key=key)
            check_idempotent_replay(first.exchange, replay.exchange)

        @precondition(lambda self: self.last_create is not None)
        @rule(amount=sts.amounts)
        def reuse_key_with_other_body(self, amount: int) -> None:
            assert self.last_create is not None
            key, body, _ = self.last_create
            other = {
                **body,
                "amount": amount if amount != body["amount"] else amount % 99_999_999 + 1,
            }
            reply = api.create_payment(other, key=key)
            if reply.status != 422 or reply.code != "IDEMPOTENCY_KEY_REUSED":
                raise reply.fail(
                    IDEMPOTENCY,
                    "same Idempotency-Key with a different body was not "
                    "refused with 422 IDEMPOTENCY_KEY_REUSED",
                )

        @rule(status=st.sampled_from(("pending", "succeeded", "failed", "canceled")))
        def list_by_status(self, status: str) -> None:
            reply = expect(api.list_payments(status=status, limit=100), 200, MODEL, "list")
            wrong = [p["id"] for p in reply.data if p["status"] != status]
            if wrong:
                raise reply.fail(MODEL, f"status={status} listed {wrong[0]} with another status")

        @invariant()
        def refunds_never_exceed_amount(self) -> None:
            for model in self.models.values():
                assert model.amount_refunded <= model.amount, f"model broke for {model.id}"

    return PaymentWorkflows
