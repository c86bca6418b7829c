"""Hypothesis strategies for valid Larkpay request bodies, in one place."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "SEK")
REFUND_REASONS = ("requested_by_customer", "duplicate", "fraudulent")
EVENT_TYPES = ("payment.created", "payment.updated", "refund.created", "refund.updated")

#: Sources the business layer uses; the slow/429/503 scenarios have their own layer.
WORKFLOW_SOURCES = (
    "test_success",
    "test_pending",
    "test_pending_failure",
    "test_failure",
    "test_insufficient_funds",
    "tok_visa",
    "card_4242",
)
#: Sources with no scenario behaviour, for targets that are not a sandbox.
PLAIN_SOURCES = ("tok_visa", "card_4242")

_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=40
)

MAX_AMOUNT = 99_999_999
#: any valid amount, the bounds and small ones drawn often (refund limits sit near them)
amounts = st.one_of(
    st.sampled_from((1, 2, MAX_AMOUNT)),
    st.integers(min_value=1, max_value=1000),
    st.integers(min_value=1, max_value=MAX_AMOUNT),
)


#: how a refund amount relates to what is left (drawn first, so that what is drawn never
#: depends on the server's answers: a failing example then replays exactly)
REFUND_KINDS = ("exactly what is left", "one more", "one less", "one", "any")
refund_amount_draws = st.tuples(st.sampled_from(REFUND_KINDS), st.integers(1, MAX_AMOUNT))


def refund_amount(kind: str, number: int, remaining: int) -> int:
    """The refund amount a drawn (kind, number) means for a payment with ``remaining`` left:
    at the edges that state sets, or any up to half again what is left (a valid Amount)."""
    amount = {
        "exactly what is left": remaining,
        "one more": remaining + 1,
        "one less": remaining - 1,
        "one": 1,
    }.get(kind, number % max(1, min(MAX_AMOUNT, remaining + max(1, remaining // 2))) + 1)
    return min(max(amount, 1), MAX_AMOUNT)


currencies = st.sampled_from(CURRENCIES)
descriptions = st.one_of(st.none(), _text)
metadata = st.dictionaries(
    keys=st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=40),
    values=_text,
    max_size=5,
)


@st.composite
def create_payment_bodies(
    draw: st.DrawFn, sources: tuple[str, ...] = WORKFLOW_SOURCES
) -> dict[str, Any]:
    """A valid createPayment body with optional description and metadata."""
    body: dict[str, Any] = {
        "amount": draw(amounts),
        "currency": draw(currencies),
        "source": draw(st.sampled_from(sources)),
    }
    if draw(st.booleans()):
        body["description"] = draw(descriptions)
    if draw(st.booleans()):
        body["metadata"] = draw(metadata)
    return body


@st.composite
def update_payment_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A valid updatePayment body: description and/or metadata (at least one)."""
    fields = draw(st.sampled_from((("description",), ("metadata",), ("description", "metadata"))))
    body: dict[str, Any] = {}
    if "description" in fields:
        body["description"] = draw(descriptions)
    if "metadata" in fields:
        body["metadata"] = draw(metadata)
    return body


refund_reasons = st.one_of(st.none(), st.sampled_from(REFUND_REASONS))
