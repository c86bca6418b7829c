"""The Larkpay Python SDK.

    from larkpay import LarkpayClient, models

    with LarkpayClient() as client:  # reads LARKPAY_API_KEY / LARKPAY_API_SECRET
        payment = client.payments.create(
            amount=1999, currency=models.Currency.USD, source="test_success"
        )
        for payment in client.payments.list_all(status=models.PaymentStatus.SUCCEEDED):
            ...

Every operation of openapi.yaml is ``client.<tag>.<method>`` (sync) or ``await`` on
``AsyncLarkpayClient``; ``client.<tag>.with_raw_response.<method>`` answers a ``RawResponse``
(status, headers, request id, ``parse()``); every error is a ``LarkpayError``; webhooks are
verified with ``Webhook(secret).unwrap(body, headers)`` or
``client.webhooks.unwrap(body, headers, secret)``. Logs go to the ``larkpay`` logger
(``LARKPAY_LOG=info|debug`` sends them to stderr).
"""

from larkpay_api import models
from larkpay_api.api import Event, RawResponse

from ._client import AsyncLarkpayClient, LarkpayClient
from ._config import ClientConfig
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    IdempotencyInProgressError,
    IdempotencyKeyReusedError,
    InternalServerError,
    InvalidHeaderError,
    InvalidPayloadError,
    InvalidRequestError,
    InvalidStateError,
    LarkpayError,
    MethodNotAllowedError,
    MissingHeaderError,
    NoMatchingSignatureError,
    NotFoundError,
    PayloadTooLargeError,
    PayloadTypeError,
    PaymentFailedError,
    RateLimitError,
    ServerError,
    ServiceUnavailableError,
    TimestampOutOfToleranceError,
    UnsupportedMediaTypeError,
    WebhookVerificationError,
)
from ._logs import configure_from_environment
from ._transport import RetryEvent, RetryPolicy, RetryTransport
from ._webhooks import Webhook, Webhooks

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncLarkpayClient",
    "AuthenticationError",
    "ClientConfig",
    "ConfigurationError",
    "ConflictError",
    "Event",
    "IdempotencyInProgressError",
    "IdempotencyKeyReusedError",
    "InternalServerError",
    "InvalidHeaderError",
    "InvalidPayloadError",
    "InvalidRequestError",
    "InvalidStateError",
    "LarkpayClient",
    "LarkpayError",
    "MethodNotAllowedError",
    "MissingHeaderError",
    "NoMatchingSignatureError",
    "NotFoundError",
    "PayloadTooLargeError",
    "PayloadTypeError",
    "PaymentFailedError",
    "RateLimitError",
    "RawResponse",
    "RetryEvent",
    "RetryPolicy",
    "RetryTransport",
    "ServerError",
    "ServiceUnavailableError",
    "TimestampOutOfToleranceError",
    "UnsupportedMediaTypeError",
    "Webhook",
    "WebhookVerificationError",
    "Webhooks",
    "models",
]

# As httpx does: tracebacks and reprs name the public path (larkpay.NotFoundError), not the
# module that defines the class.
for _name in __all__:
    _value = globals()[_name]
    if isinstance(_value, type):
        _value.__module__ = "larkpay"

configure_from_environment()
del _name, _value, configure_from_environment
