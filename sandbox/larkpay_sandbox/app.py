"""The sandbox application: ``create_app(settings)`` returns a Starlette app whose HTTP path is
a single precompiled pipeline (no middleware stack) and whose lifespan runs the background tasks.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.routing import Match
from starlette.types import Message, Receive, Scope, Send

from larkpay_sandbox.core.api_error import dumps
from larkpay_sandbox.core.settings import Settings
from larkpay_sandbox.docs.page import docs_routes
from larkpay_sandbox.handlers import endpoints, events, payments, refunds
from larkpay_sandbox.handlers.scenarios import Settler
from larkpay_sandbox.server.auth import Authenticator
from larkpay_sandbox.server.contract import Context, Reply, ok
from larkpay_sandbox.server.idempotency import Idempotency
from larkpay_sandbox.server.pipeline import Handler, Pipeline, new_request_id
from larkpay_sandbox.server.ratelimit import RateLimiter
from larkpay_sandbox.spec.routes import Spec
from larkpay_sandbox.storage.database import Store, now_iso
from larkpay_sandbox.webhooks.dispatcher import Dispatcher


class Sandbox:
    """The sandbox's state: spec, store, credentials, limiter, idempotency and tasks."""

    def __init__(self, settings: Settings, spec: Spec | None = None) -> None:
        self.settings = settings
        self.spec = spec or Spec.load()
        self.store = Store(settings.db_path)
        self.auth = Authenticator(settings)
        self.limiter = RateLimiter(settings.rate_limit, settings.burst)
        self.idempotency = Idempotency(self.store)
        self.settler = Settler(self.store)
        self.dispatcher = Dispatcher(self.store, settings)
        self.unavailable_seen: set[tuple[str, str]] = set()
        self.version = str(self.spec.document.get("info", {}).get("version", "unknown"))

    async def health(self, ctx: Context) -> Reply:
        """GET /health."""
        data = {"object": "health", "status": "ok", "version": self.version, "time": now_iso()}
        return ok(dumps(data))

    def handlers(self) -> dict[str, Handler]:
        """The handler of every operationId of the spec."""
        return {
            "createPayment": payments.create_payment,
            "getPayment": payments.get_payment,
            "listPayments": payments.list_payments,
            "updatePayment": payments.update_payment,
            "cancelPayment": payments.cancel_payment,
            "settlePayment": payments.settle_payment,
            "createRefund": refunds.create_refund,
            "listRefunds": refunds.list_refunds,
            "getRefund": refunds.get_refund,
            "createWebhookEndpoint": endpoints.create_endpoint,
            "listWebhookEndpoints": endpoints.list_endpoints,
            "getWebhookEndpoint": endpoints.get_endpoint,
            "updateWebhookEndpoint": endpoints.update_endpoint,
            "deleteWebhookEndpoint": endpoints.delete_endpoint,
            "rotateWebhookSecret": endpoints.rotate_secret,
            "listEvents": events.list_events,
            "getEvent": events.get_event,
            "listEventDeliveries": events.list_deliveries,
            "redeliverEvent": events.redeliver_event,
            "getHealth": self.health,
        }

    async def start(self) -> None:
        """Settle what became due while stopped, then start the settler and the dispatcher."""
        self.settler.settle_due()
        self.idempotency.purge_expired()
        self.settler.start()
        await self.dispatcher.start()

    async def stop(self) -> None:
        """Stop the background tasks, then close the store."""
        await self.dispatcher.stop()
        await self.settler.stop()
        self.store.close()


class SandboxApp(Starlette):
    """Starlette for the lifespan; HTTP requests go straight to the pipeline or the docs."""

    def __init__(self, sandbox: Sandbox) -> None:
        @contextlib.asynccontextmanager
        async def lifespan(_: Starlette) -> AsyncIterator[None]:
            await sandbox.start()
            try:
                yield
            finally:
                await sandbox.stop()

        super().__init__(lifespan=lifespan)
        self.sandbox = sandbox
        self.pipeline = Pipeline(sandbox, sandbox.handlers())
        self.docs_routes = docs_routes(sandbox.spec.document)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        path: str = scope["path"]
        if path == "/docs" or path.startswith("/docs/"):
            for route in self.docs_routes:
                match, child_scope = route.matches(scope)
                if match is Match.FULL:
                    scope.update(child_scope)
                    await route.handle(scope, receive, _with_request_id(send))
                    return
        # Everything else, unknown /docs/ paths included, gets the pipeline's envelopes and
        # its own X-Request-Id.
        await self.pipeline(scope, receive, send)


def _with_request_id(send: Send) -> Send:
    request_id = new_request_id().encode()

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message = {
                **message,
                "headers": [*message.get("headers", []), (b"x-request-id", request_id)],
            }
        await send(message)

    return wrapped


def create_app(settings: Settings | None = None, spec: Spec | None = None) -> SandboxApp:
    """Build the sandbox ASGI app (opening the database and creating its schema)."""
    return SandboxApp(Sandbox(settings or Settings(), spec))
