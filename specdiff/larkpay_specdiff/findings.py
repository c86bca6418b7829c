"""What a diff reports: severities, locations on both sides, and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a change is for existing clients; ``rank`` orders them (breaking first)."""

    BREAKING = "breaking"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for breaking, 1 for warning, 2 for info."""
        return ("breaking", "warning", "info").index(self.value)


@dataclass(frozen=True)
class Location:
    """A place in one side's source: file label, JSON pointer and 1-based line (if known)."""

    file: str
    pointer: str
    line: int | None

    def __str__(self) -> str:
        line = f":{self.line}" if self.line else ""
        return f"{self.file}{line} {self.pointer or '/'}"


@dataclass(frozen=True)
class Finding:
    """One change between the two sides.

    ``subject`` names what changed (``Payment.updated_at``, ``GET /payments query limit``);
    ``operations`` the operations and webhooks it affects; ``details`` the facts behind the
    message (schema, property, parameter, values), used to link SDK findings to wire findings.
    """

    rule: str
    severity: Severity
    message: str
    subject: str
    base: Location
    head: Location
    operations: tuple[str, ...] = ()
    details: tuple[tuple[str, str], ...] = ()
    id: str = ""
    caused_by: tuple[str, ...] = field(default=())

    def detail(self, key: str) -> str | None:
        """One of ``details`` by key, or None."""
        return dict(self.details).get(key)
