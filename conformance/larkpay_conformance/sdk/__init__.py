"""The API driven through the SDK: :class:`~larkpay_conformance.sdk.api.Api`, one method per
operation, the transport that checks every exchange, and the :class:`Reply` each call returns."""
