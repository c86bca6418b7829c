from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.clock_step_counts import ClockStepCounts
    from ..models.delivery_attempt_step import DeliveryAttemptStep
    from ..models.endpoint_disabled_step import EndpointDisabledStep
    from ..models.idempotency_expiry_step import IdempotencyExpiryStep
    from ..models.secret_expiry_step import SecretExpiryStep
    from ..models.settlement_step import SettlementStep


T = TypeVar("T", bound="ClockAdvance")


@_attrs_define
class ClockAdvance:
    """What an advance of the clock did, for this API key."""

    object_: Literal["clock_advance"]
    previous_time: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    time: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    counts: ClockStepCounts
    """ How many steps of each kind ran (listed or not). """
    ran: list[DeliveryAttemptStep | EndpointDisabledStep | IdempotencyExpiryStep | SecretExpiryStep | SettlementStep]
    """ The steps that ran, in due order (the first 1,000). """
    ran_truncated: bool
    """ True when more steps ran than `ran` lists. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery_attempt_step import DeliveryAttemptStep  # noqa: PLC0415
        from ..models.endpoint_disabled_step import EndpointDisabledStep  # noqa: PLC0415
        from ..models.secret_expiry_step import SecretExpiryStep  # noqa: PLC0415
        from ..models.settlement_step import SettlementStep  # noqa: PLC0415

        object_ = self.object_

        previous_time = self.previous_time

        time = self.time

        counts = self.counts.to_dict()

        ran = []
        for ran_item_data in self.ran:
            ran_item: dict[str, Any]
            if isinstance(ran_item_data, SettlementStep):
                ran_item = ran_item_data.to_dict()
            elif isinstance(ran_item_data, DeliveryAttemptStep):
                ran_item = ran_item_data.to_dict()
            elif isinstance(ran_item_data, EndpointDisabledStep):
                ran_item = ran_item_data.to_dict()
            elif isinstance(ran_item_data, SecretExpiryStep):
                ran_item = ran_item_data.to_dict()
            else:
                ran_item = ran_item_data.to_dict()

            ran.append(ran_item)

        ran_truncated = self.ran_truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
                "previous_time": previous_time,
                "time": time,
                "counts": counts,
                "ran": ran,
                "ran_truncated": ran_truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clock_step_counts import ClockStepCounts  # noqa: PLC0415
        from ..models.delivery_attempt_step import DeliveryAttemptStep  # noqa: PLC0415
        from ..models.endpoint_disabled_step import EndpointDisabledStep  # noqa: PLC0415
        from ..models.idempotency_expiry_step import IdempotencyExpiryStep  # noqa: PLC0415
        from ..models.secret_expiry_step import SecretExpiryStep  # noqa: PLC0415
        from ..models.settlement_step import SettlementStep  # noqa: PLC0415

        d = dict(src_dict)
        object_ = cast(Literal["clock_advance"], d.pop("object"))
        if object_ != "clock_advance":
            raise ValueError(f"object must match const 'clock_advance', got '{object_}'")

        previous_time = d.pop("previous_time")

        time = d.pop("time")

        counts = ClockStepCounts.from_dict(d.pop("counts"))

        ran = []
        _ran = d.pop("ran")
        for ran_item_data in _ran:

            def _parse_ran_item(
                data: object,
            ) -> DeliveryAttemptStep | EndpointDisabledStep | IdempotencyExpiryStep | SecretExpiryStep | SettlementStep:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clock_step_type_0 = SettlementStep.from_dict(data)

                    return componentsschemas_clock_step_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clock_step_type_1 = DeliveryAttemptStep.from_dict(data)

                    return componentsschemas_clock_step_type_1
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clock_step_type_2 = EndpointDisabledStep.from_dict(data)

                    return componentsschemas_clock_step_type_2
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_clock_step_type_3 = SecretExpiryStep.from_dict(data)

                    return componentsschemas_clock_step_type_3
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_clock_step_type_4 = IdempotencyExpiryStep.from_dict(data)

                return componentsschemas_clock_step_type_4

            ran_item = _parse_ran_item(ran_item_data)

            ran.append(ran_item)

        ran_truncated = d.pop("ran_truncated")

        clock_advance = cls(
            object_=object_,
            previous_time=previous_time,
            time=time,
            counts=counts,
            ran=ran,
            ran_truncated=ran_truncated,
        )

        clock_advance.additional_properties = d
        return clock_advance

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
