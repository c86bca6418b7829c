"""``larkpay-sandbox`` (and ``python -m larkpay_sandbox``): run the sandbox on uvicorn.

Both commands reach :func:`main` through the ``larkpay`` dispatcher
(:func:`larkpay_cli.main.run`), which first checks that the sandbox extra is installed.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
import sys
from collections.abc import Sequence
from types import FrameType

import uvicorn

from larkpay_sandbox.app import create_app
from larkpay_sandbox.core.settings import Settings


def banner(settings: Settings) -> str:
    """What the sandbox prints at start: base URL and the credentials to use."""
    return (
        f"Larkpay sandbox: http://{settings.host}:{settings.port}/v2\n"
        f"  API key:    {settings.api_key}\n"
        f"  API secret: {settings.api_secret}\n"
        f"  API docs:   http://{settings.host}:{settings.port}/docs\n"
        f"  database:   {settings.db_path}"
    )


def _http_protocol() -> type[asyncio.Protocol] | str:
    """The sandbox's httptools protocol when httptools is installed, else uvicorn's pick."""
    try:
        from larkpay_sandbox.server.protocol import SandboxHttpProtocol
    except ImportError:
        return "auto"
    return SandboxHttpProtocol


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before serving so that the banner can name the real port."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as exc:
        sys.exit(f"Cannot listen on {host}:{port}: {exc.strerror or exc}. Choose another --port.")


def _exit_after_drain(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def main(argv: Sequence[str] | None = None, prog: str = "larkpay-sandbox") -> int:
    """Parse flags and env, print the banner, serve until SIGTERM/SIGINT (draining requests)."""
    settings = Settings.from_env_and_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    app = create_app(settings)
    listener = _listen(settings.host, settings.port)
    # With --port 0 the OS picks a free port; the banner shows the real one.
    settings = settings.with_overrides(port=int(listener.getsockname()[1]))
    print(banner(settings), flush=True)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        lifespan="on",
        access_log=False,
        log_level="warning",
        timeout_graceful_shutdown=30,
        http=_http_protocol(),
        ws="none",
        proxy_headers=False,  # nothing reads the client address; saves a wrapper per request
    )
    # uvicorn drains on SIGTERM/SIGINT, puts back the handlers it found and raises the signal
    # again: with these handlers a drained shutdown exits 0 instead of dying by the signal.
    signal.signal(signal.SIGTERM, _exit_after_drain)
    signal.signal(signal.SIGINT, _exit_after_drain)
    uvicorn.Server(config).run(sockets=[listener])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
