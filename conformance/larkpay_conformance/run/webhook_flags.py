"""The webhook receiver's flags: ``--webhook-listen HOST:PORT`` and ``--webhook-public-url URL``.

Each parser raises ValueError with the sentence to show; ``larkpay conformance`` checks them
while parsing its arguments (before any target starts) and the pytest plugin when pytest is run
on the layers directly, each wrapping the sentence in its own usage error.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def parse_listen(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:PORT`` for IPv6) as (host, port)."""
    host, sep, port = value.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise ValueError(
            f"--webhook-listen {value!r}: expected HOST:PORT, e.g. 0.0.0.0:8800 or 127.0.0.1:0"
        )
    return host, int(port)


def parse_public_url(value: str) -> str:
    """An http(s) URL with a host."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            f"--webhook-public-url {value!r} is not an http(s) URL, e.g. https://hooks.example.com"
        )
    return value


def check_pair(listen: str | None, public_url: str | None) -> None:
    """A public URL leads somewhere: to the port --webhook-listen names."""
    if public_url is not None and listen is None:
        raise ValueError(
            "--webhook-public-url needs --webhook-listen HOST:PORT: the port that URL leads to"
        )
