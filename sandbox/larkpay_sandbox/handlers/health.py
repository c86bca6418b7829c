"""GET /health: the service's status, the spec version it implements, and its time."""

from __future__ import annotations

from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.server.contract import Context, Handler, Reply, ok


def health_handler(version: str) -> Handler:
    """The getHealth handler of a sandbox implementing spec ``version``."""

    async def health(ctx: Context) -> Reply:
        now = ctx.services.clock.timestamp()
        return ok(dumps({"object": "health", "status": "ok", "version": version, "time": now}))

    return health
