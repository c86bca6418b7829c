"""Findings made by hand for the gate and output tests."""

from __future__ import annotations

from larkpay_specdiff.findings import Finding, Location, Severity


def finding(
    rule: str = "response-property-became-optional",
    severity: Severity = Severity.BREAKING,
    *,
    id_: str = "W1",
    subject: str = "Payment.updated_at",
    pointer: str = "/components/schemas/Payment/required/12",
    operations: tuple[str, ...] = ("GET /payments/{payment_id}",),
) -> Finding:
    """A finding with sensible defaults."""
    return Finding(
        rule=rule,
        severity=severity,
        message=f"{subject} changed. Handle it.",
        subject=subject,
        base=Location("base.yaml", pointer, 10),
        head=Location("head.yaml", pointer.rsplit("/", 1)[0], 9),
        operations=operations,
        id=id_,
    )
