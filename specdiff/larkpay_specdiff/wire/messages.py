"""The sentence of each finding: what changed, where, and what a client must do."""

from __future__ import annotations

from larkpay_specdiff.rules import Rule
from larkpay_specdiff.wire.changes import Change

_THINGS = (
    ("request-parameter-", "Parameter `{name}`", "A parameter"),
    ("request-property-", "Request field `{name}`", "The request body"),
    ("response-property-", "Response field `{name}`", "The response body"),
    ("response-required-header-", "Response header `{name}`", "A response header"),
    ("response-header-", "Response header `{name}`", "A response header"),
    ("webhook-property-", "Webhook payload field `{name}`", "The webhook payload"),
    ("error-code-", "Error field `{name}`", "The error body"),
    ("security-scheme-", "Security scheme `{name}`", "A security scheme"),
    ("server-variable-", "Server variable `{name}`", "A server variable"),
    ("server-", "Server `{name}`", "A server"),
    ("webhook-", "Webhook `{name}`", "A webhook"),
)

# What the SDK user sees, for changes that reach the generated code.
_SDK_HINTS = {
    "became-optional": " (in the Python SDK the attribute can now be `UNSET`: check "
    "`isinstance(value, Unset)` before using it)",
    "became-nullable": " (in the Python SDK the attribute can now be `None`)",
    "removed": " (the Python SDK attribute is gone)",
    "optional-removed": " (the Python SDK attribute is gone)",
    "enum-value-added": " (SDKs generated before this change raise ValueError on the new values: "
    "regenerate or upgrade the SDK first)",
    "variant-added": " (SDKs generated before this change cannot parse the new alternative: "
    "regenerate or upgrade the SDK first)",
}


def _thing(rule: str, change: Change, operation: str) -> str:
    if rule.startswith("request-body-"):
        return f"The request body of `{operation}`" if operation else "The request body"
    if rule.startswith(("webhook-body-", "webhook-media-")):
        return f"`{operation}`" if operation else "A webhook"
    if rule.startswith(("response-success", "response-error", "response-media")):
        return f"`{operation}`" if operation else "An operation"
    for prefix, named, unnamed in _THINGS:
        if rule.startswith(prefix):
            return named.format(name=change.name) if change.name else unnamed
    return f"`{operation or change.name}`"


def _values(change: Change) -> str:
    if change.keyword:
        return f" ({change.keyword}: {change.old} → {change.new})"
    if change.old and change.new:
        return f" ({change.old} → {change.new})"
    if change.old:
        return f" (was: {change.old})"
    if change.new:
        return f" (now: {change.new})"
    return ""


def _subject_values(rule: str, change: Change) -> str:
    if rule.startswith(
        (
            "response-success",
            "response-error",
            "response-media",
            "request-body-media",
            "webhook-media",
        )
    ):
        return f" ({change.name})"
    return _values(change)


def message(rule: Rule, change: Change, operation: str) -> str:
    """``<Thing> [in <operation>] <summary> (<values>). <Action>.``"""
    hint = ""
    if rule.id.startswith(("response-property-", "webhook-property-")):
        hint = _SDK_HINTS.get(rule.id.split("-property-", 1)[1], "")
    where = ""
    if operation and rule.id.startswith(("request-parameter", "request-property")):
        where = f" in `{operation}`"
    action = rule.action[0].upper() + rule.action[1:]
    thing = _thing(rule.id, change, operation)
    return f"{thing}{where} {rule.summary}{_subject_values(rule.id, change)}. {action}{hint}."
