from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.payment_created_event import PaymentCreatedEvent
    from ..models.payment_updated_event import PaymentUpdatedEvent
    from ..models.refund_created_event import RefundCreatedEvent
    from ..models.refund_updated_event import RefundUpdatedEvent
    from ..models.webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent


T = TypeVar("T", bound="EventEnvelope")


@_attrs_define
class EventEnvelope:
    status: Literal["success"]
    data: (
        PaymentCreatedEvent
        | PaymentUpdatedEvent
        | RefundCreatedEvent
        | RefundUpdatedEvent
        | WebhookEndpointDisabledEvent
    )
    """ Any event; `event` tells which. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payment_created_event import PaymentCreatedEvent  # noqa: PLC0415
        from ..models.payment_updated_event import PaymentUpdatedEvent  # noqa: PLC0415
        from ..models.refund_created_event import RefundCreatedEvent  # noqa: PLC0415
        from ..models.refund_updated_event import RefundUpdatedEvent  # noqa: PLC0415

        status = self.status

        data: dict[str, Any]
        if isinstance(self.data, PaymentCreatedEvent):
            data = self.data.to_dict()
        elif isinstance(self.data, PaymentUpdatedEvent):
            data = self.data.to_dict()
        elif isinstance(self.data, RefundCreatedEvent):
            data = self.data.to_dict()
        elif isinstance(self.data, RefundUpdatedEvent):
            data = self.data.to_dict()
        else:
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.payment_created_event import PaymentCreatedEvent  # noqa: PLC0415
        from ..models.payment_updated_event import PaymentUpdatedEvent  # noqa: PLC0415
        from ..models.refund_created_event import RefundCreatedEvent  # noqa: PLC0415
        from ..models.refund_updated_event import RefundUpdatedEvent  # noqa: PLC0415
        from ..models.webhook_endpoint_disabled_event import WebhookEndpointDisabledEvent  # noqa: PLC0415

        d = dict(src_dict)
        status = cast(Literal["success"], d.pop("status"))
        if status != "success":
            raise ValueError(f"status must match const 'success', got '{status}'")

        def _parse_data(
            data: object,
        ) -> (
            PaymentCreatedEvent
            | PaymentUpdatedEvent
            | RefundCreatedEvent
            | RefundUpdatedEvent
            | WebhookEndpointDisabledEvent
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_0 = PaymentCreatedEvent.from_dict(data)

                return componentsschemas_event_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_1 = PaymentUpdatedEvent.from_dict(data)

                return componentsschemas_event_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_2 = RefundCreatedEvent.from_dict(data)

                return componentsschemas_event_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_event_type_3 = RefundUpdatedEvent.from_dict(data)

                return componentsschemas_event_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_event_type_4 = WebhookEndpointDisabledEvent.from_dict(data)

            return componentsschemas_event_type_4

        data = _parse_data(d.pop("data"))

        event_envelope = cls(
            status=status,
            data=data,
        )

        event_envelope.additional_properties = d
        return event_envelope

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
