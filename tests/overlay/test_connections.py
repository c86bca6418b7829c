"""Tests of larkpay._connections: the pools under a RetryTransport, made once, on first use."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from larkpay import ConfigurationError, RetryPolicy, RetryTransport


def test_default_inner_transports_are_created_on_first_use_and_shared_when_derived() -> None:
    transport = RetryTransport()
    shared = transport.with_policy(RetryPolicy())
    assert transport._inner._sync is None
    assert transport._inner._async is None
    sync_pool = shared._inner.sync()
    assert isinstance(sync_pool, httpx.HTTPTransport)
    assert transport._inner.sync() is sync_pool
    assert transport._inner._async is None  # a sync client never builds the async pool
    async_pool = transport._inner.asynchronous()
    assert isinstance(async_pool, httpx.AsyncHTTPTransport)
    assert shared._inner.asynchronous() is async_pool
    transport.close()
    asyncio.run(transport.aclose())


def test_closing_a_transport_whose_default_pools_were_never_used_creates_none() -> None:
    transport = RetryTransport()
    transport.close()
    asyncio.run(transport.aclose())
    assert transport._inner._sync is None
    assert transport._inner._async is None


def test_unusable_tls_settings_raise_configuration_error_at_first_use_and_allow_a_retry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    transport = RetryTransport()
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(ConfigurationError, match="SSL_CERT_FILE"):
        transport._inner.sync()
    with pytest.raises(ConfigurationError, match="could not set up TLS"):
        transport._inner.asynchronous()
    monkeypatch.delenv("SSL_CERT_FILE")
    assert isinstance(transport._inner.sync(), httpx.HTTPTransport)
    transport.close()


def test_first_use_from_many_threads_at_once_creates_one_pool() -> None:
    transport = RetryTransport()
    start = threading.Barrier(8)

    def first_use() -> httpx.BaseTransport:
        start.wait()
        return transport._inner.sync()

    with ThreadPoolExecutor(max_workers=8) as pool:
        pools = {id(p) for p in pool.map(lambda _: first_use(), range(8))}
    assert len(pools) == 1
    transport.close()
