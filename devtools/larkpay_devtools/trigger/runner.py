"""Run a fixture's steps against a deployment and find the events they caused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from larkpay import LarkpayClient, LarkpayError

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


class StepFailedError(Exception):
    """A step's call failed (``error``, the SDK's); ``done`` is what the steps before it made,
    which stays in the deployment."""

    def __init__(self, step: Step, error: LarkpayError, done: Triggered) -> None:
        super().__init__(f"step {step.name!r} ({step.call}) failed: {error}")
        self.step = step
        self.error = error
        self.done = done


def run_fixture(client: LarkpayClient, fixture: Fixture) -> Triggered:
    """Call each step in order, then list the events created meanwhile about the objects the
    steps answered. Raises StepFailedError when a call fails, with what the earlier steps
    made."""
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
        except LarkpayError as exc:
            try:
                done = _triggered(fixture, ran, cursor)
            except LarkpayError:  # the deployment stopped answering: the answers alone
                done = Triggered(fixture, ran, [])
            raise StepFailedError(step, exc, done) from exc
        results[step.name] = _plain(answer)
        ran.append(Ran(step, params, results[step.name]))
    return _triggered(fixture, ran, cursor)


def _triggered(fixture: Fixture, ran: list[Ran], cursor: EventsCursor) -> Triggered:
    """What the steps that ran made: their answers and the events about those objects."""
    touched = {str(done.result["id"]) for done in ran if "id" in done.result}
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
