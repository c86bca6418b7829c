"""Tests of larkpay._logs: one line per attempt, bodies at DEBUG, secrets never, LARKPAY_LOG."""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import httpx
import pytest
from larkpay import _logs

from . import payloads
from .fakeapi import BASE, SECRET, TEST_KEY, FakeAPI, async_client, client, respond

WEBHOOK_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD7lK4lqQa4qM="
CREDENTIALS = base64.b64encode(f"{TEST_KEY}:{SECRET}".encode()).decode()
SECRETS = (SECRET, CREDENTIALS, WEBHOOK_SECRET, WEBHOOK_SECRET.removeprefix("whsec_"))


def endpoint_with_secret() -> dict[str, object]:
    return {
        "id": "we_1",
        "object": "webhook_endpoint",
        "url": "https://shop.example/hooks",
        "events": ["*"],
        "description": None,
        "status": "enabled",
        "created_at": payloads.TIMESTAMP,
        "secret": WEBHOOK_SECRET,
    }


@pytest.fixture
def restore_logger() -> Iterator[None]:
    level, handlers = _logs.logger.level, list(_logs.logger.handlers)
    yield
    _logs.logger.setLevel(level)
    _logs.logger.handlers[:] = handlers


def scripted_calls() -> FakeAPI:
    """Answers that carry every kind of secret: a retried create, a rotation, an error."""
    created = respond(201, payloads.success(endpoint_with_secret()))
    unavailable = respond(503, payloads.error("SERVICE_UNAVAILABLE"), **{"retry-after": "0"})
    return (
        FakeAPI()
        .on("POST", "/webhook_endpoints", unavailable, created)
        .on("POST", "/webhook_endpoints/we_1/rotate_secret", created)
        .on("GET", "/payments/pay_1", respond(400, b"bad key lsk_leaked12345 in text"))
    )


def run_scripted_calls() -> None:
    with client(scripted_calls()) as larkpay_client:
        larkpay_client.webhook_endpoints.create(
            url="https://shop.example/hooks",
            events=["*"],
            description=f"not really a secret but looks like one: {WEBHOOK_SECRET}",
        )
        larkpay_client.webhook_endpoints.rotate_secret("we_1")
        with pytest.raises(Exception, match="HTTP 400"):
            larkpay_client.payments.get("pay_1")


@pytest.mark.parametrize("level", [logging.DEBUG, logging.INFO, logging.WARNING])
def test_no_log_line_at_any_level_contains_a_secret(
    level: int, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(level, logger="larkpay"):
        run_scripted_calls()
    records = [record for record in caplog.records if record.name == "larkpay"]
    text = "\n".join(
        f"{record.getMessage()} {record.__dict__}" for record in records
    )  # the args and the extra fields as well as the message
    for secret in SECRETS:
        assert secret not in text
    infos = [record for record in records if record.levelno == logging.INFO]
    debugs = [record for record in records if record.levelno == logging.DEBUG]
    if level == logging.WARNING:
        assert records == []
        return
    assert len(infos) == 4  # one per attempt: 503 retried, 201, 201, 400
    if level == logging.DEBUG:
        assert len(debugs) == 8  # the request and the answer of each attempt
        assert "[redacted]" in text
        assert '"url": "https://shop.example/hooks"' in text  # bodies are logged, redacted
    else:
        assert debugs == []


def test_info_line_names_method_path_status_attempt_request_id_and_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO, logger="larkpay"):
        run_scripted_calls()
    first, second = (record.getMessage() for record in caplog.records[:2])
    assert first.startswith("POST /v2/webhook_endpoints -> 503 in ")
    assert "(attempt 1 of 3, request_id=req_503, idempotency_key=" in first
    assert "retrying in 0.000s: HTTP 503" in first
    key = caplog.records[0].larkpay_idempotency_key
    assert key
    assert f"(attempt 2 of 3, request_id=req_201, idempotency_key={key})" in second
    assert caplog.records[1].larkpay_outcome == "201"


def test_async_calls_log_the_same_lines_and_bodies(caplog: pytest.LogCaptureFixture) -> None:
    async def create() -> None:
        async with async_client(scripted_calls()) as larkpay_client:
            await larkpay_client.webhook_endpoints.create(url="https://a.example", events=["*"])

    with caplog.at_level(logging.DEBUG, logger="larkpay"):
        asyncio.run(create())
    messages = [record.getMessage() for record in caplog.records]
    assert [m.split(" in ")[0] for m in messages if "->" in m] == [
        "POST /v2/webhook_endpoints -> 503",
        "POST /v2/webhook_endpoints -> 201",
    ]
    answers = [m for m in messages if m.startswith("answer 201")]
    assert len(answers) == 1
    assert '"secret": "[redacted]"' in answers[0]


