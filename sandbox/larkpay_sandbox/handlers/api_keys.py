"""createApiKey (sandbox only): a new test key pair, a tenant of its own."""

from __future__ import annotations

from larkpay_sandbox.core.envelopes import dumps
from larkpay_sandbox.server.contract import Context, Reply, ok


async def create_api_key(ctx: Context) -> Reply:
    """POST /sandbox/api_keys: the new key and its secret, shown this once."""
    services = ctx.services
    description = (ctx.body or {}).get("description")
    now = services.clock.timestamp()
    with ctx.transaction() as conn:
        api_key, secret = services.api_keys.create(conn, ctx.api_key, description, now)
    created = {
        "object": "api_key",
        "api_key": api_key,
        "api_secret": secret,
        "description": description,
        "created_at": now,
    }
    return ok(dumps(created), 201)
