"""Fixtures: the packaged ones parse and cover the sandbox's event types; bad ones say why."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from larkpay_devtools.trigger.fixtures import (
    NEVER_SENT_BY_THE_SANDBOX,
    FixtureError,
    fixture_file,
    packaged_events,
    packaged_fixture,
    parse_fixture,
)

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"


def spec_event_types() -> list[str]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return sorted(spec["components"]["schemas"]["EventType"]["enum"])


def test_the_package_has_a_fixture_for_every_event_type_of_the_spec_the_sandbox_sends() -> None:
    assert set(NEVER_SENT_BY_THE_SANDBOX) <= set(spec_event_types())
    assert packaged_events() == sorted(set(spec_event_types()) - set(NEVER_SENT_BY_THE_SANDBOX))
    for event in packaged_events():
        fixture = packaged_fixture(event)
        assert fixture.event == event
        assert fixture.description
        assert fixture.steps


def test_an_event_the_sandbox_never_sends_says_why_instead_of_asking_for_a_fixture() -> None:
    with pytest.raises(
        FixtureError, match=r"never sends refund\.updated \(.*succeed when"
    ) as error:
        packaged_fixture("refund.updated")
    assert "--fixture" not in str(error.value)


def test_an_event_without_a_fixture_names_the_ones_there_are() -> None:
    with pytest.raises(FixtureError, match=r"no fixture for 'payment\.bogus'.*--fixture"):
        packaged_fixture("payment.bogus")


def test_a_fixture_file_is_read_with_its_steps_in_order(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "event: payment.created\nsteps:\n"
        "  - {name: first, call: payments.create, params: {amount: 1}}\n"
        "  - call: payments.get\n"
    )
    fixture = fixture_file(str(path))
    assert [(step.name, step.call) for step in fixture.steps] == [
        ("first", "payments.create"),
        ("step2", "payments.get"),
    ]
    assert fixture.steps[0].params == {"amount": 1}
    assert fixture.source == str(path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[1, 2", "not valid YAML"),
        ("- a list", "must be a mapping"),
        ("event: x\nsteps: []\nextra: 1", "unknown keys"),
        ("steps: [{call: a.b}]", "needs `event:`"),
        ("event: x", "needs `steps:`"),
        ("event: x\nsteps: [42]", "step 1 must be a mapping"),
        ("event: x\nsteps: [{name: a}]", "needs `call:`"),
        ("event: x\nsteps: [{call: a.b, params: [1]}]", "params must be a mapping"),
        ("event: x\nsteps: [{call: a.b, name: Bad-Name}]", "name must be lowercase"),
        ("event: x\nsteps: [{call: a.b, name: a}, {call: c.d, name: a}]", "same name"),
        ("event: x\nsteps: [{call: a.b, when: now}]", "unknown keys"),
    ],
)
def test_a_bad_fixture_is_refused_saying_what_to_fix(text: str, problem: str) -> None:
    with pytest.raises(FixtureError, match=problem):
        parse_fixture(text, "mine.yaml")


def test_a_missing_fixture_file_is_a_fixture_error(tmp_path: Path) -> None:
    with pytest.raises(FixtureError, match="cannot read the fixture"):
        fixture_file(str(tmp_path / "nope.yaml"))
