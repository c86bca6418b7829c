from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.webhook_event_selection_item import WebhookEventSelectionItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateWebhookEndpointRequest")


@_attrs_define
class CreateWebhookEndpointRequest:
    url: str
    """ An absolute http or https URL (host name or IPv4 address, optional port, visible ASCII
    path and query) that answers 2xx within 10 seconds.
     """
    events: list[WebhookEventSelectionItem]
    """ The event types to send, or `["*"]` for every type. """
    description: None | str | Unset = UNSET
    """ Free text for your own use, shown to nobody else. """

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events = []
        for componentsschemas_webhook_event_selection_item_data in self.events:
            componentsschemas_webhook_event_selection_item = componentsschemas_webhook_event_selection_item_data.value
            events.append(componentsschemas_webhook_event_selection_item)

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "events": events,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        events = []
        _events = d.pop("events")
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

        create_webhook_endpoint_request = cls(
            url=url,
            events=events,
            description=description,
        )

        return create_webhook_endpoint_request
