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


T = TypeVar("T", bound="EventListEnvelope")


@_attrs_define
class EventListEnvelope:
    status: Literal["success"]
    data: list[
        PaymentCreatedEvent
        | PaymentUpdatedEvent
        | RefundCreatedEvent
        | RefundUpdatedEvent
        | WebhookEndpointDisabledEvent
    ]
    has_more: bool
    next_cursor: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payment_created_event import PaymentCreatedEvent  # noqa: PLC0415
        from ..models.payment_updated_event import PaymentUpdatedEvent  # noqa: PLC0415
        from ..models.refund_created_event import RefundCreatedEvent  # noqa: PLC0415
        from ..models.refund_updated_event import RefundUpdatedEvent  # noqa: PLC0415

        status = self.status

        data = []
        for data_item_data in self.data:
            data_item: dict[str, Any]
            if isinstance(data_item_data, PaymentCreatedEvent):
                data_item = data_item_data.to_dict()
            elif isinstance(data_item_data, PaymentUpdatedEvent):
                data_item = data_item_data.to_dict()
            elif isinstance(data_item_data, RefundCreatedEvent):
                data_item = data_item_data.to_dict()
            elif isinstance(data_item_data, RefundUpdatedEvent):
                data_item = data_item_data.to_dict()
            else:
                data_item = data_item_data.to_dict()

            data.append(data_item)

        has_more = self.has_more

        next_cursor: None | str
        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "data": data,
                "has_more": has_more,
                "next_cursor": next_cursor,
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

        data = []
        _data = d.pop("data")
        for data_item_data in _data:

            def _parse_data_item(
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

            data_item = _parse_data_item(data_item_data)

            data.append(data_item)

        has_more = d.pop("has_more")

        def _parse_next_cursor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_cursor = _parse_next_cursor(d.pop("next_cursor"))

        event_list_envelope = cls(
            status=status,
            data=data,
            has_more=has_more,
            next_cursor=next_cursor,
        )

        event_list_envelope.additional_properties = d
        return event_list_envelope

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
