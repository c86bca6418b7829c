from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="EventDelivery")


@_attrs_define
class EventDelivery:
    """One attempt to deliver an event to one endpoint."""

    id: str
    object_: Literal["event_delivery"]
    event_id: str
    """ An event id, `evt_` followed by letters and digits. """
    endpoint_id: str
    attempt: int
    """ 1 for the first attempt, counting retries and redeliveries. """
    attempted_at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    status_code: int | None
    """ The receiver's HTTP status, or null when no answer came. """
    error: None | str
    """ Why no answer came (timeout, connection refused), or null. """
    latency_ms: float
    succeeded: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        event_id = self.event_id

        endpoint_id = self.endpoint_id

        attempt = self.attempt

        attempted_at = self.attempted_at

        status_code: int | None
        status_code = self.status_code

        error: None | str
        error = self.error

        latency_ms = self.latency_ms

        succeeded = self.succeeded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "event_id": event_id,
                "endpoint_id": endpoint_id,
                "attempt": attempt,
                "attempted_at": attempted_at,
                "status_code": status_code,
                "error": error,
                "latency_ms": latency_ms,
                "succeeded": succeeded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        object_ = cast(Literal["event_delivery"], d.pop("object"))
        if object_ != "event_delivery":
            raise ValueError(f"object must match const 'event_delivery', got '{object_}'")

        event_id = d.pop("event_id")

        endpoint_id = d.pop("endpoint_id")

        attempt = d.pop("attempt")

        attempted_at = d.pop("attempted_at")

        def _parse_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        status_code = _parse_status_code(d.pop("status_code"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        latency_ms = d.pop("latency_ms")

        succeeded = d.pop("succeeded")

        event_delivery = cls(
            id=id,
            object_=object_,
            event_id=event_id,
            endpoint_id=endpoint_id,
            attempt=attempt,
            attempted_at=attempted_at,
            status_code=status_code,
            error=error,
            latency_ms=latency_ms,
            succeeded=succeeded,
        )

        event_delivery.additional_properties = d
        return event_delivery

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
