from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ReplayWebhookEndpointRequest")


@_attrs_define
class ReplayWebhookEndpointRequest:
    since: str
    """ A time you send: RFC 3339 in UTC, e.g. `2026-11-27T10:15:00Z` or with up to six
    decimals of a second; a real calendar date (leap days included) from the year 1000.
     """

    def to_dict(self) -> dict[str, Any]:
        since = self.since

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "since": since,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        since = d.pop("since")

        replay_webhook_endpoint_request = cls(
            since=since,
        )

        return replay_webhook_endpoint_request
