from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClockStepCounts")


@_attrs_define
class ClockStepCounts:
    """How many steps of each kind ran (listed or not)."""

    settlement: int
    delivery_attempt: int
    endpoint_disabled: int
    secret_expiry: int
    idempotency_expiry: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        settlement = self.settlement

        delivery_attempt = self.delivery_attempt

        endpoint_disabled = self.endpoint_disabled

        secret_expiry = self.secret_expiry

        idempotency_expiry = self.idempotency_expiry

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "settlement": settlement,
                "delivery_attempt": delivery_attempt,
                "endpoint_disabled": endpoint_disabled,
                "secret_expiry": secret_expiry,
                "idempotency_expiry": idempotency_expiry,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        settlement = d.pop("settlement")

        delivery_attempt = d.pop("delivery_attempt")

        endpoint_disabled = d.pop("endpoint_disabled")

        secret_expiry = d.pop("secret_expiry")

        idempotency_expiry = d.pop("idempotency_expiry")

        clock_step_counts = cls(
            settlement=settlement,
            delivery_attempt=delivery_attempt,
            endpoint_disabled=endpoint_disabled,
            secret_expiry=secret_expiry,
            idempotency_expiry=idempotency_expiry,
        )

        clock_step_counts.additional_properties = d
        return clock_step_counts

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
