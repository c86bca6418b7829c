from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_endpoint_disabled_reason import WebhookEndpointDisabledReason

T = TypeVar("T", bound="EndpointDisabledStep")


@_attrs_define
class EndpointDisabledStep:
    """The attempt before it disabled its endpoint (`webhook_endpoint.disabled` fired)."""

    kind: Literal["endpoint_disabled"]
    at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    endpoint_id: str
    reason: WebhookEndpointDisabledReason
    """ Why an endpoint is disabled: `manual` (a PATCH with `status: disabled`), `gone` (a
    delivery was answered 410 Gone) or `failing` (every attempt failed for the failing
    period: 3 days by default, the sandbox's `--failing-endpoint-period`).
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        at = self.at

        endpoint_id = self.endpoint_id

        reason = self.reason.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "at": at,
                "endpoint_id": endpoint_id,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["endpoint_disabled"], d.pop("kind"))
        if kind != "endpoint_disabled":
            raise ValueError(f"kind must match const 'endpoint_disabled', got '{kind}'")

        at = d.pop("at")

        endpoint_id = d.pop("endpoint_id")

        reason = WebhookEndpointDisabledReason(d.pop("reason"))

        endpoint_disabled_step = cls(
            kind=kind,
            at=at,
            endpoint_id=endpoint_id,
            reason=reason,
        )

        endpoint_disabled_step.additional_properties = d
        return endpoint_disabled_step

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
