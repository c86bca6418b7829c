"""Send one schemathesis case, validate it with every check, and verify its idempotent replay."""

from __future__ import annotations

import itertools
import os
from typing import Any

import requests
from schemathesis.engine.recorder import ScenarioRecorder

from larkpay_conformance.checks import checks
from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.checks.exchange_checks import check_exchange
from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record import last_request
from larkpay_conformance.record.repro import curl_command
from larkpay_conformance.record.stats import Recorder
from larkpay_conformance.record.traffic import NO_ANSWER as NO_ANSWER_STATUS
from larkpay_conformance.report.failures import attach_check_request, attach_request, leaves
from larkpay_conformance.schema.http_recording import RecordingAdapter, recording_session
from larkpay_conformance.schema.st_checks import count_built_in_runs, exchange_from, register

NO_ANSWER = "larkpay_no_answer"

_PROCESSED = frozenset({200, 201, 202, 402})
ADVANCE_PATH = "/sandbox/clock/advance"
PAST = "2001-01-01T00:00:00Z"
_IDEMPOTENT_METHODS = frozenset({"POST", "PATCH"})


def hold_the_clock(case: Any) -> None:
    """A fuzzed advance of the sandbox's clock (up to a year per call) would move it for every
    layer running beside this one (idempotency keys expire after a day): the schema layer
    sends valid advances as ``{"seconds": 0}`` or to a past time (409), which move nothing; the
    clock layer advances the clock on purpose. Invalid bodies go as generated."""
    if case.method.upper() != "POST" or case.path != ADVANCE_PATH:
        return
    body = case.body
    if not isinstance(body, dict):
        return
    seconds = body.get("seconds")
    if isinstance(seconds, int | float) and not isinstance(seconds, bool):
        body["seconds"] = 0
    if isinstance(body.get("to"), str):
        body["to"] = PAST


def _is_usable_key(value: object) -> bool:
    """A key the API must accept (1..255 printable ASCII); others stay, as negative input."""
    return isinstance(value, str) and 0 < len(value) <= 255 and all(" " <= c <= "~" for c in value)


