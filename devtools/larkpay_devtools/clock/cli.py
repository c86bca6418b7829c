"""``larkpay clock`` shows the sandbox's time; ``larkpay clock advance DURATION`` (``35``, ``90s``,
``10m``, ``2h``, ``7d``) or ``larkpay clock advance --to TIME`` moves it ahead, running what
comes due on the way, and prints each step that ran (settlements, delivery attempts, disabled
endpoints) in due order; the expiries of secrets and idempotency keys (every POST leaves a key
that expires a day later) are only counted, unless ``--all`` lists them too. Sandbox only:
another deployment answers 404.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from larkpay import APIError, ConfigurationError, NotFoundError

from larkpay_devtools.connection import (
    EXIT_FAILED,
    EXIT_USAGE,
    add_connection_options,
    client_from,
    failure_text,
)

EXPIRIES = ("secret_expiry", "idempotency_expiry")
"""The steps only counted unless --all is given."""
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """Seconds in ``35``, ``90s``, ``10m``, ``2h`` or ``7d``."""
    found = _DURATION.match(text.strip().lower())
    if found is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration like 35, 90s, 10m, 2h or 7d")
    return float(found.group(1)) * _UNIT_SECONDS[found.group(2)]


def parse_time(text: str) -> str:
    """An ISO 8601 date or time (UTC when it names no offset) as RFC 3339 UTC, ``...Z``."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time like 2027-01-15, 2027-01-15T08:00:00Z or "
            "2027-01-15T09:00:00+01:00"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def build_parser(prog: str) -> argparse.ArgumentParser:
    """The options of ``larkpay clock``."""
    parser = argparse.ArgumentParser(
        prog=prog, description="Read or advance the sandbox's test clock."
    )
    parser.add_argument("action", nargs="?", choices=("show", "advance"), default="show")
    parser.add_argument("duration", nargs="?", type=parse_duration, help="e.g. 35, 90s, 2h, 7d")
    parser.add_argument(
        "--to",
        metavar="TIME",
        type=parse_time,
        help="advance to this time instead, e.g. 2027-01-15 or 2027-01-15T09:00:00+01:00 "
        "(UTC when no offset is given)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="list the expiries of secrets and idempotency keys too (by default only counted)",
    )
    add_connection_options(parser)
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "larkpay clock") -> int:
    """Run the command; the exit status."""
    parser = build_parser(prog)
    options = parser.parse_args(argv)
    if options.action == "advance" and (options.duration is None) == (options.to is None):
        parser.error("advance needs a DURATION or --to TIME (one of them)")
    try:
        client = client_from(options, timeout=600.0)
    except ConfigurationError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with client:
        try:
            if options.action == "show":
                clock = client.sandbox.get_clock()
                print(f"{clock.time}  (the wall clock + {float(clock.offset_seconds):g} s)")
                return 0
            if options.to is not None:
                advance = client.sandbox.advance_clock(to=options.to)
            else:
                advance = client.sandbox.advance_clock(seconds=options.duration)
        except NotFoundError:
            print(
                f"{prog}: {client.config.base_url} has no test clock (not a sandbox)",
                file=sys.stderr,
            )
            return EXIT_FAILED
        except APIError as exc:
            print(f"{prog}: {failure_text(exc, client.config.base_url)}", file=sys.stderr)
            return EXIT_FAILED
    _print_advance(advance.to_dict(), every_step=options.all)
    return 0


def _print_advance(advance: dict[str, Any], *, every_step: bool) -> None:
    counts = advance["counts"]
    ran = ", ".join(f"{count} {kind.replace('_', ' ')}" for kind, count in counts.items() if count)
    print(f"{advance['previous_time']} -> {advance['time']}: {ran or 'nothing was due'}")
    for step in advance["ran"]:
        if every_step or step["kind"] not in EXPIRIES:
            print(f"  {step['at']}  {_describe(step)}")
    if advance["ran_truncated"]:
        print(f"  ... and more (the answer lists the first {len(advance['ran'])})")


def _describe(step: dict[str, Any]) -> str:
    kind = step["kind"]
    if kind == "settlement":
        return f"settlement        {step['payment_id']} -> {step['outcome']}"
    if kind == "delivery_attempt":
        outcome = step["status_code"] if step["status_code"] is not None else step["error"]
        return (
            f"delivery attempt  {step['event_id']} -> {step['endpoint_id']}  "
            f"attempt {step['attempt']}  {outcome}"
        )
    if kind == "endpoint_disabled":
        return f"endpoint disabled {step['endpoint_id']} ({step['reason']})"
    if kind == "secret_expiry":
        return f"secret expired    {step['endpoint_id']}"
    return f"idempotency key expired  {step['idempotency_key']}"
