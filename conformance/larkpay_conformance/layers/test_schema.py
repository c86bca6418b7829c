"""Layer 1: schemathesis over every operation - examples, coverage and fuzzing, positive and
negative data, every built-in check plus the larkpay checks, and an idempotent replay of every
processed POST/PATCH."""

from __future__ import annotations

from typing import Any

from larkpay_conformance.run.suite import current_schema
from larkpay_conformance.schema.schema_runner import SchemaRunner

schema = current_schema()


@schema.parametrize()  # type: ignore[untyped-decorator]
def test_schema(case: Any, schema_runner: SchemaRunner) -> None:
    schema_runner.run(case)
