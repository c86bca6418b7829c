"""Contains all the data models used in inputs/outputs"""

from .advance_clock_request import AdvanceClockRequest
from .clock_advance import ClockAdvance
from .clock_advance_envelope import ClockAdvanceEnvelope
from .clock_step_counts import ClockStepCounts
from .create_payment_request import CreatePaymentRequest
from .create_refund_request import CreateRefundRequest
from .create_webhook_endpoint_request import CreateWebhookEndpointRequest
from .currency import Currency
from .deleted_webhook_endpoint import DeletedWebhookEndpoint
from .deleted_webhook_endpoint_envelope import DeletedWebhookEndpointEnvelope
from .delivery_attempt_step import DeliveryAttemptStep
from .endpoint_disabled_step import EndpointDisabledStep
from .error import Error
from .error_code import ErrorCode
from .error_detail import ErrorDetail
from .error_envelope import ErrorEnvelope
from .event_delivery import EventDelivery
from .event_delivery_list_envelope import EventDeliveryListEnvelope
from .event_envelope import EventEnvelope
from .event_list_envelope import EventListEnvelope
from .event_type import EventType
from .health import Health
from .health_envelope import HealthEnvelope
from .health_status import HealthStatus
from .idempotency_expiry_step import IdempotencyExpiryStep
from .metadata import Metadata
from .payment import Payment
from .payment_created_event import PaymentCreatedEvent
from .payment_envelope import PaymentEnvelope
from .payment_list_envelope import PaymentListEnvelope
from .payment_status import PaymentStatus
from .payment_updated_event import PaymentUpdatedEvent
from .refund import Refund
from .refund_created_event import RefundCreatedEvent
from .refund_envelope import RefundEnvelope
from .refund_list_envelope import RefundListEnvelope
from .refund_reason import RefundReason
from .refund_status import RefundStatus
from .refund_updated_event import RefundUpdatedEvent
from .replay_webhook_endpoint_request import ReplayWebhookEndpointRequest
from .rotate_webhook_secret_request import RotateWebhookSecretRequest
from .sandbox_clock import SandboxClock
from .sandbox_clock_envelope import SandboxClockEnvelope
from .secret_expiry_step import SecretExpiryStep
from .settle_payment_request import SettlePaymentRequest
from .settle_payment_request_outcome import SettlePaymentRequestOutcome
from .settlement_step import SettlementStep
from .settlement_step_outcome import SettlementStepOutcome
from .update_payment_request import UpdatePaymentRequest
from .update_webhook_endpoint_request import UpdateWebhookEndpointRequest
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent
from .webhook_endpoint_disabled_reason import WebhookEndpointDisabledReason
from .webhook_endpoint_envelope import WebhookEndpointEnvelope
from .webhook_endpoint_list_envelope import WebhookEndpointListEnvelope
from .webhook_endpoint_status import WebhookEndpointStatus
from .webhook_endpoint_with_secret import WebhookEndpointWithSecret
from .webhook_endpoint_with_secret_envelope import WebhookEndpointWithSecretEnvelope
from .webhook_event_selection_item import WebhookEventSelectionItem
from .webhook_replay import WebhookReplay
from .webhook_replay_envelope import WebhookReplayEnvelope

__all__ = (
    "AdvanceClockRequest",
    "ClockAdvance",
    "ClockAdvanceEnvelope",
    "ClockStepCounts",
    "CreatePaymentRequest",
    "CreateRefundRequest",
    "CreateWebhookEndpointRequest",
    "Currency",
    "DeletedWebhookEndpoint",
    "DeletedWebhookEndpointEnvelope",
    "DeliveryAttemptStep",
    "EndpointDisabledStep",
    "Error",
    "ErrorCode",
    "ErrorDetail",
    "ErrorEnvelope",
    "EventDelivery",
    "EventDeliveryListEnvelope",
    "EventEnvelope",
    "EventListEnvelope",
    "EventType",
    "Health",
    "HealthEnvelope",
    "HealthStatus",
    "IdempotencyExpiryStep",
    "Metadata",
    "Payment",
    "PaymentCreatedEvent",
    "PaymentEnvelope",
    "PaymentListEnvelope",
    "PaymentStatus",
    "PaymentUpdatedEvent",
    "Refund",
    "RefundCreatedEvent",
    "RefundEnvelope",
    "RefundListEnvelope",
    "RefundReason",
    "RefundStatus",
    "RefundUpdatedEvent",
    "ReplayWebhookEndpointRequest",
    "RotateWebhookSecretRequest",
    "SandboxClock",
    "SandboxClockEnvelope",
    "SecretExpiryStep",
    "SettlementStep",
    "SettlementStepOutcome",
    "SettlePaymentRequest",
    "SettlePaymentRequestOutcome",
    "UpdatePaymentRequest",
    "UpdateWebhookEndpointRequest",
    "WebhookEndpoint",
    "WebhookEndpointDisabledEvent",
    "WebhookEndpointDisabledReason",
    "WebhookEndpointEnvelope",
    "WebhookEndpointListEnvelope",
    "WebhookEndpointStatus",
    "WebhookEndpointWithSecret",
    "WebhookEndpointWithSecretEnvelope",
    "WebhookEventSelectionItem",
    "WebhookReplay",
    "WebhookReplayEnvelope",
)
