"""The public surface of larkpay is exactly what it should be."""

from __future__ import annotations

import traceback

import larkpay

EXPECTED = {
    "APIConnectionError", "APIError", "APIResponseValidationError",
    "APIStatusError", "APITimeoutError", "AsyncLarkpayClient", "AuthenticationError",
    "ClientConfig", "ConfigurationError", "ConflictError", "Event", "IdempotencyInProgressError",
    "IdempotencyKeyReusedError", "InternalServerError", "InvalidHeaderError",
    "InvalidPayloadError", "InvalidRequestError", "InvalidStateError", "LarkpayClient",
    "LarkpayError", "MethodNotAllowedError", "MissingHeaderError", "NoMatchingSignatureError",
    "NotFoundError", "PayloadTooLargeError", "PayloadTypeError", "PaymentFailedError",
    "RateLimitError", "RawResponse", "RetryEvent", "RetryPolicy", "RetryTransport", "ServerError",
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


def test_exported_classes_say_they_are_larkpay_names_in_tracebacks() -> None:
    for name in larkpay.__all__:
        value = getattr(larkpay, name)
        if isinstance(value, type):
            assert value.__module__ == "larkpay", name
    try:
        raise larkpay.NotFoundError("gone", status_code=404)
    except larkpay.NotFoundError:
        text = traceback.format_exc()
    assert "larkpay.NotFoundError: NOT_FOUND" not in text  # code is None: HTTP_ERROR
    assert "larkpay.NotFoundError: HTTP_ERROR (HTTP 404): gone" in text
