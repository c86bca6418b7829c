"""Rules layer, HTTP rules on every operation of the spec: each 401 reason, bodies over 1 MiB
(413), non-JSON bodies (415), broken JSON and unknown fields (400), a method a path lacks (405
with Allow), malformed ids (400) and unknown ones (404), and every link of the spec followed
from a real answer. Driven by the spec itself
(:mod:`larkpay_conformance.spec.spec_facts`), so a new operation is checked without a new test."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

from larkpay_conformance.deployment.target import Target
from larkpay_conformance.record.stats import ran
from larkpay_conformance.run.suite import Suite
from larkpay_conformance.sdk.api import Api
from larkpay_conformance.sdk.reply import Reply
from larkpay_conformance.spec.spec_facts import Link, Operation, links, operations, path_allows
from larkpay_conformance.steps.flows import expect_answer, new_payment, payment_body

AUTH = "larkpay_auth_every_operation"
BODIES = "larkpay_limits_every_operation"
METHODS = "larkpay_method_not_allowed"
LINKS = "larkpay_links"
IDS = "larkpay_ids_every_operation"
JSON = {"Content-Type": "application/json"}
HOOK_URL = "http://127.0.0.1:9/larkpay-conformance-http"


@pytest.fixture(scope="module")
def api(target: Target, suite: Suite) -> Iterator[Api]:
    client = Api(target, suite.recorder, "rules")
    yield client
    client.close()


@pytest.fixture(scope="module")
def spec(suite: Suite, target: Target) -> dict[str, Operation]:
    found = operations(suite.schema.raw_schema)
    return {k: v for k, v in found.items() if target.is_sandbox or "sandbox" not in v.tags}


@pytest.fixture(scope="module")
def ids(api: Api) -> Iterator[dict[str, str]]:
    """A real object for each path parameter (what a request needs to reach its handler)."""
    payment = new_payment(api, "succeeded", AUTH)["id"]
    refund = expect_answer(api.create_refund(payment, {"amount": 1}), 201, None, AUTH, "refund")
    endpoint = api.create_endpoint({"url": HOOK_URL, "events": ["refund.updated"]})
    expect_answer(endpoint, 201, None, AUTH, "endpoint")
    event = expect_answer(api.list_events(limit=1), 200, None, AUTH, "events").data[0]
    yield {
        "payment_id": payment,
        "refund_id": refund.data["id"],
        "endpoint_id": endpoint.data["id"],
        "event_id": event["id"],
    }
    api.delete_endpoint(endpoint.data["id"])


def _path(operation: Operation, ids: dict[str, str]) -> str:
    path = operation.path
    for name in operation.parameters:
        path = path.replace("{" + name + "}", ids.get(name, "x_" + "0" * 24))
    return path


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _send(
    api: Api, operation: Operation, path: str, *, body: bytes | None = None, **kwargs: Any
) -> Reply:
    headers = dict(kwargs.pop("headers", {}))
    if operation.method in ("POST", "PATCH"):
        headers.setdefault("Idempotency-Key", api.new_key())
    return api.raw(
        operation.operation_id, operation.method, path, content=body, headers=headers, **kwargs
    )


def test_every_operation_refuses_missing_or_wrong_credentials(
    api: Api, target: Target, spec: dict[str, Operation], ids: dict[str, str]
) -> None:
    wrong = _basic(target.api_key, "lsk_" + "W" * 32)
    unknown = _basic("lk_test_" + "U" * 24, "lsk_" + "U" * 32)
    for operation in spec.values():
        if not operation.requires_auth:
            continue
        ran(AUTH)
        path = _path(operation, ids)
        for authorization, reason in (
            (None, "missing_credentials"),
            ("Bearer " + "x" * 20, "malformed_credentials"),
            (wrong, "invalid_credentials"),
            (unknown, "invalid_credentials"),
        ):
            reply = _send(api, operation, path, authorization=authorization)
            if (
                reply.status != 401
                or reply.code != "AUTH_FAILED"
                or reply.error.get("reason") != reason
            ):
                raise reply.fail(
                    AUTH, f"{operation.operation_id}: expected 401 AUTH_FAILED {reason}"
                )


def test_every_body_operation_refuses_bad_bodies(
    api: Api, spec: dict[str, Operation], ids: dict[str, str]
) -> None:
    huge = b'{"description": "' + b"x" * (1 << 20) + b'"}'
    for operation in spec.values():
        if not operation.has_body:
            continue
        ran(BODIES)
        path = _path(operation, ids)
        example = operation.example_body if isinstance(operation.example_body, dict) else {}
        unknown = json.dumps({**example, "larkpay_unknown_field": 1}).encode()
        for body, headers, status, code in (
            (huge, JSON, 413, "PAYLOAD_TOO_LARGE"),
            (b"description=x", {"Content-Type": "text/plain"}, 415, "UNSUPPORTED_MEDIA_TYPE"),
            (b'{"description": ', JSON, 400, "INVALID_REQUEST"),
            (unknown, JSON, 400, "INVALID_REQUEST"),
        ):
            reply = _send(api, operation, path, body=body, headers=headers)
            expect_answer(reply, status, code, BODIES, f"{operation.operation_id}")


def test_every_path_answers_a_missing_method_with_405_and_allow(
    api: Api, suite: Suite, spec: dict[str, Operation], ids: dict[str, str]
) -> None:
    allows = path_allows(suite.schema.raw_schema)
    for operation in spec.values():
        allowed = allows[operation.path]
        method = next(m for m in ("PUT", "DELETE", "PATCH", "POST", "GET") if m not in allowed)
        ran(METHODS)
        reply = api.raw(f"{method} {operation.path}", method, _path(operation, ids))
        expect_answer(reply, 405, "METHOD_NOT_ALLOWED", METHODS, f"{method} {operation.path}")
        header = reply.exchange.headers.get("allow", "")
        if {m.strip().upper() for m in header.split(",") if m.strip()} != allowed:
            raise reply.fail(METHODS, f"Allow: {header!r}; the path has {sorted(allowed)}")


def _new_endpoint(api: Api) -> Reply:
    return api.create_endpoint({"url": HOOK_URL, "events": ["refund.updated"]})


def _source_answer(api: Api, link: Link, target: Target) -> Reply | None:
    """A real answer of the link's source operation with the link's status."""
    if link.source == "createPayment":
        return api.create_payment(payment_body("test_pending" if target.is_sandbox else "tok"))
    payment = new_payment(api, "succeeded", LINKS)
    calls = {
        "updatePayment": lambda: api.update_payment(payment["id"], {"description": "link"}),
        "createRefund": lambda: api.create_refund(payment["id"], {"amount": 1}),
        "getEvent": lambda: api.get_event(api.list_events(limit=1).data[0]["id"]),
        "createWebhookEndpoint": lambda: _new_endpoint(api),
        "updateWebhookEndpoint": lambda: api.update_endpoint(
            _new_endpoint(api).data["id"], {"description": "link"}
        ),
    }
    call = calls.get(link.source)
    return call() if call is not None else None


def _value(expression: str, reply: Reply) -> Any:
    if not expression.startswith("$response.body#"):
        return None
    node: Any = reply.envelope
    for part in expression.removeprefix("$response.body#").strip("/").split("/"):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def test_every_link_of_the_spec_leads_to_the_object(
    api: Api, suite: Suite, target: Target, spec: dict[str, Operation]
) -> None:
    for link in links(suite.schema.raw_schema):
        if link.source not in spec or link.target not in spec:
            continue
        source = _source_answer(api, link, target)
        if source is None or source.status != link.status:
            continue  # the coverage report lists the links no test followed
        ran(LINKS)
        values = {name: _value(expr, source) for name, expr in link.parameters.items()}
        operation = spec[link.target]
        path = _path(operation, {k: str(v) for k, v in values.items()})
        body = json.dumps(operation.example_body).encode() if operation.has_body else None
        reply = _send(
            api,
            operation,
            path,
            body=body,
            headers=JSON if body else {},
            link=link.label(spec),
        )
        if source.data.get("object") == "webhook_endpoint":
            api.delete_endpoint(str(source.data["id"]))
        if reply.status in (400, 404) or reply.status >= 500:
            raise reply.fail(LINKS, f"{link.label(spec)} with {values}: HTTP {reply.status}")


def test_every_operation_answers_malformed_ids_400_and_unknown_ids_404(
    api: Api, spec: dict[str, Operation], ids: dict[str, str]
) -> None:
    for operation in spec.values():
        if not operation.parameters:
            continue
        ran(IDS)
        body = json.dumps(operation.example_body).encode() if operation.has_body else None
        headers = JSON if body else {}
        for name in operation.parameters:
            known = ids.get(name, "x_" + "0" * 24)
            prefix = known.split("_", 1)[0] + "_"
            for value, status, code in (
                ("not an id!", 400, "INVALID_REQUEST"),
                (prefix + "Z" * 24, 404, "NOT_FOUND"),
            ):
                path = _path(operation, {**ids, name: value})
                reply = _send(api, operation, path, body=body, headers=headers)
                expect_answer(reply, status, code, IDS, f"{operation.operation_id} {name}={value}")
                fields = [str(d.get("field", "")) for d in reply.error.get("details") or []]
                if status == 400 and not any(name in field for field in fields):
                    raise reply.fail(IDS, f"the 400 does not name {name}: {fields}")
