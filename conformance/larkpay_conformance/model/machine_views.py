"""Rules of the model-based machine that look at the payments from elsewhere: listings (every
page rule, and in a tenant of the machine's own exactly the model's payments, newest first),
the event log (each change's events with the answered objects) and another tenant (which must
see and change nothing)."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from larkpay_conformance.model.machine_base import EVENTS, LISTING, PAYMENTS, TENANTS, MachineBase
from larkpay_conformance.record.stats import ran
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.event_log import check_events, check_latest_is_current, events_about
from larkpay_conformance.steps.flows import payment_body
from larkpay_conformance.steps.walk import walk

_STATUSES = (None, "pending", "succeeded", "failed", "canceled")
#: steps between two checks of the whole event log (a check lists it and gets each new event)
EVENT_LOG_EVERY = 5


class ViewRules(MachineBase):
    """Listings, events and the other tenant against the model."""

    def _settle_known(self) -> bool:
        """Refresh every payment that may settle on its own; whether any did."""
        before = len(self.expected)
        for model in list(self.models.values()):
            self.refresh(model)
        return len(self.expected) != before

    @precondition(lambda self: bool(self.models))
    @rule(status=st.sampled_from(_STATUSES), limit=st.sampled_from((1, 2, 7, 20, 100)))
    def list_pages_show_the_model(self, status: str | None, limit: int) -> None:
        ran(LISTING)
        self._settle_known()
        uncertain = {i for i, m in self.models.items() if m.may_settle}
        definite = [
            i
            for i, m in self.models.items()
            if i not in uncertain and (status is None or m.status == status)
        ]
        if status in (None, "pending"):
            definite += [i for i in uncertain if status is None]
        params: dict[str, Any] = {"status": status} if status else {}
        limit = limit if self.private else max(limit, 20)
        seen = walk(
            self.api.list_payments,
            LISTING,
            limit=limit,
            expected=definite,
            exact=self.private and not uncertain,
            to_end=self.private,
            max_pages=40,
            **params,
        )
        if not self.private:
            return
        extra = set(seen.ids) - set(definite) - uncertain
        if extra:
            raise self._last(seen.last).fail(
                LISTING, f"listed payments the model lacks: {sorted(extra)[:3]}"
            )
        order = [i for i in reversed(self.models) if i in set(seen.ids)]
        if seen.ids != order:
            raise self._last(seen.last).fail(LISTING, f"listed {seen.ids}, newest first is {order}")

    @staticmethod
    def _last(reply: Reply | None) -> Reply:
        assert reply is not None
        return reply

    @precondition(lambda self: self.private and bool(self.expected))
    @rule()
    def events_are_the_answered_objects(self) -> None:
        self.check_event_log()

    def check_event_log(self) -> None:
        """listEvents holds exactly the events of the model's changes, with their objects."""
        ran(EVENTS)
        self._settle_known()
        ids = {item.object_id for item in self.expected}
        events, reply = events_about(self.api, ids, EVENTS, pages=20)
        if self._settle_known():  # one settled meanwhile: read the log again
            events, reply = events_about(self.api, ids, EVENTS, pages=20)
        check_events(events, self.expected, reply, sequence_check=EVENTS, data_check=EVENTS)
        current: dict[str, dict[str, Any]] = {
            i: m.last for i, m in self.models.items() if m.last is not None
        }
        check_latest_is_current(self.api, events[self.events_checked :], current, EVENTS)
        self.events_checked = len(events)

    def every_few_steps(self) -> None:
        """After a successful step: check the event log every few steps (the last ones of a
        run are checked by the rule above when it is drawn)."""
        self.steps_done += 1
        if self.private and self.expected and self.steps_done % EVENT_LOG_EVERY == 0:
            self.check_event_log()

    @precondition(lambda self: self.other is not None)
    @rule(
        payment_id=PAYMENTS,
        probe=st.sampled_from(("get", "update", "cancel", "refund", "settle", "refunds")),
    )
    def another_tenant_sees_and_changes_nothing(self, payment_id: str, probe: str) -> None:
        ran(TENANTS)
        other = self.other
        assert other is not None
        if probe == "settle" and not self.ctx.sandbox_ops:
            return
        reply = {
            "get": lambda: other.get_payment(payment_id),
            "update": lambda: other.update_payment(payment_id, {"description": "other tenant"}),
            "cancel": lambda: other.cancel_payment(payment_id),
            "refund": lambda: other.create_refund(payment_id, {"amount": 1}),
            "settle": lambda: other.settle_payment(payment_id, "failed"),
            "refunds": lambda: other.list_refunds(payment_id),
        }[probe]()
        if reply.status != 404 or reply.code != "NOT_FOUND":
            raise reply.fail(TENANTS, f"another key's {probe} of this key's payment: expected 404")
        self.get(self.models[payment_id], TENANTS, f"after another key's {probe}")
        listed = other.list_payments(limit=100)
        if payment_id in {p.get("id") for p in listed.data}:
            raise listed.fail(TENANTS, f"another key lists {payment_id}")

    @precondition(lambda self: self.other is not None and self.last_change is not None)
    @rule()
    def another_tenant_with_the_same_key_is_another_request(self) -> None:
        ran(TENANTS)
        other, last = self.other, self.last_change
        assert other is not None
        assert last is not None
        if last.operation == "createPayment" and last.key not in self.keys_used_by_other:
            self.keys_used_by_other.add(last.key)
            reply = other.create_payment(payment_body(amount=4711), key=last.key)
            if reply.status != 201 or "idempotent-replayed" in reply.exchange.headers:
                raise reply.fail(TENANTS, "another key's first use of this Idempotency-Key")
            return
        if last.payment_id is None:
            return
        reply = other.get_payment(last.payment_id)
        if reply.status != 404:
            raise reply.fail(TENANTS, "another key reads this key's payment")