class SchemaRunner:
    """Runs cases for the schema (``layer="schema"``) and stateful layers over one HTTP session."""

    def __init__(self, recorder: Recorder, target: Target, layer: str = "schema") -> None:
        self.recorder = recorder
        self.target = target
        self.layer = layer
        # On loopback, skip requests' per-request proxy/netrc environment lookups (measurable
        # per case); a remote target keeps them (it may sit behind a proxy).
        self.session = recording_session(recorder.traffic, layer, trust_env=not target.is_loopback)
        adapter = self.session.get_adapter("http://")
        assert isinstance(adapter, RecordingAdapter)
        self.adapter = adapter
        #: the request of the case being checked (its answer is what the checks look at)
        self.sent: last_request.SentRequest | None = None
        self.auth = {"Authorization": target.auth_header}
        self._keys = itertools.count()
        self._prefix = f"cf-{os.getpid()}-{os.urandom(4).hex()}-"

    def fresh_key(self) -> str:
        """An Idempotency-Key never used before (generated keys like "0" would collide)."""
        return f"{self._prefix}{next(self._keys)}"

    def prepare(self, case: Any) -> None:
        """Give a POST/PATCH case a unique valid Idempotency-Key, keeping invalid ones; keep
        the sandbox's clock where it is (see :func:`hold_the_clock`)."""
        if case.method.upper() not in _IDEMPOTENT_METHODS:
            return
        hold_the_clock(case)
        headers = case.headers if case.headers is not None else {}
        current = next((v for k, v in headers.items() if k.lower() == "idempotency-key"), None)
        if current is None or _is_usable_key(current):
            for name in [k for k in headers if k.lower() == "idempotency-key"]:
                del headers[name]
            headers["Idempotency-Key"] = self.fresh_key()
            case.headers = headers

    def send(self, case: Any) -> Any:
        """Call the case; a documented one-off 503 (scenario) is checked, then retried once.
        No answer at all (timeout, refused or reset connection) fails as ``larkpay_no_answer``."""
        response = self._call(case)
        if response.status_code == 503 and _is_scenario_503(response):
            check_exchange(exchange_from(response))
            response = self._call(case)
        self.sent = last_request.last()
        return response

    def _call(self, case: Any) -> Any:
        try:
            return case.call(session=self.session, headers=self.auth_for(case))
        except requests.RequestException as exc:
            sent = last_request.last()
            raise CheckFailedError(
                NO_ANSWER,
                f"{case.method.upper()} {case.path}: no answer ({_describe(exc)})",
                operation=_operation_id(case),
                curl=sent.curl() if sent else "",
            ) from None

    def auth_for(self, case: Any) -> dict[str, str] | None:
        """The credentials, unless the case is deliberately without (or with broken) auth."""
        if case.operation.schema.is_security_param_negated(case):
            return None
        return self.auth

    def run(self, case: Any) -> None:
        """The whole schema-layer case: prepare, send, validate, replay."""
        self.recorder.example(self.layer)
        self.prepare(case)
        response = self.send(case)
        try:
            self.validate(case, response)
            if case.method.upper() in _IDEMPOTENT_METHODS and response.status_code in _PROCESSED:
                self.verify_replay(case, response)
        finally:
            self.forget_endpoint(case, response)

    def forget_endpoint(self, case: Any, response: Any) -> None:
        """Delete a webhook endpoint the fuzzer created: fuzzed URLs would otherwise get (and
        fail) a delivery of every later event, burying the server under retries."""
        if case.method.upper() == "POST" and case.path == "/webhook_endpoints":
            data = _json_data(response)
            if response.status_code == 201 and isinstance(data.get("id"), str):
                self.delete_endpoint(data["id"])

    def delete_endpoint(self, endpoint_id: str) -> None:
        """DELETE /webhook_endpoints/{id} (cleanup, not counted as a case)."""
        self.session.delete(
            f"{self.target.base_url}/webhook_endpoints/{endpoint_id}",
            headers=self.auth,
            timeout=15.0,
        )

    def validate(self, case: Any, response: Any, recorder: Any = None) -> None:
        """Every schemathesis check plus the larkpay checks (registered with schemathesis, so
        they run among its default checks).

        Checks may send requests of their own (``ignored_auth`` resends the case without and
        with broken credentials, on a session of its own): ``recorder`` (the state machine's,
        else a fresh one) sees them, and they are counted in the traffic and, when a check
        fails on one, reported with it.
        """
        register()
        count_built_in_runs()
        auth = self.auth_for(case)
        scenario = recorder or ScenarioRecorder(label=case.operation.label)
        earlier = set(scenario.interactions)
        try:
            case.validate_response(
                response,
                headers=auth,
                transport_kwargs={"session": self.session, "headers": auth or {}},
                recorder=scenario,
            )
        except BaseException as exc:
            # The failing case's own request, not whatever a check sent after it; a check that
            # failed on a request of its own (another case id) gets that one.
            if self.sent is not None:
                attach_request(exc, _operation_id(case), self.sent.curl())
            for leaf in leaves(exc):
                case_id = str(getattr(leaf, "case_id", None))
                interaction = scenario.interactions.get(case_id)
                if interaction is not None and case_id != case.id:
                    attach_check_request(leaf, self._curl_of(interaction))
            raise
        finally:
            for case_id, interaction in scenario.interactions.items():
                if case_id not in earlier and case_id != case.id:
                    self._count(interaction)

    def _count(self, interaction: Any) -> None:
        """Count a request a check sent (it did not go through the recording session)."""
        answer = interaction.response
        self.recorder.traffic.record(
            self.layer,
            interaction.request.method,
            interaction.request.uri,
            answer.status_code if answer is not None else NO_ANSWER_STATUS,
            request_body=interaction.request.body,
            response_body=answer.content if answer is not None else None,
        )

    def _curl_of(self, interaction: Any) -> str:
        """A check's own request as curl; its credentials are shown unless they are the run's
        (a check sends broken ones on purpose)."""
        request = interaction.request
        headers = {name: values[0] for name, values in request.headers.items() if values}
        authorization = next((v for k, v in headers.items() if k.lower() == "authorization"), None)
        return curl_command(
            request.method,
            request.uri,
            headers,
            request.body,
            show_auth=authorization is not None and authorization != self.auth["Authorization"],
        )

    def verify_replay(self, case: Any, first: Any) -> None:
        """Resend with the same key: identical status and body, marked Idempotent-Replayed."""
        key = next(
            (v for k, v in (case.headers or {}).items() if k.lower() == "idempotency-key"), None
        )
        if not _is_usable_key(key):
            return
        replay = self._call(case)
        sent = last_request.last()
        try:
            check_exchange(exchange_from(replay))
            checks.check_idempotent_replay(exchange_from(first), exchange_from(replay))
        except CheckFailedError as exc:
            curl = sent.curl() if sent else ""
            raise CheckFailedError(
                exc.check,
                f"{exc.detail} (the same request sent twice)",
                operation=_operation_id(case),
                curl=curl,
            ) from None


def _is_scenario_503(response: Any) -> bool:
    request = response.request
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    return b"test_unavailable_once" in body


def _json_data(response: Any) -> dict[str, Any]:
    try:
        doc = response.json()
    except ValueError:
        return {}
    data = doc.get("data") if isinstance(doc, dict) else None
    return data if isinstance(data, dict) else {}


def _operation_id(case: Any) -> str:
    """The case's operationId (its label when the spec gives none)."""
    definition = getattr(case.operation, "definition", None)
    raw = getattr(definition, "raw", None)
    operation_id = raw.get("operationId") if isinstance(raw, dict) else None
    return str(operation_id or case.operation.label)


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.Timeout):
        return f"timed out: {exc}"
    if isinstance(exc, requests.ConnectionError):
        return f"connection failed: {exc}"
    return f"{type(exc).__name__}: {exc}"
