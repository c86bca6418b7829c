"""An SDK finding and its place (file, dotted name, line) in the generated package."""

from __future__ import annotations

from larkpay_specdiff.findings import Finding, Location
from larkpay_specdiff.sdk.rules import SDK_RULES


def sdk_finding(
    rule_id: str,
    subject: str,
    what: str,
    base: Location,
    head: Location,
    added: frozenset[str] = frozenset(),
    **facts: str,
) -> Finding:
    """``facts`` (old and new types, how a model is used) go to ``details`` for the outputs."""
    rule = SDK_RULES[rule_id]
    action = rule.action[0].upper() + rule.action[1:]
    if added:
        facts["added"] = ", ".join(sorted(added))
    return Finding(
        rule=rule_id,
        severity=rule.severity,
        message=f"`{subject}`: {rule.summary}{what}. {action}.",
        subject=subject,
        base=base,
        head=head,
        details=tuple(sorted(facts.items())),
    )


def at(file: str, name: str, line: int) -> Location:
    """The place of ``name`` (``models.Payment.updated_at``) in ``file``; line 0 is unknown."""
    return Location(file=file, pointer=name, line=line or None)
