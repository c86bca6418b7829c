from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_endpoint_status import WebhookEndpointStatus
from ..models.webhook_event_selection_item import WebhookEventSelectionItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="UpdateWebhookEndpointRequest")


@_attrs_define
class UpdateWebhookEndpointRequest:
    url: str | Unset = UNSET
    """ An absolute http or https URL (host name or IPv4 address, optional port, visible ASCII
    path and query) that answers 2xx within 10 seconds.
     """
    events: list[WebhookEventSelectionItem] | Unset = UNSET
    """ The event types to send, or `["*"]` for every type. """
    description: None | str | Unset = UNSET
    """ Free text for your own use, shown to nobody else. """
    status: WebhookEndpointStatus | Unset = UNSET
    """ `disabled` endpoints receive no deliveries: disabling one cancels the deliveries still
    queued for it (replay them with replayWebhookEndpoint once it is enabled again).
     """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events: list[str] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for componentsschemas_webhook_event_selection_item_data in self.events:
                componentsschemas_webhook_event_selection_item = (
                    componentsschemas_webhook_event_selection_item_data.value
                )
                events.append(componentsschemas_webhook_event_selection_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if url is not UNSET:
            field_dict["url"] = url
        if events is not UNSET:
            field_dict["events"] = events
        if description is not UNSET:
            field_dict["description"] = description
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url", UNSET)

        _events = d.pop("events", UNSET)
        events: list[WebhookEventSelectionItem] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for componentsschemas_webhook_event_selection_item_data in _events:
                componentsschemas_webhook_event_selection_item = WebhookEventSelectionItem(
                    componentsschemas_webhook_event_selection_item_data
                )

                events.append(componentsschemas_webhook_event_selection_item)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _status = d.pop("status", UNSET)
        status: WebhookEndpointStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = WebhookEndpointStatus(_status)

        update_webhook_endpoint_request = cls(
            url=url,
            events=events,
            description=description,
            status=status,
        )

        return update_webhook_endpoint_request
