"""Rules of the model-based machine that move money: create, get, update, cancel, settle and
refund, each compared with the model and with what the server says afterwards, each noting the
events its change must have fired."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from larkpay_conformance.model import strategies as sts
from larkpay_conformance.model.machine_base import (
    PAYMENT,
    PAYMENTS,
    REFUNDS,
    TRANSITIONS,
    MachineBase,
)
from larkpay_conformance.model.model import SETTLING_SOURCES, PaymentModel, compare_payment
from larkpay_conformance.record.stats import ran
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import expect_answer

_PENDING_SOURCES = ("test_pending", "test_pending_failure")
_DECLINING_SOURCES = ("test_failure", "test_insufficient_funds")


class MoneyRules(MachineBase):
    """Payments and refunds against the model."""

    @rule(target=PAYMENTS, body=st.data())
    def create(self, body: st.DataObject) -> str:
        ran(PAYMENT)
        sources = sts.WORKFLOW_SOURCES if self.ctx.sandbox_ops else sts.PLAIN_SOURCES
        drawn = body.draw(sts.create_payment_bodies(sources), label="body")
        key = self.api.new_key()
        reply = self.api.create_payment(drawn, key=key)
        if drawn["source"] in _DECLINING_SOURCES:
            expect_answer(reply, 402, "PAYMENT_FAILED", PAYMENT, f"create {drawn['source']}")
            payment_id = reply.error.get("payment_id")
            if not isinstance(payment_id, str):
                raise reply.fail(PAYMENT, "402 does not name the failed payment")
            model = PaymentModel.from_create(drawn, {"id": payment_id, "status": "failed"})
            self.models[model.id] = model
            got = expect_answer(self.api.get_payment(model.id), 200, None, PAYMENT, "get")
            compare_payment(model, got, PAYMENT, "the declined payment", change=True)
            data = got.data
        else:
            expect_answer(reply, 201, None, PAYMENT, "create")
            model = PaymentModel.from_create(drawn, reply.data)
            wanted = "pending" if drawn["source"] in _PENDING_SOURCES else "succeeded"
            if reply.data["status"] != wanted:
                raise reply.fail(PAYMENT, f"new payment {reply.data['status']!r}, not {wanted!r}")
            compare_payment(model, reply, PAYMENT, "create response", change=True)
            self.models[model.id] = model
            data = reply.data
        self.fired("payment.created", data)
        self.changed("createPayment", "POST", "/payments", drawn, key, reply, model.id)
        return model.id

    @rule(payment_id=PAYMENTS)
    def get_one(self, payment_id: str) -> None:
        ran(PAYMENT)
        self.get(self.models[payment_id], PAYMENT, "get after create/update")

    @rule(payment_id=PAYMENTS, body=sts.update_payment_bodies())
    def update(self, payment_id: str, body: dict[str, Any]) -> None:
        model = self.models[payment_id]
        if body.get("description", model.description) == model.description and (
            body.get("metadata", model.metadata) == model.metadata
        ):  # an update that changes nothing fires nothing: make it change the description
            body = {**body, "description": f"{model.description or ''}~"[-1000:]}
        ran(PAYMENT)
        self.refresh(model)
        key = self.api.new_key()
        reply = expect_answer(
            self.api.update_payment(payment_id, body, key=key), 200, None, PAYMENT, "update"
        )
        if model.may_settle and reply.data.get("status") == SETTLING_SOURCES[model.source]:
            self.settled_unseen(model, str(reply.data["status"]))
        if "description" in body:
            model.description = body["description"]
        if "metadata" in body:
            model.metadata = dict(body["metadata"])
        compare_payment(model, reply, PAYMENT, "update response", change=True)
        self.fired("payment.updated", reply.data)
        path = f"/payments/{payment_id}"
        self.changed("updatePayment", "PATCH", path, body, key, reply, payment_id)

    def _transition(self, model: PaymentModel, operation: str, reply: Reply, becomes: str) -> None:
        """A cancel or settle answer: allowed from pending only, else 409 changing nothing."""
        if model.status == "pending" and reply.status == 200:
            model.status = becomes
            compare_payment(model, reply, TRANSITIONS, f"{operation} response", change=True)
            self.fired("payment.updated", reply.data)
        elif reply.status == 409 and reply.code == "INVALID_STATE":
            self.refresh(model)
            if model.status == "pending":
                raise reply.fail(TRANSITIONS, f"{operation} of a pending payment refused")
        else:
            raise reply.fail(TRANSITIONS, f"{operation} of a {model.status} payment: unexpected")

    @rule(payment_id=PAYMENTS)
    def cancel(self, payment_id: str) -> None:
        ran(TRANSITIONS)
        model = self.models[payment_id]
        self.refresh(model)
        key = self.api.new_key()
        reply = self.api.cancel_payment(payment_id, key=key)
        self._transition(model, "cancel", reply, "canceled")
        path = f"/payments/{payment_id}/cancel"
        self.changed("cancelPayment", "POST", path, None, key, reply, payment_id)

    @precondition(lambda self: self.ctx.sandbox_ops)
    @rule(payment_id=PAYMENTS, outcome=st.sampled_from(("succeeded", "failed")))
    def settle(self, payment_id: str, outcome: str) -> None:
        ran(TRANSITIONS)
        model = self.models[payment_id]
        self.refresh(model)
        key = self.api.new_key()
        reply = self.api.settle_payment(payment_id, outcome, key=key)
        self._transition(model, "settle", reply, outcome)
        if reply.status == 200 and reply.data.get("status") != outcome:
            raise reply.fail(TRANSITIONS, f"settled to {reply.data.get('status')}, not {outcome}")
        path = f"/sandbox/payments/{payment_id}/settle"
        body = {"outcome": outcome}
        self.changed("settlePayment", "POST", path, body, key, reply, payment_id)

    def _refund(self, model: PaymentModel, body: dict[str, Any]) -> Reply:
        key = self.api.new_key()
        reply = self.api.create_refund(model.id, body, key=key)
        if model.may_settle and reply.status == 201:
            self.settled_unseen(model, "succeeded")
        amount = body.get("amount", model.remaining)
        if model.status != "succeeded":
            expect_answer(reply, 409, "INVALID_STATE", TRANSITIONS, f"refund a {model.status} one")
        elif not 0 < amount <= model.remaining:
            expect_answer(
                reply, 409, "INVALID_STATE", REFUNDS, f"refund {amount} with {model.remaining} left"
            )
        else:
            expect_answer(reply, 201, None, REFUNDS, f"refund {amount} of {model.remaining} left")
            refund = reply.data
            if refund.get("amount") != amount or refund.get("payment_id") != model.id:
                raise reply.fail(REFUNDS, f"refund: expected {amount} of {model.id}")
            if refund.get("currency") != model.currency:
                raise reply.fail(
                    REFUNDS, f"refund in {refund.get('currency')}, not {model.currency}"
                )
            model.amount_refunded += amount
            model.refund_ids.append(refund["id"])
            fetched = expect_answer(self.api.get_refund(refund["id"]), 200, None, REFUNDS, "get")
            if fetched.data != refund:
                raise fetched.fail(REFUNDS, f"GET /refunds/{refund['id']} differs from create")
            self.fired("refund.created", refund)
            payment = expect_answer(self.api.get_payment(model.id), 200, None, REFUNDS, "get")
            compare_payment(model, payment, REFUNDS, "after the refund", change=True)
            self.fired("payment.updated", payment.data)
        path = f"/payments/{model.id}/refunds"
        self.changed("createRefund", "POST", path, body, key, reply, model.id)
        return reply

    @rule(payment_id=PAYMENTS, data=st.data())
    def refund(self, payment_id: str, data: st.DataObject) -> None:
        ran(REFUNDS)
        model = self.models[payment_id]
        self.refresh(model)
        body: dict[str, Any] = {}
        if data.draw(st.booleans(), label="explicit amount"):
            kind, number = data.draw(sts.refund_amount_draws, label="amount")
            body["amount"] = sts.refund_amount(kind, number, model.remaining)
        reason = data.draw(sts.refund_reasons, label="reason")
        if reason is not None:
            body["reason"] = reason
        self._refund(model, body)
        self.check_refund_total(model)

    @precondition(lambda self: bool(self.models))
    @rule(data=st.data())
    def refund_what_is_left_then_one_more(self, data: st.DataObject) -> None:
        which = data.draw(st.integers(0, 99), label="which")
        succeeded = [i for i, m in self.models.items() if m.status == "succeeded"]
        if not succeeded:
            return
        ran(REFUNDS)
        model = self.models[succeeded[which % len(succeeded)]]
        if model.remaining > 0:
            self._refund(model, {"amount": model.remaining})
        self._refund(model, {"amount": 1})
        self._refund(model, {})
        self.check_refund_total(model)

    def check_refund_total(self, model: PaymentModel) -> None:
        """The refunds listed sum to amount_refunded, never above the amount."""
        self.get(model, REFUNDS, "amount_refunded after refunds")
        refunds = expect_answer(
            self.api.list_refunds(model.id, limit=100), 200, None, REFUNDS, "list refunds"
        )
        total = sum(r["amount"] for r in refunds.data if r.get("status") != "failed")
        listed = [r["id"] for r in refunds.data]
        if total > model.amount or total != model.amount_refunded:
            raise refunds.fail(
                REFUNDS,
                f"refunds sum to {total}; amount {model.amount}, amount_refunded "
                f"{model.amount_refunded}",
            )
        if listed != list(reversed(model.refund_ids[-100:])):
            raise refunds.fail(REFUNDS, f"refunds listed {listed}, made {model.refund_ids}")
