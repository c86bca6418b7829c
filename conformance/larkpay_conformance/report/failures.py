"""From what a failing test raised to one :class:`FailureRecord` per failing case.

A schemathesis case that breaks several checks raises one group of them: that is one case, with
every check named. Hypothesis may raise a group of distinct failing cases (or of a flaky one and
its replay): each becomes its own record. Every record names its operation, its checks, a
one-line reason and the request as a curl command: the failing request's own when the layer
attached it (a note added by :func:`attach_request`, or ``CheckFailedError.curl``), else the last
request the test sent. A check that failed on a request it sent itself (``ignored_auth`` sends
the case again without or with broken credentials) carries that request
(:func:`attach_check_request`): the record lists it apart, with the checks that failed on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from larkpay_conformance.checks.exchange import CheckFailedError
from larkpay_conformance.record.last_request import SentRequest

_NOTE = "Request of this case ("
_CHECK_NOTE = "Request this check sent:"
_REASON_WIDTH = 240
#: longest command kept in a record (a body over 4 KiB is already in a file, see repro)
CURL_WIDTH = 4000


@dataclass(frozen=True)
class CaseFailure:
    """One failing case, before it is placed in a test and a run."""

    operation: str
    checks: list[str]
    reason: str
    message: str
    curl: str
    #: requests the checks sent themselves, each with the checks that failed on it
    check_requests: list[dict[str, Any]] = field(default_factory=list)


def attach_request(exc: BaseException, operation: str, curl: str) -> None:
    """Note on ``exc`` which request failed (notes survive schemathesis re-raising a group)."""
    exc.add_note(f"{_NOTE}{operation}):\n    {curl}")


def attach_check_request(leaf: BaseException, curl: str) -> None:
    """Note on one check's failure the request that check sent itself."""
    leaf.add_note(f"{_CHECK_NOTE}\n    {curl}")


def _check_request(leaf: BaseException) -> str | None:
    for note in getattr(leaf, "__notes__", ()):
        if isinstance(note, str) and note.startswith(_CHECK_NOTE):
            return note.partition("\n")[2].strip()
    return None


def _capped(curl: str) -> str:
    if len(curl) <= CURL_WIDTH:
        return curl
    return f"{curl[:CURL_WIDTH]} ... ({len(curl) - CURL_WIDTH:,} more characters cut)"


def _attached(exc: BaseException) -> tuple[str, str] | None:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, str) and note.startswith(_NOTE):
            head, _, curl = note.partition("\n")
            return head[len(_NOTE) : -2], curl.strip()
    return None


def _is_case(exc: BaseException) -> bool:
    """A group of checks failing on one request is one case; other groups hold several."""
    if not isinstance(exc, BaseExceptionGroup):
        return True
    return _attached(exc) is not None or type(exc).__name__ == "FailureGroup"


def cases_of(exc: BaseException) -> Iterator[BaseException]:
    """The failing cases inside what a test raised."""
    if _is_case(exc):
        yield exc
        return
    assert isinstance(exc, BaseExceptionGroup)
    for inner in exc.exceptions:
        yield from cases_of(inner)


def leaves(exc: BaseException) -> Iterator[BaseException]:
    """The single failures inside ``exc`` (``exc`` itself unless it is a group)."""
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from leaves(inner)
    else:
        yield exc


def check_name(leaf: BaseException) -> str:
    """The name of the check a leaf failure belongs to."""
    if isinstance(leaf, CheckFailedError):
        return leaf.check
    inner = getattr(leaf, "exception", None)
    if isinstance(inner, CheckFailedError):
        return inner.check
    checks = getattr(type(leaf), "checks", ())
    if isinstance(checks, tuple) and checks:
        return str(checks[0])
    title = str(getattr(leaf, "title", "") or "")
    if "`" in title:
        return title.split("`")[1]
    if isinstance(leaf, KeyError | IndexError | TypeError | ValueError | AttributeError):
        return "larkpay_unexpected_answer"
    return title or type(leaf).__name__


def check_names(exc: BaseException) -> list[str]:
    """Every check that failed in ``exc``, once each, in order."""
    names: list[str] = []
    for leaf in leaves(exc):
        name = check_name(leaf)
        if name not in names:
            names.append(name)
    return names


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def one_line(leaf: BaseException) -> str:
    """What went wrong, on one line (the details stay in the report)."""
    inner = getattr(leaf, "exception", None)
    if isinstance(leaf, CheckFailedError) or isinstance(inner, CheckFailedError):
        check_error = leaf if isinstance(leaf, CheckFailedError) else inner
        assert isinstance(check_error, CheckFailedError)
        text = _first_line(check_error.detail)
    elif hasattr(leaf, "title") and hasattr(leaf, "message"):
        text = f"{leaf.title}: {_first_line(str(leaf.message))}"
    elif check_name(leaf) == "larkpay_unexpected_answer":
        text = f"the answer lacks what the test needs ({type(leaf).__name__}: {leaf})"
    else:
        text = f"{type(leaf).__name__}: {_first_line(str(leaf))}"
    line = " ".join(text.split())
    return line if len(line) <= _REASON_WIDTH else line[: _REASON_WIDTH - 3] + "..."


def _request_of(case: BaseException, fallback: SentRequest | None) -> tuple[str, str]:
    attached = _attached(case)
    if attached is not None:
        return attached
    for leaf in leaves(case):
        if isinstance(leaf, CheckFailedError) and leaf.curl:
            return leaf.operation or (fallback.operation if fallback else "?"), leaf.curl
    if fallback is not None:
        return fallback.operation, fallback.curl()
    return "(no request sent)", "(no request was sent before the failure)"


def _message(case: BaseException, failed: list[BaseException]) -> str:
    if len(failed) == 1 and failed[0] is case:
        return str(case)
    return "\n\n".join(f"[{check_name(leaf)}] {leaf}" for leaf in failed)


def case_failures(exc: BaseException, fallback: SentRequest | None) -> list[CaseFailure]:
    """One :class:`CaseFailure` per failing case in ``exc``; ``fallback`` is the last request
    the test sent, for failures that carry none."""
    out = []
    for case in cases_of(exc):
        operation, curl = _request_of(case, fallback)
        failed = list(leaves(case))
        reasons = [one_line(leaf) for leaf in failed]
        reason = reasons[0] if len(reasons) == 1 else "; ".join(reasons)
        out.append(
            CaseFailure(
                operation=operation,
                checks=check_names(case),
                reason=reason if len(reason) <= 2 * _REASON_WIDTH else reason[:477] + "...",
                message=_message(case, failed)[:4000],
                curl=_capped(curl),
                check_requests=_check_requests(failed, curl),
            )
        )
    return out


def _check_requests(failed: list[BaseException], case_curl: str) -> list[dict[str, Any]]:
    """The distinct requests the checks sent themselves, with the checks that failed on each."""
    by_curl: dict[str, list[str]] = {}
    for leaf in failed:
        curl = _check_request(leaf)
        if curl is None or curl == case_curl:
            continue
        names = by_curl.setdefault(curl, [])
        if check_name(leaf) not in names:
            names.append(check_name(leaf))
    return [{"checks": names, "curl": _capped(curl)} for curl, names in by_curl.items()]
