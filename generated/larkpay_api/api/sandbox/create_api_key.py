from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key_envelope import ApiKeyEnvelope
from ...models.create_api_key_request import CreateApiKeyRequest
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CreateApiKeyRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandbox/api_keys",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiKeyEnvelope | ErrorEnvelope | None:
    if response.status_code == 201:
        response_201 = ApiKeyEnvelope.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorEnvelope.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiKeyEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateApiKeyRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiKeyEnvelope | ErrorEnvelope]:
    """Create a test API key (sandbox only)

     Creates a new `lk_test_` API key with its `lsk_` secret: a tenant of its own. Every
    payment, refund, event, webhook endpoint, delivery and idempotency record belongs to the
    key that created it; another key gets 404 for it and never sees it in a list, and the
    same `Idempotency-Key` sent with two API keys names two different requests. The secret
    is shown this once (a replay with the same `Idempotency-Key` answers the same body).
    The sandbox also takes extra key pairs at start (`--api-keys FILE`,
    `--api-key-pair KEY:SECRET`). The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (CreateApiKeyRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CreateApiKeyRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ApiKeyEnvelope | ErrorEnvelope | None:
    """Create a test API key (sandbox only)

     Creates a new `lk_test_` API key with its `lsk_` secret: a tenant of its own. Every
    payment, refund, event, webhook endpoint, delivery and idempotency record belongs to the
    key that created it; another key gets 404 for it and never sees it in a list, and the
    same `Idempotency-Key` sent with two API keys names two different requests. The secret
    is shown this once (a replay with the same `Idempotency-Key` answers the same body).
    The sandbox also takes extra key pairs at start (`--api-keys FILE`,
    `--api-key-pair KEY:SECRET`). The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (CreateApiKeyRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CreateApiKeyRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApiKeyEnvelope | ErrorEnvelope]:
    """Create a test API key (sandbox only)

     Creates a new `lk_test_` API key with its `lsk_` secret: a tenant of its own. Every
    payment, refund, event, webhook endpoint, delivery and idempotency record belongs to the
    key that created it; another key gets 404 for it and never sees it in a list, and the
    same `Idempotency-Key` sent with two API keys names two different requests. The secret
    is shown this once (a replay with the same `Idempotency-Key` answers the same body).
    The sandbox also takes extra key pairs at start (`--api-keys FILE`,
    `--api-key-pair KEY:SECRET`). The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (CreateApiKeyRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKeyEnvelope | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CreateApiKeyRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ApiKeyEnvelope | ErrorEnvelope | None:
    """Create a test API key (sandbox only)

     Creates a new `lk_test_` API key with its `lsk_` secret: a tenant of its own. Every
    payment, refund, event, webhook endpoint, delivery and idempotency record belongs to the
    key that created it; another key gets 404 for it and never sees it in a list, and the
    same `Idempotency-Key` sent with two API keys names two different requests. The secret
    is shown this once (a replay with the same `Idempotency-Key` answers the same body).
    The sandbox also takes extra key pairs at start (`--api-keys FILE`,
    `--api-key-pair KEY:SECRET`). The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (CreateApiKeyRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKeyEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
