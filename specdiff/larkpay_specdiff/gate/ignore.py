"""``spec-diff-ignore.yaml``: findings a team has accepted, each with a reason and an expiry date.

    ignore:
      - rule: response-property-became-optional
        location: /components/schemas/Payment/required     # or "GET /payments", or a subject
        reason: updated_at is missing on payments imported before 2024 (ticket 123).
        expires: 2026-12-31

``location`` matches a finding whose JSON pointer (either side) is it or lies under it, one of
the operations it affects (``GET /payments/{payment_id}``), or its subject
(``Payment.updated_at``, ``models.Payment.updated_at``). An entry past its date stops
suppressing and fails the gate; an entry that matches nothing is reported as a warning.

``rule`` may be a shell-style pattern: ``*-property-became-optional`` accepts the change in
responses and in webhook payloads at once. An SDK finding is ignored with the wire findings
that caused it (see ``gate.verdict``), so it needs no entry of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from larkpay_specdiff.errors import IgnoreFileError
from larkpay_specdiff.findings import Finding

DEFAULT_NAME = "spec-diff-ignore.yaml"
_FIELDS = ("rule", "location", "reason", "expires")


@dataclass(frozen=True)
class IgnoreEntry:
    """One accepted finding."""

    rule: str
    location: str
    reason: str
    expires: date
    number: int

    def expired(self, today: date) -> bool:
        """Whether the entry's date has passed (it still counts on the day itself)."""
        return self.expires < today

    def matches(self, finding: Finding) -> bool:
        """Whether this entry covers ``finding``."""
        if not fnmatchcase(finding.rule, self.rule):
            return False
        where = self.location.strip()
        if where.startswith("/"):
            return any(
                pointer == where or pointer.startswith(where.rstrip("/") + "/")
                for pointer in (finding.base.pointer, finding.head.pointer)
            )
        return where == finding.subject or _same_operation(where, finding.operations)

    def describe(self) -> str:
        """``entry 2 (rule-id at location)`` for messages."""
        return f"entry {self.number} ({self.rule} at {self.location})"


def _same_operation(where: str, operations: tuple[str, ...]) -> bool:
    method, _, path = where.partition(" ")
    wanted = f"{method.upper()} {path.strip()}"
    return wanted in operations or where in operations


def load_ignore_file(path: Path, known_rules: set[str]) -> list[IgnoreEntry]:
    """The entries of an ignore file; ``IgnoreFileError`` names the first problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IgnoreFileError(f"{path}: no such ignore file.") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        first = str(error).splitlines()[0]
        raise IgnoreFileError(f"{path} cannot be read as YAML: {first}.") from None
    items = data.get("ignore") if isinstance(data, dict) else data
    if items is None:
        return []
    if not isinstance(items, list):
        raise IgnoreFileError(f"{path}: expected a list under `ignore:`.")
    return [_entry(path, number, item, known_rules) for number, item in enumerate(items, 1)]


def _entry(path: Path, number: int, item: Any, known_rules: set[str]) -> IgnoreEntry:
    where = f"{path} entry {number}"
    if not isinstance(item, dict):
        raise IgnoreFileError(f"{where}: expected a mapping with {', '.join(_FIELDS)}.")
    unknown = sorted(set(map(str, item)) - set(_FIELDS))
    missing = [name for name in _FIELDS if not str(item.get(name, "") or "").strip()]
    if unknown:
        raise IgnoreFileError(
            f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(_FIELDS)}."
        )
    if missing:
        raise IgnoreFileError(
            f"{where}: `{missing[0]}` is missing; every entry needs {', '.join(_FIELDS)}."
        )
    rule = str(item["rule"])
    if not any(fnmatchcase(known, rule) for known in known_rules):
        raise IgnoreFileError(f"{where}: unknown rule {rule!r}; `larkpay spec rules` lists them.")
    expires = item["expires"]
    if not isinstance(expires, date):
        try:
            expires = date.fromisoformat(str(expires))
        except ValueError:
            raise IgnoreFileError(
                f"{where}: `expires` must be a date (YYYY-MM-DD), got {expires!r}."
            ) from None
    return IgnoreEntry(rule, str(item["location"]), str(item["reason"]), expires, number)
