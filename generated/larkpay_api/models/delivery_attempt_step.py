from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeliveryAttemptStep")


@_attrs_define
class DeliveryAttemptStep:
    """A webhook delivery attempt was made; `attempt` is the number listEventDeliveries shows."""

    kind: Literal["delivery_attempt"]
    at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    event_id: str
    """ An event id, `evt_` followed by letters and digits. """
    endpoint_id: str
    attempt: int
    status_code: int | None
    error: None | str
    succeeded: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        at = self.at

        event_id = self.event_id

        endpoint_id = self.endpoint_id

        attempt = self.attempt

        status_code: int | None
        status_code = self.status_code

        error: None | str
        error = self.error

        succeeded = self.succeeded

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "at": at,
                "event_id": event_id,
                "endpoint_id": endpoint_id,
                "attempt": attempt,
                "status_code": status_code,
                "error": error,
                "succeeded": succeeded,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["delivery_attempt"], d.pop("kind"))
        if kind != "delivery_attempt":
            raise ValueError(f"kind must match const 'delivery_attempt', got '{kind}'")

        at = d.pop("at")

        event_id = d.pop("event_id")

        endpoint_id = d.pop("endpoint_id")

        attempt = d.pop("attempt")

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

        succeeded = d.pop("succeeded")

        delivery_attempt_step = cls(
            kind=kind,
            at=at,
            event_id=event_id,
            endpoint_id=endpoint_id,
            attempt=attempt,
            status_code=status_code,
            error=error,
            succeeded=succeeded,
        )

        delivery_attempt_step.additional_properties = d
        return delivery_attempt_step

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
