"""The sandbox assembled: ``create_app(settings)`` builds every part and returns the ASGI app.

:class:`Sandbox` owns the parts (one clock, the store, the background workers, the pipeline);
:class:`SandboxApp` is the ASGI entry: a Router with the /docs pages and the pipeline as its
default app for every other request, and a lifespan that runs the background workers.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.routing import Router
from starlette.types import Receive, Scope, Send

from larkpay_sandbox.core.clock import Clock
from larkpay_sandbox.core.settings import Settings
from larkpay_sandbox.docs.routes import docs_routes
from larkpay_sandbox.handlers.operations import operation_handlers
from larkpay_sandbox.server.auth import Authenticator
from larkpay_sandbox.server.contract import Services
from larkpay_sandbox.server.idempotency import Idempotency
from larkpay_sandbox.server.pipeline import Pipeline
from larkpay_sandbox.server.ratelimit import RateLimiter
from larkpay_sandbox.spec.routes import Spec
from larkpay_sandbox.storage.api_keys import ApiKeys
from larkpay_sandbox.storage.clock_state import load_offset
from larkpay_sandbox.storage.database import Store
from larkpay_sandbox.storage.idempotency import IdempotencyRecords
from larkpay_sandbox.storage.outbox import Outbox
from larkpay_sandbox.timeline.advance import Timeline
from larkpay_sandbox.workers.dispatcher import Dispatcher
from larkpay_sandbox.workers.settler import Settler


class Sandbox:
    """Every part of one sandbox, built from its settings, its spec and its clock.

    ``clock`` is the one time source of the store's writers, the handlers and both background
    workers (the settler and the webhook dispatcher); it defaults to the wall clock. The test
    clock (``timeline``) advances it, and the offset it reached is kept in the database, so a
    restart on the same file goes on from there.
    """

    def __init__(
        self, settings: Settings, spec: Spec | None = None, clock: Clock | None = None
    ) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        self.spec = spec or Spec.load()
        self.store = Store(settings.db_path)
        self.clock.resume_from(self.clock.wall_time() + load_offset(self.store))
        self.outbox = Outbox(self.store, self.clock)
        self.idempotency_records = IdempotencyRecords(self.store, self.clock)
        self.settler = Settler(self.store, self.outbox, self.clock)
        self.api_keys = ApiKeys(self.store)
        self.dispatcher = Dispatcher(self.outbox, settings, self.clock)
        self.timeline = Timeline(self.clock, self.store, self.outbox, self.settler, self.dispatcher)
        services = Services(
            store=self.store,
            outbox=self.outbox,
            settings=settings,
            clock=self.clock,
            settlements_due=self.settler.due,
            unavailable_seen=set(),
            api_keys=self.api_keys,
            timeline=self.timeline,
        )
        version = str(self.spec.document.get("info", {}).get("version", "unknown"))
        self.idempotency = Idempotency(self.idempotency_records, self.store)
        self.pipeline = Pipeline(
            self.spec,
            services,
            operation_handlers(version),
            auth=Authenticator(settings, self.api_keys),
            limiter=RateLimiter(settings.rate_limit, settings.burst),
            idempotency=self.idempotency,
        )

    async def start(self) -> None:
        """Settle what became due while stopped, then start the settler and the dispatcher."""
        self.settler.settle_due()
        self.idempotency_records.purge_expired()
        self.settler.start()
        await self.dispatcher.start()

    async def stop(self) -> None:
        """Stop the background workers, then close the store."""
        await self.dispatcher.stop()
        await self.settler.stop()
        self.store.close()


class SandboxApp:
    """The ASGI app: a Starlette Router with the /docs routes, the pipeline as its default app
    (every API request, and unknown /docs/ paths, get the pipeline's envelopes), and the
    lifespan that starts and stops the sandbox's background workers."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.pipeline = sandbox.pipeline
        self.router = Router(
            routes=docs_routes(sandbox.spec.document),
            default=self.pipeline,
            lifespan=self._running,
            redirect_slashes=False,
        )

    @contextlib.asynccontextmanager
    async def _running(self, _: object) -> AsyncIterator[None]:
        await self.sandbox.start()
        try:
            yield
        finally:
            await self.sandbox.stop()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.router(scope, receive, send)


def create_app(
    settings: Settings | None = None, spec: Spec | None = None, clock: Clock | None = None
) -> SandboxApp:
    """Build the sandbox ASGI app (opening the database and creating its schema)."""
    return SandboxApp(Sandbox(settings or Settings(), spec, clock))
