"""From what a test raised to failing cases: one per case, every check named, a request each."""

from __future__ import annotations

from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.record.last_request import SentRequest
from larkpay_conformance.report.failures import (
    CURL_WIDTH,
    attach_check_request,
    attach_request,
    case_failures,
    check_names,
)
from schemathesis.core.failures import Failure, FailureGroup

LAST = SentRequest("listPayments", "GET", "http://h/v2/payments", {"Authorization": "x"}, None)


class StatusFailure(Failure):
    checks = ("status_code_conformance",)


class SchemaFailure(Failure):
    checks = ("response_schema_conformance",)


def one_case(operation: str) -> FailureGroup:
    group = FailureGroup(
        [
            StatusFailure(operation=operation, title="Undocumented status", message="got 418"),
            SchemaFailure(operation=operation, title="Schema violation", message="bad field"),
        ]
    )
    attach_request(group, operation, f"curl -X POST http://h/v2/{operation}")
    return group


def test_one_case_breaking_two_checks_is_one_failure_naming_both() -> None:
    [failure] = case_failures(one_case("createPayment"), LAST)
    assert failure.operation == "createPayment"
    assert failure.checks == ["status_code_conformance", "response_schema_conformance"]
    assert failure.curl == "curl -X POST http://h/v2/createPayment"
    assert "got 418" in failure.reason
    assert "bad field" in failure.reason
    assert "\n" not in failure.reason


def test_a_group_of_distinct_cases_gives_one_failure_each() -> None:
    found = BaseExceptionGroup("2 distinct failures", [one_case("a"), one_case("b")])
    assert [f.operation for f in case_failures(found, LAST)] == ["a", "b"]


def test_a_check_error_brings_its_own_request() -> None:
    error = CheckFailedError("larkpay_paging", "page 2: x", operation="listPayments", curl="c")
    [failure] = case_failures(error, None)
    assert (failure.operation, failure.checks, failure.curl) == (
        "listPayments",
        ["larkpay_paging"],
        "c",
    )
    assert failure.reason == "page 2: x"


def test_an_unexpected_answer_falls_back_to_the_last_request() -> None:
    [failure] = case_failures(KeyError("id"), LAST)
    assert failure.checks == ["larkpay_unexpected_answer"]
    assert failure.operation == "listPayments"
    assert failure.curl.startswith('curl -sS -u "$LARKPAY_API_KEY:$LARKPAY_API_SECRET"')
    assert "KeyError" in failure.reason


def test_a_failure_before_any_request_says_so() -> None:
    [failure] = case_failures(RuntimeError("boom"), None)
    assert failure.operation == "(no request sent)"
    assert failure.checks == ["RuntimeError"]


def test_check_names_walks_nested_groups_once_each() -> None:
    group = BaseExceptionGroup("g", [CheckFailedError("larkpay_a", "x"), one_case("c")])
    assert check_names(group) == [
        "larkpay_a",
        "status_code_conformance",
        "response_schema_conformance",
    ]


class AuthFailure(Failure):
    checks = ("ignored_auth",)


def test_a_check_that_sent_its_own_request_lists_it_apart() -> None:
    probe = AuthFailure(operation="getPayment", title="API accepts invalid auth", message="200")
    attach_check_request(probe, "curl -H 'Authorization: Basic broken' http://h/v2/payments/p")
    group = FailureGroup(
        [SchemaFailure(operation="getPayment", title="Schema violation", message="bad"), probe]
    )
    attach_request(group, "getPayment", "curl -u KEY http://h/v2/payments/p")
    [failure] = case_failures(group, LAST)
    assert failure.checks == ["response_schema_conformance", "ignored_auth"]
    assert failure.curl == "curl -u KEY http://h/v2/payments/p"
    assert failure.check_requests == [
        {
            "checks": ["ignored_auth"],
            "curl": "curl -H 'Authorization: Basic broken' http://h/v2/payments/p",
        }
    ]


def test_a_case_without_requests_of_its_checks_lists_none() -> None:
    [failure] = case_failures(one_case("createPayment"), LAST)
    assert failure.check_requests == []


def test_a_long_command_is_cut_where_it_says_so() -> None:
    error = CheckFailedError("c", "x", operation="o", curl="curl " + "h" * 10_000)
    [failure] = case_failures(error, None)
    assert len(failure.curl) < CURL_WIDTH + 60
    assert failure.curl.endswith("(6,005 more characters cut)")
