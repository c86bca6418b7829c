"""larkpay_specdiff.wire.engine: one finding per distinct change, numbered breaking first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from larkpay_specdiff.findings import Severity
from larkpay_specdiff.report import load_spec
from larkpay_specdiff.wire.engine import diff_specs

from tests.specdiff.pairs import write_pair

SHARED = """openapi: 3.1.0
info: {title: t, version: 1.0.0}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/X'}}}
  /b:
    get:
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/X'}}}
webhooks:
  x.created:
    post:
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/X'}}}}
      responses: {'200': {description: ok}}
components:
  schemas:
    X: {type: object, required: [id], properties: {id: {type: string}}}
"""


def _diff(folder: Path, base: str, head: str) -> list:  # type: ignore[type-arg]
    (folder / "b.yaml").write_text(base)
    (folder / "h.yaml").write_text(head)
    return diff_specs(
        load_spec("b.yaml", cwd=folder), load_spec("h.yaml", cwd=folder), today=date(2026, 1, 1)
    )


def test_a_shared_schema_change_is_one_finding_per_direction_listing_every_operation(
    tmp_path: Path,
) -> None:
    findings = _diff(tmp_path, SHARED, SHARED.replace("required: [id]", "required: []"))
    assert [(f.rule, f.operations) for f in findings] == [
        ("response-property-became-optional", ("GET /a", "GET /b")),
        ("webhook-property-became-optional", ("webhook x.created",)),
    ]
    assert "2 operations" not in findings[0].message  # the message names the field, not the count


def test_findings_are_numbered_breaking_then_warning_then_info(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path)
    findings = diff_specs(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path))
    assert [f.id for f in findings] == ["W1", "W2", "W3"]
    assert [f.severity for f in findings] == [Severity.BREAKING, Severity.WARNING, Severity.INFO]
    assert dict(findings[1].details)["new"] == '"c"'


def test_each_finding_says_what_changed_and_what_to_do(tmp_path: Path) -> None:
    base, head = write_pair(tmp_path)
    messages = [
        f.message for f in diff_specs(load_spec(base, cwd=tmp_path), load_spec(head, cwd=tmp_path))
    ]
    assert messages[0].startswith(
        "Response field `Item.id` is no longer always present. Handle its absence"
    )
    assert messages[1].startswith(
        'Response field `Item.kind` got new enum values (now: "c"). Handle the new values'
    )
    assert messages[2] == "`POST /items` was added. Nothing to do."


def test_the_same_spec_in_two_files_has_no_finding(tmp_path: Path) -> None:
    assert _diff(tmp_path, SHARED, SHARED) == []
