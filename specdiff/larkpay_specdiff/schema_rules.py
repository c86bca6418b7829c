"""The schema half of the rule catalogue: each schema change once, with its severity and
action when the client writes the data and when it reads it (``rules`` builds one rule per
context from it), and the object changes of what clients read."""

from __future__ import annotations

from larkpay_specdiff.findings import Severity

BREAK, WARN, INFO = Severity.BREAKING, Severity.WARNING, Severity.INFO
NOTHING = "nothing to do"

REQUEST_CONTEXTS = ("request-parameter", "request-property")
READ_CONTEXTS = ("response-property", "response-header", "webhook-property")

# change: (severity, action) when the client writes the data, then when it reads it; summary
SCHEMA_CHANGES: dict[str, tuple[tuple[Severity, str] | None, tuple[Severity, str] | None, str]] = {
    "type-changed": (
        (BREAK, "send values of the new type"),
        (BREAK, "parse the new type"),
        "changed type",
    ),
    "type-widened": (
        (INFO, NOTHING),
        (BREAK, "handle values of the added types"),
        "allows more types",
    ),
    "type-narrowed": (
        (BREAK, "send only the remaining types"),
        (INFO, NOTHING),
        "allows fewer types",
    ),
    "became-nullable": ((INFO, NOTHING), (BREAK, "handle null"), "can now be null"),
    "became-not-nullable": ((BREAK, "stop sending null"), (INFO, NOTHING), "can no longer be null"),
    "format-added": ((BREAK, "send values in that format"), (INFO, NOTHING), "got a format"),
    "format-removed": (
        (INFO, NOTHING),
        (WARN, "stop relying on the old format"),
        "lost its format",
    ),
    "format-changed": (
        (BREAK, "send the new format"),
        (BREAK, "parse the new format"),
        "changed format",
    ),
    "enum-value-removed": (
        (BREAK, "stop sending the removed values"),
        (INFO, NOTHING),
        "lost enum values",
    ),
    "enum-value-added": (
        (INFO, NOTHING),
        (WARN, "handle the new values wherever you match on this field"),
        "got new enum values",
    ),
    "enum-added": (
        (BREAK, "send only the listed values"),
        (INFO, NOTHING),
        "is now restricted to a list of values",
    ),
    "enum-removed": (
        (INFO, NOTHING),
        (WARN, "handle any value, not only the old list"),
        "is no longer restricted to a list of values",
    ),
    "pattern-added": ((BREAK, "send only values that match it"), (INFO, NOTHING), "got a pattern"),
    "pattern-changed": (
        (WARN, "check that your values match the new pattern"),
        (WARN, "stop relying on the old pattern"),
        "changed pattern",
    ),
    "pattern-removed": ((INFO, NOTHING), (WARN, "stop relying on the pattern"), "lost its pattern"),
    "max-decreased": (
        (BREAK, "send values within the new bound"),
        (INFO, NOTHING),
        "got a lower upper bound",
    ),
    "max-increased": (
        (INFO, NOTHING),
        (WARN, "handle larger values (check storage sizes)"),
        "got a higher upper bound, or none",
    ),
    "min-increased": (
        (BREAK, "send values within the new bound"),
        (INFO, NOTHING),
        "got a higher lower bound",
    ),
    "min-decreased": (
        (INFO, NOTHING),
        (WARN, "handle smaller values"),
        "got a lower lower bound, or none",
    ),
    "default-changed": (
        (WARN, "pass the old default explicitly where you rely on it"),
        None,
        "changed its default",
    ),
    "multiple-of-narrowed": (
        (BREAK, "send multiples of the new step"),
        (INFO, NOTHING),
        "allows fewer values (multipleOf added or made coarser)",
    ),
    "multiple-of-widened": (
        (INFO, NOTHING),
        (WARN, "handle values that are not multiples of the old step"),
        "allows more values (multipleOf removed or made finer)",
    ),
    "multiple-of-changed": (
        (BREAK, "send multiples of the new step"),
        (WARN, "handle values that are multiples of the new step only"),
        "changed multipleOf to a step that is neither coarser nor finer",
    ),
    "unique-items-added": (
        (BREAK, "send no duplicate items"),
        (INFO, NOTHING),
        "no longer accepts duplicate items",
    ),
    "unique-items-removed": (
        (INFO, NOTHING),
        (WARN, "handle duplicate items"),
        "may now hold duplicate items",
    ),
    "variant-removed": (
        (BREAK, "stop sending that shape"),
        (INFO, NOTHING),
        "lost a oneOf/anyOf alternative",
    ),
    "variant-added": (
        (INFO, NOTHING),
        (WARN, "handle the new shape wherever you match on the alternatives"),
        "got a new oneOf/anyOf alternative",
    ),
}

READ_OBJECT: tuple[tuple[str, Severity, str, str], ...] = (
    ("removed", BREAK, "was removed (it was required)", "stop reading it"),
    ("optional-removed", WARN, "was removed (it was optional)", "stop reading it"),
    ("became-optional", BREAK, "is no longer always present", "handle its absence"),
    ("became-required", INFO, "is now always present", NOTHING),
    ("added", INFO, "was added", NOTHING),
    (
        "additional-allowed",
        WARN,
        "may now hold fields it does not declare",
        "accept and ignore fields you do not know, if your parser is strict",
    ),
    ("additional-forbidden", INFO, "no longer holds fields it does not declare", NOTHING),
)
