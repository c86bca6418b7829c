"""Where the comparers put what they find: rule id, raw change and the operation it affects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from larkpay_specdiff.wire.changes import Change

_ERROR_CODE_RULES = {
    "enum-value-removed": "error-code-removed",
    "enum-value-added": "error-code-added",
}


@dataclass(frozen=True)
class Hit:
    """One rule matched on one operation (``operation`` is empty for spec-wide changes)."""

    rule: str
    change: Change
    operation: str
    facts: tuple[tuple[str, str], ...] = ()


class Collector:
    """Collects hits in the order they are found."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []

    def add(self, rule: str, change: Change, operation: str = "", **facts: str) -> None:
        """Record that ``rule`` matched ``change`` on ``operation``; ``facts`` (parameter,
        media type...) help link SDK findings to it."""
        self.hits.append(Hit(rule, change, operation, tuple(sorted(facts.items()))))

    def schema(
        self,
        context: str,
        changes: Iterable[Change],
        operation: str,
        *,
        error: bool = False,
        **facts: str,
    ) -> None:
        """Record schema changes under ``context`` (``response-property``...); enum changes in
        an error response are error-code changes."""
        for change in changes:
            rule = _ERROR_CODE_RULES.get(change.kind) if error else None
            self.add(rule or f"{context}-{change.kind}", change, operation, **facts)
