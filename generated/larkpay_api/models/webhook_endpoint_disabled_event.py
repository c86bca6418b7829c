from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_endpoint import WebhookEndpoint


T = TypeVar("T", bound="WebhookEndpointDisabledEvent")


@_attrs_define
class WebhookEndpointDisabledEvent:
    """Payload of `webhook_endpoint.disabled`; `data` is the endpoint after it was disabled."""

    id: str
    """ An event id, `evt_` followed by letters and digits. """
    object_: Literal["event"]
    event: Literal["webhook_endpoint.disabled"]
    timestamp: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    data: WebhookEndpoint
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        event = self.event

        timestamp = self.timestamp

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "event": event,
                "timestamp": timestamp,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_endpoint import WebhookEndpoint  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["event"], d.pop("object"))
        if object_ != "event":
            raise ValueError(f"object must match const 'event', got '{object_}'")

        event = cast(Literal["webhook_endpoint.disabled"], d.pop("event"))
        if event != "webhook_endpoint.disabled":
            raise ValueError(f"event must match const 'webhook_endpoint.disabled', got '{event}'")

        timestamp = d.pop("timestamp")

        data = WebhookEndpoint.from_dict(d.pop("data"))

        webhook_endpoint_disabled_event = cls(
            id=id,
            object_=object_,
            event=event,
            timestamp=timestamp,
            data=data,
        )

        webhook_endpoint_disabled_event.additional_properties = d
        return webhook_endpoint_disabled_event

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
