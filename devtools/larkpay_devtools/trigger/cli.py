"""``larkpay trigger [EVENT_TYPE] [--override [step:]field=value ...] [--fixture FILE] [--list]``

Runs the package's fixture for EVENT_TYPE (or your own ``--fixture FILE``) against the API,
the way an integration would, and prints each object the calls answered and the events they
caused. Exits 0 when the event happened, 1 when it did not or a call failed, 2 on bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from larkpay import APIError, ConfigurationError, LarkpayError

from larkpay_devtools.connection import (
    EXIT_FAILED,
    EXIT_USAGE,
    add_connection_options,
    client_from,
    failure_text,
)
from larkpay_devtools.trigger.fixtures import (
    Fixture,
    FixtureError,
    fixture_file,
    packaged_events,
    packaged_fixture,
)
from larkpay_devtools.trigger.overrides import apply_overrides, parse_override
from larkpay_devtools.trigger.runner import StepFailedError, Triggered, run_fixture

EXIT_NOT_FIRED = EXIT_FAILED


def build_parser(prog: str) -> argparse.ArgumentParser:
    """The options of ``larkpay trigger``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Make an event happen through the public API, from a fixture of API calls.",
        epilog=f"Event types with a fixture: {', '.join(packaged_events())}.",
    )
    parser.add_argument("event", nargs="?", help="the event type, e.g. payment.updated")
    parser.add_argument(
        "--override",
        action="append",
        default=[],
        metavar="[STEP:]FIELD=VALUE",
        help="change a parameter of the fixture, e.g. amount=5000 or settled:outcome=failed "
        "(repeatable; FIELD may be dotted, VALUE is read as YAML)",
    )
    parser.add_argument("--fixture", metavar="FILE", help="run your own fixture file instead")
    parser.add_argument("--list", action="store_true", help="list the packaged fixtures and exit")
    parser.add_argument("--json", action="store_true", help="print the result as one JSON object")
    add_connection_options(parser)
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "larkpay trigger") -> int:
    """Run the command; the exit status."""
    options = build_parser(prog).parse_args(argv)
    out = sys.stdout
    if options.list:
        for event in packaged_events():
            print(f"{event:<28} {packaged_fixture(event).description}", file=out)
        return 0
    try:
        fixture = _chosen_fixture(options)
        fixture = apply_overrides(fixture, [parse_override(text) for text in options.override])
        client = client_from(options)
    except (FixtureError, ConfigurationError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with client:
        try:
            triggered = run_fixture(client, fixture)
        except FixtureError as exc:
            print(f"{prog}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except StepFailedError as failed:
            if failed.done.ran:
                _report(failed.done, options, client.config.base_url, out)
            error = failed.error
            reason = (
                failure_text(error, client.config.base_url)
                if isinstance(error, APIError)
                else str(error)
            )
            made = (
                " (what the steps before it made stays, as listed above)" if failed.done.ran else ""
            )
            print(
                f"{prog}: step {failed.step.name!r} ({failed.step.call}) of {fixture.source} "
                f"failed{made}: {reason}",
                file=sys.stderr,
            )
            return EXIT_NOT_FIRED
        except LarkpayError as exc:
            print(f"{prog}: {exc}", file=sys.stderr)
            return EXIT_NOT_FIRED
    _report(triggered, options, client.config.base_url, out)
    if not triggered.fired:
        print(
            f"{prog}: the calls ran but no {fixture.event} event appeared; "
            f"check the steps of {fixture.source}",
            file=sys.stderr,
        )
        return EXIT_NOT_FIRED
    return 0


def _report(triggered: Triggered, options: argparse.Namespace, base_url: str, out: TextIO) -> None:
    if options.json:
        print(json.dumps(_as_json(triggered), indent=2), file=out)
    else:
        _print(triggered, base_url, out)


def _chosen_fixture(options: argparse.Namespace) -> Fixture:
    if options.fixture:
        fixture = fixture_file(options.fixture)
        if options.event and options.event != fixture.event:
            raise FixtureError(
                f"{options.fixture} makes {fixture.event!r} happen, not {options.event!r}"
            )
        return fixture
    if not options.event:
        raise FixtureError("name an event type (larkpay trigger --list shows them) or --fixture")
    return packaged_fixture(options.event)


def _summary(item: dict[str, Any]) -> str:
    kind, ident, status = item.get("object", "object"), item.get("id", ""), item.get("status")
    return f"{kind} {ident}" + (f" ({status})" if status else "")


def _print(triggered: Triggered, base_url: str, out: TextIO) -> None:
    fixture = triggered.fixture
    print(f"Trigger {fixture.event}: {fixture.description} ({base_url})", file=out)
    width = max(len(ran.step.name) for ran in triggered.ran)
    for ran in triggered.ran:
        print(
            f"  {ran.step.name:<{width}}  {ran.step.call:<32} -> {_summary(ran.result)}", file=out
        )
    print(f"Events ({len(triggered.events)}):", file=out)
    for event in triggered.events:
        data = event.get("data", {})
        print(f"  {event['id']}  {event['event']:<26} {_summary(data)}", file=out)


def _as_json(triggered: Triggered) -> dict[str, Any]:
    return {
        "event": triggered.fixture.event,
        "fired": triggered.fired,
        "steps": [
            {
                "name": ran.step.name,
                "call": ran.step.call,
                "params": ran.params,
                "result": ran.result,
            }
            for ran in triggered.ran
        ],
        "events": triggered.events,
    }
