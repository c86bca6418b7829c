from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_endpoint_disabled_reason import WebhookEndpointDisabledReason
from ..models.webhook_endpoint_status import WebhookEndpointStatus
from ..models.webhook_event_selection_item import WebhookEventSelectionItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookEndpoint")


@_attrs_define
class WebhookEndpoint:
    id: str
    object_: Literal["webhook_endpoint"]
    url: str
    """ An absolute http or https URL (host name or IPv4 address, optional port, visible ASCII
    path and query) that answers 2xx within 10 seconds.
     """
    events: list[WebhookEventSelectionItem]
    """ The event types to send, or `["*"]` for every type. """
    description: None | str
    """ Free text for your own use, shown to nobody else. """
    status: WebhookEndpointStatus
    """ `disabled` endpoints receive no deliveries: disabling one cancels the deliveries still
    queued for it (replay them with replayWebhookEndpoint once it is enabled again).
     """
    created_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    disabled_reason: None | Unset | WebhookEndpointDisabledReason = UNSET
    """ Why the endpoint is disabled; null while it is enabled. Sent on every endpoint by
    servers with endpoint health (the sandbox); optional so that clients still read the
    answers of servers without it.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        url = self.url

        events = []
        for componentsschemas_webhook_event_selection_item_data in self.events:
            componentsschemas_webhook_event_selection_item = componentsschemas_webhook_event_selection_item_data.value
            events.append(componentsschemas_webhook_event_selection_item)

        description: None | str
        description = self.description

        status = self.status.value

        created_at = self.created_at

        disabled_reason: None | str | Unset
        if isinstance(self.disabled_reason, Unset):
            disabled_reason = UNSET
        elif isinstance(self.disabled_reason, WebhookEndpointDisabledReason):
            disabled_reason = self.disabled_reason.value
        else:
            disabled_reason = self.disabled_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "url": url,
                "events": events,
                "description": description,
                "status": status,
                "created_at": created_at,
            }
        )
        if disabled_reason is not UNSET:
            field_dict["disabled_reason"] = disabled_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["webhook_endpoint"], d.pop("object"))
        if object_ != "webhook_endpoint":
            raise ValueError(f"object must match const 'webhook_endpoint', got '{object_}'")

        url = d.pop("url")

        events = []
        _events = d.pop("events")
        for componentsschemas_webhook_event_selection_item_data in _events:
            componentsschemas_webhook_event_selection_item = WebhookEventSelectionItem(
                componentsschemas_webhook_event_selection_item_data
            )

            events.append(componentsschemas_webhook_event_selection_item)

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        status = WebhookEndpointStatus(d.pop("status"))

        created_at = d.pop("created_at")

        def _parse_disabled_reason(data: object) -> None | Unset | WebhookEndpointDisabledReason:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disabled_reason_type_0 = WebhookEndpointDisabledReason(data)

                return disabled_reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WebhookEndpointDisabledReason, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason", UNSET))

        webhook_endpoint = cls(
            id=id,
            object_=object_,
            url=url,
            events=events,
            description=description,
            status=status,
            created_at=created_at,
            disabled_reason=disabled_reason,
        )

        webhook_endpoint.additional_properties = d
        return webhook_endpoint

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
