from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.settle_payment_request_outcome import SettlePaymentRequestOutcome

T = TypeVar("T", bound="SettlePaymentRequest")


@_attrs_define
class SettlePaymentRequest:
    outcome: SettlePaymentRequestOutcome
    """ The status the pending payment moves to. """

    def to_dict(self) -> dict[str, Any]:
        outcome = self.outcome.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "outcome": outcome,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        outcome = SettlePaymentRequestOutcome(d.pop("outcome"))

        settle_payment_request = cls(
            outcome=outcome,
        )

        return settle_payment_request
