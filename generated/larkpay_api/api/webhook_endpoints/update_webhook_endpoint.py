from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.update_webhook_endpoint_request import UpdateWebhookEndpointRequest
from ...models.webhook_endpoint_envelope import WebhookEndpointEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    endpoint_id: str,
    *,
    body: UpdateWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/webhook_endpoints/{endpoint_id}".format(
            endpoint_id=quote(str(endpoint_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WebhookEndpointEnvelope | None:
    if response.status_code == 200:
        response_200 = WebhookEndpointEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

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
) -> Response[ErrorEnvelope | WebhookEndpointEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    endpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookEndpointEnvelope]:
    """Update a webhook endpoint

     Changes the URL, the event types, the description or the status. `status: disabled`
    disables the endpoint (`disabled_reason: manual`): it receives nothing, its queued
    deliveries are canceled and `webhook_endpoint.disabled` goes to the key's other
    endpoints. `status: enabled` turns a disabled endpoint back on (whatever disabled it),
    and failures before that no longer count towards the failing period.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (UpdateWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookEndpointEnvelope]
    """

    kwargs = _get_kwargs(
        endpoint_id=endpoint_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    endpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookEndpointEnvelope | None:
    """Update a webhook endpoint

     Changes the URL, the event types, the description or the status. `status: disabled`
    disables the endpoint (`disabled_reason: manual`): it receives nothing, its queued
    deliveries are canceled and `webhook_endpoint.disabled` goes to the key's other
    endpoints. `status: enabled` turns a disabled endpoint back on (whatever disabled it),
    and failures before that no longer count towards the failing period.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (UpdateWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookEndpointEnvelope
    """

    return sync_detailed(
        endpoint_id=endpoint_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    endpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookEndpointEnvelope]:
    """Update a webhook endpoint

     Changes the URL, the event types, the description or the status. `status: disabled`
    disables the endpoint (`disabled_reason: manual`): it receives nothing, its queued
    deliveries are canceled and `webhook_endpoint.disabled` goes to the key's other
    endpoints. `status: enabled` turns a disabled endpoint back on (whatever disabled it),
    and failures before that no longer count towards the failing period.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (UpdateWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookEndpointEnvelope]
    """

    kwargs = _get_kwargs(
        endpoint_id=endpoint_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    endpoint_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: UpdateWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookEndpointEnvelope | None:
    """Update a webhook endpoint

     Changes the URL, the event types, the description or the status. `status: disabled`
    disables the endpoint (`disabled_reason: manual`): it receives nothing, its queued
    deliveries are canceled and `webhook_endpoint.disabled` goes to the key's other
    endpoints. `status: enabled` turns a disabled endpoint back on (whatever disabled it),
    and failures before that no longer count towards the failing period.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (UpdateWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookEndpointEnvelope
    """

    return (
        await asyncio_detailed(
            endpoint_id=endpoint_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
