"""The handler table: one handler for every operation of the spec."""

from __future__ import annotations

from larkpay_sandbox.handlers.operations import operation_handlers

from tests.sandbox.conftest import loaded_spec


def test_every_operation_of_the_spec_has_a_handler_and_no_handler_is_extra() -> None:
    assert set(operation_handlers("2.0.0")) == set(loaded_spec().operations)
