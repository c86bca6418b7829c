"""``larkpay listen --forward-to URL [--events TYPE,...] [--print-json]``

Against a local sandbox (endpoint mode) it registers a temporary webhook endpoint pointing at a
receiver on 127.0.0.1, prints the endpoint's signing secret, and forwards every delivery's
exact body and webhook-* headers to URL; the handler's status is the answer to the sandbox, so
it is the delivery's outcome (retries included). One line per delivery: time (the attempt's
webhook-timestamp, UTC), event type, event id, attempt as listen counts it, the handler's
status and latency. A handler slower than --forward-timeout gets a 504 answered for it.

Against any other deployment (poll mode) it polls listEvents and forwards each new event once,
as listEvents gives it (the same JSON, not the exact bytes), RE-SIGNED LOCALLY with a secret it
prints. Ctrl-C (or SIGTERM) deletes the endpoint and exits.
"""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from urllib.parse import urlsplit

from larkpay import APIError, ConfigurationError, LarkpayClient, NotFoundError, models

from larkpay_devtools.connection import (
    EXIT_FAILED,
    EXIT_USAGE,
    add_connection_options,
    client_from,
    failure_text,
)
from larkpay_devtools.listen.endpoint_mode import EndpointSession
from larkpay_devtools.listen.forwarding import HandlerClient
from larkpay_devtools.listen.poll_mode import Poller, local_secret
from larkpay_devtools.listen.receiver import Receiver
from larkpay_devtools.listen.report import Printer

EVENT_TYPES = tuple(str(item) for item in models.WebhookEventSelectionItem)


def build_parser(prog: str) -> argparse.ArgumentParser:
    """The options of ``larkpay listen``."""
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Forward the webhooks of the sandbox (or of a deployment) to a local handler.",
    )
    parser.add_argument(
        "--forward-to",
        required=True,
        metavar="URL",
        help="your handler, e.g. http://localhost:3000/webhooks",
    )
    parser.add_argument(
        "--events",
        action="append",
        metavar="TYPE[,TYPE...]",
        help="event types to receive (repeatable or comma-separated; default: all)",
    )
    parser.add_argument("--print-json", action="store_true", help="print each payload too")
    parser.add_argument(
        "--forward-timeout",
        type=float,
        default=9.0,
        help="seconds the handler has to answer before listen answers 504 for it (default 9, "
        "below the sandbox's 10 s delivery timeout)",
    )
    parser.add_argument(
        "--mode",
        choices=("auto", "endpoint", "poll"),
        default="auto",
        help="endpoint: a temporary endpoint on a local sandbox; poll: listEvents, re-signed "
        "locally; auto (default): endpoint for a sandbox on this machine, else poll",
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=2.0,
        help="seconds between health probes (endpoint mode) or polls (poll mode); default 2",
    )
    add_connection_options(parser)
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "larkpay listen") -> int:
    """Run until SIGINT or SIGTERM; the exit status."""
    options = build_parser(prog).parse_args(argv)
    events = sorted(
        {
            part.strip()
            for group in options.events or ["*"]
            for part in group.split(",")
            if part.strip()
        }
    )
    problem = _usage_problem(options, events)
    if problem is not None:
        print(f"{prog}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    try:
        client = client_from(options, timeout=5.0, max_retries=0)
    except ConfigurationError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stop = threading.Event()
    _stop_on_signals(stop)
    printer = Printer(print_json=options.print_json)
    handler = HandlerClient(options.forward_to, options.forward_timeout)
    try:
        mode = _mode(client, options.mode)
        if mode == "endpoint":
            return _endpoint_mode(client, handler, events, printer, stop, options)
        return _poll_mode(client, handler, events, printer, stop, options)
    except APIError as exc:
        print(f"{prog}: {failure_text(exc, client.config.base_url)}", file=sys.stderr)
        return EXIT_FAILED
    except ValueError as exc:  # the SDK refusing a value before sending it
        print(f"{prog}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        handler.close()
        client.close()


def _usage_problem(options: argparse.Namespace, events: list[str]) -> str | None:
    """What is wrong with the options, before anything is registered (None: nothing)."""
    unknown = [event for event in events if event not in EVENT_TYPES]
    if unknown:
        return f"unknown event type {unknown[0]!r}; use one or more of {', '.join(EVENT_TYPES)}"
    target = urlsplit(options.forward_to)
    if target.scheme not in ("http", "https") or not target.hostname:
        return (
            f"--forward-to {options.forward_to!r} is not an http(s) URL with a host; "
            "e.g. http://localhost:3000/webhooks"
        )
    if options.forward_timeout <= 0 or options.interval <= 0:
        return "--forward-timeout and --interval must be > 0"
    return None


def _stop_on_signals(stop: threading.Event) -> None:
    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, handle)
    signal.signal(signal.SIGTERM, handle)


def _mode(client: LarkpayClient, requested: str) -> str:
    if requested != "auto":
        return requested
    if not _is_loopback(client.config.base_url):
        return "poll"
    try:
        client.sandbox.get_clock()
    except NotFoundError:
        return "poll"
    return "endpoint"


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _endpoint_mode(
    client: LarkpayClient,
    handler: HandlerClient,
    events: list[str],
    printer: Printer,
    stop: threading.Event,
    options: argparse.Namespace,
) -> int:
    receiver = Receiver(handler, printer.delivery)
    receiver.start()
    session = EndpointSession(client, receiver.url, events, printer)
    try:
        session.register()
        session.check_clock()
        printer.say(
            f"Ready: forwarding the webhooks of {client.config.base_url} to {options.forward_to} "
            "(Ctrl-C to stop)."
        )
        session.watch(stop, options.interval)
    finally:
        session.close()
        receiver.close()
    return 0


def _poll_mode(
    client: LarkpayClient,
    handler: HandlerClient,
    events: list[str],
    printer: Printer,
    stop: threading.Event,
    options: argparse.Namespace,
) -> int:
    secret = local_secret()
    poller = Poller(client, handler, events, printer, secret)
    poller.start()
    why = (
        "polling (--mode poll)"
        if options.mode == "poll"
        else f"{client.config.base_url} cannot deliver to this machine: polling"
    )
    printer.say(f"{why} listEvents every {options.interval:g} s instead.")
    printer.say(
        "LOCAL RE-SIGNING: each event is signed here, not by the deployment, with this secret "
        f"(verify with it, not with your endpoint's): {secret}"
    )
    printer.say(
        "Each new event is forwarded once, as listEvents gives it (the same JSON, not the "
        "deployment's exact bytes); your handler's answers do not reach the deployment and "
        "nothing is retried."
    )
    printer.say(f"Ready: forwarding new events to {options.forward_to} (Ctrl-C to stop).")
    poller.watch(stop, options.interval)
    return 0
