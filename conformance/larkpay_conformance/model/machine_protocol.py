"""Rules of the model-based machine about the protocol around the money: idempotent replays of
any change, a reused key, answers that are never stored (429), overlapping requests with one
key, broken credentials, bad bodies and missing methods - each must leave the payments exactly
as the model has them."""

from __future__ import annotations

import base64
import json
import threading
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from larkpay_conformance.checks.checks import check_idempotent_replay
from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.model.machine_base import (
    AUTH,
    BAD_REQUEST,
    IDEMPOTENCY,
    METHODS,
    PAYMENTS,
    RATE_LIMITED,
    MachineBase,
)
from larkpay_conformance.model.model import PaymentModel
from larkpay_conformance.record.stats import ran
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.steps.flows import expect_answer, payment_body

JSON = {"Content-Type": "application/json"}
#: an in-progress check waits for the slow scenario's delay: a run draws one at most, and only
#: one draw in this many sends it (drawn, so a failing run replays exactly)
OVERLAP_ODDS = 16


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class ProtocolRules(MachineBase):
    """Idempotency, auth, bodies and methods against the model."""

    def _send(self, operation: str, method: str, path: str, body: Any, key: str) -> Reply:
        content = None if body is None else json.dumps(body).encode()
        headers = {**(JSON if content is not None else {}), "Idempotency-Key": key}
        return self.api.raw(operation, method, path, content=content, headers=headers)

    def _unchanged(self, payment_id: str | None, check: str, context: str) -> None:
        if payment_id in self.models:
            self.get(self.models[payment_id], check, context)

    @precondition(lambda self: self.last_change is not None)
    @rule()
    def replay_last_change(self) -> None:
        ran(IDEMPOTENCY)
        last = self.last_change
        assert last is not None
        replay = self._send(last.operation, last.method, last.path, last.body, last.key)
        try:
            check_idempotent_replay(last.reply.exchange, replay.exchange)
        except CheckFailedError as exc:
            raise replay.fail(IDEMPOTENCY, f"replay of {last.operation}: {exc.detail}") from None
        self._unchanged(last.payment_id, IDEMPOTENCY, f"after replaying {last.operation}")

    @precondition(lambda self: self.last_change is not None)
    @rule(amount=st.integers(1, 99_999_999))
    def reuse_key_with_another_request(self, amount: int) -> None:
        ran(IDEMPOTENCY)
        last = self.last_change
        assert last is not None
        if last.operation == "createPayment" and isinstance(last.body, dict):
            other: Any = {**last.body, "amount": amount if amount != last.body["amount"] else 1}
            if other == last.body:
                other["amount"] = last.body["amount"] % 99_999_999 + 1
            reply = self._send("createPayment", "POST", "/payments", other, last.key)
        else:
            body = payment_body(amount=amount)
            reply = self._send("createPayment", "POST", "/payments", body, last.key)
        expect_answer(reply, 422, "IDEMPOTENCY_KEY_REUSED", IDEMPOTENCY, "a reused key")
        self._unchanged(last.payment_id, IDEMPOTENCY, "after a refused reuse")

    @precondition(lambda self: self.ctx.sandbox_ops)
    @rule()
    def rate_limited_create_does_nothing_and_is_not_stored(self) -> None:
        ran(RATE_LIMITED)
        key = self.api.new_key()
        for attempt in (1, 2):
            reply = self.api.create_payment(payment_body("test_rate_limited"), key=key)
            expect_answer(reply, 429, "RATE_LIMITED", RATE_LIMITED, f"attempt {attempt}")
            headers = reply.exchange.headers
            if "retry-after" not in headers or "idempotent-replayed" in headers:
                raise reply.fail(RATE_LIMITED, "a 429 needs Retry-After and is never replayed")
        if self.private:
            listed = expect_answer(self.api.list_payments(limit=100), 200, None, RATE_LIMITED, "")
            if len(listed.data) != min(len(self.models), 100):
                raise listed.fail(RATE_LIMITED, "a rate-limited create left a payment behind")

    @precondition(lambda self: self.ctx.sandbox_ops and not self.overlap_drawn)
    @rule(odds=st.integers(0, OVERLAP_ODDS - 1))
    def same_key_while_the_first_runs(self, odds: int) -> None:
        self.overlap_drawn = True
        if odds:
            return
        ran(IDEMPOTENCY)
        key = self.api.new_key()
        body = payment_body("test_slow")
        first: list[Reply] = []
        started = threading.Event()

        def send_first() -> None:
            started.set()
            first.append(self._send("createPayment", "POST", "/payments", body, key))

        thread = threading.Thread(target=send_first)
        thread.start()
        started.wait(5)
        second = self.other_client_send(body, key)
        thread.join(30)
        statuses = sorted([first[0].status, second.status]) if first else []
        if statuses == [201, 201]:  # one came after the other ended: it must be a replay
            both = (first[0], second)
            replays = [r for r in both if r.exchange.headers.get("idempotent-replayed") == "true"]
            if len(replays) != 1:
                raise second.fail(IDEMPOTENCY, "one key sent twice at once ran twice")
            original = next(r for r in both if r is not replays[0])
            check_idempotent_replay(original.exchange, replays[0].exchange)
            self._created(body, original)
            return
        if statuses != [201, 409] or 409 not in (first[0].status, second.status):
            raise second.fail(IDEMPOTENCY, f"one key at once answered {statuses}")
        refused = first[0] if first[0].status == 409 else second
        if refused.code != "IDEMPOTENCY_IN_PROGRESS":
            raise refused.fail(IDEMPOTENCY, "expected 409 IDEMPOTENCY_IN_PROGRESS")
        replay = self._send("createPayment", "POST", "/payments", body, key)
        done = first[0] if first[0].status == 201 else second
        check_idempotent_replay(done.exchange, replay.exchange)
        self._created(body, done)

    def _created(self, body: dict[str, Any], reply: Reply) -> None:
        model = PaymentModel.from_create(body, reply.data)
        model.last = dict(reply.data)
        self.models[model.id] = model
        self.fired("payment.created", reply.data)

    def other_client_send(self, body: Any, key: str) -> Reply:
        """The same request on another connection of the same key (the first one is busy)."""
        twin = Api(self.api.target, self.ctx.recorder, "workflows")
        try:
            content = json.dumps(body).encode()
            return twin.raw(
                "createPayment",
                "POST",
                "/payments",
                content=content,
                headers={**JSON, "Idempotency-Key": key},
            )
        finally:
            twin.close()

    @rule(
        payment_id=PAYMENTS,
        kind=st.sampled_from(("missing", "malformed", "wrong_secret", "unknown_key", "live_key")),
        method=st.sampled_from(("GET", "PATCH", "POST")),
    )
    def broken_credentials_change_nothing(self, payment_id: str, kind: str, method: str) -> None:
        if kind == "live_key" and not self.ctx.sandbox_ops:
            return
        ran(AUTH)
        target = self.api.target
        header, reason = {
            "missing": (None, "missing_credentials"),
            "malformed": (
                "Basic " + base64.b64encode(b"no-colon").decode(),
                "malformed_credentials",
            ),
            "wrong_secret": (_basic(target.api_key, "lsk_" + "W" * 32), "invalid_credentials"),
            "unknown_key": (
                _basic("lk_test_" + "Q" * 24, "lsk_" + "Q" * 32),
                "invalid_credentials",
            ),
            "live_key": (_basic("lk_live_" + "L" * 24, "lsk_" + "L" * 32), "environment_mismatch"),
        }[kind]
        path = {"GET": f"/payments/{payment_id}", "PATCH": f"/payments/{payment_id}"}.get(
            method, f"/payments/{payment_id}/refunds"
        )
        body = (
            {"description": "no auth"}
            if method == "PATCH"
            else ({"amount": 1} if method == "POST" else None)
        )
        content = json.dumps(body).encode() if body is not None else None
        headers = {**JSON, "Idempotency-Key": self.api.new_key()} if content else {}
        reply = self.api.raw(
            "broken credentials",
            method,
            path,
            content=content,
            headers=headers,
            authorization=header,
        )
        if (
            reply.status != 401
            or reply.code != "AUTH_FAILED"
            or reply.error.get("reason") != reason
        ):
            raise reply.fail(AUTH, f"{kind} credentials: expected 401 AUTH_FAILED {reason}")
        self._unchanged(payment_id, AUTH, f"after a {method} with {kind} credentials")

    @rule(
        payment_id=PAYMENTS,
        kind=st.sampled_from(("unknown_field", "not_json", "broken_json", "too_large")),
    )
    def bad_bodies_change_nothing(self, payment_id: str, kind: str) -> None:
        ran(BAD_REQUEST)
        content, media, status = {
            "unknown_field": (b'{"description": "x", "colour": "red"}', "application/json", 400),
            "not_json": (b"description=x", "application/x-www-form-urlencoded", 415),
            "broken_json": (b'{"description": "x"', "application/json", 400),
            "too_large": (b'{"description": "' + b"y" * (1 << 20) + b'"}', "application/json", 413),
        }[kind]
        headers = {"Content-Type": media, "Idempotency-Key": self.api.new_key()}
        reply = self.api.raw(
            "updatePayment", "PATCH", f"/payments/{payment_id}", content=content, headers=headers
        )
        expect_answer(reply, status, None, BAD_REQUEST, f"an update with a {kind} body")
        self._unchanged(payment_id, BAD_REQUEST, f"after an update with a {kind} body")

    @rule(payment_id=PAYMENTS, method=st.sampled_from(("PUT", "DELETE", "POST")))
    def missing_methods_are_405_with_allow(self, payment_id: str, method: str) -> None:
        ran(METHODS)
        reply = self.api.raw(
            f"{method} /payments/{{payment_id}}", method, f"/payments/{payment_id}"
        )
        expect_answer(reply, 405, "METHOD_NOT_ALLOWED", METHODS, f"{method} /payments/{{id}}")
        allowed = {m.strip() for m in reply.exchange.headers.get("allow", "").split(",")}
        documented = self.ctx.allows.get("/payments/{payment_id}", allowed)
        if allowed != documented:
            raise reply.fail(
                METHODS, f"Allow names {sorted(allowed)}, the spec {sorted(documented)}"
            )
        self._unchanged(payment_id, METHODS, f"after {method}")
