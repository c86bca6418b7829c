"""bench.wrk: reading wrk's report, including the error counts that disqualify a run."""

from __future__ import annotations

import pytest

from bench.wrk import WrkError, parse

CLEAN = """Running 5s test @ http://127.0.0.1:8787/v2/payments/pay_x
  1 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.13ms  310.21us   9.87ms   90.12%
  70512 requests in 5.00s, 51.23MB read
Requests/sec:  14098.37
Transfer/sec:     10.24MB
"""

FAILING = CLEAN.replace(
    "Requests/sec:", "  Socket errors: connect 0, read 3, write 1, timeout 2\n"
    "  Non-2xx or 3xx responses: 40\nRequests/sec:"
)  # fmt: skip


def test_parse_reads_count_duration_rate_and_latency() -> None:
    report = parse(CLEAN)
    assert report.requests == 70512
    assert report.seconds == 5.0
    assert report.requests_per_second == 14098.37
    assert report.latency_avg == "1.13ms"
    assert report.errors == 0


def test_parse_counts_non_2xx_answers_and_socket_errors() -> None:
    report = parse(FAILING)
    assert report.non_2xx == 40
    assert report.socket_errors == 6
    assert report.errors == 46


def test_parse_converts_minutes_to_seconds() -> None:
    assert parse(CLEAN.replace("in 5.00s", "in 1.50m")).seconds == 90.0


def test_parse_refuses_output_without_a_report() -> None:
    with pytest.raises(WrkError, match="cannot read"):
        parse("unable to connect to 127.0.0.1:8787 Connection refused")
