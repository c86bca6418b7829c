"""``python -m larkpay_sandbox`` / ``larkpay-sandbox``: run the sandbox on uvicorn."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

import uvicorn

from larkpay_sandbox.app import create_app
from larkpay_sandbox.settings import Settings


def banner(settings: Settings) -> str:
    """What the sandbox prints at start: base URL and the credentials to use."""
    return (
        f"Larkpay sandbox: http://{settings.host}:{settings.port}/v2\n"
        f"  API key:    {settings.api_key}\n"
        f"  API secret: {settings.api_secret}\n"
        f"  API docs:   http://{settings.host}:{settings.port}/docs\n"
        f"  database:   {settings.db_path}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Parse flags and env, print the banner, serve until SIGTERM/SIGINT (draining requests)."""
    settings = Settings.from_env_and_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(message)s")
    app = create_app(settings)
    print(banner(settings), flush=True)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        lifespan="on",
        access_log=False,
        log_level="warning",
        timeout_graceful_shutdown=30,
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
