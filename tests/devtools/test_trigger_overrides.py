"""Overrides: [step:]field=value, dotted fields, YAML values, text kept as text."""

from __future__ import annotations

import pytest
from larkpay_devtools.trigger import overrides as overrides_module
from larkpay_devtools.trigger.fixtures import FixtureError, packaged_fixture, parse_fixture
from larkpay_devtools.trigger.overrides import apply_overrides, parse_override

FIXTURE = parse_fixture(
    "event: payment.updated\nsteps:\n"
    "  - {name: payment, call: payments.create,"
    "     params: {amount: 2500, source: test_pending, metadata: {order: '1'}}}\n"
    "  - {name: settled, call: sandbox.settle_payment, params: {outcome: succeeded}}\n",
    "f.yaml",
)


def params_after(*overrides: str) -> list[dict[str, object]]:
    fixture = apply_overrides(FIXTURE, [parse_override(text) for text in overrides])
    return [step.params for step in fixture.steps]


def test_an_override_without_a_step_changes_the_one_step_that_has_the_field() -> None:
    payment, settled = params_after("amount=5000", "outcome=failed")
    assert payment["amount"] == 5000
    assert settled == {"outcome": "failed"}


def test_an_override_of_a_field_of_several_steps_is_refused_naming_them() -> None:
    fixture = packaged_fixture("refund.created")
    with pytest.raises(FixtureError, match="amount is in the steps payment, refund") as error:
        apply_overrides(fixture, [parse_override("amount=5000")])
    assert "e.g. payment:amount=5000" in str(error.value)
    payment, refund = apply_overrides(fixture, [parse_override("payment:amount=5000")]).steps
    assert (payment.params["amount"], refund.params["amount"]) == (5000, 500)


def test_a_new_metadata_value_is_text_as_in_the_documented_example() -> None:
    assert "``metadata.order_id=1042``" in str(overrides_module.__doc__)
    [payment, _] = params_after("metadata.order_id=1042")
    assert payment["metadata"] == {"order": "1", "order_id": "1042"}


def test_an_override_with_a_step_changes_only_that_step() -> None:
    payment, settled = params_after("settled:amount=7")
    assert payment["amount"] == 2500
    assert settled["amount"] == 7


def test_a_dotted_field_reaches_into_a_mapping_and_text_stays_text() -> None:
    [payment, _] = params_after("metadata.order=42", "metadata.extra.deep=true")
    assert payment["metadata"] == {"order": "42", "extra": {"deep": "true"}}


def test_a_new_field_goes_to_the_first_step_read_as_yaml() -> None:
    [payment, settled] = params_after("description=null")
    assert payment["description"] is None
    assert "description" not in settled


def test_the_fixture_itself_is_not_changed() -> None:
    params_after("amount=1")
    assert FIXTURE.steps[0].params["amount"] == 2500


@pytest.mark.parametrize("text", ["amount", "=5", "Bad:amount=1", "a b=1"])
def test_a_malformed_override_is_refused(text: str) -> None:
    with pytest.raises(FixtureError, match="is not \\[step:\\]field=value"):
        parse_override(text)


def test_an_override_of_an_unknown_step_names_the_steps() -> None:
    with pytest.raises(FixtureError, match="has the steps payment, settled"):
        params_after("refund:amount=1")
