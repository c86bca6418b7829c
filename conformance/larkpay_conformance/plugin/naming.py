"""Schema-layer test ids that name the operation by its operationId: ``test_schema[getRefund]``
rather than schemathesis' ``test_schema[GET /refunds/{refund_id}]``, so that the id says which
operation failed and ``-k 'test_schema[getRefund]'`` reruns just it.

pytest 9 builds a test's node id from ``originalname`` and its parametrization; schemathesis
passes the bare function name there, so all its items of one function would share one node id
(pytest-xdist and the JUnit report then cannot tell them apart). The items are created here
with the full name as ``originalname``.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from _pytest.python import FunctionDefinition
from schemathesis.pytest.plugin import SchemathesisCase, SchemathesisFunction


def operation_id(operation: Any) -> str:
    """The operationId of a schemathesis operation (its label when the spec gives none)."""
    raw = getattr(getattr(operation, "definition", None), "raw", None)
    value = raw.get("operationId") if isinstance(raw, dict) else None
    return str(value or operation.label)


class OperationIdCase(SchemathesisCase):
    """schemathesis' collector of one test per operation, named (and node-id'd) by
    operationId. The suite's schema test takes no pytest parametrization of its own."""

    def _get_test_name(self, operation: Any) -> str:
        return f"{self.name}[{operation_id(operation)}]"

    def _make_items(
        self, funcobj: Any, name: str, operation_label: str, operation_tags: list[str] | None
    ) -> Generator[SchemathesisFunction, None, None]:
        definition = FunctionDefinition.from_parent(
            name=self.name, parent=self.parent, callobj=funcobj
        )
        fixtureinfo = self.session._fixturemanager.getfixtureinfo(definition, funcobj, None)
        yield SchemathesisFunction.from_parent(
            name=name,
            parent=self.parent,
            callobj=funcobj,
            fixtureinfo=fixtureinfo,
            test_func=self.test_function,
            originalname=name,
            operation_label=operation_label,
            operation_tags=operation_tags,
        )


def by_operation_id(collector: Any, name: str, result: Any) -> Any:
    """Replace schemathesis' collector for a test by one that names its items by operationId."""
    if type(result) is not SchemathesisCase:
        return result
    return OperationIdCase.from_parent(
        collector, test_function=result.test_function, name=name, schema=result.schema
    )
