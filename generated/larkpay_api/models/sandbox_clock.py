from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SandboxClock")


@_attrs_define
class SandboxClock:
    """The sandbox's time, and the delays after which its due work comes due."""

    object_: Literal["sandbox_clock"]
    time: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    offset_seconds: float
    """ How far the clock is ahead of the wall clock (0 until it is advanced). """
    settle_delay_seconds: float
    """ A `test_pending` payment settles this long after its `created_at` (`--settle-delay`). """
    retry_schedule_seconds: list[float]
    """ After failed attempt n (1-based) the next is due the n-th delay after attempt n
    started (its webhook-timestamp), in real time as on the test clock; when none is
    left the delivery is given up (`--retry-schedule`; default 5, 30, 120, 600, 3600,
    21600).
     """
    failing_endpoint_period_seconds: float
    """ An endpoint whose every attempt failed this long is disabled (`--failing-endpoint-period`). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_

        time = self.time

        offset_seconds = self.offset_seconds

        settle_delay_seconds = self.settle_delay_seconds

        retry_schedule_seconds = self.retry_schedule_seconds

        failing_endpoint_period_seconds = self.failing_endpoint_period_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "time": time,
                "offset_seconds": offset_seconds,
                "settle_delay_seconds": settle_delay_seconds,
                "retry_schedule_seconds": retry_schedule_seconds,
                "failing_endpoint_period_seconds": failing_endpoint_period_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        object_ = cast(Literal["sandbox_clock"], d.pop("object"))
        if object_ != "sandbox_clock":
            raise ValueError(f"object must match const 'sandbox_clock', got '{object_}'")

        time = d.pop("time")

        offset_seconds = d.pop("offset_seconds")

        settle_delay_seconds = d.pop("settle_delay_seconds")

        retry_schedule_seconds = cast(list[float], d.pop("retry_schedule_seconds"))

        failing_endpoint_period_seconds = d.pop("failing_endpoint_period_seconds")

        sandbox_clock = cls(
            object_=object_,
            time=time,
            offset_seconds=offset_seconds,
            settle_delay_seconds=settle_delay_seconds,
            retry_schedule_seconds=retry_schedule_seconds,
            failing_endpoint_period_seconds=failing_endpoint_period_seconds,
        )

        sandbox_clock.additional_properties = d
        return sandbox_clock

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
