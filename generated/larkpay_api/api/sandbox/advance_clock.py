from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.advance_clock_request import AdvanceClockRequest
from ...models.clock_advance_envelope import ClockAdvanceEnvelope
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AdvanceClockRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sandbox/clock/advance",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ClockAdvanceEnvelope | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = ClockAdvanceEnvelope.from_dict(response.json())

        return response_200

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
) -> Response[ClockAdvanceEnvelope | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AdvanceClockRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ClockAdvanceEnvelope | ErrorEnvelope]:
    """Advance the sandbox's clock, running what comes due (sandbox only)

     Moves the sandbox's clock `seconds` ahead, or to the time `to`, and runs everything that
    comes due on the way, in due order: settlements of pending scenario payments, webhook
    delivery attempts (first attempts and retries), expiries of rotated-out secrets and of
    idempotency keys. Each runs with the clock set to its due time, so a settled payment's
    `updated_at`, its event's `timestamp` and an attempt's `webhook-timestamp` and
    `attempted_at` are that time. Delivery attempts really go out to the endpoints, and
    their answers decide what follows (a retry, or disabling the endpoint). Attempts due
    less than the shortest retry delay apart may be in flight together, as in real time.
    The call answers once all of it has run; then the clock runs on from the new time.
    It takes as long as its attempts: each waits for its endpoint's answer, up to the
    delivery timeout (10 s by default), so behind a slow or hanging endpoint a long advance
    takes minutes; give the call a client timeout to match (a client that gives up and
    retries with the same Idempotency-Key gets 409 while the advance goes on).

    The clock never goes back: a `to` earlier than the clock answers 409 `INVALID_STATE`,
    as does a time more than 366 days ahead or past `9999-12-31T23:59:59Z`.
    `{"seconds": 0}` runs what is due now.
    The answer lists the steps of this API key (the due work of the other keys runs too),
    the first 1,000 of them, and counts every one. The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (AdvanceClockRequest): Exactly one of `seconds` and `to`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClockAdvanceEnvelope | ErrorEnvelope]
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
    body: AdvanceClockRequest,
    idempotency_key: str | Unset = UNSET,
) -> ClockAdvanceEnvelope | ErrorEnvelope | None:
    """Advance the sandbox's clock, running what comes due (sandbox only)

     Moves the sandbox's clock `seconds` ahead, or to the time `to`, and runs everything that
    comes due on the way, in due order: settlements of pending scenario payments, webhook
    delivery attempts (first attempts and retries), expiries of rotated-out secrets and of
    idempotency keys. Each runs with the clock set to its due time, so a settled payment's
    `updated_at`, its event's `timestamp` and an attempt's `webhook-timestamp` and
    `attempted_at` are that time. Delivery attempts really go out to the endpoints, and
    their answers decide what follows (a retry, or disabling the endpoint). Attempts due
    less than the shortest retry delay apart may be in flight together, as in real time.
    The call answers once all of it has run; then the clock runs on from the new time.
    It takes as long as its attempts: each waits for its endpoint's answer, up to the
    delivery timeout (10 s by default), so behind a slow or hanging endpoint a long advance
    takes minutes; give the call a client timeout to match (a client that gives up and
    retries with the same Idempotency-Key gets 409 while the advance goes on).

    The clock never goes back: a `to` earlier than the clock answers 409 `INVALID_STATE`,
    as does a time more than 366 days ahead or past `9999-12-31T23:59:59Z`.
    `{"seconds": 0}` runs what is due now.
    The answer lists the steps of this API key (the due work of the other keys runs too),
    the first 1,000 of them, and counts every one. The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (AdvanceClockRequest): Exactly one of `seconds` and `to`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClockAdvanceEnvelope | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AdvanceClockRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ClockAdvanceEnvelope | ErrorEnvelope]:
    """Advance the sandbox's clock, running what comes due (sandbox only)

     Moves the sandbox's clock `seconds` ahead, or to the time `to`, and runs everything that
    comes due on the way, in due order: settlements of pending scenario payments, webhook
    delivery attempts (first attempts and retries), expiries of rotated-out secrets and of
    idempotency keys. Each runs with the clock set to its due time, so a settled payment's
    `updated_at`, its event's `timestamp` and an attempt's `webhook-timestamp` and
    `attempted_at` are that time. Delivery attempts really go out to the endpoints, and
    their answers decide what follows (a retry, or disabling the endpoint). Attempts due
    less than the shortest retry delay apart may be in flight together, as in real time.
    The call answers once all of it has run; then the clock runs on from the new time.
    It takes as long as its attempts: each waits for its endpoint's answer, up to the
    delivery timeout (10 s by default), so behind a slow or hanging endpoint a long advance
    takes minutes; give the call a client timeout to match (a client that gives up and
    retries with the same Idempotency-Key gets 409 while the advance goes on).

    The clock never goes back: a `to` earlier than the clock answers 409 `INVALID_STATE`,
    as does a time more than 366 days ahead or past `9999-12-31T23:59:59Z`.
    `{"seconds": 0}` runs what is due now.
    The answer lists the steps of this API key (the due work of the other keys runs too),
    the first 1,000 of them, and counts every one. The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (AdvanceClockRequest): Exactly one of `seconds` and `to`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ClockAdvanceEnvelope | ErrorEnvelope]
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
    body: AdvanceClockRequest,
    idempotency_key: str | Unset = UNSET,
) -> ClockAdvanceEnvelope | ErrorEnvelope | None:
    """Advance the sandbox's clock, running what comes due (sandbox only)

     Moves the sandbox's clock `seconds` ahead, or to the time `to`, and runs everything that
    comes due on the way, in due order: settlements of pending scenario payments, webhook
    delivery attempts (first attempts and retries), expiries of rotated-out secrets and of
    idempotency keys. Each runs with the clock set to its due time, so a settled payment's
    `updated_at`, its event's `timestamp` and an attempt's `webhook-timestamp` and
    `attempted_at` are that time. Delivery attempts really go out to the endpoints, and
    their answers decide what follows (a retry, or disabling the endpoint). Attempts due
    less than the shortest retry delay apart may be in flight together, as in real time.
    The call answers once all of it has run; then the clock runs on from the new time.
    It takes as long as its attempts: each waits for its endpoint's answer, up to the
    delivery timeout (10 s by default), so behind a slow or hanging endpoint a long advance
    takes minutes; give the call a client timeout to match (a client that gives up and
    retries with the same Idempotency-Key gets 409 while the advance goes on).

    The clock never goes back: a `to` earlier than the clock answers 409 `INVALID_STATE`,
    as does a time more than 366 days ahead or past `9999-12-31T23:59:59Z`.
    `{"seconds": 0}` runs what is due now.
    The answer lists the steps of this API key (the due work of the other keys runs too),
    the first 1,000 of them, and counts every one. The production API answers 404.

    Args:
        idempotency_key (str | Unset):
        body (AdvanceClockRequest): Exactly one of `seconds` and `to`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ClockAdvanceEnvelope | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
