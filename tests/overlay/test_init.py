"""The public surface of larkpay is exactly what it should be."""

from __future__ import annotations

import larkpay

EXPECTED = {
    "APIConnectionError", "APIError", "APIResponseValidationError",
    "APIStatusError", "APITimeoutError", "AsyncLarkpayClient", "AuthenticationError",
    "ClientConfig", "ConfigurationError", "ConflictError", "Event", "IdempotencyInProgressError",
    "IdempotencyKeyReusedError", "InternalServerError", "InvalidHeaderError",
    "InvalidPayloadError", "InvalidRequestError", "InvalidStateError", "LarkpayClient",
    "LarkpayError", "MethodNotAllowedError", "MissingHeaderError", "NoMatchingSignatureError",
    "NotFoundError", "PayloadTooLargeError", "PayloadTypeError", "PaymentFailedError",
    "RateLimitError", "RetryEvent", "RetryPolicy", "RetryTransport", "ServerError",
    "ServiceUnavailableError", "TimestampOutOfToleranceError", "UnsupportedMediaTypeError",
    "Webhook", "WebhookVerificationError", "Webhooks", "models",
}  # fmt: skip


def test_all_lists_exactly_the_public_names_sorted() -> None:
    assert set(larkpay.__all__) == EXPECTED
    assert larkpay.__all__ == sorted(larkpay.__all__)
    assert len(larkpay.__all__) == len(EXPECTED)


def test_every_exported_name_exists_and_nothing_else_is_public() -> None:
    for name in larkpay.__all__:
        assert getattr(larkpay, name) is not None
    public = {name for name in vars(larkpay) if not name.startswith("_")}
    assert public == EXPECTED


def test_every_exported_class_has_a_docstring() -> None:
    for name in larkpay.__all__:
        value = getattr(larkpay, name)
        if isinstance(value, type):
            assert value.__doc__, name
