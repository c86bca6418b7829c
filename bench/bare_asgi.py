"""The limit a Python HTTP server can reach here: a bare ASGI app on uvicorn + httptools + uvloop
(as the sandbox runs, access log off) that answers every request with the same status, headers
and body, captured from the sandbox. ``python -m bench.bare_asgi ANSWER.json PORT``."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path
from typing import Any

import uvicorn


def app_answering(status: int, headers: list[tuple[str, str]], body: bytes) -> Any:
    """An ASGI app that reads nothing and answers ``status``, ``headers`` and ``body``."""
    raw_headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    start = {"type": "http.response.start", "status": status, "headers": raw_headers}
    answer = {"type": "http.response.body", "body": body}

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await send(start)
        await send(answer)

    return app


def main(argv: list[str]) -> None:
    """Serve the answer stored in ``argv[0]`` (JSON: status, headers, body_b64) on port argv[1]."""
    stored = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    app = app_answering(
        stored["status"],
        [(k, v) for k, v in stored["headers"]],
        base64.b64decode(stored["body_b64"]),
    )
    print(f"bare ASGI app on http://127.0.0.1:{argv[1]}", flush=True)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(argv[1]),
        http="httptools",
        loop="uvloop",
        access_log=False,
        log_level="warning",
    )


if __name__ == "__main__":
    main(sys.argv[1:])