def test_a_connection_failure_is_logged_with_its_exception_name(
    caplog: pytest.LogCaptureFixture,
) -> None:
    api = FakeAPI().on("GET", "/payments/pay_1", httpx.ConnectError("refused"))
    with caplog.at_level(logging.INFO, logger="larkpay"), pytest.raises(Exception, match="refused"):
        client(api, max_retries=0).payments.get("pay_1")
    assert caplog.records[0].getMessage().startswith("GET /v2/payments/pay_1 -> ConnectError")


def test_redact_body_hides_secret_fields_and_values_and_cuts_long_bodies() -> None:
    body = payloads.dumps({"data": [{"secret": "x", "api_secret": "y", "note": "lsk_abc"}]})
    assert _logs.redact_body(body) == (
        '{"data": [{"secret": "[redacted]", "api_secret": "[redacted]", "note": "lsk_[redacted]"}]}'
    )
    assert _logs.redact_body(b"") == "(empty)"
    assert _logs.redact_body(b"\xff whsec_abc=") == "\ufffd whsec_[redacted]"
    long = _logs.redact_body(b"x" * (_logs.BODY_LIMIT + 10))
    assert long.endswith("... (10 more characters)")


def test_redact_headers_hides_authorization_and_cookies() -> None:
    headers = httpx.Headers({"Authorization": "Basic abc", "Cookie": "a=b", "X-Note": "lsk_1"})
    assert _logs.redact_headers(headers) == {
        "authorization": "[redacted]",
        "cookie": "[redacted]",
        "x-note": "lsk_[redacted]",
    }


def test_a_streamed_request_body_is_not_read_to_be_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    request = httpx.Request("POST", f"{BASE}/payments", content=iter([b"{}"]))
    with caplog.at_level(logging.DEBUG, logger="larkpay"):
        _logs.AttemptLog(request, 1, 1)
    assert caplog.records[0].getMessage().endswith("body=(streamed)")


@pytest.mark.usefixtures("restore_logger")
@pytest.mark.parametrize(("value", "level"), [("info", logging.INFO), (" DEBUG ", logging.DEBUG)])
def test_larkpay_log_sets_the_level_and_adds_one_stderr_handler(value: str, level: int) -> None:
    _logs.configure_from_environment({"LARKPAY_LOG": value})
    _logs.configure_from_environment({"LARKPAY_LOG": value})
    assert _logs.logger.level == level
    ours = [h for h in _logs.logger.handlers if isinstance(h, _logs._StderrHandler)]
    assert len(ours) == 1


@pytest.mark.usefixtures("restore_logger")
def test_larkpay_log_unset_or_unknown_leaves_the_logger_silent() -> None:
    _logs.configure_from_environment({})
    with pytest.warns(UserWarning, match="not one of info, debug"):
        _logs.configure_from_environment({"LARKPAY_LOG": "verbose"})
    assert not _logs.logger.isEnabledFor(logging.INFO)
    assert any(isinstance(h, logging.NullHandler) for h in _logs.logger.handlers)


HEALTH = {"object": "health", "status": "ok", "version": "2", "time": payloads.TIMESTAMP}
SCRIPT = textwrap.dedent(
    f"""
    import httpx, larkpay
    answer = {{"status": "success", "data": {HEALTH!r}}}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
    client = larkpay.LarkpayClient(
        {TEST_KEY!r}, {SECRET!r}, base_url="http://api.test/v2", transport=transport
    )
    client.service.get_health()
    """
)


@pytest.mark.parametrize(("value", "lines"), [("", 0), ("info", 1), ("debug", 3)])
def test_larkpay_log_turns_stderr_logging_on_without_code(value: str, lines: int) -> None:
    env = {**os.environ, "LARKPAY_LOG": value}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    logged = [line for line in result.stderr.splitlines() if " larkpay: " in line]
    assert len(logged) == lines, result.stderr
    assert result.stdout == ""
    for secret in (SECRET, CREDENTIALS):
        assert secret not in result.stderr
