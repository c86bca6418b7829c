"""The rule catalogue: every rule id the wire diff can report, its severity, what it detects and
what a client must do.

Schema rules exist once per context, ``<context>-<change>``: the direction of the data decides
the severity. A request (parameters, request bodies) is written by the client, so narrowing
what it accepts breaks clients; a response, a response header or a webhook payload is read by
the client, so loosening what it guarantees breaks them. A response enum or union that grows
is a warning, as new event types are: clients that match its values or alternatives
exhaustively must add the new ones (and SDKs generated before cannot parse them).

A bound or pattern a response drops (``maximum``, ``maxLength``, ``pattern``) is a warning, not
breaking as in oasdiff 1.31 and later: the values clients already handle stay valid, and only
code that relied on the old limit (a column size, a parser) must check; the finding says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from larkpay_specdiff.findings import Severity
from larkpay_specdiff.schema_rules import (
    BREAK,
    INFO,
    NOTHING,
    READ_CONTEXTS,
    READ_OBJECT,
    REQUEST_CONTEXTS,
    SCHEMA_CHANGES,
    WARN,
)


@dataclass(frozen=True)
class Rule:
    """One rule. ``summary`` completes a sentence whose subject is the changed thing
    (``Response field `x` is no longer always present``); ``action`` is what a client does."""

    id: str
    severity: Severity
    summary: str
    action: str


_OTHER: tuple[tuple[str, Severity, str, str], ...] = (
    # operations
    (
        "api-removed-without-deprecation",
        BREAK,
        "was removed without being deprecated first",
        "stop calling it; its SDK method is gone",
    ),
    (
        "api-removed-before-sunset",
        BREAK,
        "was removed before its announced sunset date",
        "stop calling it; its SDK method is gone",
    ),
    (
        "api-removed-after-deprecation",
        WARN,
        "was removed after being deprecated (sunset passed or none set)",
        "stop calling it; its SDK method is gone",
    ),
    ("api-added", INFO, "was added", NOTHING),
    (
        "api-deprecated",
        INFO,
        "was deprecated, with a sunset date",
        "move off it before the sunset date",
    ),
    (
        "api-deprecated-without-sunset",
        WARN,
        "was deprecated without an x-sunset date",
        "move off it, and ask the API team for a sunset date",
    ),
    ("api-reactivated", INFO, "is no longer deprecated", NOTHING),
    (
        "api-sunset-moved-earlier",
        BREAK,
        "had its sunset date moved earlier",
        "move off it before the new date",
    ),
    (
        "api-operation-id-changed",
        BREAK,
        "changed operationId, which renames its SDK method",
        "call the method by its new name",
    ),
    (
        "api-primary-tag-changed",
        BREAK,
        "changed its first tag, which moves its SDK method to another resource",
        "call it on the new resource",
    ),
    ("api-tag-added", INFO, "got a secondary tag", NOTHING),
    ("api-tag-removed", INFO, "lost a secondary tag", NOTHING),
    (
        "api-security-requirement-removed",
        BREAK,
        "no longer accepts one way to authenticate",
        "authenticate with one of the remaining requirements",
    ),
    ("api-security-requirement-added", INFO, "accepts a new way to authenticate", NOTHING),
    # parameters
    (
        "request-parameter-removed",
        BREAK,
        "was removed",
        "stop passing it; the SDK method no longer takes it (TypeError)",
    ),
    ("request-parameter-added-required", BREAK, "was added as required", "pass it on every call"),
    ("request-parameter-added", INFO, "was added (optional)", NOTHING),
    ("request-parameter-became-required", BREAK, "became required", "pass it on every call"),
    ("request-parameter-became-optional", INFO, "became optional", NOTHING),
    (
        "request-parameter-moved",
        BREAK,
        "moved to another location",
        "send it in its new location (regenerate the SDK)",
    ),
    (
        "request-parameter-renamed",
        INFO,
        "was renamed (the URL is unchanged)",
        "rename keyword arguments; positional calls are unaffected",
    ),
    ("request-parameter-deprecated", INFO, "was deprecated", "stop passing it"),
    (
        "request-parameter-style-changed",
        BREAK,
        "is serialized differently (style or explode)",
        "send it in the new form (regenerate the SDK)",
    ),
    # request bodies
    ("request-body-became-required", BREAK, "became required", "always send a body"),
    ("request-body-became-optional", INFO, "became optional", NOTHING),
    ("request-body-added-required", BREAK, "is now required (there was none)", "send a body"),
    ("request-body-added", INFO, "was added (optional)", NOTHING),
    ("request-body-removed", WARN, "was removed", "stop sending a body"),
    (
        "request-body-media-type-removed",
        BREAK,
        "no longer accepts a media type",
        "send one of the remaining media types",
    ),
    ("request-body-media-type-added", INFO, "accepts a new media type", NOTHING),
    ("request-property-removed", WARN, "was removed; the server now ignores it", "stop sending it"),
    (
        "request-property-removed-rejected",
        BREAK,
        "was removed and the server refuses undeclared fields",
        "stop sending it, or requests fail",
    ),
    ("request-property-added-required", BREAK, "was added as required", "send it in every request"),
    ("request-property-added", INFO, "was added (optional)", NOTHING),
    ("request-property-became-required", BREAK, "became required", "send it in every request"),
    ("request-property-became-optional", INFO, "became optional", NOTHING),
    (
        "request-property-additional-forbidden",
        BREAK,
        "no longer accepts undeclared fields",
        "send only the declared fields",
    ),
    ("request-property-additional-allowed", INFO, "accepts undeclared fields", NOTHING),
    # responses
    (
        "response-success-status-removed",
        BREAK,
        "no longer answers a success status",
        "handle the remaining success statuses",
    ),
    ("response-success-status-added", INFO, "may answer a new success status", "handle it"),
    ("response-error-status-removed", INFO, "no longer answers an error status", NOTHING),
    (
        "response-error-status-added",
        INFO,
        "may answer a new error status",
        "handle it like the other errors",
    ),
    (
        "response-media-type-removed",
        BREAK,
        "no longer answers with a media type",
        "accept one of the remaining media types",
    ),
    ("response-media-type-added", INFO, "may answer with a new media type", NOTHING),
    ("response-required-header-removed", BREAK, "was removed (it was required)", "stop reading it"),
    ("response-header-removed", WARN, "was removed (it was optional)", "stop reading it"),
    ("response-header-became-optional", BREAK, "is no longer always sent", "handle its absence"),
    ("response-header-added", INFO, "was added", NOTHING),
    (
        "error-code-removed",
        BREAK,
        "lost error codes",
        "stop matching on the removed codes; handle those errors by status or by their new code",
    ),
    (
        "error-code-added",
        WARN,
        "got new error codes",
        "handle the new codes (fall back on the HTTP status for unknown ones)",
    ),
    # spec-wide
    ("security-scheme-removed", BREAK, "was removed", "authenticate with another scheme"),
    (
        "security-scheme-unused-removed",
        INFO,
        "was removed (no security requirement used it)",
        NOTHING,
    ),
    ("security-scheme-added", INFO, "was added", NOTHING),
    (
        "security-scheme-changed",
        BREAK,
        "changed how credentials are sent",
        "send credentials the new way",
    ),
    ("server-removed", WARN, "was removed", "point clients at one of the remaining servers"),
    ("server-added", INFO, "was added", NOTHING),
    (
        "server-variable-enum-value-removed",
        BREAK,
        "lost allowed values of a URL variable",
        "configure one of the remaining values",
    ),
    (
        "server-variable-default-changed",
        WARN,
        "changed the default of a URL variable",
        "set the old value explicitly if you relied on the default",
    ),
    (
        "webhook-removed",
        BREAK,
        "is no longer sent",
        "stop relying on it and remove it from endpoint subscriptions",
    ),
    ("webhook-added", INFO, "is a new event", "subscribe to it if useful"),
    (
        "webhook-body-removed",
        BREAK,
        "no longer carries a payload",
        "stop relying on the payload; fetch what you need from the API",
    ),
    ("webhook-body-added", INFO, "now carries a payload", NOTHING),
    (
        "webhook-media-type-removed",
        BREAK,
        "is no longer sent with a media type",
        "parse the payload in one of the remaining media types",
    ),
    (
        "webhook-media-type-added",
        WARN,
        "may be sent with a new media type",
        "accept payloads of the new media type, or check the Content-Type",
    ),
)


def _build() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for change, (write, read, summary) in SCHEMA_CHANGES.items():
        for context in (*REQUEST_CONTEXTS, *READ_CONTEXTS):
            chosen = write if context in REQUEST_CONTEXTS else read
            if chosen is not None:
                rule_id = f"{context}-{change}"
                rules[rule_id] = Rule(rule_id, chosen[0], summary, chosen[1])
    for context in ("response-property", "webhook-property"):
        for change, severity, summary, action in READ_OBJECT:
            rules[f"{context}-{change}"] = Rule(f"{context}-{change}", severity, summary, action)
    for rule_id, severity, summary, action in _OTHER:
        rules[rule_id] = Rule(rule_id, severity, summary, action)
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _build()
"""Every wire rule, by id."""


def rule(rule_id: str) -> Rule:
    """The rule with this id; ``KeyError`` names an id missing from the catalogue."""
    return RULES[rule_id]
