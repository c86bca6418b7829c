"""Run a fixture's steps against a deployment and find the events they caused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from larkpay import LarkpayClient

from larkpay_devtools.events_cursor import EventsCursor
from larkpay_devtools.trigger.calls import method_for, resolve
from larkpay_devtools.trigger.fixtures import Fixture, FixtureError, Step


@dataclass(frozen=True)
class Ran:
    """One step that ran: the params it was called with and the object it answered."""

    step: Step
    params: dict[str, Any]
    result: dict[str, Any]


@dataclass(frozen=True)
class Triggered:
    """What a fixture did: its steps, and the events about the objects they touched (oldest
    first)."""

    fixture: Fixture
    ran: list[Ran]
    events: list[dict[str, Any]]

    @property
    def fired(self) -> bool:
        """Whether the fixture's event type is among the events."""
        return any(event.get("event") == self.fixture.event for event in self.events)


def run_fixture(client: LarkpayClient, fixture: Fixture) -> Triggered:
    """Call each step in order (raising the SDK's error of a failing call), then list the events
    created meanwhile about the objects the steps answered."""
    cursor = EventsCursor(client)
    cursor.start()
    results: dict[str, Any] = {}
    ran: list[Ran] = []
    for step in fixture.steps:
        method = method_for(client, step.call)
        params = resolve(step.params, results)
        try:
            answer = method(**params)
        except (TypeError, ValueError) as exc:  # a parameter it does not take, a bad enum value
            raise FixtureError(
                f"{fixture.source}, step {step.name!r} ({step.call}): {exc}"
            ) from exc
        result = _plain(answer)
        results[step.name] = result
        ran.append(Ran(step, params, result))
    touched = {str(item["id"]) for item in results.values() if "id" in item}
    events = [event for event in cursor.newer().events if _about(event, touched)]
    return Triggered(fixture, ran, events[::-1])


def _plain(answer: object) -> dict[str, Any]:
    to_dict = getattr(answer, "to_dict", None)
    if callable(to_dict):
        plain = to_dict()
        return plain if isinstance(plain, dict) else {"value": plain}
    return {} if answer is None else {"value": answer}


def _about(event: dict[str, Any], touched: set[str]) -> bool:
    data = event.get("data")
    if not isinstance(data, dict):
        return False
    return str(data.get("id")) in touched or str(data.get("payment_id")) in touched
