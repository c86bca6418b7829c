"""From what a failing test raised to one :class:`FailureRecord` per failing case.

A schemathesis case that breaks several checks raises one group of them: that is one case, with
every check named. Hypothesis may raise a group of distinct failing cases (or of a flaky one and
its replay): each becomes its own record. Every record names its operation, its checks, a
one-line reason and the request as a curl command: the failing request's own when the layer
attached it (a note added by :func:`attach_request`, or ``CheckFailedError.curl``), else the last
request the test sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from larkpay_conformance.checks import CheckFailedError
from larkpay_conformance.last_request import SentRequest

_NOTE = "Request of this case ("
_REASON_WIDTH = 240


@dataclass(frozen=True)
class CaseFailure:
    """One failing case, before it is placed in a test and a run."""

    operation: str
    checks: list[str]
    reason: str
    message: str
    curl: str


def attach_request(exc: BaseException, operation: str, curl: str) -> None:
    """Note on ``exc`` which request failed (notes survive schemathesis re-raising a group)."""
    exc.add_note(f"{_NOTE}{operation}):\n    {curl}")


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


def _leaves(exc: BaseException) -> Iterator[BaseException]:
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            yield from _leaves(inner)
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
    for leaf in _leaves(exc):
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
    for leaf in _leaves(case):
        if isinstance(leaf, CheckFailedError) and leaf.curl:
            return leaf.operation or (fallback.operation if fallback else "?"), leaf.curl
    if fallback is not None:
        return fallback.operation, fallback.curl()
    return "(no request sent)", "(no request was sent before the failure)"


def _message(case: BaseException, leaves: list[BaseException]) -> str:
    if len(leaves) == 1 and leaves[0] is case:
        return str(case)
    return "\n\n".join(f"[{check_name(leaf)}] {leaf}" for leaf in leaves)


def case_failures(exc: BaseException, fallback: SentRequest | None) -> list[CaseFailure]:
    """One :class:`CaseFailure` per failing case in ``exc``; ``fallback`` is the last request
    the test sent, for failures that carry none."""
    out = []
    for case in cases_of(exc):
        operation, curl = _request_of(case, fallback)
        leaves = list(_leaves(case))
        reasons = [one_line(leaf) for leaf in leaves]
        reason = reasons[0] if len(reasons) == 1 else "; ".join(reasons)
        out.append(
            CaseFailure(
                operation=operation,
                checks=check_names(case),
                reason=reason if len(reason) <= 2 * _REASON_WIDTH else reason[:477] + "...",
                message=_message(case, leaves)[:4000],
                curl=curl,
            )
        )
    return out
