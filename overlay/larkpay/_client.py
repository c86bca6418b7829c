"""LarkpayClient and AsyncLarkpayClient: configuration + retry transport + generated resources."""

from __future__ import annotations

import base64
import dataclasses
from collections.abc import Callable
from types import EllipsisType, TracebackType
from typing import Self

import httpx
from larkpay_api.api import AsyncResources, Resources
from larkpay_api.client import AuthenticatedClient

from ._config import DEFAULT_TIMEOUT, ClientConfig, check_options, mask_key, resolve_config
from ._resources import AsyncRuntime, SyncRuntime
from ._retry import DEFAULT_MAX_RETRIES
from ._transport import RetryEvent, RetryPolicy, RetryTransport
from ._webhooks import Webhooks

USER_AGENT = "larkpay-python/2"


class _BasicCredentials(str):
    """The ``Authorization`` value for HTTP Basic auth, whose repr never shows it in clear.

    The generated client sends its ``token`` as a default header of its httpx clients (with
    ``prefix=""``), so no per-request auth flow runs; its attrs repr shows the token and its
    headers dict, and both show this masked repr.
    """

    __slots__ = ()

    @classmethod
    def of(cls, api_key: str, api_secret: str) -> _BasicCredentials:
        token = base64.b64encode(f"{api_key}:{api_secret}".encode()).decode("ascii")
        return cls(f"Basic {token}")

    def __repr__(self) -> str:
        return "'<larkpay credentials>'"


def _retry_transport(
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None, policy: RetryPolicy
) -> RetryTransport:
    if isinstance(transport, RetryTransport):
        return transport.with_policy(policy)
    return RetryTransport(
        policy,
        transport=transport if isinstance(transport, httpx.BaseTransport) else None,
        async_transport=transport if isinstance(transport, httpx.AsyncBaseTransport) else None,
    )


class _BaseClient:
    """What the sync and async clients share: settings, transport, raw client, webhooks."""

    def __init__(
        self,
        api_key: str | None = None,
        api_secret: str | None = None,
        *,
        environment: str | None = None,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        deadline: float | None = None,
        on_retry: Callable[[RetryEvent], None] | None = None,
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """Create a client.

        Args:
            api_key: ``lk_test_...`` (sandbox, local) or ``lk_live_...`` (production); default
                ``LARKPAY_API_KEY``.
            api_secret: ``lsk_...``; default ``LARKPAY_API_SECRET``.
            environment: ``production``, ``sandbox`` or ``local``; default
                ``LARKPAY_ENVIRONMENT``, else the environment of the key.
            base_url: overrides the environment's URL; default ``LARKPAY_BASE_URL``.
            timeout: seconds per attempt (connect, read, write, pool).
            max_retries: retries after the first attempt (0 disables retries).
            deadline: optional overall seconds per call, retries and waits included.
            on_retry: called with a RetryEvent before each retry.
            transport: the transport under the retries (e.g. an ``httpx.MockTransport`` in
                tests); a ``RetryTransport`` given here is used with this client's policy.
        """
        config = resolve_config(
            api_key=api_key,
            api_secret=api_secret,
            environment=environment,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
        )
        policy = RetryPolicy(
            max_retries=config.max_retries, deadline=config.deadline, on_retry=on_retry
        )
        self._setup(config, _retry_transport(transport, policy))

    def _setup(self, config: ClientConfig, transport: RetryTransport) -> None:
        self._config = config
        self._transport = transport
        self.api = AuthenticatedClient(
            base_url=config.base_url,
            token=_BasicCredentials.of(config.api_key, config.api_secret),
            prefix="",
            timeout=httpx.Timeout(config.timeout),
            headers={"User-Agent": USER_AGENT},
            httpx_args={"transport": transport},
        )
        """The generated client, for the raw ``larkpay_api.api...sync_detailed`` functions."""
        self.webhooks = Webhooks()
        """Verify, unwrap and sign webhooks (the secret is passed per call)."""

    @property
    def config(self) -> ClientConfig:
        """The resolved settings (the secret is kept out of its repr)."""
        return self._config

    def _derive(
        self, timeout: float | None, max_retries: int | None, deadline: float | EllipsisType | None
    ) -> Self:
        config = dataclasses.replace(
            self._config,
            timeout=self._config.timeout if timeout is None else timeout,
            max_retries=self._config.max_retries if max_retries is None else max_retries,
            deadline=self._config.deadline if isinstance(deadline, EllipsisType) else deadline,
        )
        check_options(
            timeout=config.timeout, max_retries=config.max_retries, deadline=config.deadline
        )
        policy = dataclasses.replace(
            self._transport.policy, max_retries=config.max_retries, deadline=config.deadline
        )
        clone = object.__new__(type(self))
        clone._setup(config, self._transport.with_policy(policy))
        return clone

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(api_key={mask_key(self._config.api_key)!r}, "
            f"environment={self._config.environment!r}, base_url={self._config.base_url!r})"
        )


class LarkpayClient(_BaseClient, Resources):
    """The Larkpay API client: ``client.payments.create(...)``, ``client.refunds.get(...)``...

    Every method raises a ``larkpay.APIError`` subclass on failure. Use it as a context
    manager, or call ``close()``, to release its connections.
    """

    def _setup(self, config: ClientConfig, transport: RetryTransport) -> None:
        super()._setup(config, transport)
        Resources.__init__(self, SyncRuntime(self.api))

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        deadline: float | EllipsisType | None = ...,
    ) -> LarkpayClient:
        """A client with other options sharing this one's connections, for a call or a block::

        client.with_options(timeout=5, max_retries=0).payments.get("pay_123")
        """
        return self._derive(timeout, max_retries, deadline)

    def close(self) -> None:
        """Close the connections of this client."""
        self.api.get_httpx_client().close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncLarkpayClient(_BaseClient, AsyncResources):
    """The asynchronous Larkpay API client: ``await client.payments.create(...)``."""

    def _setup(self, config: ClientConfig, transport: RetryTransport) -> None:
        super()._setup(config, transport)
        AsyncResources.__init__(self, AsyncRuntime(self.api))

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        deadline: float | EllipsisType | None = ...,
    ) -> AsyncLarkpayClient:
        """A client with other options sharing this one's connections (see LarkpayClient)."""
        return self._derive(timeout, max_retries, deadline)

    async def aclose(self) -> None:
        """Close the connections of this client."""
        await self.api.get_async_httpx_client().aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()
