from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.settlement_step_outcome import SettlementStepOutcome

T = TypeVar("T", bound="SettlementStep")


@_attrs_define
class SettlementStep:
    """A pending scenario payment was settled, firing `payment.updated`."""

    kind: Literal["settlement"]
    at: str
    """ An RFC 3339 time in UTC with microseconds, e.g. `2026-11-27T10:15:00.123456Z`. """
    payment_id: str
    """ A payment id, `pay_` followed by letters and digits. """
    outcome: SettlementStepOutcome
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        at = self.at

        payment_id = self.payment_id

        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "at": at,
                "payment_id": payment_id,
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = cast(Literal["settlement"], d.pop("kind"))
        if kind != "settlement":
            raise ValueError(f"kind must match const 'settlement', got '{kind}'")

        at = d.pop("at")

        payment_id = d.pop("payment_id")

        outcome = SettlementStepOutcome(d.pop("outcome"))

        settlement_step = cls(
            kind=kind,
            at=at,
            payment_id=payment_id,
            outcome=outcome,
        )

        settlement_step.additional_properties = d
        return settlement_step

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
