"""What a correct deployment never answers to valid use, or what the suite cannot provoke
safely: the coverage report counts these apart, each with its reason, instead of as gaps.

The table is small on purpose: an entry belongs here only when no correct server produces the
answer for valid use (a 500 is a bug), or when provoking it would need something the suite
must not do (break the server) or cannot do (hold a request open inside a server that answers
it in one step). Everything else the spec documents must be exercised by a full run against
the embedded sandbox; ``bench/RESULTS.md`` shows that it is.
"""

from __future__ import annotations

#: (operationId or "*", status) -> why the suite does not expect to see it
UNREACHABLE_STATUSES: dict[tuple[str, int], str] = {
    ("*", 500): "INTERNAL_ERROR is a bug: a correct server never answers it",
    ("*", 503): "the sandbox answers SERVICE_UNAVAILABLE only to test_unavailable_once on "
    "createPayment; a correct sandbox is never unavailable elsewhere, and the suite does not "
    "take it down",
    ("createPayment", 503): "",  # reachable: test_unavailable_once
    ("updatePayment", 409): "only IDEMPOTENCY_IN_PROGRESS: two overlapping requests with one "
    "key, and an update finishes in one step of the server (no slow scenario to overlap with)",
    ("createWebhookEndpoint", 409): "only IDEMPOTENCY_IN_PROGRESS, which needs two overlapping "
    "requests; endpoint creation finishes in one step of the server",
    ("updateWebhookEndpoint", 409): "only IDEMPOTENCY_IN_PROGRESS, which needs two overlapping "
    "requests; an endpoint update finishes in one step of the server",
    ("rotateWebhookSecret", 409): "only IDEMPOTENCY_IN_PROGRESS, which needs two overlapping "
    "requests; a rotation finishes in one step of the server",
    ("redeliverEvent", 409): "only IDEMPOTENCY_IN_PROGRESS, which needs two overlapping "
    "requests; queueing a redelivery finishes in one step of the server",
    ("createApiKey", 409): "only IDEMPOTENCY_IN_PROGRESS, which needs two overlapping "
    "requests; creating a key finishes in one step of the server",
    ("getClock", 400): "getClock takes no parameter and no body: a valid request has nothing "
    "to get wrong (the sandbox answers 400 only to query parameters the spec does not define)",
    ("getHealth", 503): "health is unavailable only while the service is down; the suite does "
    "not take the target down",
}

#: error code -> why the suite does not expect to see it
UNREACHABLE_CODES: dict[str, str] = {
    "INTERNAL_ERROR": "a bug: a correct server never answers it",
}

#: event type -> why the suite does not expect to see it (against the embedded sandbox)
UNREACHABLE_EVENTS: dict[str, str] = {
    "refund.updated": "the sandbox's refunds succeed at once and never change afterwards, so "
    "it never fires refund.updated",
}


def status_reason(operation: str, status: int) -> str | None:
    """Why (operation, status) is not expected in a run, or None when it must be seen."""
    exact = UNREACHABLE_STATUSES.get((operation, status))
    if exact is not None:
        return exact or None
    return UNREACHABLE_STATUSES.get(("*", status)) or None
