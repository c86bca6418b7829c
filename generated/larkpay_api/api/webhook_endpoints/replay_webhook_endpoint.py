from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.replay_webhook_endpoint_request import ReplayWebhookEndpointRequest
from ...models.webhook_replay_envelope import WebhookReplayEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    endpoint_id: str,
    *,
    body: ReplayWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhook_endpoints/{endpoint_id}/replay".format(
            endpoint_id=quote(str(endpoint_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | WebhookReplayEnvelope | None:
    if response.status_code == 202:
        response_202 = WebhookReplayEnvelope.from_dict(response.json())

        return response_202

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
) -> Response[ErrorEnvelope | WebhookReplayEnvelope]:
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
    body: ReplayWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookReplayEnvelope]:
    """Replay past events to a webhook endpoint

     Queues again, for this endpoint only, every event of this API key that its `events`
    selection covers and that was created at or after `since`, oldest first. Each replayed
    delivery carries the event's own `webhook-id` (its id), so a receiver that deduplicates
    on it sees each event once; its attempts continue the event's attempt count and follow
    the retry schedule like any delivery. An event still waiting for a retry to this
    endpoint is not queued twice: that retry is moved up to now (one chain of attempts).
    Use it after re-enabling an endpoint (disabling
    cancels the deliveries that were still queued) or after fixing a handler. A disabled
    endpoint answers 409 `INVALID_STATE`: enable it first. Answers 202 with how many
    events were queued.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (ReplayWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookReplayEnvelope]
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
    body: ReplayWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookReplayEnvelope | None:
    """Replay past events to a webhook endpoint

     Queues again, for this endpoint only, every event of this API key that its `events`
    selection covers and that was created at or after `since`, oldest first. Each replayed
    delivery carries the event's own `webhook-id` (its id), so a receiver that deduplicates
    on it sees each event once; its attempts continue the event's attempt count and follow
    the retry schedule like any delivery. An event still waiting for a retry to this
    endpoint is not queued twice: that retry is moved up to now (one chain of attempts).
    Use it after re-enabling an endpoint (disabling
    cancels the deliveries that were still queued) or after fixing a handler. A disabled
    endpoint answers 409 `INVALID_STATE`: enable it first. Answers 202 with how many
    events were queued.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (ReplayWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookReplayEnvelope
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
    body: ReplayWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ErrorEnvelope | WebhookReplayEnvelope]:
    """Replay past events to a webhook endpoint

     Queues again, for this endpoint only, every event of this API key that its `events`
    selection covers and that was created at or after `since`, oldest first. Each replayed
    delivery carries the event's own `webhook-id` (its id), so a receiver that deduplicates
    on it sees each event once; its attempts continue the event's attempt count and follow
    the retry schedule like any delivery. An event still waiting for a retry to this
    endpoint is not queued twice: that retry is moved up to now (one chain of attempts).
    Use it after re-enabling an endpoint (disabling
    cancels the deliveries that were still queued) or after fixing a handler. A disabled
    endpoint answers 409 `INVALID_STATE`: enable it first. Answers 202 with how many
    events were queued.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (ReplayWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | WebhookReplayEnvelope]
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
    body: ReplayWebhookEndpointRequest,
    idempotency_key: str | Unset = UNSET,
) -> ErrorEnvelope | WebhookReplayEnvelope | None:
    """Replay past events to a webhook endpoint

     Queues again, for this endpoint only, every event of this API key that its `events`
    selection covers and that was created at or after `since`, oldest first. Each replayed
    delivery carries the event's own `webhook-id` (its id), so a receiver that deduplicates
    on it sees each event once; its attempts continue the event's attempt count and follow
    the retry schedule like any delivery. An event still waiting for a retry to this
    endpoint is not queued twice: that retry is moved up to now (one chain of attempts).
    Use it after re-enabling an endpoint (disabling
    cancels the deliveries that were still queued) or after fixing a handler. A disabled
    endpoint answers 409 `INVALID_STATE`: enable it first. Answers 202 with how many
    events were queued.

    Args:
        endpoint_id (str):
        idempotency_key (str | Unset):
        body (ReplayWebhookEndpointRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | WebhookReplayEnvelope
    """

    return (
        await asyncio_detailed(
            endpoint_id=endpoint_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
